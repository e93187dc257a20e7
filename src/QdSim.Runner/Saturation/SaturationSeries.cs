using QdSim.Analysis.Saturation;
using QdSim.Runner.Cli;
using QdSim.TimeTags;

namespace QdSim.Runner.Saturation;

/// <summary>
/// Measures the count rate of every point of a saturation series from its time-tag file (one streaming pass per
/// file, all its segments at once), subtracts the background and fits rate = A(1 − e^(−⟨N⟩)) with
/// <see cref="SaturationFit"/>: A alone when ⟨N⟩ is given, A and the slope k of ⟨N⟩ = k·x otherwise (x the
/// excitation value in its own unit; k is the cross-section σ when x is photon fluence, and σ = k / (photon fluence per
/// unit of x) when that conversion is known). Rate errors are Poisson, √N/T, with the background's error added in
/// quadrature; SaturationFit scales the parameter errors by the reduced χ² when it exceeds 1 (blinking makes counts
/// super-Poissonian).
/// </summary>
internal static class SaturationSeries
{
    public static SaturationReport Run(SaturationRequest request, Action<string> warn)
    {
        var warnings = new List<string>();
        void Warn(string text) { warnings.Add(text); warn(text); }
        var readOptions = new TimeTagReadOptions { OnWarning = Warn };

        var background = MeasureBackground(request, readOptions, Warn);
        var files = new List<SaturationFileInfo>();
        var measured = new Dictionary<SaturationPointSpec, (SegmentCount Count, IReadOnlyList<short> Channels)>();
        foreach (var group in request.Points.GroupBy(p => Path.GetFullPath(p.File)))
        {
            // Windows of one file in time order for the single pass; a file listed twice overlaps itself and is refused.
            var ordered = group.OrderBy(p => p.Segment.StartS).ToList();
            for (int i = 1; i < ordered.Count; i++)
                if (!(ordered[i - 1].Segment.EndS is { } end && end <= ordered[i].Segment.StartS))
                    throw new UserInputException($"{ordered[i].Origin}: overlaps {ordered[i - 1].Origin} (each stretch of a file can be one point only)");
            string path = ordered[0].File;
            StreamSegmentCounts counts;
            using (var reader = TimeTagFile.Open(path, readOptions))
                counts = ProgressReporter.Run($"count {Path.GetFileName(path)}", progress => SegmentCountStage.Count(reader, ordered.Select(p => p.Segment).ToList(), progress));
            foreach (var w in counts.Warnings) Warn(w);
            if (!(counts.DurationS > 0)) throw new UserInputException($"{path}: no events, so no count rate can be measured");
            var channels = SelectedChannels(request.Channels, counts, path);
            files.Add(new SaturationFileInfo(path, counts.DurationS, counts.DurationSource, counts.LastEventS, counts.LaserClock.ToString(), counts.PhotonChannels, channels));
            for (int i = 0; i < ordered.Count; i++)
            {
                var c = counts.Segments[i];
                if (c.Segment.EndS is { } end && end > counts.DurationS * (1 + 1e-9))
                    throw new UserInputException($"{ordered[i].Origin}: segment {c.Segment} s ends after the end of {path} ({counts.DurationS:G6} s, {(counts.DurationSource == "header" ? "its header's acquisition time" : "its last event")}; 'start:' runs to the end)");
                measured[ordered[i]] = (c, channels);
            }
        }

        var units = request.Excitation;
        var rows = request.Points.Select(p =>
        {
            var (count, channels) = measured[p];
            long n = channels.Sum(ch => count.PhotonsPerChannel.GetValueOrDefault(ch));
            double t = count.DurationS;
            var (bgCps, bgSigmaCps) = background?.RateOver(channels) ?? BackgroundRate(request.Background, channels);
            // Zero counts would give a zero error, which the weighted fit cannot take: one count's error is the floor.
            double rateSigma = Math.Sqrt(Math.Max(n, 1) / (t * t) + bgSigmaCps * bgSigmaCps);
            return (Spec: p, Count: count, Counts: n, BackgroundCps: bgCps, Rate: n / t - bgCps, RateSigma: rateSigma);
        }).ToList();

        int parameters = units.Quantity == ExcitationQuantity.MeanExcitons ? 1 : 2;
        if (rows.Count < parameters + 1)
            throw new UserInputException($"{units.OptionName}: {rows.Count} point(s); fitting {(parameters == 1 ? "A" : "A and the cross-section")} needs at least {parameters + 1}");
        var points = rows.Select(r => new SaturationPoint(r.Spec.Excitation, r.Rate, r.RateSigma)).ToList();
        var fit = parameters == 1 ? SaturationFit.FitMeanExcitons(points) : SaturationFit.FitCrossSection(points);
        double a = fit.SaturatedRateCps, aSigma = fit.SaturatedRateSigmaCps;
        // FitCrossSection's "cross-section" is the slope of ⟨N⟩ in the unit of the values given (cm² only for photon fluence).
        double? k = fit.CrossSectionCm2, kSigma = fit.CrossSectionSigmaCm2;
        if (!double.IsFinite(a) || !(a > 0) || !double.IsFinite(aSigma) || k is { } kk && (!double.IsFinite(kk) || !(kk > 0) || !double.IsFinite(kSigma!.Value)))
            throw new UserInputException($"{units.OptionName}: the rates do not follow A(1 − e^(−⟨N⟩)) with A > 0 (fit gave A = {a:G4} cps{(k is { } s ? $", ⟨N⟩ per unit = {s:G4}" : "")}); check the values and the background");

        Func<double, double> meanExcitons = parameters == 1 ? x => x : x => k!.Value * x;
        var pointInfos = rows.Select(r =>
        {
            double x = r.Spec.Excitation, nMean = meanExcitons(x);
            double fitRate = a * (1 - Math.Exp(-nMean));
            // ⟨N⟩ from this point's rate alone: −ln(1 − R/A), error from the rate's error (A's error is shared by all points).
            double? fromRate = r.Rate < a && r.Rate > 0 ? -Math.Log(1 - r.Rate / a) : null;
            double? fromRateSigma = fromRate is null ? null : r.RateSigma / (a - r.Rate);
            double? photonFluence = units.PhotonFluencePerCm2PerUnit * x;
            return new SaturationPointInfo
            {
                File = r.Spec.File,
                SegmentStartS = r.Count.Segment.StartS,
                SegmentEndS = r.Count.EndS,
                DurationS = r.Count.DurationS,
                MeanExcitonsGiven = units.Quantity == ExcitationQuantity.MeanExcitons ? x : null,
                FluenceUJPerCm2 = units.Quantity == ExcitationQuantity.FluenceUJPerCm2 ? x : null,
                PhotonFluencePerCm2 = photonFluence,
                PowerUW = units.Quantity == ExcitationQuantity.PowerUW ? x : null,
                Counts = r.Counts,
                CountsPerChannel = measured[r.Spec].Channels.ToDictionary(ch => ch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ch => r.Count.PhotonsPerChannel.GetValueOrDefault(ch)),
                BackgroundCps = r.BackgroundCps,
                RateCps = r.Rate,
                RateSigmaCps = r.RateSigma,
                FitRateCps = fitRate,
                ResidualSigmas = (r.Rate - fitRate) / r.RateSigma,
                MeanExcitons = nMean,
                MeanExcitonsStdErr = parameters == 1 ? null : nMean * kSigma!.Value / k!.Value,
                MeanExcitonsFromRate = fromRate,
                MeanExcitonsFromRateStdErr = fromRateSigma,
            };
        }).ToList();

        double? perUnit = units.PhotonFluencePerCm2PerUnit;
        var fitInfo = new SaturationFitInfo
        {
            SaturatedRateCps = a,
            SaturatedRateSigmaCps = aSigma,
            CrossSectionCm2 = k / perUnit,
            CrossSectionSigmaCm2 = kSigma / perUnit,
            MeanExcitonsPerUW = units.Quantity == ExcitationQuantity.PowerUW ? k : null,
            MeanExcitonsPerUWStdErr = units.Quantity == ExcitationQuantity.PowerUW ? kSigma : null,
            MeanExcitonsPerUJPerCm2 = units.Quantity == ExcitationQuantity.FluenceUJPerCm2 ? k : null,
            MeanExcitonsPerUJPerCm2StdErr = units.Quantity == ExcitationQuantity.FluenceUJPerCm2 ? kSigma : null,
            // Excitation at ⟨N⟩ = 1 (rate = 0.632 A), 1/k, relative error that of k.
            SaturationPowerUW = units.Quantity == ExcitationQuantity.PowerUW ? 1 / k : null,
            SaturationPowerSigmaUW = units.Quantity == ExcitationQuantity.PowerUW ? kSigma / (k * k) : null,
            SaturationFluenceUJPerCm2 = units.Quantity == ExcitationQuantity.FluenceUJPerCm2 ? 1 / k : null,
            SaturationFluenceSigmaUJPerCm2 = units.Quantity == ExcitationQuantity.FluenceUJPerCm2 ? kSigma / (k * k) : null,
            SaturationPhotonFluencePerCm2 = k is { } k1 && perUnit is { } u1 ? u1 / k1 : null,
            SaturationPhotonFluenceSigmaPerCm2 = k is { } k2 && perUnit is { } u2 ? u2 * kSigma!.Value / (k2 * k2) : null,
            ChiSquare = fit.ChiSquare,
            DegreesOfFreedom = fit.DegreesOfFreedom,
            ReducedChiSquare = fit.DegreesOfFreedom > 0 ? fit.ChiSquare / fit.DegreesOfFreedom : null,
            ErrorsScaledByReducedChiSquare = fit.DegreesOfFreedom > 0 && fit.ChiSquare > fit.DegreesOfFreedom,
        };
        if (parameters == 2 && pointInfos.Max(p => p.MeanExcitons) < 0.5)
            Warn($"the largest ⟨N⟩ of the series is {pointInfos.Max(p => p.MeanExcitons):G3}: without points near saturation A and σ are strongly correlated and only their product is well determined");
        if (fitInfo.ErrorsScaledByReducedChiSquare)
            Warn($"χ² = {fit.ChiSquare:G4} for {fit.DegreesOfFreedom} degrees of freedom: the rates scatter more than Poisson (blinking, drift, or a model that does not fit); the parameter errors were scaled by √(χ²/dof)");

        return new SaturationReport
        {
            Excitation = new SaturationExcitationInfo(units.Quantity.ToString(), units.Unit, units.WavelengthNm, units.RepetitionRateMHz, units.SpotAreaUm2, perUnit),
            Channels = request.Channels,
            Background = background?.Info ?? new SaturationBackgroundInfo(request.Background.TotalCps is not null || request.Background.PerChannelCps is not null ? "rates" : "none",
                null, request.Background.TotalCps, request.Background.PerChannelCps?.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value), null),
            Fit = fitInfo,
            Points = pointInfos,
            Files = files,
            Warnings = warnings,
        };
    }

