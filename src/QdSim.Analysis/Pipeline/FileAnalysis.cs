using QdSim.Analysis.Blinking;
using QdSim.Analysis.ChangePoint;
using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.PhotonStatistics;
using QdSim.Analysis.Report;
using QdSim.Analysis.Traces;
using QdSim.TimeTags;

namespace QdSim.Analysis.Pipeline;

/// <summary>
/// The whole-file analysis behind `qdsim analyze`: the laser clock is resolved on the first chunk
/// (<see cref="LaserClockReader"/>), then one streaming pass feeds the summary, intensity-trace, change-point
/// and photon-number stages; blinking statistics are then computed from the trace. Memory: per-bin arrays, a bounded
/// photon window for change points, and per-segment records — never per-photon arrays of the whole file.
/// </summary>
public static class FileAnalysis
{
    /// <param name="reader">The stream, read once.</param>
    /// <param name="options">Validated analysis parameters.</param>
    /// <param name="progress">Fraction done (both passes).</param>
    /// <param name="readerWarnings">Warnings the reader gave while opening, copied to the result.</param>
    /// <param name="reopen">
    /// Opens the same stream again for the second pass (g2 in ON periods, lifetime per level); null: no second pass,
    /// those members stay null.
    /// </param>
    public static FileAnalysisOutput Run(ITimeTagReader reader, AnalysisOptions options, IProgress<double>? progress = null,
        IReadOnlyList<string>? readerWarnings = null, Func<ITimeTagReader>? reopen = null)
    {
        options.Validate();
        // Pulsed or CW is decided from the records (LaserClockReader), not from the header's sync-rate meter alone.
        using var clocked = LaserClockReader.Open(reader);
        var info = clocked.Info;
        var summaryStage = new StreamSummaryStage(info);
        var traceStage = new IntensityTraceStage(info, options.BinWidthS);
        var changePointStage = options.ChangePointEnabled ? new ChangePointStage(info, options.ChangePoint) : null;
        var photonNumberStage = new PhotonNumberStage(info, options.PhotonNumberMax);
        var stages = new List<IStreamingStage> { summaryStage, traceStage, photonNumberStage };
        if (changePointStage is not null) stages.Add(changePointStage);
        var warnings = new List<string>(readerWarnings ?? []);
        var correlation = CorrelationStages.Create(info, options, warnings, clocked.Source == LaserClockSource.None ? clocked.HeaderSyncRateHz : null);
        stages.AddRange(correlation.Stages);
        bool twoPasses = reopen is not null && options.SecondPassEnabled && (correlation.HasCorrelation || correlation.IsPulsed);
        StreamPass.Run(clocked, stages, twoPasses ? Scaled(progress, 0, 0.5) : progress);

        correlation.ResolvePulsedWithoutClock(warnings); // before the second pass, which bins g2 the same way
        var summary = summaryStage.Result();
        var trace = traceStage.Result(summary.DurationS);
        if (trace.BinCount < 2) warnings.Add($"the stream lasts {summary.DurationS:G4} s, shorter than two {options.BinWidthS * 1e3:G4} ms bins: no trace statistics");

        var mandel = MandelQ.Of(trace.TotalCounts);
        var histogram = IntensityHistogram.Of(trace.TotalCounts, trace.BinWidthS);
        var onOff = OnOffClassifier.Classify(trace.TotalCounts, trace.BinWidthS, options.Threshold);
        var onFit = TruncatedPowerLaw.Fit(onOff.OnDwellsS, trace.BinWidthS, options.PowerLaw);
        var offFit = TruncatedPowerLaw.Fit(onOff.OffDwellsS, trace.BinWidthS, options.PowerLaw with { Seed = options.PowerLaw.Seed + 1 });
        if (onFit is null || offFit is null)
            warnings.Add($"fewer than {options.PowerLaw.MinDwells} complete ON or OFF dwells: no power-law exponent for that state");
        foreach (var (fit, state) in new[] { (onFit, "ON"), (offFit, "OFF") })
            if (fit is not null && (fit.Exponent < 0.1 || fit.Exponent > 7.9))
                warnings.Add($"{state} power-law exponent {fit.Exponent:F3} sits at the edge of the search range [0.05, 8]: the dwells are not power-law distributed");
        var changePoints = changePointStage?.Result();
        var photonNumbers = photonNumberStage.Result();

        SecondPassStages? second = null;
        if (twoPasses)
        {
            second = new SecondPassStages(info, correlation, trace, onOff, changePoints);
            if (second.IsNeeded)
            {
                using var again = reopen!();
                using var againClocked = LaserClockReader.Open(again);
                StreamPass.Run(againClocked, second.Stages, Scaled(progress, 0.5, 0.5));
            }
        }
        var g2 = correlation.G2(warnings);
        var lifetime = correlation.Lifetime(warnings);
        if (second is not null)
        {
            g2 = g2 with { OnPeriods = second.OnPeriods() };
            lifetime = lifetime with { PerLevel = second.PerLevel(warnings) };
        }

        var result = new AnalysisResult
        {
            Source = new SourceInfo(info.Source, info.Mode.ToString(), info.RecordTypeCode, info.TickResolutionS, info.SyncRateHz,
                info.MicroTimeResolutionS, info.AcquisitionTimeS, info.DeclaredRecordCount, summary.Events,
                LaserClock: clocked.Source.ToString(), HeaderSyncRateHz: clocked.HeaderSyncRateHz, SyncEvents: summary.SyncEvents),
            DurationS = summary.DurationS,
            Channels = summary.PhotonsPerChannel.Select(kv => new ChannelInfo(kv.Key, kv.Value,
                summary.DurationS > 0 ? kv.Value / summary.DurationS : double.NaN)).ToArray(),
            Markers = summary.MarkersPerMask.Select(kv => new MarkerInfo(kv.Key, kv.Value)).ToArray(),
            Trace = new TraceInfo(trace.BinWidthS, trace.BinCount, mandel.MeanCounts, mandel.Q, mandel.StandardError,
                histogram.PoissonChiSquarePerDof, histogram.Mixture.Select(c => new MixtureComponentInfo(c.Weight, c.MeanCounts, c.RateCps)).ToArray(),
                double.IsFinite(mandel.BlockStandardError) ? mandel.BlockStandardError : null),
            Blinking = new BlinkingInfo
            {
                ThresholdRule = onOff.Rule,
                ThresholdCps = onOff.ThresholdCps,
                OnFraction = onOff.OnFraction,
                MandelQ = mandel.Q,
                OnDwells = onOff.OnDwellsS.Length,
                OffDwells = onOff.OffDwellsS.Length,
                OnExponent = onFit?.Exponent,
                OffExponent = offFit?.Exponent,
                OnFit = ToInfo(onFit),
                OffFit = ToInfo(offFit),
            },
            ChangePoint = changePoints is null ? null : new ChangePointInfo(changePoints.Alpha, changePoints.Segments.Count, changePoints.LevelChanges,
                changePoints.Levels.Select(l => new LevelInfo(l.Index, l.IntensityCps, l.IntensitySigmaCps, l.Photons, l.TotalTimeS, l.TimeFraction,
                    l.DwellsS.Length, l.DwellsS.Length > 0 ? l.DwellsS.Average() : null)).ToArray(),
                changePoints.BicByLevels.Select(b => new LevelBicInfo(b.Levels, b.Bic)).ToArray()),
            PhotonNumbers = photonNumbers is null ? null : new PhotonNumberInfo(photonNumbers.Pulses, ToInfo(photonNumbers.Total),
                photonNumbers.PerChannel.Select(ToInfo).ToArray()),
            G2 = g2,
            Lifetime = lifetime,
            Warnings = warnings,
        };
        return new FileAnalysisOutput(result, trace, histogram, onOff, changePoints, photonNumbers, correlation.Correlation, correlation.Decay);
    }

