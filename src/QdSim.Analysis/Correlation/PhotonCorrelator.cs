using System.Numerics;
using System.Runtime.Intrinsics;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Correlation;

/// <summary>How pairs are assigned to bins; all give identical counts (tested), they differ in cost.</summary>
public enum CorrelationAlgorithm
{
    /// <summary>
    /// Per batch of start photons, from the stop-photon density: the narrow bins (a fraction of a pair per start photon
    /// each) by pair enumeration, the wide ones by edge pointers, split where the expected costs cross.
    /// </summary>
    Auto,
    /// <summary>Visit every B photon in the lag window and find its bin: cost ∝ pairs, O(1) each (a division for equal bins, a table lookup otherwise).</summary>
    PairEnumeration,
    /// <summary>One monotone pointer into B per bin edge (Laurence et al. 2006, pycorrelate), advanced photon by photon: cost ∝ bins per A photon plus B photons per edge, whatever the pair count.</summary>
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

    /// <summary>
    /// Tests only: force the split of <see cref="CorrelationAlgorithm.Auto"/>, bins [Low, High) by pair enumeration and
    /// the rest by edge pointers (0 ≤ Low ≤ High ≤ bins; Low = High: all by pointers), to check every split is exact.
    /// </summary>
    internal (int Low, int High)? SplitOverride { get; init; }
}

