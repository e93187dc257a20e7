using System.Collections.Concurrent;
using QdSim.Engine.Detection;
using QdSim.Engine.Excitation;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Simulation;
using QdSim.Gpu.Backends;
using QdSim.Models.Parameters;

namespace QdSim.Gpu.Tests;

/// <summary>
/// The small ensemble every backend test simulates, and its closed-form expectations (PHYSICS.md §3, §7): constant
/// environment, ideal 50/50 HBT with η = 0.5, ⟨N⟩ = 0.1 at 2 MHz, τ_A,XX = 0.1 ns so that QY_XX ≈ 0.26 and two-photon
/// pulses are frequent enough to measure g2(0) to a few per cent.
/// </summary>
public static class EnsembleTestCase
{
    public const double Efficiency = 0.5;
    public const double MeanPerPulse = 0.1;
    public const int Dots = 100;
    public const double DurationS = 0.1;          // 2e5 pulses per dot, 2e7 in all: g2(0) to ±5.5% (4σ)
    public const double TraceBinS = 0.001;        // 2000 pulses per bin, ≈ 90 counts

    public static EnsembleRequest Request(ulong seed, int dots = Dots, uint firstDot = 0, int threads = 2) => new(
        new ExperimentParameters
        {
            Dot = new DotKineticsParameters { BiexcitonAugerLifetimeNs = 0.1 },
            Excitation = new ExcitationParameters { Mode = ExcitationMode.Pulsed, RepetitionRateHz = 2e6, MeanExcitonsPerPulse = MeanPerPulse },
            Run = new RunParameters { DurationS = DurationS, Seed = seed },
        },
        dots, Efficiency, TraceBinS: TraceBinS, TraceHistogramBins: 256, FirstDot: firstDot, Threads: threads);

    /// <summary>Runs each (backend, seed) once per test process; the tests share the result.</summary>
    private static readonly ConcurrentDictionary<(string, ulong), Lazy<EnsembleResult>> Cache = new();

    public static EnsembleResult Run(IEnsembleBackend backend, ulong seed) =>
        Cache.GetOrAdd((backend.Name, seed), _ => new Lazy<EnsembleResult>(() => backend.Run(Request(seed)))).Value;

    /// <summary>Closed forms from the engine's cascade table: q_k per step, P(n) Poisson truncated at n_max.</summary>
    public sealed record Expectation(double MeanClicksPerPulse, double FactorialMoment2PerPulse, double PulseDetectionProbability,
        double ExcitonYield, double BiexcitonYield)
    {
        public double G2 => FactorialMoment2PerPulse / (MeanClicksPerPulse * MeanClicksPerPulse);
    }

    public static Expectation Analytic()
    {
        var e = Request(1).Experiment;
        var table = new CascadeTable(e.Dot, e.Damage, new DotCondition(), new IdealOpticalPath(Efficiency, 2));
        var stats = new PulseStatistics(table, MeanPerPulse);
        // Each step k emits a photon independently with q_k; each photon clicks with η (binomial thinning), so
        // E[M] = η Σ_n P(n) Σ_{k≤n} q_k and E[M(M−1)] = η² Σ_n P(n) 2 e₂(q_1..q_n) (second elementary symmetric sum).
        double mean = 0, fm2 = 0;
        for (int n = 1; n < stats.PairProbability.Length; n++)
        {
            double e1 = 0, e2 = 0;
            for (int k = 1; k <= n; k++)
            {
                e2 += e1 * table.PhotonProbability[k];
                e1 += table.PhotonProbability[k];
            }
            mean += stats.PairProbability[n] * e1;
            fm2 += stats.PairProbability[n] * 2 * e2;
        }
        return new Expectation(Efficiency * mean, Efficiency * Efficiency * fm2, 1 - stats.NoDetectionProbability,
            table.PhotonProbability[1], table.PhotonProbability[2]);
    }
}
