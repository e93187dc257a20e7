using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Saturation;

/// <summary>A time window [StartS, EndS) from the start of a stream, seconds; EndS null: to the end of the stream.</summary>
public sealed record TimeSegment(double StartS, double? EndS)
{
    /// <summary>The whole stream.</summary>
    public static TimeSegment Whole { get; } = new(0, null);

    /// <summary>"start:end" as written on the command line ("start:" when open-ended), seconds.</summary>
    public override string ToString() => EndS is { } end ? $"{Format(StartS)}:{Format(end)}" : $"{Format(StartS)}:";

    private static string Format(double s) => s.ToString("G", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Photons counted in one <see cref="TimeSegment"/>.</summary>
/// <param name="Segment">The window as requested.</param>
/// <param name="EndS">Its end, seconds: the requested end, or the stream's duration for an open-ended window.</param>
/// <param name="PhotonsPerChannel">Photon counts by channel (laser-clock channel excluded).</param>
public sealed record SegmentCount(TimeSegment Segment, double EndS, IReadOnlyDictionary<short, long> PhotonsPerChannel)
{
    /// <summary>Length of the window, seconds.</summary>
    public double DurationS => EndS - Segment.StartS;
}

/// <summary>Counts of one stream in its windows and how its duration was decided.</summary>
/// <param name="DurationS">Acquisition time used for open-ended windows, seconds (see <see cref="DurationSource"/>).</param>
/// <param name="DurationSource">"header" (the header's acquisition time, which covers the last event) or "lastEvent"
/// (the time of the last event, when the header states none or states one shorter than the data).</param>
/// <param name="LastEventS">Time of the last event of any kind, seconds.</param>
/// <param name="PhotonChannels">Photon channels the stream declares, laser-clock channel removed.</param>
/// <param name="LaserClock">Where the laser clock came from (<see cref="LaserClockSource"/>).</param>
/// <param name="Segments">One count per requested window, in the requested order.</param>
/// <param name="Warnings">Duration caveats.</param>
public sealed record StreamSegmentCounts(double DurationS, string DurationSource, double LastEventS, IReadOnlyList<short> PhotonChannels,
    LaserClockSource LaserClock, IReadOnlyList<SegmentCount> Segments, IReadOnlyList<string> Warnings);

/// <summary>
/// Photon counts per channel in disjoint time windows of one stream, in one streaming pass (bounded memory): the count
/// rates of a power series recorded as consecutive segments of one file, or of a whole file. The laser clock is
/// resolved first (<see cref="LaserClockReader"/>), so a PicoHarp T2 sync input that carries the laser never counts as
/// photons. A photon belongs to a window when StartS ≤ t &lt; EndS (t from the stream's first tick, as the trace uses).
/// </summary>
public sealed class SegmentCountStage : IStreamingStage
{
    private readonly long[] _startTicks;
    private readonly long[] _endTicks;
    private readonly Dictionary<short, long>[] _counts;
    private int _current;
    private long _lastTicks;

    /// <param name="info">Stream description (tick length).</param>
    /// <param name="segments">Windows in increasing time order, not overlapping; only the last may be open-ended.</param>
    public SegmentCountStage(TimeTagStreamInfo info, IReadOnlyList<TimeSegment> segments)
    {
        double tickS = info.TickResolutionS;
        _startTicks = new long[segments.Count];
        _endTicks = new long[segments.Count];
        _counts = new Dictionary<short, long>[segments.Count];
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (!(s.StartS >= 0) || s.EndS is { } e && !(e > s.StartS))
                throw new ArgumentException($"segment {s}: needs 0 ≤ start < end (s)", nameof(segments));
            if (i > 0 && !(segments[i - 1].EndS is { } previousEnd && previousEnd <= s.StartS))
                throw new ArgumentException($"segment {s} overlaps or precedes segment {segments[i - 1]}: windows must be disjoint and in time order", nameof(segments));
            // Boundaries to the nearest tick: they are given to far coarser precision than any tick.
            _startTicks[i] = (long)Math.Round(s.StartS / tickS);
            _endTicks[i] = s.EndS is { } end ? (long)Math.Round(end / tickS) : long.MaxValue;
            _counts[i] = [];
        }
    }

    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            if (e.TimeTicks > _lastTicks) _lastTicks = e.TimeTicks;
            if (e.Kind != TimeTagKind.Photon) continue;
            int window = WindowOf(e.TimeTicks);
            if (window >= 0) _counts[window][e.Channel] = _counts[window].GetValueOrDefault(e.Channel) + 1;
        }
    }

    /// <summary>Index of the window holding <paramref name="ticks"/>, or −1. Fast path: the current window or a later one
    /// (events come in time order); a T3 photon a few ns out of order across a boundary falls back to a binary search.</summary>
    private int WindowOf(long ticks)
    {
        while (_current < _endTicks.Length && ticks >= _endTicks[_current]) _current++;
        if (_current < _startTicks.Length && ticks >= _startTicks[_current]) return _current;
        int lo = 0, hi = Math.Min(_current, _endTicks.Length) - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (ticks < _startTicks[mid]) hi = mid - 1;
            else if (ticks >= _endTicks[mid]) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>Time of the last event of any kind, ticks.</summary>
    public long LastTicks => _lastTicks;

    /// <summary>Counts of window <paramref name="index"/> by channel.</summary>
    public IReadOnlyDictionary<short, long> CountsOf(int index) => _counts[index];

    /// <summary>
    /// Reads <paramref name="reader"/> once and counts its photons in <paramref name="segments"/>. The duration is the
    /// header's acquisition time when it covers the last event (it includes the dark stretch after the last photon,
    /// which the last event time misses), otherwise the last event time, with a warning naming both.
    /// </summary>
    public static StreamSegmentCounts Count(ITimeTagReader reader, IReadOnlyList<TimeSegment> segments, IProgress<double>? progress = null)
    {
        using var clocked = LaserClockReader.Open(reader);
        var info = clocked.Info;
        var stage = new SegmentCountStage(info, segments);
        StreamPass.Run(clocked, [stage], progress);
        double lastEventS = stage.LastTicks * info.TickResolutionS;
        var warnings = new List<string>();
        double durationS;
        string source;
        if (info.AcquisitionTimeS is { } headerS && headerS > 0 && headerS >= lastEventS)
        {
            (durationS, source) = (headerS, "header");
        }
        else
        {
            (durationS, source) = (lastEventS, "lastEvent");
            if (info.AcquisitionTimeS is { } h && h > 0)
                warnings.Add($"{info.Source}: the header's acquisition time {h:G6} s is shorter than the last event at {lastEventS:G6} s; the last event time is used");
        }
        var counts = segments.Select((s, i) => new SegmentCount(s, s.EndS ?? durationS, stage.CountsOf(i))).ToArray();
        return new StreamSegmentCounts(durationS, source, lastEventS, info.PhotonChannels, clocked.Source, counts, warnings);
    }
}