/// <summary>
/// Streaming two-channel photon correlation with arbitrary lag bins (Laurence, Fore &amp; Huser, Opt. Lett. 31, 829
/// (2006), the algorithm of pycorrelate's <c>pcorrelate</c>): each ordered pair (A photon, B photon) with
/// t_B − t_A in [first edge, last edge) is counted once, exactly. Memory is bounded by the photons that fall within
/// the lag range of the current chunk: an A photon waits until the stream has passed t_A + max lag, B photons are
/// dropped once no waiting or future A photon can reach them. Feed it with <see cref="Accept"/> (time order, once),
/// then call <see cref="Finish"/>. <see cref="CorrelateSorted"/> is the simple batch reference it is tested against.
/// <para>
/// The A photons that become ready in one <see cref="Accept"/> are counted as a batch against the B buffer, which
/// holds every B photon from the first of them + min lag to the stream's present (≥ the last of them + max lag), so
/// nothing moves during the batch. Bins are counted in two ways that can be mixed: wide bins by one monotone pointer
/// per edge (idx_k = first B photon with t_B ≥ t_A + e_k; the bin gets idx_{k+1} − idx_k; as t_A grows each pointer
/// only moves forward, so the work is one step per edge per A photon plus one per B photon passing the edge), narrow
/// bins by enumerating the B photons between two pointers and looking up each lag's bin in O(1). Which bins go which
/// way follows the B density of the buffer (<see cref="ChooseSplit"/>); the counts are the same either way.
/// </para>
/// </summary>
public sealed class PhotonCorrelator : IStreamingStage
{
    private readonly CorrelatorOptions _options;
    private readonly long[] _edges;
    private readonly long[] _counts;
    private readonly bool _isAutocorrelation;
    private readonly int _zeroLagBin;
    private readonly LagBinLookup? _lookup;
    private readonly int[] _pointers;
    private readonly long[] _pointerSums;
    private readonly LaserDelayClock? _delayClock;
    private readonly double _gateTicks;
    private readonly TickInterval[]? _intervals;
    private readonly List<long> _windowLengths = [];
    private readonly TimeBuffer _pendingA = new();
    private readonly TimeBuffer _b = new();
    private int _intervalIndex;
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
        if (options.Bins.UniformWidthTicks == 0) _lookup = new LagBinLookup(options.Bins);
        _pointers = new int[_edges.Length];
        _pointerSums = new long[_edges.Length];
        if (options.SplitOverride is { } split && !(0 <= split.Low && split.Low <= split.High && split.High <= options.Bins.Count))
            throw new ArgumentOutOfRangeException(nameof(options), $"split [{split.Low}, {split.High}) outside 0…{options.Bins.Count} bins");
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
        if (_firstTicks == long.MinValue) return;
        long start = Math.Max(window.StartTicks, _firstTicks), end = Math.Min(window.EndTicks, _lastTicks);
        if (end > start) _windowLengths.Add(end - start);
    }

    /// <summary>Counts the pairs of every waiting A photon whose whole lag range lies before <paramref name="untilTicks"/>.</summary>
    private void ProcessPendingA(long untilTicks)
    {
        long maxLag = _edges[^1];
        int ready = 0;
        // B photons at exactly untilTicks may still come, but they lie at lags ≥ max lag (excluded) of a ready A photon.
        if (untilTicks == long.MaxValue) ready = _pendingA.Count;
        else while (ready < _pendingA.Count && _pendingA[ready] + maxLag <= untilTicks) ready++;
        if (ready == 0) return;
        CountPairs(_pendingA.Data, _pendingA.Start, _pendingA.Start + ready);
        _pendingA.DropFirst(ready);
    }

    /// <summary>
    /// Counts the pairs of the A photons a[aFrom..aTo) (sorted) against the B buffer, which holds every B photon they
    /// can pair with. Bins [low, high) by enumeration between the pointers of edges low and high, the others by their
    /// edge pointers; a pointer's per-photon positions are summed and differenced once at the end, as
    /// Σ_A (idx_{k+1} − idx_k) = Σ_A idx_{k+1} − Σ_A idx_k.
    /// </summary>
    private void CountPairs(long[] a, int aFrom, int aTo)
    {
        _b.PadEnd(Vector256<long>.Count, long.MaxValue); // see AdvancePointers
        long[] b = _b.Data, edges = _edges, counts = _counts, sums = _pointerSums;
        int[] pointers = _pointers;
        int bFrom = _b.Start, bTo = _b.Start + _b.Count, last = edges.Length - 1;
        var (low, high) = ChooseSplit();
        // Pointer edges: [0, low] and [highFirst, last]; with low = high every edge (the enumeration range is empty).
        int highFirst = Math.Max(high, low + 1);

        // First A photon: place the pointers by galloping from the previous edge's (edges increase, so do pointers).
        long ta0 = a[aFrom];
        int position = bFrom;
        for (int k = 0; k <= last; k++)
        {
            if (k == low + 1) k = highFirst;
            if (k > last) break;
            position = GallopLowerBound(b, position, bTo, ta0 + edges[k]);
            pointers[k] = position;
        }

        long firstLag = edges[0], width = _options.Bins.UniformWidthTicks;
        for (int i = aFrom; i < aTo; i++)
        {
            long ta = a[i];
            AdvancePointers(b, ta, edges, pointers, sums, 0, low);
            AdvancePointers(b, ta, edges, pointers, sums, highFirst, last);
            if (low == high) continue;
            int from = pointers[low], to = pointers[high];
            if (from >= to) continue;
            if (width > 0)
            {
                for (int j = from; j < to; j++) counts[(b[j] - ta - firstLag) / width]++;
            }
            else _lookup!.CountLags(b, from, to, ta, counts);
        }

        for (int k = 0; k < low; k++) counts[k] += sums[k + 1] - sums[k];
        for (int k = high; k < last; k++) counts[k] += sums[k + 1] - sums[k];
        Array.Clear(sums);
        if (_isAutocorrelation && _zeroLagBin >= 0) counts[_zeroLagBin] -= aTo - aFrom; // each photon paired with itself
    }

    /// <summary>
    /// Moves the pointers of edges [k0, k1] to the first B photon at or after t_A + edge, and sums them. A pointer moves
    /// by a random few photons per A photon (about ρ_B/ρ_A), so a step-by-step loop mispredicts its exit about once
    /// per edge; instead the photons under the pointer are compared with the target four at a time and the pointer moves
    /// by the number below it (B is sorted, so that is the exact distance when under four). The buffer is padded with
    /// long.MaxValue, which stops every pointer at the end of the photons.
    /// </summary>
    private static void AdvancePointers(long[] b, long ta, long[] edges, int[] pointers, long[] sums, int k0, int k1)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            for (int k = k0; k <= k1; k++)
            {
                var target = Vector256.Create(ta + edges[k]);
                int p = pointers[k], below;
                do
                {
                    var next = Vector256.Create(new ReadOnlySpan<long>(b, p, Vector256<long>.Count));
                    below = BitOperations.PopCount(Vector256.LessThan(next, target).ExtractMostSignificantBits());
                    p += below;
                }
                while (below == Vector256<long>.Count);
                pointers[k] = p;
                sums[k] += p;
            }
        }
        else
        {
            for (int k = k0; k <= k1; k++)
            {
                long x = ta + edges[k];
                int p = pointers[k];
                while (b[p] < x) p++;
                pointers[k] = p;
                sums[k] += p;
            }
        }
    }

    /// <summary>
    /// Bins [low, high) to enumerate. Per A photon, enumerating bins [e_s, e_t) costs about c_pair·ρ_B·(e_t − e_s)
    /// (ρ_B the B photons per tick in the buffer), and each pointer edge c_edge plus c_step per B photon passing it
    /// (ρ_B/ρ_A per A photon). With f(k) = c_pair·ρ_B·e_k − (c_edge + c_step·ρ_B/ρ_A)·k the cost is f(t) − f(s) + const,
    /// minimised in one pass over the edges. Narrow short-lag bins (log bins) are enumerated, the wide long-lag bins get
    /// pointers; equal narrow bins (HBT) are all enumerated. The constants are relative costs measured on x64 (one pair
    /// lookup ≈ one vectorised pointer test, which covers four passing photons); they move the cost, never the counts.
    /// </summary>
    private (int Low, int High) ChooseSplit()
    {
        int last = _edges.Length - 1;
        if (_options.SplitOverride is { } split) return split;
        switch (_options.Algorithm)
        {
            case CorrelationAlgorithm.PairEnumeration: return (0, last);
            case CorrelationAlgorithm.EdgeSearch: return (last, last);
        }
        const double costPair = 1.0, costEdge = 1.0, costStep = 0.25;
        int n = _b.Count;
        if (n < 2) return (0, last);
        double density = (n - 1) / (double)Math.Max(1, _b[n - 1] - _b[0]);
        double perEdge = costEdge + costStep * _photonsB / Math.Max(1, _photonsA);
        double maxF = double.NegativeInfinity, bestGain = 0;
        int argMax = 0;
        (int Low, int High) best = (last, last);
        for (int k = 0; k <= last; k++)
        {
            double f = costPair * density * _edges[k] - perEdge * k;
            if (f > maxF) { maxF = f; argMax = k; }
            if (maxF - f > bestGain) { bestGain = maxF - f; best = (argMax, k); }
        }
        return best;
    }

    /// <summary>B photons before (oldest waiting A, or the stream's present) + min lag can pair with nothing any more.</summary>
    private void DropUnreachableB()
    {
        long oldestA = _pendingA.Count > 0 ? _pendingA[0] : _lastTicks;
        long threshold = oldestA + _edges[0];
        int drop = 0;
        while (drop < _b.Count && _b[drop] < threshold) drop++;
        if (drop > 0) _b.DropFirst(drop);
    }

    /// <summary>
    /// <see cref="LowerBound"/> by galloping from <paramref name="from"/> (probe 1, 2, 4, … ahead, then bisect): cost
    /// log of the distance moved, so placing the pointers of many short-lag edges that hold a pair or none costs O(1) each.
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
