using QdSim.Runner.Validation;
using QdSim.Runner.Validation.Cases;

namespace QdSim.Runner.Tests.Validation;

/// <summary>
/// Runs `qdsim validate --quick` in-process: every case of validation/ end to end (engine → PTU file → QdSim.Analysis
/// reading that file → comparison with its derived tolerance). Each failing check is named with its measured value,
/// expected value and accepted interval.
/// </summary>
public sealed class QuickValidationTests
{
    public static TheoryData<string> CaseIds() => new(ValidationSuite.Cases.Select(c => c.Id));

    /// <summary>
    /// Published numbers the model cannot reproduce, kept visible as FAIL in every `qdsim validate` report and listed
    /// here so the suite stays green while they are open. Each must STILL fail: when a model change makes one pass,
    /// this test fails and the entry must be removed (a known discrepancy is never silently absorbed).
    /// </summary>
    private static readonly Dictionary<string, string> KnownDiscrepancies = new()
    {
        // (none open: seed 001's DDA and PEA Mandel Q are reproduced by case 06 since the presets' recalibration)
    };

    /// <summary>One test per case of `qdsim validate --quick`: the case runs end to end and every one of its checks passes.</summary>
    [Theory]
    [MemberData(nameof(CaseIds))]
    public void QuickCasePasses(string caseId)
    {
        string outDir = Path.Combine(Path.GetTempPath(), $"qdsim-validate-test-{caseId}-{Guid.NewGuid():N}");
        try
        {
            var cases = ValidationSuite.Cases.Where(c => c.Id == caseId).ToList();
            var results = ValidationSuite.Run(ValidationSuite.FindValidationDirectory(AppContext.BaseDirectory), Path.Combine(outDir, "files"), quick: true,
                threads: Environment.ProcessorCount, cases);
            var (md, html) = ValidationReport.Write(outDir, results, quick: true, wallTimeS: results.Sum(r => r.Outcome.WallTimeS), Environment.ProcessorCount);
            Assert.True(File.Exists(md) && File.Exists(html), "validate writes the Markdown and HTML reports");
            var outcome = results.Single().Outcome;
            Assert.True(outcome.Error is null, $"{caseId}: {outcome.Error}");
            static bool Known(CheckResult c) => KnownDiscrepancies.Keys.Any(k => c.Quantity.Contains(k, StringComparison.Ordinal));
            var failures = outcome.Checks.Where(c => !c.Passed && !Known(c)).Select(c =>
                $"{c.Quantity}: measured {c.Measured:G4} ± {c.MeasuredSigma:G3}, expected {c.Expected:G4}, accepted [{c.Lower:G4}, {c.Upper:G4}] ({c.ToleranceRule})").ToList();
            Assert.True(failures.Count == 0, $"{caseId}\n" + string.Join("\n", failures));
            foreach (var known in outcome.Checks.Where(Known))
                Assert.False(known.Passed, $"{known.Quantity} now passes: remove it from KnownDiscrepancies ({KnownDiscrepancies.First(k => known.Quantity.Contains(k.Key, StringComparison.Ordinal)).Value})");
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    [Fact]
    public void CascadeExpectationMatchesClosedForms()
    {
        // Every photon emitted (q_k = 1), no cap in practice: D ~ Poisson(N), so E[D(D−1)]/E[D]² = 1 exactly (n_max 16: capped mass e^-0.5·0.5^16/16! ≈ 1e-18).
        var all = Enumerable.Repeat(1.0, 16).ToArray();
        Assert.Equal(1.0, CascadeExpectation.G2Zero(0.5, all), 9);
        // Only the exciton photon (q_k = 0 for k ≥ 2): at most one photon per pulse, g2(0) = 0.
        Assert.Equal(0.0, CascadeExpectation.G2Zero(1.0, [1.0, 0, 0, 0, 0, 0]), 12);
        // Low-⟨N⟩ limit q₂/q₁: at N = 1e-4 the O(N) correction is below 1e-3 relative.
        Assert.Equal(0.2 / 0.8, CascadeExpectation.G2Zero(1e-4, [0.8, 0.2, 0.1, 0.1, 0.1, 0.1]), 3);
    }
}
