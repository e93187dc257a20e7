using System.Globalization;
using QdSim.Analysis.Blinking;
using QdSim.Analysis.Correlation;
using QdSim.Analysis.Flid;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Report;
using QdSim.Plotting.Figures;
using QdSim.Plotting.Reports;

namespace QdSim.Runner.Reporting;

/// <summary>Settings of an analysis report that are not in the analysis result.</summary>
public sealed record AnalysisReportOptions
{
    /// <summary>Report title (default: the analysed file's name).</summary>
    public string? Title { get; init; }

    /// <summary>FWHM of the Gaussian IRF of the lifetime fit, seconds (the analysis' Lifetime:IrfFwhmPs; default 100 ps).</summary>
    public double IrfFwhmS { get; init; } = 100e-12;

    /// <summary>Longest zoomed window under the full blinking trace, seconds (seed 001 Fig. 2 uses 60 s).</summary>
    public double ZoomDurationS { get; init; } = 60;

    /// <summary>Trace bins with fewer photons than this are left out of the FLID (their mean delay is noise).</summary>
    public int FlidMinPhotons { get; init; } = 5;

    /// <summary>Extra metadata rows shown under the title (e.g. the simulation seed and configuration).</summary>
    public IReadOnlyList<(string Key, string Value)> Metadata { get; init; } = [];
}

/// <summary>
/// Turns a file analysis (and, for simulations, the ground-truth environment trajectory) into the figures of the figures
/// issue and one self-contained report.html: blinking trace with histogram, Poisson fit, threshold, ON fraction and Q and a
/// zoomed window; g2 (pulsed peaks with windows, or CW) with an inset; ON/OFF dwell-time densities with the fitted power
/// laws; TRPL decay with IRF and fit; FLID; photon numbers per pulse; the true environment under the measured trace; and
/// a key-number table with uncertainties and units. Every number shown comes from the analysis; the figures only draw.
/// </summary>
public static class AnalysisReport
{
    /// <summary>
    /// Builds the report and writes figures/&lt;name&gt;.svg (when <paramref name="figures"/> is svg; PNG beside them when
    /// rsvg-convert is present) and report.html (when <paramref name="writeReport"/>) into <paramref name="outDirectory"/>.
    /// </summary>
    public static ReportOutput Write(FileAnalysisOutput analysis, ReportDisplayData display, string outDirectory, FigureFormat figures,
        bool writeReport, GroundTruthTrajectory? truth = null, AnalysisReportOptions? options = null)
    {
        if (figures == FigureFormat.None && !writeReport)
            return new ReportOutput(null, [], [], "PNG export skipped: no figures and no report were asked for.");
        var report = Build(analysis, display, truth, options);
        return ReportWriter.Write(report, outDirectory, figures == FigureFormat.Svg, writeReport);
    }

