using QdSim.Engine.Random;
using QdSim.Plotting.Colour;
using QdSim.Plotting.Elements;
using QdSim.Plotting.Figures;
using QdSim.Plotting.Layout;
using QdSim.Plotting.Svg;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 7: photodarkening of an ensemble of isolated dots under continuous illumination (seed 001 Fig. 4f: half
/// intensity after ≈ 3 min for DDA, ≈ 10 min for IPA, none within 10 h for stacked PEA; reference-data/photodarkening.csv).
/// Each ligand's repository preset (configs/) is simulated dot by dot at 10 W cm⁻² (the 10 h excitation of Fig. 4d), each
/// dot into its own PTU file whose intensity trace QdSim.Analysis reads (<see cref="CaseToolkit.IntensityTraceOf"/>);
/// the ensemble mean of the traces is compared with <see cref="PhotodarkeningExpectation"/> (model check: the fitted
/// damage-event rate) and its half-intensity time with the published one.
/// </summary>
/// <remarks>
/// The illumination is represented by a 2 MHz pulse train with the same mean absorption rate G = σI/hν (⟨N⟩ = G/f):
/// the engine's CW path simulates every absorption (≈ 1.5 × 10⁸ per dot in 15 min), the pulsed path skips ahead at a
/// cost per detected photon, and damage, bleaching and charging are per absorbed photon, so they depend on G only.
/// The collection efficiency is lowered to ~10 detected counts/s per bright dot (damage depends on absorbed, not
/// detected, photons) and dark counts are off (the measured ensemble curves are background-corrected).
/// </remarks>
public sealed class PhotodarkeningEnsembleCase : ValidationCase
{
    public const string CaseId = "07-photodarkening-ensemble";
    public const double SigmaMultiple = 4;
    public const double IntensityWPerCm2 = 10;
    public const double RepetitionRateHz = 2e6;
    public const int BootstrapSamples = 200;

    /// <summary>
    /// Fewest expected damaged dots for the rate check: with n ≈ Poisson(30) realised events the bootstrap σ (∝ √n) is
    /// within ≈ ±20% of the Poisson error at the expected rate (2σ of √n), so a 4σ check keeps its meaning.
    /// </summary>
    public const double MinimumExpectedDamagedDots = 30;
    private const double PlanckJS = 6.62607015e-34, LightSpeedMPerS = 2.99792458e8;

    public override string Id => CaseId;
    public override string Title => "Photodarkening of dot ensembles (DDA, IPA, PEA) under 10 W cm⁻²";

    /// <summary>One ligand's ensemble. Published half time: [lower, upper] accepted by a referee (null: the "&gt; 10 h" claim).</summary>
    private sealed record Ensemble(string Ligand, string ConfigFile, string Published, double? HalfLowerS, double? HalfUpperS,
        double DurationS, int Dots, double CollectionEfficiency, ulong SeedBase, double TimeUnitS, string TimeUnit);

    public override CaseOutcome Run(CaseContext context)
    {
        string configs = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(context.ValidationDirectory))!, "configs");
        // Referee intervals for the published numbers (case.md): the text gives whole minutes ("first 3 min", "since the
        // first minute") → 3 ± 1 min; "~10 min" is a round number between 7.5 and 12.5 min.
        var ensembles = context.Quick
            ? new[] { new Ensemble("DDA", "dda-cspbbr3-polystyrene.json", "≈ 3 min", 120, 240, 600, 30, 2e-4, 70_000, 60, "min") }
            :
            [
                new Ensemble("DDA", "dda-cspbbr3-polystyrene.json", "≈ 3 min", 120, 240, 900, 300, 2e-4, 71_000, 60, "min"),
                new Ensemble("IPA", "ipa-cspbbr3.json", "≈ 10 min", 450, 750, 2400, 300, 2e-4, 72_000, 60, "min"),
                new Ensemble("PEA", "pea-cspbbr3.json", "> 10 h", null, null, 36_000, 160, 2e-5, 73_000, 3600, "h"),
            ];
        var checks = new List<CheckResult>();
        var figures = new List<(string, Figure, string)>();
        var notes = new List<string>();
        foreach (var e in ensembles)
        {
            var (ensembleChecks, figure, note) = RunEnsemble(context, Path.Combine(configs, e.ConfigFile), e, context.Quick ? 20 : 30);
            checks.AddRange(ensembleChecks);
            figures.Add(($"darkening-{e.Ligand.ToLowerInvariant()}", figure,
                $"{e.Ligand}: ensemble-mean intensity of {e.Dots} simulated dots (points, between-dot standard error), normalised by the fitted initial intensity, " +
                $"with the analytic expectation of the preset (dashed) and its 4σ band; 50 % line and the published half time ({e.Published})."));
            notes.Add(note);
        }
        return new CaseOutcome(checks, figures, notes);
    }

    private (List<CheckResult>, Figure, string) RunEnsemble(CaseContext context, string configPath, Ensemble e, int bins)
    {
        var baseline = ConfigurationLoader.Load(configPath, []);
        double sigmaCm2 = baseline.Experiment.Excitation.AbsorptionCrossSectionCm2
            ?? throw new InvalidOperationException($"{configPath}: no absorption cross-section (Dot:Material and EdgeNm derive it)");
        double photonEnergyJ = PlanckJS * LightSpeedMPerS / (baseline.Experiment.Excitation.WavelengthNm * 1e-9);
        double absorptionPerS = sigmaCm2 * IntensityWPerCm2 / photonEnergyJ;
        var expectation = PhotodarkeningExpectation.From(baseline.Experiment, absorptionPerS);
        string[] overrides =
        [
            "Excitation:Mode=Pulsed", $"Excitation:RepetitionRateHz={CaseToolkit.Num(RepetitionRateHz)}",
            $"Excitation:MeanExcitonsPerPulse={CaseToolkit.Num(absorptionPerS / RepetitionRateHz)}",
            "Detection:TimeTagger:Mode=T2", "Detection:TimeTagger:SyncEnabled=false",
            "Detection:OpticalPath:Collection:Preset=Explicit", $"Detection:OpticalPath:Collection:EfficiencyFraction={CaseToolkit.Num(e.CollectionEfficiency)}",
            "Detection:OpticalPath:Arms:0:Detector:DarkCountRateCps=0", "Detection:OpticalPath:Arms:1:Detector:DarkCountRateCps=0",
            "Detection:OpticalPath:Arms:0:Detector:Afterpulsing:ProbabilityPerAvalanche=0", "Detection:OpticalPath:Arms:1:Detector:Afterpulsing:ProbabilityPerAvalanche=0",
            $"Run:DurationS={CaseToolkit.Num(e.DurationS)}",
        ];
        double binS = e.DurationS / bins;
        // Engine → PTU file → QdSim.Analysis intensity trace, one dot at a time; the file is deleted once read (bounded disk).
        // The control ensemble (damage off, other seeds) measures the blinking alone: the presets' power-law blinking,
        // started at a renewal, ages (the ON fraction drifts over the longest dwells), which no closed form covers.
        double[][] Traces(string label, ulong seedBase, string[] extra) => CaseToolkit.ForEachPoint(context, Enumerable.Range(0, e.Dots).ToArray(), (dot, _) =>
        {
            var file = CaseToolkit.SimulateConfig(context, Id, configPath, $"{e.Ligand}-{label}-{dot}", [.. overrides, .. extra, $"Run:Seed={seedBase + (ulong)dot}"]);
            var counts = CaseToolkit.IntensityTraceOf(file.PtuPath, binS, e.DurationS).TotalCounts;
            foreach (string f in file.Outcome.Files) File.Delete(f);
            if (counts.Length != bins) throw new InvalidOperationException($"{file.PtuPath}: {counts.Length} trace bins, expected {bins}");
            return counts.Select(c => (double)c).ToArray();
        });
        var damaged = Traces("damage", e.SeedBase, []);
        var control = Traces("control", e.SeedBase + 10_000,
            ["Damage:DefectProbabilityPerAbsorbedPhoton=0", "Damage:BleachProbabilityPerAbsorbedPhoton=0"]);

        var (mean, standardError) = EnsembleMean(damaged);
        var (controlMean, controlError) = EnsembleMean(control);
        var times = Enumerable.Range(0, bins).Select(b => (b + 0.5) * binS).ToArray();
        var (ratio, ratioError) = Ratio(mean, standardError, controlMean, controlError);
        var fit = DecayFit.Fit(ratio, ratioError, binS, expectation);
        // Bootstrap over dots (both ensembles): the spread includes photon noise, blinking, the binomial survival of each
        // dot and the correlation of a dot's bins in time (damage is permanent).
        var rng = new RandomStream(e.SeedBase, 0, StreamIds.Ensemble);
        var rates = new double[BootstrapSamples];
        var halfTimes = new double[BootstrapSamples];
        var lastOverFirst = new double[BootstrapSamples];
        for (int s = 0; s < BootstrapSamples; s++)
        {
            var (m, se) = EnsembleMean(Resample(damaged, ref rng));
            var (mc, sec) = EnsembleMean(Resample(control, ref rng));
            var (r, re) = Ratio(m, se, mc, sec);
            rates[s] = DecayFit.Fit(r, re, binS, expectation).DamageEventsPerS;
            halfTimes[s] = HalfTimeS(m, binS);
            lastOverFirst[s] = m[^1] / m[0];
        }
        double rateSigma = StandardDeviation(rates), halfSigma = StandardDeviation(halfTimes.Where(double.IsFinite).ToArray());
        double expectedRate = expectation.DamageEventsPerS, damageHalfS = expectation.HalfIntensityTimeS();
        double halfS = HalfTimeS(mean, binS), controlHalfS = HalfTimeS(controlMean, binS);
        string bootstrap = $"σ = bootstrap over the {e.Dots} + {e.Dots} dots ({BootstrapSamples} resamples)";
        var checks = new List<CheckResult>();
        // The rate fit is checked only where the damaged ensemble expects enough damaged dots for the bootstrap σ to mean
        // something: the bootstrap resamples the realised dots, so with a handful of damage events its σ scales with the
        // realised count (1 event → σ ≈ λ̂) and a low draw "fails" at 4σ however sound the model. PEA (1e-11 per photon,
        // ≈ 10 dots of 160 in 10 h) is such a case; its damage law is the DDA/IPA one, checked with ≈ 290 damaged dots.
        double expectedDamagedDots = e.Dots * -double.ExpM1(-expectedRate * e.DurationS);
        if (expectedDamagedDots >= MinimumExpectedDamagedDots)
        {
            checks.Add(CheckResult.WithinSigmas($"{e.Ligand}: damage-event rate (p_d + p_b)G fitted to damaged/control", fit.DamageEventsPerS, rateSigma, expectedRate, SigmaMultiple, "s⁻¹",
                $"{SigmaMultiple}{bootstrap}; expected from the preset: ({expectation.DefectProbabilityPerAbsorbedPhoton:G3} + {expectation.BleachProbabilityPerAbsorbedPhoton:G3}) × G, G = {absorptionPerS:G4} s⁻¹"));
        }
        if (e.HalfLowerS is { } lower && e.HalfUpperS is { } upper)
        {
            checks.Add(new CheckResult($"{e.Ligand}: half-intensity time of the ensemble (seed 001 Fig. 4f: {e.Published})", halfS, halfSigma, 0.5 * (lower + upper),
                lower - SigmaMultiple * halfSigma, upper + SigmaMultiple * halfSigma, "s",
                $"published reading interval [{lower:F0}, {upper:F0}] s (case.md) widened by {SigmaMultiple}σ, {bootstrap}"));
        }
        else
        {
            double last = mean[^1] / mean[0], lastSigma = StandardDeviation(lastOverFirst);
            checks.Add(new CheckResult($"{e.Ligand}: intensity in the last {binS / 3600:G2} h over the first (seed 001: constant over 10 h)", last, lastSigma,
                expectation.RelativeIntensity(e.DurationS), 0.5 + SigmaMultiple * lastSigma, double.PositiveInfinity, "",
                $"above one half by at least {SigmaMultiple}σ, {bootstrap}"));
        }
        var figure = Plot(e, times, mean, standardError, controlMean, ratio, ratioError, expectation, binS, checks.All(c => c.Passed));
        string note = $"{e.Ligand}: {e.Dots} damaged + {e.Dots} control dots × {e.DurationS:G4} s, G = {absorptionPerS:G4} s⁻¹ (σ = {sigmaCm2:G3} cm², {IntensityWPerCm2} W cm⁻², ⟨N⟩ = {absorptionPerS / RepetitionRateHz:G3} at 2 MHz); " +
            $"Ī(1 defect)/Ī(0) = {expectation.RelativeEmissionByDefects[1]:G3}; fitted λ = {fit.DamageEventsPerS:G4} ± {rateSigma:G2} s⁻¹ (expected {expectedRate:G4}, amplitude {fit.Amplitude:G3}); " +
            $"ensemble t½ = {halfS:G4} ± {halfSigma:G2} s (published {e.Published}); damage alone t½ = {damageHalfS:G4} s; control (blinking alone) t½ = {controlHalfS:G4} s, " +
            $"control last/first bin = {controlMean[^1] / controlMean[0]:G3}; initial ensemble rate {mean[0] / binS:G3} counts/s per dot" +
            (expectedDamagedDots < MinimumExpectedDamagedDots
                ? $"; rate fit not checked: {expectedDamagedDots:F1} damaged dots expected (< {MinimumExpectedDamagedDots}), too few for its bootstrap σ."
                : ".");
        return (checks, figure, note);
    }

    /// <summary>Mean over dots of each bin and its standard error (between-dot spread / √N).</summary>
    private static (double[] Mean, double[] StandardError) EnsembleMean(IReadOnlyList<double[]> traces)
    {
        int bins = traces[0].Length, n = traces.Count;
        var mean = new double[bins];
        var se = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            double sum = 0, sumSq = 0;
            foreach (var t in traces) { sum += t[b]; sumSq += t[b] * t[b]; }
            mean[b] = sum / n;
            se[b] = Math.Sqrt(Math.Max(sumSq - sum * sum / n, 0) / (n - 1) / n);
        }
        return (mean, se);
    }

    private static double[][] Resample(double[][] traces, ref RandomStream rng)
    {
        var resample = new double[traces.Length][];
        for (int i = 0; i < traces.Length; i++) resample[i] = traces[(int)(rng.NextDouble() * traces.Length)];
        return resample;
    }

    /// <summary>Bin-wise damaged/control ratio with first-order propagated standard error.</summary>
    private static (double[] Ratio, double[] StandardError) Ratio(double[] m, double[] se, double[] mc, double[] sec)
    {
        var r = m.Select((v, b) => v / mc[b]).ToArray();
        var e = r.Select((v, b) => Math.Abs(v) * Math.Sqrt(Math.Pow(se[b] / m[b], 2) + Math.Pow(sec[b] / mc[b], 2))).ToArray();
        return (r, e);
    }

    /// <summary>
    /// Model-free half-intensity time of an ensemble curve normalised to its first bin (as Fig. 4f): the first crossing of
    /// one half, linear between bin centres; +∞ when it stays above.
    /// </summary>
    private static double HalfTimeS(double[] mean, double binS)
    {
        for (int b = 1; b < mean.Length; b++)
        {
            double y0 = mean[b - 1] / mean[0], y1 = mean[b] / mean[0];
            if (y1 <= 0.5) return (b - 0.5 + (y0 - 0.5) / (y0 - y1)) * binS;
        }
        return double.PositiveInfinity;
    }

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2) return double.NaN;
        double m = values.Average();
        return Math.Sqrt(values.Sum(v => (v - m) * (v - m)) / (values.Length - 1));
    }

    private Figure Plot(Ensemble e, double[] times, double[] mean, double[] se, double[] controlMean, double[] ratio, double[] ratioError,
        PhotodarkeningExpectation expectation, double binS, bool passed)
    {
        var x = times.Select(t => t / e.TimeUnitS).ToArray();
        var y = mean.Select(m => m / mean[0]).ToArray();
        var err = se.Select(s => s / mean[0]).ToArray();
        // Expected ensemble curve: the measured blinking-only (control) curve times the analytic damage factor.
        var damage = times.Select(t => DecayFit.BinAverage(expectation, t - binS / 2, binS, expectation.DamageEventsPerS)).ToArray();
        var model = damage.Select((d, b) => d * controlMean[b] / controlMean[0]).ToArray();
        var figure = ValidationFigures.Case(new ValidationCaseData($"{e.Ligand}: ensemble PL under 10 W cm⁻²",
            new SweepData("Time", e.TimeUnit, x, "Ensemble intensity / first bin", "", y, err, x, model),
            model.Select((m, i) => m - SigmaMultiple * err[i]).ToArray(), model.Select((m, i) => m + SigmaMultiple * err[i]).ToArray(), passed));
        var panel = figure.Panels[0].Panel;
        panel.Add(new LineSeries(x, ratio) { Colour = Palette.Green, Label = "damaged / control" });
        panel.Add(new LineSeries(x, damage) { Colour = Palette.Green, Style = LineStyle.Dotted, Label = "damage factor (analytic)" });
        panel.Add(new ReferenceLine(Orientation.Horizontal, 0.5) { Annotation = "50 %" });
        if (e.HalfLowerS is { } lower && e.HalfUpperS is { } upper)
        {
            panel.Add(new Span(Orientation.Vertical, lower / e.TimeUnitS, upper / e.TimeUnitS));
            panel.Add(new ReferenceLine(Orientation.Vertical, 0.5 * (lower + upper) / e.TimeUnitS) { Annotation = $"published {e.Published}" });
        }
        else
        {
            panel.Add(new ReferenceLine(Orientation.Vertical, 10) { Annotation = "10 h: published > 50 %" });
        }
        return figure;
    }

    /// <summary>
    /// Weighted least-squares fit of the ensemble mean m_b (standard errors s_b) by A · S̄_b(λ), with S̄_b the bin average
    /// of the expectation's shape at damage-event rate λ: A in closed form for each λ, λ by golden-section search in ln λ.
    /// </summary>
    private static class DecayFit
    {
        public sealed record Result(double Amplitude, double DamageEventsPerS);

        private const int SubSamples = 8;

        public static double BinAverage(PhotodarkeningExpectation x, double startS, double widthS, double rate)
        {
            double sum = 0;
            for (int k = 0; k < SubSamples; k++) sum += x.RelativeIntensity(startS + (k + 0.5) * widthS / SubSamples, rate);
            return sum / SubSamples;
        }

        public static Result Fit(double[] mean, double[] se, double binS, PhotodarkeningExpectation x)
        {
            double floor = se.Where(s => s > 0).DefaultIfEmpty(1).Min();
            var weight = se.Select(s => 1 / Math.Pow(Math.Max(s, floor), 2)).ToArray();
            (double Chi2, double A) Evaluate(double rate)
            {
                var shape = mean.Select((_, b) => BinAverage(x, b * binS, binS, rate)).ToArray();
                double sxy = 0, sxx = 0;
                for (int b = 0; b < mean.Length; b++) { sxy += weight[b] * shape[b] * mean[b]; sxx += weight[b] * shape[b] * shape[b]; }
                double a = sxy / sxx, chi2 = 0;
                for (int b = 0; b < mean.Length; b++) chi2 += weight[b] * Math.Pow(mean[b] - a * shape[b], 2);
                return (chi2, a);
            }
            // λ from 10⁻³ to 10³ times the configured rate (an ensemble that does not darken fits near the lower end).
            double lo = Math.Log(x.DamageEventsPerS * 1e-3), hi = Math.Log(x.DamageEventsPerS * 1e3);
            double g = (Math.Sqrt(5) - 1) / 2, c = hi - g * (hi - lo), d = lo + g * (hi - lo);
            double fc = Evaluate(Math.Exp(c)).Chi2, fd = Evaluate(Math.Exp(d)).Chi2;
            for (int i = 0; i < 80; i++)
            {
                if (fc < fd) { hi = d; d = c; fd = fc; c = hi - g * (hi - lo); fc = Evaluate(Math.Exp(c)).Chi2; }
                else { lo = c; c = d; fc = fd; d = lo + g * (hi - lo); fd = Evaluate(Math.Exp(d)).Chi2; }
            }
            double best = Math.Exp(0.5 * (lo + hi));
            return new Result(Evaluate(best).A, best);
        }
    }
}
