using QdSim.Analysis.Lifetimes;
using QdSim.Plotting.Figures;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 4: a mono-exponential exciton decay (τ = QY/k_r = 0.4 ns) seen through a 350 ps FWHM Gaussian detector IRF,
/// recovered from the TRPL histogram of the file by Poisson maximum-likelihood reconvolution (<see cref="DecayFit"/>);
/// and the trion lifetime shortening per intensity level with the FLID of a charging dot (<see cref="TrionFlidCheck"/>).
/// </summary>
public sealed class LifetimeReconvolutionCase : ValidationCase
{
    public const string CaseId = "04-lifetime-reconvolution";
    public const double SigmaMultiple = 4;

    public override string Id => CaseId;
    public override string Title => "TRPL: mono-exponential lifetime through IRF reconvolution; trion lifetime per intensity level (FLID)";

    public override CaseOutcome Run(CaseContext context)
    {
        var baseline = CaseToolkit.Load(context, Id, []);
        var dot = baseline.Experiment.Dot;
        double expectedNs = dot.ExcitonQuantumYield / (dot.ExcitonRadiativeRatePerNs ?? double.NaN);
        double irfFwhmS = baseline.Detection.OpticalPath.Arms[0].Detector.Irf.GaussianFwhmPs * 1e-12;
        double durationS = context.Quick ? 0.5 : 5;
        var file = CaseToolkit.Simulate(context, Id, "trpl", [$"Run:DurationS={CaseToolkit.Num(durationS)}"]);
        var decay = CaseToolkit.DecayOf(file.PtuPath);
        var fit = DecayFit.Fit(decay, new DecayFitOptions { Irf = new GaussianIrf(irfFwhmS), Components = 1, InitialLifetimeS = 1e-9 });
        double tauNs = fit.LifetimesS[0] * 1e9, tauErrNs = fit.LifetimeErrorsS[0] * 1e9;
        var checks = new List<CheckResult>
        {
            CheckResult.WithinSigmas("lifetime τ (reconvolution fit)", tauNs, tauErrNs, expectedNs, SigmaMultiple, "ns",
                $"{SigmaMultiple}σ, σ = Fisher error of the Poisson ML fit ({decay.TotalCounts} photons, reduced χ² {fit.ReducedChiSquare:F2})"),
        };
        // Figure: the first 4 ns of the histogram with the expected curve (exponential ⊗ Gaussian IRF, normalised to the counts).
        var starts = decay.BinStartsS();
        int bins = Math.Min(decay.Counts.Length, (int)(4e-9 / decay.BinWidthS));
        double sigmaIrfS = irfFwhmS / (2 * Math.Sqrt(2 * Math.Log(2)));
        double total = decay.TotalCounts * (1 - fit.BackgroundFraction);
        var x = Enumerable.Range(0, bins).Select(i => (starts[i] + decay.BinWidthS / 2 - fit.IrfOffsetS) * 1e9).ToArray();
        var y = Enumerable.Range(0, bins).Select(i => (double)decay.Counts[i]).ToArray();
        var model = Enumerable.Range(0, bins).Select(i => total * ExponentialGaussian.BinIntegral(starts[i] - fit.IrfOffsetS, starts[i] + decay.BinWidthS - fit.IrfOffsetS,
            sigmaIrfS, expectedNs * 1e-9) + fit.BackgroundPerBin).ToArray();
        var figure = ValidationFigures.Case(new ValidationCaseData("TRPL: mono-exponential decay through a 350 ps IRF",
            new SweepData("Delay after the pulse", "ns", x, "Counts per bin", "", y, y.Select(Math.Sqrt).ToArray(), x, model),
            model.Select(m => m - SigmaMultiple * Math.Sqrt(Math.Max(m, 1))).ToArray(), model.Select(m => m + SigmaMultiple * Math.Sqrt(Math.Max(m, 1))).ToArray(),
            checks.All(c => c.Passed)));
        var notes = new List<string> { $"Fit: τ = {tauNs:F4} ± {tauErrNs:F4} ns, IRF offset {fit.IrfOffsetS * 1e12:F1} ps, background fraction {fit.BackgroundFraction:G3}; expected τ = QY/k_r = {expectedNs:F4} ns." };
        var figures = new List<(string, QdSim.Plotting.Layout.Figure, string)>
        {
            ("trpl", figure, "TRPL histogram of the file (points) with the expected decay ⊗ 350 ps Gaussian IRF (dashed; fitted offset) and its 4σ Poisson band."),
        };
        var flid = TrionFlidCheck.Run(context, Id, irfFwhmS);
        checks.AddRange(flid.Checks);
        figures.AddRange(flid.Figures);
        notes.AddRange(flid.Notes);
        return new CaseOutcome(checks, figures, notes);
    }
}
