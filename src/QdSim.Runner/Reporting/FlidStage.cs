using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Runner.Reporting;

/// <summary>
/// Per intensity-trace bin: photon count and mean delay after the decay peak, the two coordinates of a
/// fluorescence-lifetime–intensity distribution (FLID; Galland et al., Nature 479, 203 (2011)). The delay origin t₀
/// is the peak of the decay of the first <see cref="LearningPhotons"/> photons, which are buffered and replayed, so a
/// single pass suffices; delays are folded into [t₀, t₀ + period) so that a peak late in the period does not wrap.
/// Memory: one int and one float per trace bin (like the trace itself), nothing per photon.
/// </summary>
public sealed class FlidStage : IStreamingStage
{
    /// <summary>Photons used to locate the decay peak before accumulation starts.</summary>
    public const int LearningPhotons = 1 << 16;

    private const int LearningBins = 512;

    private readonly LaserDelayClock _clock;
    private readonly double _binTicks;
    private readonly double _periodTicks;
    private readonly List<(long TimeTicks, double DelayTicks)> _learning = [];
    private double? _originTicks;
    private int[] _photons = new int[1024];
    private float[] _delaySumTicks = new float[1024];

    /// <param name="info">Stream description (needs a sync rate).</param>
    /// <param name="binWidthS">Trace bin width, seconds (the analysis' BinWidthS).</param>
    public FlidStage(TimeTagStreamInfo info, double binWidthS)
    {
        if (info.SyncRateHz is not > 0) throw new ArgumentException("FLID needs a laser sync rate", nameof(info));
        _clock = new LaserDelayClock(info);
        _binTicks = binWidthS / info.TickResolutionS;
        _periodTicks = 1 / (info.SyncRateHz.Value * info.TickResolutionS);
        TickResolutionS = info.TickResolutionS;
        BinWidthS = binWidthS;
    }

    /// <summary>Tick length, seconds.</summary>
    public double TickResolutionS { get; }

    /// <summary>Trace bin width, seconds.</summary>
    public double BinWidthS { get; }

    /// <inheritdoc />
    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            _clock.Observe(e);
            if (e.Kind != TimeTagKind.Photon || !_clock.TryGetDelayTicks(e, out double delay)) continue;
            if (_originTicks is null)
            {
                _learning.Add((e.TimeTicks, delay));
                if (_learning.Count >= LearningPhotons) LearnOrigin();
                continue;
            }
            Add(e.TimeTicks, delay);
        }
    }

    /// <summary>Per-bin photon counts and mean delays after the decay peak (seconds; NaN for empty bins), over <paramref name="bins"/> bins.</summary>
    public (int[] Photons, double[] MeanDelayS) Result(int bins)
    {
        if (_originTicks is null && _learning.Count > 0) LearnOrigin();
        var photons = new int[bins];
        var mean = new double[bins];
        for (int i = 0; i < bins; i++)
        {
            photons[i] = i < _photons.Length ? _photons[i] : 0;
            mean[i] = photons[i] > 0 ? _delaySumTicks[i] / photons[i] * TickResolutionS : double.NaN;
        }
        return (photons, mean);
    }

    private void LearnOrigin()
    {
        var histogram = new int[LearningBins];
        foreach (var (_, delay) in _learning) histogram[Math.Clamp((int)(delay / _periodTicks * LearningBins), 0, LearningBins - 1)]++;
        int peak = Array.IndexOf(histogram, histogram.Max());
        // Start of the peak bin: photons in the rising edge of the IRF sit just after the origin, not a period later.
        _originTicks = Math.Max(0, peak - 1) * _periodTicks / LearningBins;
        foreach (var (time, delay) in _learning) Add(time, delay);
        _learning.Clear();
    }

    private void Add(long timeTicks, double delayTicks)
    {
        int bin = (int)(timeTicks / _binTicks);
        if (bin >= _photons.Length)
        {
            int size = Math.Max(bin + 1, _photons.Length * 2);
            Array.Resize(ref _photons, size);
            Array.Resize(ref _delaySumTicks, size);
        }
        double folded = delayTicks - _originTicks!.Value;
        if (folded < 0) folded += _periodTicks;
        _photons[bin]++;
        _delaySumTicks[bin] += (float)folded;
    }
}
