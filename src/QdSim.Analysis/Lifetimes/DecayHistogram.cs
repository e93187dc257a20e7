using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Lifetimes;

/// <summary>A time interval [Start, End) in ticks carrying an intensity-level index (from the level detection).</summary>
public readonly record struct LevelInterval(long StartTicks, long EndTicks, int Level);

/// <summary>
/// Histogram of photon delays after the laser pulse over one laser period (TCSPC decay, TRPL): bin i covers
/// [i·BinWidth, (i+1)·BinWidth); the last bin is cut at the period.
/// </summary>
public sealed record DecayHistogram
{
    public required double BinWidthS { get; init; }
    public required double LaserPeriodS { get; init; }
    public required long[] Counts { get; init; }

    public long TotalCounts => Counts.Sum();

    /// <summary>Bin start times, seconds.</summary>
    public double[] BinStartsS() => Enumerable.Range(0, Counts.Length).Select(i => i * BinWidthS).ToArray();

    /// <summary>
    /// Fraction of the counts that is uncorrelated background (Nair et al. 2011: from the decay tail): the mean count per
    /// bin in [<paramref name="tailStartS"/>, <paramref name="tailEndS"/>) — late enough that the decay has died — times
    /// the number of bins over the period, divided by all counts. Its standard error follows from the Poisson tail count.
    /// </summary>
    public (double Fraction, double StdErr) BackgroundFraction(double tailStartS, double tailEndS)
    {
        int first = (int)Math.Ceiling(tailStartS / BinWidthS - 1e-9), end = Math.Min(Counts.Length, (int)Math.Floor(tailEndS / BinWidthS + 1e-9));
        if (!(tailStartS >= 0) || end - first < 1)
            throw new UserInputException($"decay tail window [{tailStartS:E3}, {tailEndS:E3}) s holds no whole bin of {BinWidthS:E3} s within the period {LaserPeriodS:E3} s");
        long tail = 0;
        for (int i = first; i < end; i++) tail += Counts[i];
        double total = TotalCounts;
        double perBin = (double)tail / (end - first);
        double bins = LaserPeriodS / BinWidthS;
        double fraction = perBin * bins / total;
        return (fraction, Math.Sqrt(Math.Max(tail, 1)) / (end - first) * bins / total);
    }
}

/// <summary>Validated parameters of the decay-histogram stage.</summary>
public sealed record DecayHistogramOptions
{
    /// <summary>Photon channels to include; null: all photons.</summary>
    public IReadOnlyList<short>? Channels { get; init; }

    /// <summary>Bin width, seconds; null: the micro-time resolution (T3, multiplied up to ≤ 4096 bins) or period/1024 (T2).</summary>
    public double? BinWidthS { get; init; }

    /// <summary>When set, one histogram per level is also built from the photons inside these sorted, non-overlapping intervals.</summary>
    public IReadOnlyList<LevelInterval>? Levels { get; init; }
}

/// <summary>
/// Streaming TRPL stage: histograms each photon's delay after its laser pulse (<see cref="LaserDelayClock"/>: T3 micro
/// time, or T2 time since the last sync event), overall and per intensity level (lifetime per level).
/// </summary>
public sealed class DecayHistogramBuilder : IStreamingStage
{
    private readonly LaserDelayClock _clock;
    private readonly HashSet<short>? _channels;
    private readonly double _binTicks;
    private readonly long[] _counts;
    private readonly LevelInterval[]? _levels;
    private readonly Dictionary<int, long[]> _levelCounts = [];
    private int _levelIndex;

    public DecayHistogramBuilder(TimeTagStreamInfo info, DecayHistogramOptions? options = null)
    {
        options ??= new DecayHistogramOptions();
        if (info.SyncRateHz is not > 0)
            throw new UserInputException($"{info.Source}: a decay histogram needs the laser sync rate (TTResult_SyncRate) and T3 or T2 sync events");
        _clock = new LaserDelayClock(info);
        double periodS = _clock.LaserPeriodS;
        double binS = options.BinWidthS ?? DefaultBinWidthS(info, periodS);
        if (!(binS > 0 && binS <= periodS)) throw UserInputException.OutOfRange("decay bin width", binS, "s", $"(0, {periodS:E3}] (one laser period)");
        BinWidthS = binS;
        LaserPeriodS = periodS;
        _binTicks = binS / info.TickResolutionS;
        _counts = new long[(int)Math.Ceiling(periodS / binS - 1e-9)];
        _channels = options.Channels is null ? null : [.. options.Channels];
        _levels = options.Levels?.ToArray();
    }

    public double BinWidthS { get; }
    public double LaserPeriodS { get; }

    /// <summary>Photons whose delay exceeded the period (T3 ranges longer than the period), left out.</summary>
    public long OutOfRangePhotons { get; private set; }

    /// <inheritdoc />
    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            _clock.Observe(e);
            if (e.Kind != TimeTagKind.Photon || (_channels is not null && !_channels.Contains(e.Channel))) continue;
            if (!_clock.TryGetDelayTicks(e, out double delayTicks)) continue;
            int bin = (int)(delayTicks / _binTicks + 1e-9); // T3 delays are whole micro-time bins: keep them off the edges
            if (bin >= _counts.Length) { OutOfRangePhotons++; continue; }
            _counts[bin]++;
            if (_levels is null) continue;
            while (_levelIndex < _levels.Length && e.TimeTicks >= _levels[_levelIndex].EndTicks) _levelIndex++;
            if (_levelIndex < _levels.Length && e.TimeTicks >= _levels[_levelIndex].StartTicks)
            {
                int level = _levels[_levelIndex].Level;
                if (!_levelCounts.TryGetValue(level, out var counts)) _levelCounts[level] = counts = new long[_counts.Length];
                counts[bin]++;
            }
        }
    }

    /// <summary>The decay histogram of all selected photons so far.</summary>
    public DecayHistogram Result() => Make(_counts);

    /// <summary>One decay histogram per intensity level (empty when no levels were given).</summary>
    public IReadOnlyDictionary<int, DecayHistogram> LevelResults() =>
        _levelCounts.OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => Make(kv.Value));

    private DecayHistogram Make(long[] counts) => new() { BinWidthS = BinWidthS, LaserPeriodS = LaserPeriodS, Counts = (long[])counts.Clone() };

    private static double DefaultBinWidthS(TimeTagStreamInfo info, double periodS)
    {
        if (info.Mode == MeasurementMode.T3 && info.MicroTimeResolutionS is > 0 and var micro)
            return micro * Math.Max(1, Math.Ceiling(periodS / micro / 4096));
        return periodS / 1024;
    }
}