    /// <summary>Builds the report without writing it.</summary>
    public static HtmlReport Build(FileAnalysisOutput analysis, ReportDisplayData display, GroundTruthTrajectory? truth = null,
        AnalysisReportOptions? options = null)
    {
        options ??= new AnalysisReportOptions();
        var s = analysis.Summary;
        var report = new HtmlReport(options.Title ?? $"QdSim analysis of {Path.GetFileName(s.Source.Path)}");
        report.Metadata.Add(("File", s.Source.Path));
        report.Metadata.Add(("Mode", $"{s.Source.Mode}, record type 0x{s.Source.RecordTypeCode:X8}, {s.Source.Events} records"));
        report.Metadata.Add(("Resolution", $"tick {Si(s.Source.TickResolutionS, "s")}" +
            (s.Source.MicroTimeResolutionS is { } micro ? $", micro time {Si(micro, "s")}" : "") +
            (s.Source.SyncRateHz is { } sync ? $", sync {Si(sync, "Hz")}" : ", no sync")));
        foreach (var row in options.Metadata) report.Metadata.Add(row);

        double irfFwhmS = s.Lifetime.IrfFwhmNs is { } irfNs ? irfNs * 1e-9 : options.IrfFwhmS;
        var decayFit = FitDecay(analysis.Decay, irfFwhmS, out string? decayProblem);
        var antibunching = FitAntibunching(analysis, irfFwhmS, out string? antibunchingProblem);
        report.AddSection("Key numbers").AddKeyNumbers(KeyNumbers(s, decayFit, antibunching));

        var blinking = report.AddSection("Intensity trace and blinking");
        AddBlinking(blinking, analysis, options);
        AddDwellTimes(blinking, analysis);
        if (s.ChangePoint is { } cp)
            blinking.AddParagraph($"Change-point analysis (Watkins & Yang 2005, α = {Num(cp.Alpha, 3)}): {cp.Segments} segments, " +
                $"{cp.LevelChanges} level changes, {cp.Levels.Count} intensity levels: " +
                string.Join("; ", cp.Levels.Select(l => $"{Si(l.IntensityCps, "cps")} for {Num(100 * l.TimeFraction, 1)} % of the time")) + ".");

        if (display.PulsedG2 is { } pulsed && s.G2.Mode == "pulsed" && s.G2.LaserPeriodNs is { } periodNs)
            AddPulsedG2(report.AddSection("Second-order correlation"), s, pulsed, periodNs * 1e-9);
        else if (analysis.Correlation is { } cw && s.G2.Mode == "cw")
            AddContinuousG2(report.AddSection("Second-order correlation"), s, cw, antibunching, irfFwhmS, antibunchingProblem);

        if (analysis.Decay is { } decay && decay.TotalCounts > 0)
        {
            var trpl = report.AddSection("Time-resolved photoluminescence");
            AddDecay(trpl, decay, decayFit, irfFwhmS, decayProblem);
            if (display.Flid is { } flid) AddFlid(trpl, flid, options);
        }

        if (s.PhotonNumbers is { } pn && pn.Pulses > 0)
        {
            var p = TrimmedProbabilities(pn.Total.Probability);
            report.AddSection("Photon statistics per pulse").AddFigure("photon-numbers",
                PhotonStatisticsFigures.PhotonNumber(new PhotonNumberData(p, pn.Total.Mean, LogY: true)),
                $"Detected photons per laser pulse, all channels, over {pn.Pulses:N0} pulses, with the Poisson law of the same mean " +
                $"⟨n⟩ = {Sig(pn.Total.Mean)}; normalised factorial moment ⟨n(n−1)⟩/⟨n⟩² = {Sig(pn.Total.NormalisedFactorialMoment)}.");
        }

        if (truth is not null && analysis.Trace.BinCount > 0)
        {
            truth = truth.OrderedByIntensity(analysis.Trace.TotalCounts, analysis.Trace.BinWidthS);
            var (times, states) = truth.Steps();
            if (times.Length > 0)
                report.AddSection("Simulation ground truth").AddFigure("ground-truth",
                    TrajectoryAndSpectrumFigures.EnvironmentTrajectory(new EnvironmentTrajectoryData(analysis.Trace.BinWidthS,
                        analysis.Trace.TotalCounts.Select(c => (double)c).ToArray(), times, states, truth.StateNames)),
                    $"(a) Measured intensity trace; (b) the environment state that produced it ({truth.Intervals:N0} intervals in the " +
                    $"simulation's trajectory file, shown per {Si(truth.CellWidthS, "s")} cell as the state occupying most of it; states ordered by the " +
                    "measured intensity while they held, dimmest at the bottom).");
        }

        if (s.Warnings.Count > 0)
        {
            var warnings = report.AddSection("Warnings");
            foreach (string w in s.Warnings) warnings.AddParagraph(w);
        }
        return report;
    }

