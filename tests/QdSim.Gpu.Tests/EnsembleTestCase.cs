using System.Collections.Concurrent;
using QdSim.Gpu.Backends;

namespace QdSim.Gpu.Tests;

/// <summary>
/// The small ensemble every backend test simulates, and its closed-form expectations (PHYSICS.md §3, §7): constant
/// environment, ideal 50/50 HBT with η = 0.5, ⟨N⟩ = 0.1 at 2 MHz, τ_A,XX = 0.1 ns so that QY_XX ≈ 0.26 and two-photon
/// pulses are frequent enough to measure g2(0) to a few per cent.
/// </summary>
public static class EnsembleTestCase
{
    /// <summary>100 dots × 0.1 s = 2e7 pulses: g2(0) resolved to ±5.5% (4σ); 1 ms trace bins of ≈ 90 counts.</summary>
    public const int Dots = 100;

    /// <summary>The self-test's ensemble (<see cref="GpuSelfTest.TestRequest"/>): the GPU machine checks exactly what CI checks.</summary>
    public static EnsembleRequest Request(ulong seed, int dots = Dots, uint firstDot = 0, int threads = 2) =>
        GpuSelfTest.TestRequest(seed, threads) with { Dots = dots, FirstDot = firstDot };

    /// <summary>Runs each (backend, seed) once per test process; the tests share the result.</summary>
    private static readonly ConcurrentDictionary<(string, ulong), Lazy<EnsembleResult>> Cache = new();

    public static EnsembleResult Run(IEnsembleBackend backend, ulong seed) =>
        Cache.GetOrAdd((backend.Name, seed), _ => new Lazy<EnsembleResult>(() => backend.Run(Request(seed)))).Value;

    /// <summary>Closed forms (<see cref="EnsembleExpectation"/>) of the test ensemble.</summary>
    public static EnsembleExpectation Analytic() => EnsembleExpectation.For(Request(1));
}
