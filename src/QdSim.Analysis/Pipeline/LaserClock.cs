using QdSim.TimeTags;

namespace QdSim.Analysis.Pipeline;

/// <summary>Where the laser clock of a stream comes from (decides pulsed vs CW analysis).</summary>
public enum LaserClockSource
{
    /// <summary>No laser clock: CW analysis (T2 without sync events, whatever the header's sync-rate meter says).</summary>
    None,
    /// <summary>T3 records: every photon carries its sync count and micro time.</summary>
    T3,
    /// <summary>T2 with dedicated sync records (HydraHarp-family special records with channel 0, QdSim sync events).</summary>
    SyncRecords,
    /// <summary>
    /// T2 whose sync-input channel (PicoHarp 300 T2: stored channel 0) carries a periodic laser clock rather than a
    /// detector; its events are turned into sync events and the channel is dropped from the photon channels.
    /// </summary>
    SyncInputChannel,
}

/// <summary>
/// Decides from the records, not just the header, whether a stream is pulsed. PTU headers carry TTResult_SyncRate in
/// every file: it is the reading of the sync-input rate meter, also when that input holds a second detector (PicoHarp
/// 300 T2 records the sync input as ordinary channel 0, e.g. for HBT with two detectors), and also when no sync record
/// was stored at all (HydraHarp T2 files with sync records off). So: T3 is pulsed; T2 with sync records is pulsed;
/// T2 whose channel 0 ticks periodically (≥ <see cref="MinPeriodicFraction"/> of its intervals within
/// <see cref="PeriodTolerance"/> of the median interval — a Poisson detector has ≈ 1 % of them there) is pulsed with
/// that channel as the laser clock; any other T2 stream is CW. The decision is made on the first chunk of events,
/// which the returned reader then replays, so the file is still read once.
/// </summary>
public sealed class LaserClockReader : ITimeTagReader
{
    /// <summary>Channel-0 events needed in the probe before a periodicity verdict is given.</summary>
    public const int MinProbeIntervals = 100;

    /// <summary>Relative distance of an interval from the median interval that still counts as periodic.</summary>
    public const double PeriodTolerance = 0.005;

    /// <summary>Fraction of periodic intervals above which channel 0 is a laser clock.</summary>
    public const double MinPeriodicFraction = 0.9;

    /// <summary>Events read before the decision (6 MiB): hundreds of laser periods at any count rate a detector survives.</summary>
    public const int DefaultProbeEvents = 1 << 18;

    private const short SyncInputChannel = 0;

    private readonly ITimeTagReader _inner;
    private readonly TimeTagEvent[] _probe;
    private int _probeNext;
    private readonly int _probeCount;

    private LaserClockReader(ITimeTagReader inner, TimeTagEvent[] probe, int probeCount, TimeTagStreamInfo info, LaserClockSource source, double? headerSyncRateHz)
    {
        _inner = inner;
        _probe = probe;
        _probeCount = probeCount;
        Info = info;
        Source = source;
        HeaderSyncRateHz = headerSyncRateHz;
        if (source == LaserClockSource.SyncInputChannel) ConvertSyncInput(_probe.AsSpan(0, _probeCount));
    }

    /// <summary>Stream description as the analysis should see it: sync rate null for CW, sync channel removed from the photon channels.</summary>
    public TimeTagStreamInfo Info { get; }

    /// <summary>Where the laser clock comes from.</summary>
    public LaserClockSource Source { get; }

    /// <summary>The sync rate the header states (null when it states none).</summary>
    public double? HeaderSyncRateHz { get; }