    private static KeyNumber[] KeyNumbers(AnalysisResult s, DecayFitResult? decayFit, AntibunchingFitResult? antibunching)
    {
        var rows = new List<KeyNumber> { new("Duration", s.DurationS, null, "s") };
        foreach (var c in s.Channels)
        {
            rows.Add(new($"Counts, channel {c.Channel}", c.Counts, Math.Sqrt(c.Counts), "counts"));
            rows.Add(new($"Mean rate, channel {c.Channel}", c.MeanRateCps, s.DurationS > 0 ? Math.Sqrt(c.Counts) / s.DurationS : null, "counts/s"));
        }
        long total = s.Channels.Sum(c => c.Counts);
        if (s.Channels.Count > 1 && s.DurationS > 0) rows.Add(new("Mean rate, all channels", total / s.DurationS, Math.Sqrt(total) / s.DurationS, "counts/s"));
        rows.Add(new("Trace bin width", s.Trace.BinWidthS * 1e3, null, "ms"));
        rows.Add(new("ON/OFF threshold", s.Blinking.ThresholdCps, null, "counts/s"));
        rows.Add(new("ON fraction", s.Blinking.OnFraction, null, ""));
        // The block error includes the blinking; the Poisson-null error √(2/N) only says whether Q differs from 0.
        rows.Add(new("Mandel Q (± 10-block SE)", s.Trace.MandelQ, s.Trace.MandelQBlockStandardError, ""));
        AddExponent(rows, "ON", s.Blinking.OnFit);
        AddExponent(rows, "OFF", s.Blinking.OffFit);
        string how = s.G2.Mode == "pulsed" ? "peak areas" : "1 ns bin at zero delay";
        if (s.G2.ZeroDelay is { } g2) rows.Add(new($"g2(0), raw ({how})", g2, s.G2.ZeroDelayStdErr, ""));
        if (s.G2.ZeroDelayBackgroundCorrected is { } g2c) rows.Add(new("g2(0), background-corrected (Nair 2011)", g2c, s.G2.ZeroDelayBackgroundCorrectedStdErr, ""));
        if (antibunching is not null)
        {
            rows.Add(new("g2(0), CW antibunching fit", antibunching.G2Zero, antibunching.G2ZeroStdErr, ""));
            rows.Add(new("Antibunching time τ_a", antibunching.AntibunchingTimeS * 1e9, antibunching.AntibunchingTimeStdErrS * 1e9, "ns"));
        }
        if (LifetimeNs(s, decayFit) is var (tau, sigma)) rows.Add(new("Lifetime τ (mono-exponential)", tau, sigma, "ns"));
        if (s.PhotonNumbers is { } pn) rows.Add(new("Mean photons per pulse ⟨n⟩", pn.Total.Mean, null, ""));
        return rows.Where(r => double.IsFinite(r.Value)).ToArray();
    }

    private static void AddExponent(List<KeyNumber> rows, string state, PowerLawInfo? fit)
    {
        if (fit is null) return;
        rows.Add(new($"{state}-time power-law exponent α ({Si(fit.TMinS, "s")}–{Si(fit.TMaxS, "s")}, {fit.Dwells} dwells)",
            fit.Exponent, fit.BootstrapSigma ?? fit.AnalyticSigma, ""));
    }

    private static void AddBlinking(ReportSection section, FileAnalysisOutput analysis, AnalysisReportOptions options)
    {
        var trace = analysis.Trace;
        if (trace.BinCount < 2) return;
        double durationS = trace.BinCount * trace.BinWidthS;
        double zoomS = Math.Min(options.ZoomDurationS, durationS / 4);
        double zoomStartS = Math.Floor((durationS - zoomS) / 2 / trace.BinWidthS) * trace.BinWidthS;
        // The Poisson fit drawn is the brightest component of the histogram's Poisson mixture (the ON level, as in seed
        // 001 Fig. 2), or the single Poisson of the mean when one component describes the histogram.
        var histogram = analysis.Histogram;
        var on = histogram.Mixture.Count > 0 ? histogram.Mixture[^1] : null;
        double poissonMean = on?.MeanCounts ?? histogram.PoissonMeanCounts;
        double poissonBins = (on?.Weight ?? 1) * trace.BinCount;
        var s = analysis.Summary;
        var figure = BlinkingFigure.Create(new BlinkingTraceData(trace.BinWidthS, trace.TotalCounts.Select(c => (double)c).ToArray(),
            analysis.OnOff.ThresholdCounts, analysis.OnOff.OnFraction, s.Trace.MandelQ, poissonMean, poissonBins, zoomStartS, zoomS));
        section.AddFigure("blinking", figure,
            $"(a) Intensity trace of all channels in {Si(trace.BinWidthS, "s")} bins with the ON/OFF threshold ({analysis.OnOff.Rule}); " +
            $"(b) intensity histogram with the Poisson law of the brightest level (mean {Si(poissonMean / trace.BinWidthS, "cps")}, " +
            $"{histogram.Mixture.Count}-component Poisson mixture by BIC); (c, d) the shaded {Si(zoomS, "s")} window zoomed. " +
            $"ON fraction {Num(100 * analysis.OnOff.OnFraction, 1)} %, Mandel Q = {Num(s.Trace.MandelQ, 3)}" +
            (s.Trace.MandelQBlockStandardError is { } qe ? $" ± {Num(qe, 3)} (10-block SE; {Num(s.Trace.MandelQStandardError, 3)} if the light were Poissonian)." : "."));
    }