    private static IProgress<double>? Scaled(IProgress<double>? progress, double offset, double scale) =>
        progress is null ? null : new ScaledProgress(progress, offset, scale);

    private sealed class ScaledProgress(IProgress<double> inner, double offset, double scale) : IProgress<double>
    {
        public void Report(double value) => inner.Report(offset + scale * value);
    }

    private static PowerLawInfo? ToInfo(PowerLawFit? fit) => fit is null ? null
        : new PowerLawInfo(fit.Exponent, fit.AnalyticSigma, fit.BootstrapSigma, fit.TMinS, fit.TMaxS, fit.Dwells, fit.KsDistance, fit.Binned);

    private static PhotonNumberChannelInfo ToInfo(PhotonNumberDistribution d) =>
        new(d.Channel, d.Probability, d.Mean, d.Variance, d.NormalisedFactorialMoment);
}

/// <summary>Everything a file analysis produced: the JSON summary and the stage results behind the CSV tables.</summary>
public sealed record FileAnalysisOutput(AnalysisResult Summary, IntensityTrace Trace, IntensityHistogram Histogram,
    OnOffClassification OnOff, ChangePointResult? ChangePoints, PhotonNumberResult? PhotonNumbers,
    CorrelationHistogram? Correlation = null, DecayHistogram? Decay = null)
{
    /// <summary>The CSV tables: trace, histogram, dwell times, dwell-time densities, change-point segments and levels, photon numbers.</summary>
    public IReadOnlyList<CsvTable> Tables()
    {
        var tables = new List<CsvTable>
        {
            new("trace.csv", ["time_s", .. Trace.Channels.Select(c => $"ch{c}_counts"), "total_counts"], row =>
            {
                var values = new double[Trace.Channels.Count + 2];
                for (int i = 0; i < Trace.BinCount; i++)
                {
                    values[0] = Trace.BinStartS(i);
                    for (int c = 0; c < Trace.Channels.Count; c++) values[c + 1] = Trace.CountsPerChannel[c][i];
                    values[^1] = Trace.TotalCounts[i];
                    row(values);
                }
            }),
            new("intensity_histogram.csv", ["counts_per_bin", "bins", "poisson_expected_bins"], row =>
            {
                for (int k = 0; k < Histogram.BinsWithCounts.Length; k++) row([k, Histogram.BinsWithCounts[k], Histogram.PoissonExpectedBins[k]]);
            }),
            new("dwell_times.csv", ["state", "dwell_s"], row =>
            {
                foreach (double t in OnOff.OnDwellsS) row([1, t]);
                foreach (double t in OnOff.OffDwellsS) row([0, t]);
            }),
            new("dwell_density.csv", ["state", "dwell_s", "density_per_s", "count"], row =>
            {
                foreach (var p in LogLogDensity.Of(OnOff.OnDwellsS)) row([1, p.DwellS, p.DensityPerS, p.Count]);
                foreach (var p in LogLogDensity.Of(OnOff.OffDwellsS)) row([0, p.DwellS, p.DensityPerS, p.Count]);
            }),
        };
        if (ChangePoints is { } cp)
        {
            tables.Add(new("changepoint_segments.csv", ["start_s", "end_s", "photons", "intensity_cps", "level"], row =>
            {
                foreach (var s in cp.Segments) row([s.StartS, s.EndS, s.Intervals, s.IntensityCps, s.Level]);
            }));
            tables.Add(new("changepoint_levels.csv", ["level", "intensity_cps", "intensity_sigma_cps", "photons", "total_time_s", "time_fraction", "dwells"], row =>
            {
                foreach (var l in cp.Levels) row([l.Index, l.IntensityCps, l.IntensitySigmaCps, l.Photons, l.TotalTimeS, l.TimeFraction, l.DwellsS.Length]);
            }));
        }
        if (PhotonNumbers is { } pn)
        {
            var columns = pn.PerChannel.Append(pn.Total).ToArray();
            tables.Add(new("photon_numbers.csv", ["n", .. pn.PerChannel.Select(d => $"ch{d.Channel}_probability"), "total_probability"], row =>
            {
                for (int n = 0; n < pn.Total.Probability.Length; n++)
                    row([n, .. columns.Select(d => d.Probability[n])]);
            }));
        }
        if (Correlation is { } g2)
        {
            tables.Add(new("g2.csv", ["lag_start_s", "lag_end_s", "pairs", "expected_uncorrelated_pairs", "g2"], row =>
            {
                var expected = g2.ExpectedUncorrelatedPairs();
                var g = g2.Normalized();
                var edges = g2.Bins.EdgesArray;
                for (int k = 0; k < g.Length; k++)
                    row([edges[k] * g2.Bins.TickResolutionS, edges[k + 1] * g2.Bins.TickResolutionS, g2.Counts[k], expected[k], g[k]]);
            }));
        }
        if (Decay is { } decay)
        {
            tables.Add(new("decay.csv", ["delay_start_s", "counts"], row =>
            {
                for (int i = 0; i < decay.Counts.Length; i++) row([i * decay.BinWidthS, decay.Counts[i]]);
            }));
        }
        return tables;
    }
}
