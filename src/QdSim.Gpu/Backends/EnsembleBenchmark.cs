using QdSim.Models.Parameters;

namespace QdSim.Gpu.Backends;

/// <summary>One throughput figure: detected photons summed over all dots per wall-clock second.</summary>
public sealed record EnsembleThroughput(string Backend, int Dots, double SimulatedSPerDot, long DetectedPhotons, double WallS)
{
    public double DetectedPhotonsPerS => DetectedPhotons / WallS;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Backend}: {Dots} dots x {SimulatedSPerDot} s, {DetectedPhotons} detected photons in {WallS:F2} s wall = {DetectedPhotonsPerS / 1e6:F1} M detected photons/s");
}

/// <summary>
/// The ensemble benchmark of issue 8 (used by GpuEnsembleBenchmarks and <see cref="QdSim.Gpu.GpuSelfTest"/>): a 1000-dot
/// ensemble of a preset, ideal HBT with η per photon, timed on one backend after a one-dot warm-up (JIT, module load).
/// </summary>
public static class EnsembleBenchmark
{
    /// <summary>End-to-end detection efficiency of the benchmark's ideal HBT (PHYSICS.md §9: 5–10%).</summary>
    public const double Efficiency = 0.05;

    public static EnsembleRequest Request(ExperimentParameters preset, int dots, double durationS, int threads) =>
        new(preset with { Run = preset.Run with { DurationS = durationS, Seed = 1 } }, dots, Efficiency,
            TraceBinS: 0.01, TraceHistogramBins: 64, Threads: threads);

    public static EnsembleThroughput Measure(IEnsembleBackend backend, EnsembleRequest request)
    {
        backend.Run(request with { Dots = 1, Experiment = request.Experiment with { Run = request.Experiment.Run with { DurationS = 0.01 } } });
        var result = backend.Run(request);
        return new EnsembleThroughput(backend.Name, request.Dots, request.Experiment.Run.DurationS, result.Total().Detected, result.WallTimeS);
    }
}