    private static void AddDwellTimes(ReportSection section, FileAnalysisOutput analysis)
    {
        var onOff = analysis.OnOff;
        var series = new List<DwellTimeSeries>();
        foreach (var (name, dwells, fit) in new[] { ("ON", onOff.OnDwellsS, analysis.Summary.Blinking.OnFit), ("OFF", onOff.OffDwellsS, analysis.Summary.Blinking.OffFit) })
        {
            var density = LogLogDensity.Of(dwells);
            if (density.Count == 0) continue;
            double? prefactor = fit is null ? null : PowerLawPrefactor(fit, dwells.Length, fit.Binned ? onOff.BinWidthS : null);
            series.Add(new DwellTimeSeries(name, density.Select(p => p.DwellS).ToArray(), density.Select(p => p.DensityPerS).ToArray(),
                fit?.Exponent, prefactor, fit?.TMinS ?? 0, fit?.TMaxS ?? 0));
        }
        if (series.Count == 0) return;
        var b = analysis.Summary.Blinking;
        section.AddFigure("dwell-times", DwellTimeFigure.Create(series.ToArray()),
            $"ON ({b.OnDwells}) and OFF ({b.OffDwells}) dwell-time probability densities (Kuno et al. 2001 normalisation; the censored " +
            "first and last runs left out) with the truncated power laws fitted by maximum likelihood (Clauset et al. 2009) drawn over their fit ranges. " +
            $"α_ON = {Exponent(b.OnFit)}, α_OFF = {Exponent(b.OffFit)}.");
    }

    /// <summary>
    /// A of A·t^(−α) on the density scale of <see cref="LogLogDensity"/> (normalised to all dwells): the fitted law,
    /// normalised over its range [t_min, t_max] (widened by half a bin on each side for binned fits), times the fraction
    /// of dwells inside that range.
    /// </summary>
    internal static double PowerLawPrefactor(PowerLawInfo fit, int totalDwells, double? binWidthS)
    {
        double lo = fit.TMinS - 0.5 * (binWidthS ?? 0), hi = fit.TMaxS + 0.5 * (binWidthS ?? 0);
        double e = 1 - fit.Exponent;
        double integral = Math.Abs(e) < 1e-9 ? Math.Log(hi / lo) : (Math.Pow(hi, e) - Math.Pow(lo, e)) / e;
        return (double)fit.Dwells / Math.Max(totalDwells, 1) / integral;
    }

    private static void AddPulsedG2(ReportSection section, AnalysisResult s, CorrelationHistogram g2, double periodS)
    {
        var figure = G2Figure.Pulsed(new PulsedG2Data(g2.Bins.CentersS(), g2.Counts.Select(c => (double)c).ToArray(), periodS, 0.5 * periodS,
            s.G2.ZeroDelay ?? double.NaN, s.G2.ZeroDelayStdErr));
        section.AddFigure("g2", figure,
            $"Coincidences between the first two channels ({g2.PhotonsA:N0} and {g2.PhotonsB:N0} photons) in {Si(periodS / ReportDisplayData.PulsedBinsPerPeriod, "s")} bins " +
            $"over ±{ReportDisplayData.PulsedPeriodsShown} laser periods; shaded: the integration windows (one period wide, zero-delay window in vermillion). " +
            "g2(0) is the zero-delay area over the mean area of the side peaks ±5…±20 (the outermost peaks drawn are the first of them), away from the blinking bunching of the nearest peaks" +
            (s.G2.ZeroDelayBackgroundCorrected is { } c ? $"; background-corrected (Nair et al. 2011) g2(0) = {Display(c, s.G2.ZeroDelayBackgroundCorrectedStdErr)}." : ".") +
            (s.G2.PeriodSource is { } source && source != "laser clock"
                ? $" The file has no laser clock: the period is the header's sync rate, which these peaks confirm ({source}); without laser delays there is no background correction."
                : ""));
    }

