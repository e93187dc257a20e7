using QdSim.Analysis.Correlation;
using QdSim.Plotting.Figures;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 3: uncorrelated background (constant rate at each detector) raises the measured g2(0) to
/// 1 − ρ²(1 − g2_signal); the Nair et al. (Nano Lett. 11, 1136 (2011)) correction with the signal fraction ρ taken from
/// the decay tail of the same file recovers the background-free value (the exact cascade expectation of case 1).
/// </summary>
public sealed class BackgroundCorrectionCase : ValidationCase
{
    public const string CaseId = "03-background-correction";
    public const double SigmaMultiple = 4;
    /// <summary>Mean excitons per pulse of the case.</summary>
    public const double MeanN = 0.1;

    public override string Id => CaseId;
    public override string Title => "Background correction (Nair 2011) recovers the background-free g2(0)";

    public override CaseOutcome Run(CaseContext context)
    {
        var baseline = CaseToolkit.Load(context, Id, []);
        var q = CascadeExpectation.StepQuantumYields(baseline.Experiment.Dot);
        double expected = CascadeExpectation.G2Zero(MeanN, q);
        double periodS = 1 / baseline.Experiment.Excitation.RepetitionRateHz;
        double[] backgroundCps = context.Quick ? [0, 100_000] : [0, 25_000, 100_000, 300_000];
        double durationS = context.Quick ? 0.4 : 3;
        var results = CaseToolkit.ForEachPoint(context, backgroundCps, (b, i) =>
        {
            var file = CaseToolkit.Simulate(context, Id, $"bg{i}", [$"Excitation:MeanExcitonsPerPulse={CaseToolkit.Num(MeanN)}",
                $"Detection:OpticalPath:Arms:0:UncorrelatedBackgroundCps={CaseToolkit.Num(b)}", $"Detection:OpticalPath:Arms:1:UncorrelatedBackgroundCps={CaseToolkit.Num(b)}",
                $"Run:DurationS={CaseToolkit.Num(durationS)}", $"Run:Seed={301 + i}"]);
            var g2 = CaseToolkit.PulsedG2Of(file.PtuPath);
            // Signal fraction from the decay tail (last quarter of the period: the exciton, τ ≈ 13 ns, has decayed by e^-11).
            var decay = CaseToolkit.DecayOf(file.PtuPath);
            var (backgroundFraction, backgroundFractionErr) = decay.BackgroundFraction(0.75 * periodS, periodS);
            double rho = 1 - backgroundFraction;
            var (corrected, correctedErr) = g2.BackgroundCorrected(rho, rho);
            // Error of ρ propagated too: g_sig = 1 − (1 − g)/ρ², ∂g_sig/∂ρ = 2(1 − g)/ρ³ (ρ from the same tail for both channels).
            double sigma = Math.Sqrt(correctedErr * correctedErr + Math.Pow(2 * (1 - g2.G2Zero) / (rho * rho * rho) * backgroundFractionErr, 2));
            return (BackgroundCps: b, Rho: rho, Raw: g2.G2Zero, RawErr: g2.G2ZeroStdErr, Corrected: corrected, CorrectedErr: sigma);
        });
        var checks = new List<CheckResult>();
        foreach (var r in results)
        {
            checks.Add(CheckResult.WithinSigmas($"corrected g2(0), background {r.BackgroundCps:G3} cps/detector (ρ = {r.Rho:F3})", r.Corrected, r.CorrectedErr,
                expected, SigmaMultiple, "", $"{SigmaMultiple}σ, σ = Poisson error of the peak areas / ρ² ⊕ tail-count error of ρ; expected = exact background-free cascade value"));
            if (r.BackgroundCps > 0)
            {
                double predictedRaw = 1 - r.Rho * r.Rho * (1 - expected);
                checks.Add(CheckResult.WithinSigmas($"raw g2(0) floor, background {r.BackgroundCps:G3} cps/detector", r.Raw, r.RawErr, predictedRaw, SigmaMultiple, "",
                    $"{SigmaMultiple}σ (Poisson, peak areas); expected 1 − ρ²(1 − g2_signal) with ρ from the decay tail"));
            }
        }
        var x = results.Select(r => r.BackgroundCps / 1000).ToArray();
        var curveX = Enumerable.Range(0, 61).Select(k => k * x.Max() / 60).ToArray();
        double meanSigma = results.Average(r => r.CorrectedErr);
        var figure = ValidationFigures.Case(new ValidationCaseData(Title,
            new SweepData("Background per detector", "kcps", x, "Corrected g2(0)", "", results.Select(r => r.Corrected).ToArray(), results.Select(r => r.CorrectedErr).ToArray(),
                curveX, curveX.Select(_ => expected).ToArray()),
            curveX.Select(_ => expected - SigmaMultiple * meanSigma).ToArray(), curveX.Select(_ => expected + SigmaMultiple * meanSigma).ToArray(), checks.All(c => c.Passed)));
        var notes = new List<string>
        {
            $"Expected background-free g2(0) at ⟨N⟩ = {MeanN}: {expected:G4} (exact cascade, rates of config.json).",
            "Raw (uncorrected) values: " + string.Join("; ", results.Select(r => $"{r.BackgroundCps:G3} cps → {r.Raw:F4} ± {r.RawErr:F4}")),
        };
        return new CaseOutcome(checks, [("background", figure, "Nair-corrected g2(0) against the background rate; dashed: background-free expectation; band: 4σ (mean σ of the points).")], notes);
    }
}
