using QdSim.Analysis.Blinking;
using QdSim.Analysis.Pipeline;
using QdSim.Plotting.Figures;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 5: configured truncated power-law dwell laws (ON/OFF exponents 2.0/1.2 as printed in seed 001, and the typical
/// 1.5/1.5) recovered from the file (a) by the ON/OFF threshold on the 10 ms intensity trace and the binned dwell-time
/// maximum-likelihood fit, and (b) by the change-point analysis (Watkins &amp; Yang) and the continuous MLE of its level
/// dwells. Tolerance: 4 bootstrap standard deviations of each exponent.
/// </summary>
public sealed class BlinkingExponentsCase : ValidationCase
{
    public const string CaseId = "05-blinking-exponents";
    public const double SigmaMultiple = 4;
    /// <summary>Configured dwell truncation [Min, Max], s (config.json).</summary>
    public const double DwellMaxS = 10;

    public override string Id => CaseId;
    public override string Title => "Blinking: configured power-law exponents recovered by the dwell-time MLE and by change points";

    public override CaseOutcome Run(CaseContext context)
    {
        (double On, double Off)[] exponents = [(2.0, 1.2), (1.5, 1.5)];
        double durationS = context.Quick ? 200 : 400; // quick: 200 s still gives the change-point method enough ON dwells at k_on = 2
        var options = new AnalysisOptions { PowerLaw = new PowerLawFitOptions { TMaxS = DwellMaxS, BootstrapSamples = 100, TMinRule = PowerLawTMinRule.KsMinimisation } };
        var results = CaseToolkit.ForEachPoint(context, exponents, (e, i) =>
        {
            var file = CaseToolkit.Simulate(context, Id, $"blink{i}", [
                $"Environment:Processes:0:States:0:Dwell:Exponent={CaseToolkit.Num(e.On)}", $"Environment:Processes:0:States:1:Dwell:Exponent={CaseToolkit.Num(e.Off)}",
                $"Run:DurationS={CaseToolkit.Num(durationS)}", $"Run:Seed={501 + i}"]);
            var analysis = CaseToolkit.AnalyzeFile(file.PtuPath, options);
            var levels = analysis.ChangePoints?.Levels.OrderBy(l => l.IntensityCps).ToArray() ?? [];
            var continuous = new PowerLawFitOptions { TMaxS = DwellMaxS, BootstrapSamples = 100, TMinRule = PowerLawTMinRule.KsMinimisation };
            var cpOn = levels.Length >= 2 ? TruncatedPowerLaw.Fit(levels[^1].DwellsS, null, continuous) : null;
            var cpOff = levels.Length >= 2 ? TruncatedPowerLaw.Fit(levels[0].DwellsS, null, continuous with { Seed = 2 }) : null;
            return (Configured: e, Trace: analysis, CpOn: cpOn, CpOff: cpOff, Levels: levels.Length);
        });
        var checks = new List<CheckResult>();
        var notes = new List<string>();
        var measured = new List<(double Configured, double Value, double Sigma)>();
        void Add(string label, double configured, PowerLawFit? fit, string method)
        {
            if (fit is null)
            {
                checks.Add(new CheckResult($"{label} ({method})", double.NaN, double.NaN, configured, configured, configured, "", "no fit: too few dwells"));
                return;
            }
            double sigma = fit.BootstrapSigma ?? fit.AnalyticSigma;
            checks.Add(CheckResult.WithinSigmas($"{label} ({method})", fit.Exponent, sigma, configured, SigmaMultiple, "",
                $"{SigmaMultiple}σ, σ = bootstrap SD of the MLE ({fit.Dwells} dwells in [{fit.TMinS:G3}, {fit.TMaxS:G3}] s)"));
            measured.Add((configured, fit.Exponent, sigma));
        }
        foreach (var r in results)
        {
            string run = $"run k_on {r.Configured.On} / k_off {r.Configured.Off}";
            Add($"{run}: ON exponent", r.Configured.On, ToFit(r.Trace.Summary.Blinking.OnFit), "10 ms trace, 50% threshold, binned MLE");
            Add($"{run}: OFF exponent", r.Configured.Off, ToFit(r.Trace.Summary.Blinking.OffFit), "10 ms trace, 50% threshold, binned MLE");
            Add($"{run}: ON exponent", r.Configured.On, r.CpOn, "change points, brightest level, continuous MLE");
            Add($"{run}: OFF exponent", r.Configured.Off, r.CpOff, "change points, dimmest level, continuous MLE");
            notes.Add($"{run}: ON fraction {r.Trace.Summary.Blinking.OnFraction:F3}, {r.Trace.Summary.Blinking.OnDwells} ON / {r.Trace.Summary.Blinking.OffDwells} OFF dwells; change points found {r.Levels} levels.");
        }
        var line = new[] { 1.0, 2.2 };
        double meanSigma = measured.Count > 0 ? measured.Average(m => m.Sigma) : 0;
        var figure = ValidationFigures.Case(new ValidationCaseData(Title,
            new SweepData("Configured exponent", "", measured.Select(m => m.Configured).ToArray(), "Recovered exponent", "", measured.Select(m => m.Value).ToArray(),
                measured.Select(m => m.Sigma).ToArray(), line, line),
            line.Select(v => v - SigmaMultiple * meanSigma).ToArray(), line.Select(v => v + SigmaMultiple * meanSigma).ToArray(), checks.All(c => c.Passed)));
        return new CaseOutcome(checks, [("exponents", figure, "Recovered vs configured exponents (both methods, ON and OFF); dashed: identity; band: 4 × mean bootstrap σ.")], notes);
    }

    private static PowerLawFit? ToFit(QdSim.Analysis.Report.PowerLawInfo? info) => info is null ? null
        : new PowerLawFit(info.Exponent, info.AnalyticSigma, info.BootstrapSigma, info.TMinS, info.TMaxS, info.Dwells, info.KsDistance, info.Binned);
}
