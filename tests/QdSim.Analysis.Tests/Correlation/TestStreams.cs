using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Correlation;

/// <summary>
/// Test-only random numbers (SplitMix64, Steele et al. 2014): the analysis tests must not depend on the engine's
/// RandomStream, and a fixed seed makes every statistical assertion deterministic.
/// </summary>
internal sealed class TestRng(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in (0, 1).</summary>
    public double NextDouble() => ((NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53));

    public double Exponential(double mean) => -mean * Math.Log(NextDouble());

    public double Gaussian()
    {
        // Box–Muller; one of the pair is enough here.
        return Math.Sqrt(-2 * Math.Log(NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());
    }

    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Gamma(shape ≥ 1, rate) by Marsaglia &amp; Tsang, ACM TOMS 26, 363 (2000).</summary>
    public double Gamma(double shape, double rate)
    {
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = Gaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            if (Math.Log(NextDouble()) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v / rate;
        }
    }

    /// <summary>Number of trials up to and including the first success of probability p.</summary>
    public long Geometric(double p) => Math.Max(1, (long)Math.Ceiling(Math.Log(NextDouble()) / Math.Log(1 - p)));

    /// <summary>Poisson by inversion (small means only, as used in the tests).</summary>
    public int Poisson(double mean)
    {
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= NextDouble(); } while (p > l);
        return k - 1;
    }
}

/// <summary>Builders of synthetic time-tag streams with known statistics.</summary>
internal static class TestStreams
{
    /// <summary>Poisson arrival times of the given rate in [0, duration), integer ticks.</summary>
    public static long[] Poisson(TestRng rng, double rateHz, double durationS, double tickS)
    {
        var times = new List<long>();
        double t = rng.Exponential(1 / rateHz);
        while (t < durationS)
        {
            times.Add((long)(t / tickS));
            t += rng.Exponential(1 / rateHz);
        }
        return times.ToArray();
    }

    /// <summary>Merges per-channel sorted photon times into one time-ordered T2 event stream.</summary>
    public static TimeTagEvent[] MergeT2(params (long[] Times, short Channel)[] channels)
    {
        var all = channels.SelectMany(c => c.Times.Select(t => TimeTagEvent.T2Photon(t, c.Channel))).ToArray();
        // Order by time then channel, as an instrument would deliver simultaneous tags.
        Array.Sort(all, static (x, y) => x.TimeTicks != y.TimeTicks ? x.TimeTicks.CompareTo(y.TimeTicks) : x.Channel.CompareTo(y.Channel));
        return all;
    }

    public static TimeTagStreamInfo T2Info(double tickS, double? syncRateHz = null) => new()
    {
        Mode = MeasurementMode.T2, TickResolutionS = tickS, SyncRateHz = syncRateHz, Source = "synthetic",
    };

    public static void Feed(IStreamingStage stage, TimeTagEvent[] events, int chunkEvents)
    {
        for (int i = 0; i < events.Length; i += chunkEvents)
            stage.Accept(new ReadOnlySpan<TimeTagEvent>(events, i, Math.Min(chunkEvents, events.Length - i)));
    }
}
