using QdSim.Plotting.Layout;

namespace QdSim.Runner.Validation;

/// <summary>
/// One end-to-end validation case (a folder under <c>validation/</c>): simulate with the engine, write a PTU file,
/// read THAT file back with the QdSim.Analysis stages, and compare the measured quantity with an analytic result or a
/// published number. Tolerances are derived from the statistics of the case (stated in each check and in case.md).
/// </summary>
public abstract class ValidationCase
{
    /// <summary>Folder name under validation/ (holds config.json and case.md).</summary>
    public abstract string Id { get; }

    /// <summary>One-line title for the report.</summary>
    public abstract string Title { get; }

    /// <summary>Runs the case; <paramref name="context"/> says whether this is the quick set.</summary>
    public abstract CaseOutcome Run(CaseContext context);
}

/// <summary>Where a case finds its configuration and writes its files, and which set it belongs to.</summary>
/// <param name="ValidationDirectory">The repository's validation/ folder.</param>
/// <param name="WorkDirectory">Scratch folder for this case's PTU files (deleted by the suite unless kept).</param>
/// <param name="Quick">Reduced set: shorter runs and fewer points of the same case.</param>
/// <param name="Threads">Points of a case run in parallel on this many threads (each point has its own seed).</param>
public sealed record CaseContext(string ValidationDirectory, string WorkDirectory, bool Quick, int Threads)
{
    /// <summary>validation/&lt;id&gt;/&lt;file&gt;.</summary>
    public string CaseFile(string caseId, string file) => Path.Combine(ValidationDirectory, caseId, file);
}

/// <summary>
/// One comparison of a measured number with its expectation. The accepted interval [Lower, Upper] is fixed before the
/// measurement from the expectation and the statistics of the case; <see cref="ToleranceRule"/> says how.
/// </summary>
/// <param name="Quantity">What is compared, e.g. "g2(0) at ⟨N⟩ = 0.1".</param>
/// <param name="Measured">Value measured from the simulated file.</param>
/// <param name="MeasuredSigma">Its standard error (statistical), NaN when not available.</param>
/// <param name="Expected">Expected value (analytic or published).</param>
/// <param name="Lower">Lower edge of the accepted interval.</param>
/// <param name="Upper">Upper edge of the accepted interval.</param>
/// <param name="Unit">Display unit ("" for dimensionless).</param>
/// <param name="ToleranceRule">Derivation of the interval (e.g. "4σ, σ = Poisson error of the peak areas").</param>
public sealed record CheckResult(string Quantity, double Measured, double MeasuredSigma, double Expected, double Lower, double Upper,
    string Unit, string ToleranceRule)
{
    /// <summary>True when the measured value lies in the accepted interval.</summary>
    public bool Passed => Measured >= Lower && Measured <= Upper;

    /// <summary>Interval expected ± k σ.</summary>
    public static CheckResult WithinSigmas(string quantity, double measured, double sigma, double expected, double k, string unit, string rule) =>
        new(quantity, measured, sigma, expected, expected - k * sigma, expected + k * sigma, unit, rule);
}

/// <summary>What a case produced: its checks, its figures (simulated data with the expected curve), notes and run time.</summary>
public sealed record CaseOutcome(IReadOnlyList<CheckResult> Checks, IReadOnlyList<(string Name, Figure Figure, string Caption)> Figures,
    IReadOnlyList<string> Notes)
{
    /// <summary>Wall time of the case, seconds (filled by the suite).</summary>
    public double WallTimeS { get; init; }

    /// <summary>Message of an unexpected error, when the case could not run to the end.</summary>
    public string? Error { get; init; }

    /// <summary>Passed: ran to the end, has checks, and every check passed.</summary>
    public bool Passed => Error is null && Checks.Count > 0 && Checks.All(c => c.Passed);
}
