using QdSim.Analysis.Blinking;
using QdSim.Analysis.ChangePoint;
using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Report;
using QdSim.Analysis.Traces;
using QdSim.TimeTags;

namespace QdSim.Analysis.Pipeline;

/// <summary>
/// Stages that need the first pass's results, run on a second read of the file (bounded memory: the first pass keeps
/// per-bin and per-segment records only, so ON periods and level intervals are known only at its end):
/// <list type="bullet">
/// <item>g2 restricted to the ON periods of the ON/OFF classification (runs of trace bins above the threshold): pairs are
/// formed within one ON period, and the uncorrelated expectation comes from the ON windows alone, so the bunching that
/// blinking adds (g2 side peaks at 1/f for ON fraction f) is gone and the side peaks sit at 1.</item>
/// <item>The lifetime per intensity level: photons sorted by the level the dot was in when they arrived — change-point
/// segments (Watkins &amp; Yang 2005) when the change-point stage ran, else the ON/OFF classes — and one mono-exponential
/// reconvolution fit per level.</item>
/// </list>
/// </summary>
internal sealed class SecondPassStages
{
    /// <summary>Fewest photons in a level's decay for a lifetime fit.</summary>
    private const long MinLevelPhotons = 100;

    private readonly CorrelationStages _first;
    private readonly PhotonCorrelator? _onCorrelator;
    private readonly int _onWindows;
    private readonly double _traceLengthS;
    private readonly DecayHistogramBuilder? _levelDecays;
    private readonly string _classification = "";
    private readonly Dictionary<int, (double IntensityCps, double TimeS)> _levels = [];

    public List<IStreamingStage> Stages { get; } = [];

    public SecondPassStages(TimeTagStreamInfo info, CorrelationStages first, IntensityTrace trace, OnOffClassification onOff, ChangePointResult? changePoints)
    {
        _first = first;
        _traceLengthS = trace.BinCount * trace.BinWidthS;
        double tickS = info.TickResolutionS;
        if (first.HasCorrelation && trace.BinCount >= 2)
        {
            var on = OnWindows(trace, onOff.ThresholdCounts, tickS);
            _onWindows = on.Count;
            _onCorrelator = first.CreateCorrelator(intervals: on);
            Stages.Add(_onCorrelator);
        }
        if (first.IsPulsed)
        {
            List<LevelInterval> intervals;
            if (changePoints is { Segments.Count: > 0 })
            {
                _classification = "changePoint";
                intervals = SegmentIntervals(changePoints.Segments, tickS);
                foreach (var l in changePoints.Levels) _levels[l.Index] = (l.IntensityCps, l.TotalTimeS);
            }
            else
            {
                _classification = "onOff";
                intervals = OnOffIntervals(trace, onOff.ThresholdCounts, tickS);
                foreach (int state in new[] { 0, 1 })
                {
                    var bins = Enumerable.Range(0, trace.BinCount).Where(i => (trace.TotalCounts[i] > onOff.ThresholdCounts ? 1 : 0) == state).ToArray();
                    if (bins.Length > 0) _levels[state] = (bins.Average(i => (double)trace.TotalCounts[i]) / trace.BinWidthS, bins.Length * trace.BinWidthS);
                }
            }
            _levelDecays = new DecayHistogramBuilder(info, new DecayHistogramOptions { Levels = intervals });
            Stages.Add(_levelDecays);
        }
    }

    public bool IsNeeded => Stages.Count > 0;

    public G2OnPeriodsInfo? OnPeriods() => _onCorrelator is null ? null : _first.OnPeriods(_onCorrelator.Finish(), _traceLengthS, _onWindows);

    public IReadOnlyList<LevelLifetimeInfo>? PerLevel(List<string> warnings)
    {
        if (_levelDecays is null) return null;
        var decays = _levelDecays.LevelResults();
        var list = new List<LevelLifetimeInfo>();
        foreach (var (level, (intensityCps, timeS)) in _levels.OrderBy(kv => kv.Key))
        {
            var decay = decays.GetValueOrDefault(level);
            long photons = decay?.TotalCounts ?? 0;
            DecayFitResult? fit = null;
            if (photons >= MinLevelPhotons) fit = _first.FitMono(decay!, $"lifetime of level {level}", warnings);
            else warnings.Add($"level {level} ({_classification}) has {photons} photons with a laser delay, fewer than {MinLevelPhotons}: no lifetime fit");
            list.Add(new LevelLifetimeInfo(level, _classification, intensityCps, timeS, photons,
                fit?.LifetimesS[0] * 1e9, fit?.LifetimeErrorsS[0] * 1e9, fit?.BackgroundFraction, fit?.ReducedChiSquare));
        }
        return list;
    }

    /// <summary>Runs of trace bins above the threshold as tick windows [start, end).</summary>
    internal static List<TickInterval> OnWindows(IntensityTrace trace, double thresholdCounts, double tickS) =>
        OnOffIntervals(trace, thresholdCounts, tickS).Where(i => i.Level == 1).Select(i => new TickInterval(i.StartTicks, i.EndTicks)).ToList();

    /// <summary>The trace as alternating OFF (0) / ON (1) runs, tick windows [start, end).</summary>
    private static List<LevelInterval> OnOffIntervals(IntensityTrace trace, double thresholdCounts, double tickS)
    {
        var runs = new List<LevelInterval>();
        int start = 0;
        for (int i = 0; i < trace.BinCount; i++)
        {
            bool on = trace.TotalCounts[i] > thresholdCounts;
            if (i + 1 < trace.BinCount && (trace.TotalCounts[i + 1] > thresholdCounts) == on) continue;
            runs.Add(new LevelInterval(Ticks(trace.BinStartS(start), tickS), Ticks(trace.BinStartS(i + 1), tickS), on ? 1 : 0));
            start = i + 1;
        }
        return runs;
    }

    /// <summary>Change-point segments as level windows; each reaches to the next segment's first photon (no photon between two segments is lost).</summary>
    private static List<LevelInterval> SegmentIntervals(IReadOnlyList<ChangePointSegment> segments, double tickS)
    {
        var list = new List<LevelInterval>(segments.Count);
        for (int j = 0; j < segments.Count; j++)
        {
            long start = Ticks(segments[j].StartS, tickS);
            long end = j + 1 < segments.Count ? Ticks(segments[j + 1].StartS, tickS) : Ticks(segments[j].EndS, tickS) + 1;
            if (end > start) list.Add(new LevelInterval(start, end, segments[j].Level));
        }
        return list;
    }

    private static long Ticks(double s, double tickS) => (long)Math.Round(s / tickS);
}
