using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Traces;

/// <summary>
/// Bins photon arrival times into an intensity trace per channel (one int per bin and channel: 4.3 M bins of 10 ms
/// for a 12 h file, which is fine; no per-photon storage). Bins start at time zero of the stream.
/// </summary>
public sealed class IntensityTraceStage : IStreamingStage
{
    private readonly double _ticksPerBin;
    private readonly double _binWidthS;
    private readonly Dictionary<short, GrowableCounts> _channels = new();
    private long _lastTicks;

    /// <param name="info">Stream description (tick resolution).</param>
    /// <param name="binWidthS">Bin width, seconds (&gt; one tick).</param>
    public IntensityTraceStage(TimeTagStreamInfo info, double binWidthS)
    {
        if (!(binWidthS > info.TickResolutionS)) throw new ArgumentOutOfRangeException(nameof(binWidthS), binWidthS, "bin width must exceed one tick");
        _binWidthS = binWidthS;
        _ticksPerBin = binWidthS / info.TickResolutionS;
        foreach (var c in info.PhotonChannels) _channels[c] = new GrowableCounts();
    }

    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            if (e.TimeTicks > _lastTicks) _lastTicks = e.TimeTicks;
            if (e.Kind != TimeTagKind.Photon) continue;
            if (!_channels.TryGetValue(e.Channel, out var counts)) _channels[e.Channel] = counts = new GrowableCounts();
            counts.Increment((int)(e.TimeTicks / _ticksPerBin));
        }
    }

    /// <summary>
    /// The trace over the complete bins only: bins end at <paramref name="durationS"/> (default: the last event), and
    /// the partial bin at the end is dropped so that it cannot pose as a dim period.
    /// </summary>
    public IntensityTrace Result(double? durationS = null)
    {
        double duration = durationS ?? _lastTicks / _ticksPerBin * _binWidthS;
        int bins = (int)Math.Floor(duration / _binWidthS + 1e-9);
        var channels = _channels.Keys.Order().ToArray();
        var perChannel = channels.Select(c => _channels[c].ToArray(bins)).ToArray();
        var total = new int[bins];
        foreach (var counts in perChannel)
            for (int i = 0; i < bins; i++) total[i] += counts[i];
        return new IntensityTrace(_binWidthS, channels, perChannel, total);
    }

    private sealed class GrowableCounts
    {
        private int[] _counts = new int[1024];

        public void Increment(int bin)
        {
            if (bin >= _counts.Length) Array.Resize(ref _counts, Math.Max(bin + 1, _counts.Length * 2));
            _counts[bin]++;
        }

        public int[] ToArray(int bins)
        {
            var result = new int[bins];
            Array.Copy(_counts, result, Math.Min(bins, _counts.Length));
            return result;
        }
    }
}

/// <summary>Photon counts per bin, per detector channel and summed.</summary>
/// <param name="BinWidthS">Bin width, seconds.</param>
/// <param name="Channels">Channel numbers, in the order of <paramref name="CountsPerChannel"/>.</param>
/// <param name="CountsPerChannel">Counts per bin for each channel.</param>
/// <param name="TotalCounts">Counts per bin summed over channels.</param>
public sealed record IntensityTrace(double BinWidthS, IReadOnlyList<short> Channels, IReadOnlyList<int[]> CountsPerChannel, int[] TotalCounts)
{
    public int BinCount => TotalCounts.Length;

    /// <summary>Start time of bin <paramref name="i"/>, seconds.</summary>
    public double BinStartS(int i) => i * BinWidthS;

    /// <summary>Builds a trace directly from summed counts (tests, segments).</summary>
    public static IntensityTrace FromTotals(double binWidthS, int[] counts) => new(binWidthS, [0], [counts], counts);
}
