using BenchmarkDotNet.Attributes;
using QdSim.Gpu.Backends;
using QdSim.Gpu.Cuda;
using QdSim.Runner.Configuration;

namespace QdSim.Benchmarks;

/// <summary>
/// Issue 8's benchmark: a 1000-dot ensemble of the PEA preset (configs/pea-cspbbr3.json, 1 s per dot, ideal HBT with
/// η = 0.05) on each backend present. Figure of merit: detected photons summed over all dots per second =
/// <see cref="DetectedPhotons"/> / mean time. The kernel covers a constant environment, so both backends run the preset
/// with blinking, charging and damage switched off (<see cref="KernelCoverage.ConstantEnvironment"/>); the CPU row with
/// the full preset is <see cref="CpuFullPreset"/>. CUDA rows appear only where a device is usable.
/// Run: dotnet run -c Release --project benchmarks/QdSim.Benchmarks -- --filter '*GpuEnsemble*'
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class GpuEnsembleBenchmarks
{
    private IEnsembleBackend _backend = new CpuEnsembleBackend();
    private EnsembleRequest _request = null!, _full = null!;

    public static IEnumerable<string> Backends()
    {
        using var cuda = new CudaEnsembleBackend();
        return cuda.Probe().Available ? ["cpu", "cuda"] : ["cpu"];
    }

    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "cpu";

    /// <summary>Detected photons of one run (all dots), for the photons/s figure.</summary>
    public long DetectedPhotons { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        string preset = Path.Combine(RepositoryRoot(), "configs", "pea-cspbbr3.json");
        var experiment = ConfigurationLoader.Load(preset, []).Experiment;
        int threads = System.Environment.ProcessorCount;
        _full = EnsembleBenchmark.Request(experiment, 1000, 1.0, threads);
        _request = EnsembleBenchmark.Request(KernelCoverage.ConstantEnvironment(experiment), 1000, 1.0, threads);
        _backend = Backend == "cuda" ? new CudaEnsembleBackend() : new CpuEnsembleBackend();
        DetectedPhotons = _backend.Run(_request).Total().Detected;
        Console.WriteLine($"// {Backend}: {DetectedPhotons} detected photons per run of 1000 dots x 1 s");
    }

    [GlobalCleanup]
    public void Cleanup() => _backend.Dispose();

    [Benchmark]
    public long ConstantEnvironmentPreset() => _backend.Run(_request).Total().Detected;

    [Benchmark]
    public long CpuFullPreset() => Backend == "cpu" ? _backend.Run(_full).Total().Detected : 0;

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "QdSim.sln"))) return dir.FullName;
        throw new InvalidOperationException("QdSim.sln not found above " + AppContext.BaseDirectory);
    }
}