    private static void AddContinuousG2(ReportSection section, AnalysisResult s, CorrelationHistogram g2, AntibunchingFitResult? fit, double irfFwhmS, string? problem)
    {
        var centres = g2.Bins.CentersS();
        double[] fitDelays = [], fitG2 = [];
        if (fit is not null)
        {
            // The fitted model drawn finely: A·[1 − (1 − g2(0))·(e^(−|τ−τ₀|/τ_a) ⊗ IRF)], as AntibunchingFit defines it.
            double sigmaS = CorrelationIrfFwhmS(irfFwhmS) / (2 * Math.Sqrt(2 * Math.Log(2)));
            fitDelays = Enumerable.Range(0, 801).Select(i => centres[0] + i * (centres[^1] - centres[0]) / 800).ToArray();
            fitG2 = fitDelays.Select(t => fit.Amplitude * (1 - (1 - fit.G2Zero)
                * ExponentialGaussian.SmoothedTwoSidedDecay((t - fit.DelayS) * 1e9, sigmaS * 1e9, fit.AntibunchingTimeS * 1e9))).ToArray();
        }
        double g2Zero = fit?.G2Zero ?? s.G2.ZeroDelay ?? double.NaN;
        double? g2ZeroError = fit is null ? s.G2.ZeroDelayStdErr : fit.G2ZeroStdErr;
        var figure = G2Figure.Continuous(new ContinuousG2Data(centres, g2.Normalized(), fitDelays, fitG2, g2Zero, g2ZeroError, 20e-9));
        section.AddFigure("g2", figure,
            $"Normalised cross-correlation of the first two channels ({g2.PhotonsA:N0} and {g2.PhotonsB:N0} photons), exact normalisation (Laurence et al. 2006). " +
            (fit is null
                ? $"No antibunching fit{(problem is null ? "" : $" ({problem})")}; g2(0) shown is the zero-delay bin."
                : $"Dashed: antibunching fit 1 − (1 − g2(0))·e^(−|τ|/τ_a) convolved with a Gaussian of {Si(CorrelationIrfFwhmS(irfFwhmS), "s")} FWHM " +
                  $"(Poisson maximum likelihood): g2(0) = {Display(fit.G2Zero, fit.G2ZeroStdErr)}, τ_a = {Si(fit.AntibunchingTimeS, "s")}, " +
                  $"level {Num(fit.Amplitude, 3)}; the raw zero-delay bin gives {Display(s.G2.ZeroDelay ?? double.NaN, s.G2.ZeroDelayStdErr)}."));
    }

    /// <summary>The correlation of two detectors with equal Gaussian responses has √2 times one detector's FWHM.</summary>
    private static double CorrelationIrfFwhmS(double detectorIrfFwhmS) => Math.Sqrt(2) * detectorIrfFwhmS;

    private static AntibunchingFitResult? FitAntibunching(FileAnalysisOutput analysis, double irfFwhmS, out string? problem)
    {
        problem = null;
        if (analysis.Correlation is not { } g2 || analysis.Summary.G2.Mode != "cw") return null;
        try
        {
            var fit = AntibunchingFit.Fit(g2, new AntibunchingFitOptions { IrfFwhmS = CorrelationIrfFwhmS(irfFwhmS) });
            if (fit.Converged && double.IsFinite(fit.G2Zero)) return fit;
            problem = "the fit did not converge";
        }
        catch (UserInputException e)
        {
            problem = e.Message;
        }
        return null;
    }

    private static DecayFitResult? FitDecay(DecayHistogram? decay, double irfFwhmS, out string? problem)
    {
        problem = null;
        if (decay is null || decay.TotalCounts < 100) return null;
        try
        {
            return DecayFit.Fit(decay, new DecayFitOptions { Irf = new GaussianIrf(irfFwhmS), Components = 1 });
        }
        catch (UserInputException e)
        {
            problem = e.Message;
            return null;
        }
    }

    private static void AddDecay(ReportSection section, DecayHistogram decay, DecayFitResult? fit, double irfFwhmS, string? problem)
    {
        // Shown: the whole period, or with a fit up to 15 lifetimes after the IRF (a 8 ns decay in a 500 ns period would
        // otherwise be a spike at the left edge); by then the decay is e⁻¹⁵ ≈ 3·10⁻⁷ of its peak, below any background.
        int shown = fit is null ? decay.Counts.Length
            : Math.Clamp((int)Math.Ceiling((fit.IrfOffsetS + 2 * irfFwhmS + 15 * fit.LifetimesS[0]) / decay.BinWidthS), 8, decay.Counts.Length);
        double[] delays = Enumerable.Range(0, shown).Select(i => (i + 0.5) * decay.BinWidthS).ToArray();
        double[] counts = decay.Counts.Take(shown).Select(c => (double)c).ToArray();
        double[]? model = fit is null ? null : DecayCurve.Model(decay, fit, irfFwhmS)[..shown];
        double[]? irf = fit is null ? null : DecayCurve.Irf(decay, fit.IrfOffsetS, irfFwhmS)[..shown];
        var figure = DecayFigure.Create(new DecayData(delays, counts, irf, model, fit?.LifetimesS[0], fit?.LifetimeErrorsS[0]));
        section.AddFigure("decay", figure,
            $"Delays after the laser pulse of {decay.TotalCounts:N0} photons in {Si(decay.BinWidthS, "s")} bins ({Si(shown * decay.BinWidthS, "s")} of the {Si(decay.LaserPeriodS, "s")} period shown)" +
            (fit is null
                ? $"; no lifetime fit{(problem is null ? "" : $" ({problem})")}."
                : $", with the mono-exponential fit reconvolved with a Gaussian IRF of {Si(irfFwhmS, "s")} FWHM (grey, scaled; Poisson maximum likelihood, " +
                  $"pile-up of earlier pulses included): τ = {Si(fit.LifetimesS[0], "s")} ± {Si(fit.LifetimeErrorsS[0], "s")}, background " +
                  $"{Num(100 * fit.BackgroundFraction, 1)} %, reduced χ² = {Num(fit.ReducedChiSquare, 2)}."));
    }

