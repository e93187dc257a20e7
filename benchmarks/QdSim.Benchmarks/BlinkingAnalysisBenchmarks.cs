using BenchmarkDotNet.Attributes;
using QdSim.Analysis.ChangePoint;
using QdSim.Analysis.Fitting;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Traces;
using QdSim.TimeTags;

namespace QdSim.Benchmarks;

/// <summary>
/// g2-free analysis stages on 10⁶ photons of a blinking stream (50 kcps ON / 2 kcps OFF, exponential dwells of
/// 50 ms mean, 1 ps ticks): intensity-trace binning and Watkins–Yang change-point detection with level clustering.
/// Photons per second = 10⁶ / mean time.
/// </summary>
[MemoryDiagnoser]
public class BlinkingAnalysisBenchmarks
{
    private const int Photons = 1_000_000;
    private TimeTagEvent[] _events = [];
    private readonly TimeTagStreamInfo _info = new() { Mode = MeasurementMode.T2, TickResolutionS = 1e-12, PhotonChannels = [0] };

    [GlobalSetup]
    public void Setup()
    {
        var random = new CounterRandom(2026, 1);
        _events = new TimeTagEvent[Photons];
        double t = 0, switchAt = 0.05 * random.Exponential(0);
        bool on = true;
        ulong draw = 1;
        for (int i = 0; i < Photons; i++)
        {
            t += random.Exponential(draw++) / (on ? 50_000 : 2_000);
            while (t > switchAt) { on = !on; switchAt += 0.05 * random.Exponential(draw++); }
            _events[i] = TimeTagEvent.T2Photon((long)(t * 1e12), 0);
        }
    }

    [Benchmark(Description = "intensity trace, 10 ms bins")]
    public int Trace()
    {
        var stage = new IntensityTraceStage(_info, 0.010);
        for (int i = 0; i < _events.Length; i += 1 << 16) stage.Accept(_events.AsSpan(i, Math.Min(1 << 16, _events.Length - i)));
        return stage.Result().BinCount;
    }

    [Benchmark(Description = "change points + level clustering, alpha 0.05")]
    public int ChangePoints()
    {
        var stage = new ChangePointStage(_info, new ChangePointOptions { Alpha = 0.05 });
        for (int i = 0; i < _events.Length; i += 1 << 16) stage.Accept(_events.AsSpan(i, Math.Min(1 << 16, _events.Length - i)));
        return stage.Result().Levels.Count;
    }
}
