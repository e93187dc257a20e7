using QdSim.Analysis.Correlation;
using QdSim.Analysis.Flid;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Runner.Reporting;

/// <summary>What the figures need beyond the analysis output: the pulsed g2 at a resolution that shows the peaks, and the FLID.</summary>
/// <param name="PulsedG2">Coincidences of the first two photon channels in fine bins over ±<see cref="PulsedPeriodsShown"/>
/// laser periods, or null (no sync or fewer than two channels; the CW g2 of the analysis is already fine enough).</param>
/// <param name="Flid">Fluorescence-lifetime–intensity histogram, or null without sync.</param>
public sealed record ReportDisplayData(CorrelationHistogram? PulsedG2, FlidHistogram? Flid)
{
    /// <summary>Nothing beyond the analysis (a file without sync).</summary>
    public static ReportDisplayData Empty { get; } = new(null, null);

    /// <summary>Periods on either side of zero delay drawn in the pulsed g2 figure: the zero peak, the near peaks that
    /// blinking bunches and the first side peaks used for the reference area (PulsedG2Options.FirstSidePeak = 5).</summary>
    public const int PulsedPeriodsShown = 5;

    /// <summary>Display bins per laser period in the pulsed g2 figure.</summary>
    public const int PulsedBinsPerPeriod = 40;
}

/// <summary>
/// One extra streaming pass over the time-tag file for the figures, after the analysis pass whose numbers the report
/// quotes: the analysis bins pulsed coincidences per peak window (areas, no shape), and the FLID needs the delay origin
/// that the analysis' decay histogram provides. Uses the analysis' own stages, in bounded memory. Files without a sync
/// need no second read (<see cref="IsNeeded"/>).
/// </summary>
public static class ReportDisplayPass
{
    /// <summary>True when <see cref="Run"/> would read anything: the stream has a laser sync, or its g2 was found pulsed
    /// from the photons (a T2 file without sync records).</summary>
    public static bool IsNeeded(TimeTagStreamInfo info, FileAnalysisOutput analysis) => info.SyncRateHz is > 0 || analysis.Summary.G2.LaserPeriodNs is > 0;

    /// <summary>Reads the stream once and returns the display data for <paramref name="analysis"/> of the same stream.</summary>
    public static ReportDisplayData Run(ITimeTagReader reader, FileAnalysisOutput analysis, IProgress<double>? progress = null)
    {
        var info = reader.Info;
        if (!IsNeeded(info, analysis)) return ReportDisplayData.Empty;
        // The analysis' period: the laser clock's, or the header's rate that the photon coincidences confirmed.
        double periodS = analysis.Summary.G2.LaserPeriodNs is > 0 and var periodNs ? periodNs * 1e-9 : 1 / info.SyncRateHz!.Value;
        var stages = new List<IStreamingStage>();
        PhotonCorrelator? correlator = null;
        var channels = info.PhotonChannels.Order().ToArray();
        if (channels.Length >= 2)
        {
            double reach = (ReportDisplayData.PulsedPeriodsShown + 0.5) * periodS;
            var bins = CorrelationBins.Linear(-reach, reach, periodS / ReportDisplayData.PulsedBinsPerPeriod, info.TickResolutionS);
            correlator = new PhotonCorrelator(info, new CorrelatorOptions { ChannelA = channels[0], ChannelB = channels[1], Bins = bins });
            stages.Add(correlator);
        }
        // FLID needs laser delays: only with a laser clock.
        var flid = info.SyncRateHz is > 0 ? new FlidBuilder(info, new FlidOptions { TimeBinS = analysis.Trace.BinWidthS, DelayOffsetS = DecayPeakS(analysis.Decay) }) : null;
        if (flid is not null) stages.Add(flid);
        StreamPass.Run(reader, stages, progress);
        return new ReportDisplayData(correlator?.Finish(), flid?.Finish());
    }

    /// <summary>Start of the decay's peak bin (the IRF position), so that FLID delays read as apparent lifetimes; 0 without a decay.</summary>
    internal static double DecayPeakS(DecayHistogram? decay)
    {
        if (decay is null || decay.TotalCounts == 0) return 0;
        int peak = Array.IndexOf(decay.Counts, decay.Counts.Max());
        return peak * decay.BinWidthS;
    }
}