    private static void AddFlid(ReportSection section, FlidHistogram flid, AnalysisReportOptions options)
    {
        // Rebin the analysis' FLID (rows: photons per bin, columns: 0.1 ns mean-delay cells) onto a display grid; rows
        // below FlidMinPhotons are left out, and the delay axis stops at the 99.5th percentile of the occupied cells.
        int rows = flid.Cells.Length;
        if (rows <= options.FlidMinPhotons) return;
        int columns = flid.Cells[0].Length;
        var columnTotals = new long[columns];
        for (int r = options.FlidMinPhotons; r < rows; r++)
            for (int c = 0; c < columns; c++) columnTotals[c] += flid.Cells[r][c];
        long all = columnTotals.Sum();
        if (all < 10) return;
        int lastColumn = 0;
        for (long seen = 0; lastColumn < columns - 1 && seen + columnTotals[lastColumn] < 0.995 * all; lastColumn++) seen += columnTotals[lastColumn];
        const int delayBins = 40, intensityBins = 30;
        double maxDelayS = (lastColumn + 1) * flid.DelayCellS * 1.05, maxRow = rows;
        var occurrences = new double[delayBins, intensityBins];
        for (int r = options.FlidMinPhotons; r < rows; r++)
            for (int c = 0; c <= Math.Min(columns - 1, lastColumn + lastColumn / 20 + 1); c++)
            {
                if (flid.Cells[r][c] == 0) continue;
                int x = (int)(flid.MeanDelayS(c) / maxDelayS * delayBins), y = (int)(r / maxRow * intensityBins);
                if (x < delayBins && y < intensityBins) occurrences[x, y] += flid.Cells[r][c];
            }
        double[] delayEdges = Enumerable.Range(0, delayBins + 1).Select(k => k * maxDelayS / delayBins).ToArray();
        double[] rateEdges = Enumerable.Range(0, intensityBins + 1).Select(k => k * maxRow / intensityBins / flid.TimeBinS).ToArray();
        section.AddFigure("flid", FlidFigure.Create(new FlidData(delayEdges, rateEdges, occurrences)),
            $"Fluorescence lifetime–intensity distribution (Galland et al. 2011): each {Si(flid.TimeBinS, "s")} trace bin with at least {options.FlidMinPhotons} photons " +
            $"placed by its photon rate and the mean delay of its photons after the decay peak ({Si(flid.DelayOffsetS, "s")}), an apparent lifetime that includes the background.");
    }

    private static double[] TrimmedProbabilities(IReadOnlyList<double> probability)
    {
        int last = probability.Count - 1;
        while (last > 2 && probability[last] <= 0) last--;
        return probability.Take(last + 1).ToArray();
    }

    private static (double Tau, double? Sigma)? LifetimeNs(AnalysisResult s, DecayFitResult? fit) =>
        s.Lifetime.TauNs is { } tau ? (tau, s.Lifetime.TauSigmaNs)
        : fit is null ? null : (fit.LifetimesS[0] * 1e9, fit.LifetimeErrorsS[0] * 1e9);

    private static string Display(double value, double? error) =>
        error is { } e && double.IsFinite(e) && e > 0 ? $"{Sig(value)} ± {Sig(e)}" : Sig(value);

    private static string Exponent(PowerLawInfo? fit) => fit is null ? "not fitted" : $"{Num(fit.Exponent, 2)} ± {Num(fit.BootstrapSigma ?? fit.AnalyticSigma, 2)}";

    private static string Si(double value, string unit) => QdSim.Plotting.Axes.SiPrefix.Format(value, unit);

    private static string Sig(double value) => QdSim.Plotting.Axes.SiPrefix.Significant(value, 3);

    private static string Num(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
