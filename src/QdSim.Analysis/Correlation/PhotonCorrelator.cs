using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Correlation;

/// <summary>How pairs are assigned to bins; all give identical counts (tested), they differ in cost.</summary>
public enum CorrelationAlgorithm
{
    /// <summary>Per A photon, whichever of the two below is cheaper (pairs in the lag window vs. number of bins).</summary>
    Auto,
    /// <summary>Visit every B photon in the lag window and find its bin: cost ∝ pairs · log(bins) (O(1) for equal bins).</summary>
    PairEnumeration,
    /// <summary>Search each bin edge among the B photons of the window (Laurence et al. 2006, pycorrelate), galloping from the previous edge: cost ∝ Σ_bins log(1 + pairs in bin).</summary>
    EdgeSearch,
}

/// <summary>Validated parameters of a two-channel photon correlation.</summary>
public sealed record CorrelatorOptions
{
    /// <summary>Start channel (lag τ = t_B − t_A).</summary>
    public required short ChannelA { get; init; }

    /// <summary>Stop channel; equal to <see cref="ChannelA"/> for an autocorrelation (self pairs excluded).</summary>
    public required short ChannelB { get; init; }

    public required CorrelationBins Bins { get; init; }

    /// <summary>Time gating: photons arriving less than this long after their laser pulse are discarded (needs T3, or T2 with sync events). Null: no gating.</summary>
    public double? GateAfterPulseS { get; init; }

    /// <summary>Restrict to these sorted, non-overlapping windows (e.g. ON periods); pairs are formed only inside one window. Null: the whole stream.</summary>
    public IReadOnlyList<TickInterval>? Intervals { get; init; }

    public CorrelationAlgorithm Algorithm { get; init; } = CorrelationAlgorithm.Auto;
}

/// <summary>
/// Streaming two-channel photon correlation with arbitrary lag bins (Laurence, Fore &amp; Huser, Opt. Lett. 31, 829
/// (2006), the algorithm of pycorrelate's <c>pcorrelate</c>): each ordered pair (A photon, B photon) with
/// t_B − t_A in [first edge, last edge) is counted once, exactly. Memory is bounded by the photons that fall within
/// the lag range of the current chunk: an A photon waits until the stream has passed t_A + max lag, B photons are
/// dropped once no waiting or future A photon can reach them. Feed it with <see cref="Accept"/> (time order, once),
/// then call <see cref="Finish"/>. <see cref="CorrelateSorted"/> is the simple batch reference it is tested against.
/// </summary>
public sealed class PhotonCorrelator : IStreamingStage
{
    private readonly CorrelatorOptions _options;
    private readonly long[] _edges;
    private readonly long[] _counts;
    private readonly bool _isAutocorrelation;
    private readonly int _zeroLagBin;
    private readonly int _pairCost;
    private readonly LaserDelayClock? _delayClock;
    private readonly double _gateTicks;
    private readonly TickInterval[]? _intervals;
    private readonly List<long> _windowLengths = [];
    private readonly TimeBuffer _pendingA = new();
    private readonly TimeBuffer _b = new();
    private int _bLo, _bHi, _intervalIndex;
    private long _photonsA, _photonsB;
    private long _firstTicks = long.MinValue, _lastTicks = long.MinValue;
    private CorrelationHistogram? _result;

    public PhotonCorrelator(TimeTagStreamInfo info, CorrelatorOptions options)
    {
        _options = options;
        _edges = options.Bins.EdgesArray;
        if (Math.Abs(options.Bins.TickResolutionS / info.TickResolutionS - 1) > 1e-9)
            throw new UserInputException($"{info.Source}: correlation bins built for {options.Bins.TickResolutionS} s ticks, stream ticks are {info.TickResolutionS} s");
        _counts = new long[options.Bins.Count];
        _isAutocorrelation = options.ChannelA == options.ChannelB;
        _zeroLagBin = options.Bins.IndexOf(0);
        // Relative cost of binning one pair (a division for equal bins, a bisection otherwise) against ≈ 2 probes per edge.
        _pairCost = options.Bins.UniformWidthTicks > 0 ? 1 : (int)Math.Ceiling(Math.Log2(options.Bins.Count + 1));
        if (options.GateAfterPulseS is { } gateS)
        {
            if (!(gateS >= 0)) throw UserInputException.OutOfRange("g2 gate after pulse", gateS, "s", ">= 0");
            if (info.Mode == MeasurementMode.T2 && info.SyncRateHz is null)
                throw new UserInputException($"{info.Source}: time-gated g2 needs the laser sync (T3, or T2 with sync events)");
            _delayClock = new LaserDelayClock(info);
            _gateTicks = gateS / info.TickResolutionS;
        }
        if (options.Intervals is { } intervals)
        {
            _intervals = intervals.ToArray();
            for (int i = 0; i < _intervals.Length; i++)
                if (_intervals[i].EndTicks < _intervals[i].StartTicks || (i > 0 && _intervals[i].StartTicks < _intervals[i - 1].EndTicks))
                    throw new UserInputException($"g2 intervals: interval {i} [{_intervals[i].StartTicks}, {_intervals[i].EndTicks}) ticks is reversed or overlaps the previous one");
        }
    }

