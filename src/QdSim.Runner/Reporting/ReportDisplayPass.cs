using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Traces;
using QdSim.TimeTags;

namespace QdSim.Runner.Reporting;

/// <summary>What the figures need beyond analysis.json: the g2 histogram at display resolution, the decay histogram and the FLID per-bin values.</summary>
/// <param name="G2">Correlation of the first two photon channels at display resolution, or null (fewer than two channels).</param>
/// <param name="LaserPeriodS">Laser period, seconds, when the stream has a sync rate (pulsed g2, decay, FLID), else null.</param>
/// <param name="Decay">Decay histogram of all photons, or null without sync.</param>
/// <param name="FlidPhotons">Photons with a laser delay per trace bin, or null without sync.</param>
/// <param name="FlidMeanDelayS">Their mean delay after the decay peak per trace bin, seconds (NaN for empty bins), or null.</param>
public sealed record ReportDisplayData(CorrelationHistogram? G2, double? LaserPeriodS, DecayHistogram? Decay, int[]? FlidPhotons, double[]? FlidMeanDelayS)
{
    /// <summary>Nothing beyond the analysis (a file with one channel and no sync).</summary>
    public static ReportDisplayData Empty { get; } = new(null, null, null, null, null);

    /// <summary>Periods on either side of zero delay drawn in the pulsed g2 figure: the zero peak, the bunching-prone near
    /// peaks and the first side peaks used for the reference area (PulsedG2Options.FirstSidePeak = 5).</summary>
    public const int PulsedPeriodsShown = 7;

    /// <summary>Display bins per laser period in the pulsed g2 figure.</summary>
    public const int PulsedBinsPerPeriod = 40;

    /// <summary>CW g2 range (±100 ns) and bin width (1 ns), those of the analysis' CW g2(0).</summary>
    public const double ContinuousMaxLagS = 100e-9, ContinuousBinWidthS = 1e-9;
}

/// <summary>
/// One extra streaming pass over the time-tag file for the figures (after the analysis pass, whose numbers the report
/// quotes): a g2 histogram fine enough to show the peaks, the TRPL decay and the FLID per-bin values, all with the
/// analysis' own stages and in bounded memory. Skipped entirely (no second read) when the file has neither two photon
/// channels nor a sync.
/// </summary>
public static class ReportDisplayPass
{
    /// <summary>True when <see cref="Run"/> would read anything.</summary>
    public static bool IsNeeded(TimeTagStreamInfo info) => info.PhotonChannels.Count >= 2 || info.SyncRateHz is > 0;

    /// <summary>Reads the stream once and returns the display data; FLID bins are those of the analysis' <paramref name="trace"/>.</summary>
    public static ReportDisplayData Run(ITimeTagReader reader, IntensityTrace trace, IProgress<double>? progress = null)
    {
        double binWidthS = trace.BinWidthS;
        var info = reader.Info;
        if (!IsNeeded(info)) return ReportDisplayData.Empty;
        var stages = new List<IStreamingStage>();
        double? periodS = info.SyncRateHz is > 0 ? 1 / info.SyncRateHz.Value : null;
        PhotonCorrelator? correlator = null;
        var channels = info.PhotonChannels.Order().ToArray();
        if (channels.Length >= 2)
        {
            var bins = periodS is { } p
                ? CorrelationBins.Linear(-(ReportDisplayData.PulsedPeriodsShown + 0.5) * p, (ReportDisplayData.PulsedPeriodsShown + 0.5) * p,
                    p / ReportDisplayData.PulsedBinsPerPeriod, info.TickResolutionS)
                : CorrelationBins.LinearSymmetric(ReportDisplayData.ContinuousMaxLagS, ReportDisplayData.ContinuousBinWidthS, info.TickResolutionS);
            correlator = new PhotonCorrelator(info, new CorrelatorOptions { ChannelA = channels[0], ChannelB = channels[1], Bins = bins });
            stages.Add(correlator);
        }
        DecayHistogramBuilder? decay = null;
        FlidStage? flid = null;
        if (periodS is not null)
        {
            decay = new DecayHistogramBuilder(info);
            flid = new FlidStage(info, binWidthS);
            stages.Add(decay);
            stages.Add(flid);
        }
        StreamPass.Run(reader, stages, progress);
        var flidResult = flid?.Result(trace.BinCount);
        return new ReportDisplayData(correlator?.Finish(), periodS, decay?.Result(), flidResult?.Photons, flidResult?.MeanDelayS);
    }
}
