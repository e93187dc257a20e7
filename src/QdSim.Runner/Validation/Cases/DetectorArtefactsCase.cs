using QdSim.Analysis.Correlation;
using QdSim.Plotting.Figures;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 10: detector artefacts appear in the correlations of the file where the configuration puts them (PHYSICS.md §8–9):
/// (a) no autocorrelation pairs inside the 50 ns dead time; (b) an afterpulsing excess N_A·p_ap·(e^(−d/m) − e^(−(d+W)/m))
/// in the autocorrelation after the dead time d (exponential delay of mean m, window W); (c) crosstalk peaks of N·p_xt
/// pairs at ±5 ns in the cross-correlation; (d) dark counts raise the pulsed g2(0) to 1 − ρ_Aρ_B(1 − g2_signal), ρ_i = 1 − D/R_i.
/// Expected pair counts of uncorrelated light per bin are the exact normalisation of <see cref="CorrelationHistogram"/>.
/// </summary>
public sealed class DetectorArtefactsCase : ValidationCase
{
    public const string CaseId = "10-detector-artefacts";
    public const double SigmaMultiple = 4;
    public const double DarkCountsCps = 20_000;

    public override string Id => CaseId;
    public override string Title => "Detector artefacts: dead-time hole, afterpulsing bump, crosstalk peaks, dark-count g2 floor";