    /// <summary>Channels counted in <paramref name="path"/>: --channels (each must be one the file has), else all its photon channels.</summary>
    private static IReadOnlyList<short> SelectedChannels(IReadOnlyList<short>? requested, StreamSegmentCounts counts, string path)
    {
        var present = new SortedSet<short>(counts.PhotonChannels);
        foreach (var s in counts.Segments) present.UnionWith(s.PhotonsPerChannel.Keys);
        if (requested is null) return present.ToArray();
        foreach (var c in requested)
            if (!present.Contains(c))
                throw new UserInputException($"--channels: {path} has no photon channel {c} (it has {string.Join(", ", present)})");
        return requested;
    }

    private static (double Cps, double SigmaCps) BackgroundRate(BackgroundSpec spec, IReadOnlyList<short> channels) =>
        spec.TotalCps is { } total ? (total, 0)
        : spec.PerChannelCps is { } perChannel ? (channels.Sum(c => perChannel.GetValueOrDefault(c)), 0)
        : (0, 0);

    private sealed record MeasuredBackground(SaturationBackgroundInfo Info, IReadOnlyDictionary<short, long> Counts, double DurationS)
    {
        /// <summary>Background rate summed over <paramref name="channels"/> with its Poisson error.</summary>
        public (double Cps, double SigmaCps) RateOver(IReadOnlyList<short> channels)
        {
            long n = channels.Sum(c => Counts.GetValueOrDefault(c));
            return (n / DurationS, Math.Sqrt(n) / DurationS);
        }
    }

    private static MeasuredBackground? MeasureBackground(SaturationRequest request, TimeTagReadOptions readOptions, Action<string> warn)
    {
        if (request.Background.File is not { } path) return null;
        StreamSegmentCounts counts;
        using (var reader = TimeTagFile.Open(path, readOptions))
            counts = ProgressReporter.Run($"count {Path.GetFileName(path)} (background)", progress => SegmentCountStage.Count(reader, [TimeSegment.Whole], progress));
        foreach (var w in counts.Warnings) warn(w);
        if (!(counts.DurationS > 0)) throw new UserInputException($"--background-file {path}: no events and no acquisition time in its header, so no background rate can be measured");
        var perChannel = counts.Segments[0].PhotonsPerChannel;
        if (request.Channels is { } requested)
            foreach (var c in requested)
                if (!counts.PhotonChannels.Contains(c) && !perChannel.ContainsKey(c))
                    throw new UserInputException($"--background-file {path}: has no photon channel {c} of --channels");
        var info = new SaturationBackgroundInfo("file", path, null,
            perChannel.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value / counts.DurationS), counts.DurationS);
        return new MeasuredBackground(info, perChannel, counts.DurationS);
    }
}