    /// <inheritdoc />
    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        if (_result is not null) throw new InvalidOperationException("PhotonCorrelator: Accept after Finish");
        foreach (ref readonly var e in events)
        {
            long t = e.TimeTicks;
            if (_firstTicks == long.MinValue) _firstTicks = t;
            _lastTicks = t;
            _delayClock?.Observe(e);
            if (_intervals is not null)
            {
                while (_intervalIndex < _intervals.Length && t >= _intervals[_intervalIndex].EndTicks)
                    CloseWindow(_intervals[_intervalIndex++]);
            }
            if (e.Kind != TimeTagKind.Photon) continue;
            bool isA = e.Channel == _options.ChannelA, isB = e.Channel == _options.ChannelB;
            if (!isA && !isB) continue;
            if (_intervals is not null && (_intervalIndex >= _intervals.Length || t < _intervals[_intervalIndex].StartTicks)) continue;
            if (_delayClock is not null && (!_delayClock.TryGetDelayTicks(e, out double delay) || delay < _gateTicks)) continue;
            if (isA) { _pendingA.Add(t); _photonsA++; }
            if (isB) { _b.Add(t); _photonsB++; }
        }
        ProcessPendingA(untilTicks: _lastTicks);
        DropUnreachableB();
    }

    /// <summary>Counts the pairs still waiting and returns the histogram; the stage accepts nothing afterwards.</summary>
    public CorrelationHistogram Finish()
    {
        if (_result is not null) return _result;
        if (_intervals is not null)
        {
            for (; _intervalIndex < _intervals.Length; _intervalIndex++) CloseWindow(_intervals[_intervalIndex]);
        }
        else
        {
            ProcessPendingA(untilTicks: long.MaxValue);
            if (_firstTicks != long.MinValue) _windowLengths.Add(_lastTicks - _firstTicks);
        }
        _result = new CorrelationHistogram
        {
            Bins = _options.Bins,
            Counts = (long[])_counts.Clone(),
            PhotonsA = _photonsA,
            PhotonsB = _photonsB,
            WindowLengthsTicks = _windowLengths.ToArray(),
        };
        return _result;
    }

    /// <summary>Window over: all its pairs are known; its length (clipped to the observed stream) enters the normalisation.</summary>
    private void CloseWindow(TickInterval window)
    {
        ProcessPendingA(untilTicks: long.MaxValue);
        _b.Clear();
        _bLo = _bHi = 0;
        if (_firstTicks == long.MinValue) return;
        long start = Math.Max(window.StartTicks, _firstTicks), end = Math.Min(window.EndTicks, _lastTicks);
        if (end > start) _windowLengths.Add(end - start);
    }

    /// <summary>Counts the pairs of every waiting A photon whose whole lag range lies before <paramref name="untilTicks"/>.</summary>
    private void ProcessPendingA(long untilTicks)
    {
        long maxLag = _edges[^1];
        int done = 0;
        while (done < _pendingA.Count)
        {
            long ta = _pendingA[done];
            if (untilTicks != long.MaxValue && ta + maxLag > untilTicks) break;
            CountPairsOf(ta);
            done++;
        }
        _pendingA.DropFirst(done);
    }

    private void CountPairsOf(long ta)
    {
        long[] bt = _b.Data;
        int off = _b.Start, n = _b.Count;
        long lo = ta + _edges[0], hi = ta + _edges[^1];
        while (_bLo < n && bt[off + _bLo] < lo) _bLo++;
        if (_bHi < _bLo) _bHi = _bLo;
        while (_bHi < n && bt[off + _bHi] < hi) _bHi++;
        int pairs = _bHi - _bLo;
        if (pairs > 0)
        {
            bool enumerate = _options.Algorithm == CorrelationAlgorithm.PairEnumeration
                || (_options.Algorithm == CorrelationAlgorithm.Auto && (long)pairs * _pairCost <= 2L * _edges.Length);
            if (enumerate) EnumeratePairs(bt, off + _bLo, off + _bHi, ta, _options.Bins, _counts);
            else SearchEdges(bt, off + _bLo, off + _bHi, ta, _edges, _counts);
        }
        if (_isAutocorrelation && _zeroLagBin >= 0) _counts[_zeroLagBin]--; // the photon paired with itself
    }

    /// <summary>B photons before (oldest waiting A, or the stream's present) + min lag can pair with nothing any more.</summary>
    private void DropUnreachableB()
    {
        long oldestA = _pendingA.Count > 0 ? _pendingA[0] : _lastTicks;
        long threshold = oldestA + _edges[0];
        int drop = 0;
        while (drop < _b.Count && _b[drop] < threshold) drop++;
        if (drop == 0) return;
        _b.DropFirst(drop);
        _bLo = Math.Max(0, _bLo - drop);
        _bHi = Math.Max(0, _bHi - drop);
    }

    private static void EnumeratePairs(long[] b, int from, int to, long ta, CorrelationBins bins, long[] counts)
    {
        long w = bins.UniformWidthTicks, first = bins.MinLagTicks;
        if (w > 0)
        {
            for (int i = from; i < to; i++) counts[(b[i] - ta - first) / w]++;
        }
        else
        {
            for (int i = from; i < to; i++) counts[bins.IndexOf(b[i] - ta)]++;
        }
    }

    private static void SearchEdges(long[] b, int from, int to, long ta, long[] edges, long[] counts)
    {
        int previous = from;
        for (int k = 1; k < edges.Length; k++)
        {
            int position = GallopLowerBound(b, previous, to, ta + edges[k]);
            counts[k - 1] += position - previous;
            previous = position;
        }
    }

    /// <summary>
    /// <see cref="LowerBound"/> by galloping from <paramref name="from"/> (probe 1, 2, 4, … ahead, then bisect): cost
    /// log of the distance moved, so the many short-lag bins that hold a pair or none cost O(1) each.
    /// </summary>
    private static int GallopLowerBound(long[] b, int from, int to, long value)
    {
        int step = 1, lo = from;
        while (lo + step <= to && b[lo + step - 1] < value)
        {
            lo += step;
            step <<= 1;
        }
        return LowerBound(b, lo, Math.Min(lo + step, to), value);
    }

    /// <summary>First index in [from, to) with b[i] ≥ value (to when none).</summary>
    private static int LowerBound(long[] b, int from, int to, long value)
    {
        int lo = from, hi = to;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (b[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Batch reference: whole sorted arrays in memory, every edge located by binary search over all of B for every A
    /// photon (pycorrelate's <c>pcorrelate</c> verbatim). Slow and memory-hungry by design; the streaming
    /// correlator must reproduce its counts exactly.
    /// </summary>
    public static CorrelationHistogram CorrelateSorted(long[] a, long[] b, CorrelationBins bins, long durationTicks, bool isAutocorrelation = false)
    {
        var edges = bins.EdgesArray;
        var counts = new long[bins.Count];
        int zeroBin = bins.IndexOf(0);
        foreach (long ta in a)
        {
            int previous = LowerBound(b, 0, b.Length, ta + edges[0]);
            for (int k = 1; k < edges.Length; k++)
            {
                int position = LowerBound(b, 0, b.Length, ta + edges[k]);
                counts[k - 1] += position - previous;
                previous = position;
            }
            if (isAutocorrelation && zeroBin >= 0) counts[zeroBin]--;
        }
        return new CorrelationHistogram
        {
            Bins = bins, Counts = counts, PhotonsA = a.Length, PhotonsB = b.Length, WindowLengthsTicks = [durationTicks],
        };
    }
}
