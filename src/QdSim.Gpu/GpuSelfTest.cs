using System.Globalization;
using QdSim.Gpu.Backends;
using QdSim.Gpu.Cuda;
using QdSim.Models.Parameters;

namespace QdSim.Gpu;

/// <summary>
/// <c>qdsim gpu-selftest</c>: the GPU verification that a machine with a CUDA device but no .NET SDK can run from a
/// self-contained publish (docs/gpu-verification.md). Probes CUDA; simulates the test ensemble of QdSim.Gpu.Tests on the
/// CPU and on CUDA and applies the same statistical checks (<see cref="EnsembleChecks"/>) plus the dot-by-dot
/// comparison at equal seeds; then benchmarks a 1000-dot ensemble of the given preset on both backends.
/// </summary>
public static class GpuSelfTest
{
    /// <summary>Exit codes: 0 all checks passed on CUDA, 1 a check failed, 3 no usable CUDA device (CPU checks still run).</summary>
    public const int Passed = 0, Failed = 1, NoDevice = 3;

    /// <summary>The self-test ensemble (identical to QdSim.Gpu.Tests' EnsembleTestCase).</summary>
    public static EnsembleRequest TestRequest(ulong seed, int threads) => new(
        new ExperimentParameters
        {
            Dot = new DotKineticsParameters { BiexcitonAugerLifetimeNs = 0.1 },
            Excitation = new ExcitationParameters { Mode = ExcitationMode.Pulsed, RepetitionRateHz = 2e6, MeanExcitonsPerPulse = 0.1 },
            Run = new RunParameters { DurationS = 0.1, Seed = seed },
        },
        100, 0.5, TraceBinS: 0.001, TraceHistogramBins: 256, Threads: threads);

    /// <param name="log">Where the report goes (one line per check).</param>
    /// <param name="benchmarkPreset">Preset to benchmark (the CLI passes the PEA preset); null skips the benchmark.</param>
    /// <param name="benchmarkDots">Dots of the benchmark ensemble (issue 8: 1000).</param>
    /// <param name="benchmarkDurationS">Simulated seconds per dot.</param>
    public static int Run(TextWriter log, ExperimentParameters? benchmarkPreset, int benchmarkDots = 1000, double benchmarkDurationS = 1.0)
    {
        int threads = System.Environment.ProcessorCount;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"qdsim gpu-selftest: {threads} logical CPUs, .NET {System.Environment.Version}"));
        using var cuda = new CudaEnsembleBackend();
        var probe = cuda.Probe();
        log.WriteLine(probe.Available ? $"cuda: available: {probe.Reason}" : $"cuda: NOT available: {probe.Reason}");

        bool ok = true;
        void Report(IEnumerable<CheckResult> results)
        {
            foreach (var r in results)
            {
                log.WriteLine(r.ToString());
                ok &= r.Passed;
            }
        }

        const ulong seed = 20261122;
        var request = TestRequest(seed, threads);
        var expectation = EnsembleExpectation.For(request);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test ensemble: {request.Dots} dots x {request.Experiment.Run.DurationS} s, <N> = 0.1, eta = 0.5; analytic clicks/pulse {expectation.MeanClicksPerPulse:E4}, g2(0) {expectation.G2:F4}"));
        using var cpu = new CpuEnsembleBackend();
        var cpuResult = cpu.Run(request);
        Report(EnsembleChecks.Analytic(cpuResult, expectation));
        if (probe.Available)
        {
            var gpuResult = cuda.Run(request);
            Report(EnsembleChecks.Analytic(gpuResult, expectation));
            var reference = cpu.Run(TestRequest(77, threads));
            Report(EnsembleChecks.SameDistribution(gpuResult.Backend, gpuResult.Total(), "cpu (seed 77)", reference.Total()));
            int same = cpuResult.Dots.Zip(gpuResult.Dots).Count(p => p.First.Equals(p.Second));
            Report([new CheckResult(same >= 0.95 * request.Dots, $"{gpuResult.Backend}: {same} of {request.Dots} dots identical to the CPU engine at the same seed (>= 95% required)")]);
        }

        if (benchmarkPreset is not null)
        {
            var preset = KernelCoverage.ConstantEnvironment(benchmarkPreset);
            var bench = EnsembleBenchmark.Request(preset, benchmarkDots, benchmarkDurationS, threads);
            log.WriteLine($"benchmark: preset with blinking, charging and damage off (kernel subset), ideal HBT eta = {EnsembleBenchmark.Efficiency}");
            log.WriteLine($"benchmark {EnsembleBenchmark.Measure(cpu, bench)} ({threads} threads)");
            if (probe.Available) log.WriteLine($"benchmark {EnsembleBenchmark.Measure(cuda, bench)}");
        }
        log.WriteLine(ok ? (probe.Available ? "gpu-selftest: PASSED" : "gpu-selftest: CPU checks passed; CUDA not tested") : "gpu-selftest: FAILED");
        return !ok ? Failed : probe.Available ? Passed : NoDevice;
    }
}
