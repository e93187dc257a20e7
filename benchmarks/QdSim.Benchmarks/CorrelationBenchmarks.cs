using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using QdSim.Analysis.Correlation;
using QdSim.TimeTags;

namespace QdSim.Benchmarks;

/// <summary>
/// g2 throughput of the streaming correlator: 10⁷ photons per channel (two independent Poisson streams, 50 kcps each,
/// 200 s, 1 ps ticks as in HydraHarp T2 files), fed in 1 Mi-event chunks as StreamPass does. Figures in photons/s =
/// 2·10⁷ / mean time. One-shot runs: each invocation is long enough that warm-up noise does not matter.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
[MemoryDiagnoser]
public class CorrelationBenchmarks
{
    private const double TickS = 1e-12, RatePerChannelHz = 5e4;
    private TimeTagEvent[] _events = [];
    private TimeTagStreamInfo _info = null!;

    [Params(10_000_000)]
    public int PhotonsPerChannel { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Two interleaved Poisson streams from a fixed-seed SplitMix64 (the benchmark needs no engine randomness).
        ulong state = 12345;
        double Uniform()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (((z ^ (z >> 31)) >> 11) + 0.5) * (1.0 / (1UL << 53));
        }
        _events = new TimeTagEvent[2 * PhotonsPerChannel];
        double t = 0, meanGapS = 1 / (2 * RatePerChannelHz);
        for (int i = 0; i < _events.Length; i++)
        {
            t += -meanGapS * Math.Log(Uniform());
            _events[i] = TimeTagEvent.T2Photon((long)(t / TickS), Uniform() < 0.5 ? (short)1 : (short)2);
        }
        _info = new TimeTagStreamInfo { Mode = MeasurementMode.T2, TickResolutionS = TickS, Source = "benchmark" };
    }

    /// <summary>1000 quasi-log bins from 10 ns to 10 ms (the blinking-bunching range of a QD g2).</summary>
    [Benchmark]
    public long LogBins1000() => Run(CorrelationBins.Logarithmic(10e-9, 10e-3, 1000, TickS));

    /// <summary>2001 linear 1 ns bins over ±1 µs (HBT antibunching).</summary>
    [Benchmark]
    public long LinearBins2001() => Run(CorrelationBins.LinearSymmetric(1000e-9, 1e-9, TickS));

    private long Run(CorrelationBins bins)
    {
        var correlator = new PhotonCorrelator(_info, new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins });
        const int chunk = 1 << 20;
        for (int i = 0; i < _events.Length; i += chunk)
            correlator.Accept(new ReadOnlySpan<TimeTagEvent>(_events, i, Math.Min(chunk, _events.Length - i)));
        return correlator.Finish().Counts.Sum();
    }
}
