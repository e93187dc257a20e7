using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using QdSim.Analysis.Correlation;
using QdSim.TimeTags;

namespace QdSim.Benchmarks;

/// <summary>
/// g2 throughput of the streaming correlator: 10⁶ and 10⁷ photons per channel (two independent Poisson streams, 50 kcps
/// each, 20 s / 200 s, 1 ps ticks as in HydraHarp T2 files), fed in 1 Mi-event chunks as StreamPass does. Figures in
/// photons/s = 2·PhotonsPerChannel / mean time. One-shot runs in process: each invocation takes seconds, so warm-up noise does not matter, and
/// no boilerplate project has to be built (that build timed out on the shared 2-core machine).
/// Events are kept as compact time/channel arrays and expanded chunk by chunk, as a file reader would deliver them.
/// </summary>
[Config(typeof(OneShotInProcessConfig))]
[MemoryDiagnoser]
public class CorrelationBenchmarks
{
    private sealed class OneShotInProcessConfig : ManualConfig
    {
        public OneShotInProcessConfig() => AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(2).WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true)));
    }

    private const double TickS = 1e-12, RatePerChannelHz = 5e4;
    private long[] _timesTicks = [];
    private short[] _channels = [];
    private readonly TimeTagEvent[] _chunk = new TimeTagEvent[1 << 20];
    private TimeTagStreamInfo _info = null!;

    [Params(1_000_000, 10_000_000)]
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
        _timesTicks = new long[2 * PhotonsPerChannel];
        _channels = new short[2 * PhotonsPerChannel];
        double t = 0, meanGapS = 1 / (2 * RatePerChannelHz);
        for (int i = 0; i < _timesTicks.Length; i++)
        {
            t += -meanGapS * Math.Log(Uniform());
            _timesTicks[i] = (long)(t / TickS);
            _channels[i] = Uniform() < 0.5 ? (short)1 : (short)2;
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
        for (int i = 0; i < _timesTicks.Length; i += _chunk.Length)
        {
            int n = Math.Min(_chunk.Length, _timesTicks.Length - i);
            for (int j = 0; j < n; j++) _chunk[j] = TimeTagEvent.T2Photon(_timesTicks[i + j], _channels[i + j]);
            correlator.Accept(new ReadOnlySpan<TimeTagEvent>(_chunk, 0, n));
        }
        return correlator.Finish().Counts.Sum();
    }
}