    public override CaseOutcome Run(CaseContext context)
    {
        var cfg = CaseToolkit.Load(context, Id, []);
        var detector = cfg.Detection.OpticalPath.Arms[0].Detector;
        double deadNs = detector.DeadTimeNs, apP = detector.Afterpulsing.ProbabilityPerAvalanche, apMeanNs = detector.Afterpulsing.Delay.MeanNs;
        double xtP = detector.Crosstalk.ProbabilityPerAvalanche, xtNs = detector.Crosstalk.DelayNs;
        double durationS = context.Quick ? 1 : 10;
        const double WindowNs = 500;
        var jobs = new[] { "cw", "dark" };
        var outputs = CaseToolkit.ForEachPoint(context, jobs, (job, i) =>
        {
            if (job == "cw")
            {
                var file = CaseToolkit.Simulate(context, Id, "cw", [$"Run:DurationS={CaseToolkit.Num(durationS)}"]);
                var auto = CaseToolkit.CorrelationOf(file.PtuPath, info => CorrelationBins.Linear(0, 1e-6, 1e-9, info.TickResolutionS), autocorrelation: true);
                var cross = CaseToolkit.CorrelationOf(file.PtuPath, info => CorrelationBins.Linear(-20e-9, 20e-9, 0.5e-9, info.TickResolutionS), autocorrelation: false);
                return (Auto: auto, Cross: cross, G2: (PulsedG2Result?)null, Counts: (IReadOnlyDictionary<short, long>?)null, DurationS: 0.0);
            }
            var pulsed = CaseToolkit.SimulateConfig(context, Id, context.CaseFile(G2VsMeanExcitonsCase.CaseId, "config.json"), "dark",
                ["Excitation:MeanExcitonsPerPulse=0.1", $"Detection:OpticalPath:Arms:0:Detector:DarkCountRateCps={CaseToolkit.Num(DarkCountsCps)}",
                 $"Detection:OpticalPath:Arms:1:Detector:DarkCountRateCps={CaseToolkit.Num(DarkCountsCps)}", $"Run:DurationS={(context.Quick ? 0.5 : 3)}", "Run:Seed=1002"]);
            var (counts, d) = CaseToolkit.ChannelCountsOf(pulsed.PtuPath);
            return (Auto: (CorrelationHistogram?)null, Cross: (CorrelationHistogram?)null, G2: CaseToolkit.PulsedG2Of(pulsed.PtuPath), Counts: counts, DurationS: d);
        });
        var autoH = outputs[0].Auto!;
        var crossH = outputs[0].Cross!;
        var checks = new List<CheckResult>();
        var autoCentresNs = autoH.Bins.CentersS().Select(c => c * 1e9).ToArray();
        var autoExpected = autoH.ExpectedUncorrelatedPairs();
        // (a) Dead-time hole: lags 1 ns … d − 2 ns (IRF jitter ±1 ns at 6σ kept out).
        long hole = Enumerable.Range(0, autoH.Counts.Length).Where(k => autoCentresNs[k] > 1 && autoCentresNs[k] < deadNs - 2).Sum(k => autoH.Counts[k]);
        double holeUncorrelated = Enumerable.Range(0, autoH.Counts.Length).Where(k => autoCentresNs[k] > 1 && autoCentresNs[k] < deadNs - 2).Sum(k => autoExpected[k]);
        checks.Add(new CheckResult($"autocorrelation pairs at lags 1–{deadNs - 2:F0} ns (dead time {deadNs:F0} ns)", hole, double.NaN, 0, 0, 0, "pairs",
            $"exactly 0: a non-paralysable detector registers nothing within its dead time (uncorrelated light would give {holeUncorrelated:F0})"));
        // (b) Afterpulsing excess over the uncorrelated expectation after the dead time.
        var apBins = Enumerable.Range(0, autoH.Counts.Length).Where(k => autoCentresNs[k] > deadNs + 1 && autoCentresNs[k] < deadNs + WindowNs).ToArray();
        double apExcess = apBins.Sum(k => autoH.Counts[k] - autoExpected[k]);
        double apSigma = Math.Sqrt(apBins.Sum(k => (double)autoH.Counts[k]));
        double lo = deadNs + 1, hi = deadNs + WindowNs;
        double apExpected = autoH.PhotonsA * apP * (Math.Exp(-lo / apMeanNs) - Math.Exp(-hi / apMeanNs));
        checks.Add(CheckResult.WithinSigmas($"afterpulsing excess pairs at lags {lo:F0}–{hi:F0} ns", apExcess, apSigma, apExpected, SigmaMultiple, "pairs",
            $"{SigmaMultiple}σ, σ = √(pairs in the window) (Poisson); expected N_A p_ap (e^(−{lo:F0}/{apMeanNs:F0}) − e^(−{hi:F0}/{apMeanNs:F0})), first order in p_ap"));
        // (c) Crosstalk peaks in the cross-correlation at ±DelayNs.
        var crossCentresNs = crossH.Bins.CentersS().Select(c => c * 1e9).ToArray();
        var crossExpected = crossH.ExpectedUncorrelatedPairs();
        foreach (int sign in new[] { +1, -1 })
        {
            var bins = Enumerable.Range(0, crossH.Counts.Length).Where(k => Math.Abs(crossCentresNs[k] - sign * xtNs) < 2).ToArray();
            double excess = bins.Sum(k => crossH.Counts[k] - crossExpected[k]);
            double sigma = Math.Sqrt(bins.Sum(k => (double)crossH.Counts[k]));
            long sources = sign > 0 ? crossH.PhotonsA : crossH.PhotonsB;
            checks.Add(CheckResult.WithinSigmas($"crosstalk excess pairs at τ = {sign * xtNs:+0;-0} ns (±2 ns)", excess, sigma, sources * xtP, SigmaMultiple, "pairs",
                $"{SigmaMultiple}σ, σ = √(pairs in the window); expected N_{(sign > 0 ? "A" : "B")} p_xt (target detector dead with probability R·d ≈ {crossH.PhotonsB / crossH.DurationS * deadNs * 1e-9:G2}, neglected)"));
        }
        // (d) Dark counts raise the pulsed g2(0) floor.
        var dark = outputs[1];
        var q = CascadeExpectation.StepQuantumYields(CaseToolkit.Load(context, G2VsMeanExcitonsCase.CaseId, []).Experiment.Dot);
        double gSignal = CascadeExpectation.G2Zero(0.1, q);
        var rates = dark.Counts!.OrderBy(kv => kv.Key).Select(kv => kv.Value / dark.DurationS).ToArray();
        double rhoA = 1 - DarkCountsCps / rates[0], rhoB = 1 - DarkCountsCps / rates[1];
        double floor = 1 - rhoA * rhoB * (1 - gSignal);
        checks.Add(CheckResult.WithinSigmas($"pulsed g2(0) with {DarkCountsCps:G3} dark cps per detector", dark.G2!.G2Zero, dark.G2.G2ZeroStdErr, floor, SigmaMultiple, "",
            $"{SigmaMultiple}σ (Poisson, peak areas); expected 1 − ρ_Aρ_B(1 − g2_signal), ρ_i = 1 − D/R_i with R_i read from the file, g2_signal = {gSignal:F4} (case 01 expectation)"));

        var normalised = autoH.Normalized();
        int shown = Math.Min(normalised.Length, 400);
        var x = autoCentresNs.Take(shown).ToArray();
        var modelCurve = x.Select(t => t < deadNs ? 0 : 1 + apP * Math.Exp(-t / apMeanNs) / apMeanNs / (autoH.PhotonsA / autoH.DurationS * 1e-9)).ToArray();
        var errors = autoH.NormalizedStandardErrors().Take(shown).ToArray();
        var figure = ValidationFigures.Case(new ValidationCaseData(Title,
            new SweepData("Lag (autocorrelation, one detector)", "ns", x, "g2 (normalised)", "", normalised.Take(shown).ToArray(), errors, x, modelCurve),
            modelCurve.Select((m, k) => m - SigmaMultiple * errors[k]).ToArray(), modelCurve.Select((m, k) => m + SigmaMultiple * errors[k]).ToArray(), checks.All(c => c.Passed)));
        var notes = new List<string>
        {
            $"CW autocorrelation: {autoH.PhotonsA} photons on detector A over {autoH.DurationS:F2} s; cross-correlation {crossH.PhotonsA}/{crossH.PhotonsB} photons.",
            $"Dark-count run: rates {string.Join(" / ", rates.Select(r => r.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} cps, ρ = {rhoA:F3} / {rhoB:F3}, g2(0) {dark.G2.G2Zero:F4} ± {dark.G2.G2ZeroStdErr:F4} vs floor {floor:F4}.",
        };
        return new CaseOutcome(checks, [("autocorrelation", figure, "Normalised autocorrelation of one detector from the file: zero inside the dead time, afterpulsing excess after it; dashed: first-order expectation 1 + p_ap e^(−τ/m)/(m R_A); band 4σ Poisson.")], notes);
    }
}
