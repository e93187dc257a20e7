using QdSim.Engine.Environment;
using QdSim.Engine.Photons;
using QdSim.Engine.Simulation;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Tests.Simulation;

/// <summary>Collects a run's events and trajectory in memory (small test runs only).</summary>
internal sealed class CollectingSink : IExperimentSink
{
    public List<DetectedEvent> Events { get; } = [];
    public List<EnvironmentInterval> Intervals { get; } = [];

    public void OnEnvironment(in EnvironmentInterval interval) => Intervals.Add(interval);

    public void OnEvents(ReadOnlySpan<DetectedEvent> events)
    {
        foreach (var e in events) Events.Add(e);
    }
}

/// <summary>Closed-form test dots and a runner with the ideal optical path (η independent of energy and dipole).</summary>
internal static class TestRuns
{
    /// <summary>A dot with simple, explicit rates and no environment: QY_X as given, k_r,X = 0.1 ns⁻¹.</summary>
    public static DotKineticsParameters Dot(double qyX = 1, double xxRadiativePerNs = 3, double xxAugerLifetimeNs = 1e9, int maxExcitons = 6) => new()
    {
        ExcitonRadiativeRatePerNs = 0.1,
        ExcitonQuantumYield = qyX,
        BiexcitonRadiativeRatePerNs = xxRadiativePerNs,
        BiexcitonAugerLifetimeNs = xxAugerLifetimeNs,
        MaxExcitons = maxExcitons,
    };

    public static ExperimentParameters Pulsed(DotKineticsParameters dot, double meanPerPulse, double durationS, ulong seed = 7,
        SimulationMode mode = SimulationMode.SkipAhead, EnvironmentParameters? environment = null, int threads = 1, double? segmentS = null) => new()
    {
        Dot = dot,
        Excitation = new ExcitationParameters { RepetitionRateHz = 2e6, MeanExcitonsPerPulse = meanPerPulse },
        Environment = environment ?? new EnvironmentParameters(),
        Run = new RunParameters { DurationS = durationS, Seed = seed, Mode = mode, Threads = threads, SegmentDurationS = segmentS },
    };

    public static (CollectingSink Sink, RunResult Result) Run(ExperimentParameters p, double eta, int detectors = 2)
    {
        var sink = new CollectingSink();
        var sim = new ExperimentSimulator(p, new IdealOpticalPath(eta, detectors), new PassThroughClickProcessor());
        return (sink, sim.Run(sink));
    }

    /// <summary>Histogram of detected photons per pulse, h[m] for m = 0…maxBin (last bin: ≥ maxBin), over all pulses of the run.</summary>
    public static long[] PhotonsPerPulse(IEnumerable<DetectedEvent> events, long totalPulses, int maxBin)
    {
        var counts = new Dictionary<long, int>();
        foreach (var e in events) counts[e.PulseIndex] = counts.GetValueOrDefault(e.PulseIndex) + 1;
        var h = new long[maxBin + 1];
        h[0] = totalPulses - counts.Count;
        foreach (int m in counts.Values) h[Math.Min(m, maxBin)]++;
        return h;
    }

    /// <summary>Pearson χ² of observed counts against expected probabilities.</summary>
    public static double ChiSquare(long[] observed, double[] expectedProbability)
    {
        long total = observed.Sum();
        double chi2 = 0;
        for (int i = 0; i < observed.Length; i++)
        {
            double expected = total * expectedProbability[i];
            chi2 += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return chi2;
    }

    /// <summary>One-sample Kolmogorov–Smirnov statistic D = sup |F_n − F|.</summary>
    public static double KolmogorovSmirnov(List<double> samples, Func<double, double> cdf)
    {
        samples.Sort();
        double d = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            double f = cdf(samples[i]);
            d = Math.Max(d, Math.Max(Math.Abs((i + 1.0) / samples.Count - f), Math.Abs(f - (double)i / samples.Count)));
        }
        return d;
    }

    /// <summary>KS critical value at significance 0.001 for n samples (asymptotic: 1.949/√n).</summary>
    public static double KsCritical001(int n) => 1.949 / Math.Sqrt(n);
}
