using QdSim.Analysis.Saturation;
using QdSim.Plotting.Figures;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 8: detected rate against pulse fluence follows A(1 − e^(−σj)) for a dot emitting at most one photon per pulse
/// (multiexciton QY 0); the weighted fit of the count rates read from the files (<see cref="SaturationFit.FitCrossSection"/>)
/// recovers the configured cross-section σ and hence ⟨N⟩ = σj, and the saturated rate A = f_rep · η · QY_X.
/// </summary>
public sealed class SaturationCase : ValidationCase
{
    public const string CaseId = "08-saturation";
    public const double SigmaMultiple = 4;

    public override string Id => CaseId;
    public override string Title => "Saturation: rate = A(1 − e^(−⟨N⟩)), ⟨N⟩ recovered by the fit";

    public override CaseOutcome Run(CaseContext context)
    {
        var baseline = CaseToolkit.Load(context, Id, []);
        var ex = baseline.Experiment.Excitation;
        double sigmaCm2 = ex.AbsorptionCrossSectionCm2 ?? throw new InvalidOperationException("no cross-section derived");
        double collection = baseline.Detection.OpticalPath.Collection.EfficiencyFraction;
        double expectedA = ex.RepetitionRateHz * collection * baseline.Experiment.Dot.ExcitonQuantumYield;
        double[] meanN = context.Quick ? [0.1, 0.5, 2, 4] : [0.05, 0.1, 0.2, 0.5, 1, 2, 4];
        double targetCounts = context.Quick ? 20_000 : 200_000; // relative rate error 1/√counts
        var points = CaseToolkit.ForEachPoint(context, meanN, (n, i) =>
        {
            double rate = expectedA * (1 - Math.Exp(-n));
            var file = CaseToolkit.Simulate(context, Id, $"sat{i}", [$"Excitation:MeanExcitonsPerPulse={CaseToolkit.Num(n)}",
                $"Run:DurationS={CaseToolkit.Num(targetCounts / rate)}", $"Run:Seed={801 + i}"]);
            var (photons, durationS) = CaseToolkit.CountsOf(file.PtuPath);
            double fluence = n / sigmaCm2; // photons cm⁻² per pulse
            return new SaturationPoint(fluence, photons / durationS, Math.Sqrt(photons) / durationS);
        });
        var fit = SaturationFit.FitCrossSection(points);
        double fitSigma = fit.CrossSectionCm2 ?? double.NaN, fitSigmaErr = fit.CrossSectionSigmaCm2 ?? double.NaN;
        var checks = new List<CheckResult>
        {
            CheckResult.WithinSigmas("cross-section σ (⟨N⟩ = σj)", fitSigma * 1e15, fitSigmaErr * 1e15, sigmaCm2 * 1e15, SigmaMultiple, "×10⁻¹⁵ cm²",
                $"{SigmaMultiple}σ, σ = fit error from Poisson rate errors (χ² = {fit.ChiSquare:F1} for {fit.DegreesOfFreedom} dof)"),
            CheckResult.WithinSigmas("saturated rate A", fit.SaturatedRateCps, fit.SaturatedRateSigmaCps, expectedA, SigmaMultiple, "cps",
                $"{SigmaMultiple}σ (fit); expected f_rep × collection × QE(1) × QY_X"),
        };
        // ⟨N⟩ recovered point by point from the fitted σ: its error is the relative σ error.
        foreach (var (p, n) in points.Zip(meanN))
        {
            double recovered = fit.MeanExcitons(p.Excitation);
            checks.Add(CheckResult.WithinSigmas($"⟨N⟩ recovered at configured {n}", recovered, recovered * fitSigmaErr / fitSigma, n, SigmaMultiple, "",
                $"{SigmaMultiple}σ of the fitted σ"));
        }
        var curveN = Enumerable.Range(0, 81).Select(k => 0.02 * Math.Pow(300, k / 80.0)).ToArray();
        var figure = ValidationFigures.Case(new ValidationCaseData(Title,
            new SweepData("⟨N⟩ (configured)", "", meanN, "Detected rate", "kcps", points.Select(p => p.RateCps / 1e3).ToArray(), points.Select(p => p.RateSigmaCps / 1e3).ToArray(),
                curveN, curveN.Select(n => expectedA * (1 - Math.Exp(-n)) / 1e3).ToArray(), LogX: true),
            curveN.Select(n => expectedA * (1 - Math.Exp(-n)) * (1 - SigmaMultiple / Math.Sqrt(targetCounts)) / 1e3).ToArray(),
            curveN.Select(n => expectedA * (1 - Math.Exp(-n)) * (1 + SigmaMultiple / Math.Sqrt(targetCounts)) / 1e3).ToArray(), checks.All(c => c.Passed)));
        var notes = new List<string>
        {
            "Multiexciton QY 0 (τ_A,XX = 10⁻⁶ ns) so that a pulse gives at most one photon and A(1 − e^(−⟨N⟩)) is exact; with radiative biexcitons the rate exceeds it by q₂P(n ≥ 2)/q₁ (case 1 covers that regime).",
            $"Fit: A = {fit.SaturatedRateCps:F0} ± {fit.SaturatedRateSigmaCps:F0} cps, σ = {fitSigma:E4} ± {fitSigmaErr:E2} cm² (configured {sigmaCm2:E4} cm²).",
        };
        return new CaseOutcome(checks, [("saturation", figure, "Count rates read from the PTU files; dashed: A(1 − e^(−⟨N⟩)) with the configured A and ⟨N⟩; band: 4σ Poisson rate error.")], notes);
    }
}
