using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Flid;

/// <summary>Validated parameters of the FLID stage.</summary>
public sealed record FlidOptions
{
    /// <summary>Intensity-trace bin, seconds (default 10 ms, as the intensity trace).</summary>
    public double TimeBinS { get; init; } = 10e-3;

    /// <summary>Width of the mean-delay axis cells, seconds (default 0.1 ns).</summary>
    public double DelayCellS { get; init; } = 0.1e-9;

    /// <summary>Delay subtracted before averaging (the IRF position), seconds, so that the axis reads as a lifetime for mono-exponential decays.</summary>
    public double DelayOffsetS { get; init; }

    /// <summary>Photon channels included; null: all.</summary>
    public IReadOnlyList<short>? Channels { get; init; }

    public void Validate()
    {
        if (!(TimeBinS > 0)) throw UserInputException.OutOfRange("FLID time bin", TimeBinS, "s", "> 0");
        if (!(DelayCellS > 0)) throw UserInputException.OutOfRange("FLID delay cell", DelayCellS, "s", "> 0");
    }
}

/// <summary>
/// Fluorescence-lifetime–intensity distribution: a 2-D histogram of time bins by photon count per bin (rows: 0, 1, 2, …
/// counts) and mean delay after the laser pulse of the bin's photons (columns of <see cref="DelayCellS"/> from 0 to one
/// laser period). Bins without photons have no delay and are only counted in <see cref="EmptyTimeBins"/>. (Galland et
/// al., Nature 479, 203 (2011); Rabouw et al., Nano Lett. 15, 7718 (2015) for perovskite QDs.)
/// </summary>
public sealed record FlidHistogram
{
    /// <summary>Cells[row][column]: time bins with <c>row</c> photons and mean delay in column <c>column</c>.</summary>
    public required long[][] Cells { get; init; }

    public required double TimeBinS { get; init; }
    public required double DelayCellS { get; init; }
    public required double DelayOffsetS { get; init; }
    public required long EmptyTimeBins { get; init; }

    /// <summary>Intensity of a row, counts per second.</summary>
    public double IntensityCps(int row) => row / TimeBinS;

    /// <summary>Centre of a mean-delay column, seconds (after the offset).</summary>
    public double MeanDelayS(int column) => (column + 0.5) * DelayCellS;

    /// <summary>Cell counts summed over rows [minCounts, maxCounts] and mean delays [minDelayS, maxDelayS).</summary>
    public long Sum(int minCounts, int maxCounts, double minDelayS, double maxDelayS)
    {
        long sum = 0;
        for (int row = Math.Max(0, minCounts); row <= Math.Min(maxCounts, Cells.Length - 1); row++)
            for (int column = 0; column < Cells[row].Length; column++)
            {
                double d = MeanDelayS(column);
                if (d >= minDelayS && d < maxDelayS) sum += Cells[row][column];
            }
        return sum;
    }
}

/// <summary>Streaming FLID: one running (count, delay sum) per time bin; memory is the histogram only.</summary>
public sealed class FlidBuilder : IStreamingStage
{
    private readonly FlidOptions _options;
    private readonly LaserDelayClock _clock;
    private readonly HashSet<short>? _channels;
    private readonly long _timeBinTicks;
    private readonly double _tickS;
    private readonly int _columns;
    private readonly List<long[]> _rows = [];
    private long _binIndex = long.MinValue, _binStartTicks;
    private int _binPhotons;
    private double _binDelaySumTicks;
    private long _emptyBins;

    public FlidBuilder(TimeTagStreamInfo info, FlidOptions? options = null)
    {
        _options = options ?? new FlidOptions();
        _options.Validate();
        if (info.SyncRateHz is not > 0) throw new UserInputException($"{info.Source}: FLID needs the laser sync rate and T3 or T2 sync events");
        _clock = new LaserDelayClock(info);
        _channels = _options.Channels is null ? null : [.. _options.Channels];
        _tickS = info.TickResolutionS;
        _timeBinTicks = Math.Max(1, (long)Math.Round(_options.TimeBinS / _tickS));
        _columns = (int)Math.Ceiling(_clock.LaserPeriodS / _options.DelayCellS);
    }

    /// <inheritdoc />
    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            _clock.Observe(e);
            if (_binIndex == long.MinValue) { _binIndex = 0; _binStartTicks = e.TimeTicks; }
            long index = (e.TimeTicks - _binStartTicks) / _timeBinTicks;
            if (index > _binIndex)
            {
                CloseBin();
                _emptyBins += index - _binIndex - 1; // bins the stream passed without an event
                _binIndex = index;
            }
            if (e.Kind != TimeTagKind.Photon || (_channels is not null && !_channels.Contains(e.Channel))) continue;
            if (!_clock.TryGetDelayTicks(e, out double delay)) continue;
            _binPhotons++;
            _binDelaySumTicks += delay;
        }
    }

    /// <summary>The histogram including the last, possibly partial, bin (call once at the end of the stream).</summary>
    public FlidHistogram Finish()
    {
        if (_binIndex != long.MinValue) { CloseBin(); _binIndex = long.MinValue; }
        return new FlidHistogram
        {
            Cells = _rows.Select(r => (long[])r.Clone()).ToArray(),
            TimeBinS = _timeBinTicks * _tickS,
            DelayCellS = _options.DelayCellS,
            DelayOffsetS = _options.DelayOffsetS,
            EmptyTimeBins = _emptyBins,
        };
    }

    private void CloseBin()
    {
        if (_binPhotons == 0) { _emptyBins++; return; }
        while (_rows.Count <= _binPhotons) _rows.Add(new long[_columns]);
        double meanDelayS = _binDelaySumTicks / _binPhotons * _tickS - _options.DelayOffsetS;
        int column = Math.Clamp((int)Math.Floor(meanDelayS / _options.DelayCellS), 0, _columns - 1);
        _rows[_binPhotons][column]++;
        _binPhotons = 0;
        _binDelaySumTicks = 0;
    }
}