    /// <summary>Reads the first <paramref name="probeEvents"/> events of <paramref name="inner"/> and decides; the caller still owns <paramref name="inner"/>.</summary>
    public static LaserClockReader Open(ITimeTagReader inner, int probeEvents = DefaultProbeEvents)
    {
        var info = inner.Info;
        var probe = new TimeTagEvent[probeEvents];
        int count = 0, n;
        while (count < probe.Length && (n = inner.Read(probe.AsSpan(count))) > 0) count += n;
        var events = probe.AsSpan(0, count);
        double? header = info.SyncRateHz;
        if (info.Mode == MeasurementMode.T3)
            return new LaserClockReader(inner, probe, count, info, LaserClockSource.T3, header);

        var syncTimes = new List<long>();
        bool hasSyncRecords = false;
        foreach (ref readonly var e in events)
        {
            if (e.Kind == TimeTagKind.Sync) { hasSyncRecords = true; break; }
            if (e.Kind == TimeTagKind.Photon && e.Channel == SyncInputChannel) syncTimes.Add(e.TimeTicks);
        }
        if (hasSyncRecords)
        {
            var times = new List<long>();
            foreach (ref readonly var e in events) if (e.Kind == TimeTagKind.Sync) times.Add(e.TimeTicks);
            double? measuredPeriodS = MedianPeriodS(times, info.TickResolutionS);
            double? rate = header ?? (measuredPeriodS is { } p ? 1 / p : null);
            return new LaserClockReader(inner, probe, count, info with { SyncRateHz = rate }, LaserClockSource.SyncRecords, header);
        }
        if (info.PhotonChannels.Contains(SyncInputChannel) && IsPeriodic(syncTimes, out double medianTicks))
        {
            double clockRateHz = 1 / (medianTicks * info.TickResolutionS);
            // A divided sync records every D-th pulse: keep the header's (undivided) rate when the clock is a whole fraction of it.
            double ratio = header is { } h ? h / clockRateHz : double.NaN;
            double rate = ratio >= 0.5 && Math.Abs(ratio - Math.Round(ratio)) < 0.01 ? header!.Value : clockRateHz;
            var resolved = info with { SyncRateHz = rate, PhotonChannels = info.PhotonChannels.Where(c => c != SyncInputChannel).ToArray() };
            return new LaserClockReader(inner, probe, count, resolved, LaserClockSource.SyncInputChannel, header);
        }
        return new LaserClockReader(inner, probe, count, info with { SyncRateHz = null }, LaserClockSource.None, header);
    }

    /// <summary>True when ≥ <see cref="MinPeriodicFraction"/> of the intervals lie within <see cref="PeriodTolerance"/> of the median.</summary>
    public static bool IsPeriodic(IReadOnlyList<long> times, out double medianTicks)
    {
        medianTicks = double.NaN;
        if (times.Count < MinProbeIntervals + 1) return false;
        var intervals = new double[times.Count - 1];
        for (int i = 1; i < times.Count; i++) intervals[i - 1] = times[i] - times[i - 1];
        var sorted = (double[])intervals.Clone();
        Array.Sort(sorted);
        medianTicks = sorted[sorted.Length / 2];
        if (!(medianTicks > 0)) return false;
        double median = medianTicks;
        int periodic = intervals.Count(d => Math.Abs(d / median - 1) <= PeriodTolerance);
        return periodic >= MinPeriodicFraction * intervals.Length;
    }

    private static double? MedianPeriodS(List<long> times, double tickS)
    {
        if (times.Count < 2) return null;
        var d = new long[times.Count - 1];
        for (int i = 1; i < times.Count; i++) d[i - 1] = times[i] - times[i - 1];
        Array.Sort(d);
        return d[d.Length / 2] > 0 ? d[d.Length / 2] * tickS : null;
    }

    /// <inheritdoc/>
    public int Read(Span<TimeTagEvent> buffer)
    {
        if (_probeNext < _probeCount)
        {
            int n = Math.Min(buffer.Length, _probeCount - _probeNext);
            _probe.AsSpan(_probeNext, n).CopyTo(buffer);
            _probeNext += n;
            return n;
        }
        int read = _inner.Read(buffer);
        if (Source == LaserClockSource.SyncInputChannel) ConvertSyncInput(buffer[..read]);
        return read;
    }

    private static void ConvertSyncInput(Span<TimeTagEvent> events)
    {
        foreach (ref var e in events)
            if (e.Kind == TimeTagKind.Photon && e.Channel == SyncInputChannel) e = e with { Kind = TimeTagKind.Sync };
    }

    /// <inheritdoc/>
    public (long Done, long Total) Position => _inner.Position;

    /// <summary>Does not dispose the inner reader (its opener does).</summary>
    public void Dispose() { }
}
