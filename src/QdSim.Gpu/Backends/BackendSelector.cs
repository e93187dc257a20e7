using QdSim.Gpu.Cuda;

namespace QdSim.Gpu.Backends;

/// <summary>Which backend a run uses, and why (printed as one plain line).</summary>
public sealed record BackendChoice(IEnsembleBackend Backend, string Message);

/// <summary>
/// Chooses the ensemble backend from <c>--backend auto|cpu|cuda</c> (or the QDSIM_BACKEND environment variable when the
/// option is absent), probing CUDA before use (MathNet LinearAlgebraControl in spirit). auto → CUDA when the driver
/// loads, a device exists, the kernel compiles and the kernel covers the request; otherwise the CPU engine, with the
/// reason. cuda requested but unusable → <see cref="UserInputException"/> with the reason, never a crash.
/// </summary>
public static class BackendSelector
{
    public const string EnvironmentVariable = "QDSIM_BACKEND";
    public static readonly string[] Names = ["auto", "cpu", "cuda"];

    /// <summary>The requested name: the option when given, else QDSIM_BACKEND, else auto; validated.</summary>
    public static string Resolve(string? option)
    {
        string name = (option ?? System.Environment.GetEnvironmentVariable(EnvironmentVariable) ?? "auto").Trim().ToLowerInvariant();
        if (name.Length == 0) name = "auto";
        return Names.Contains(name) ? name
            : throw new UserInputException($"--backend (or {EnvironmentVariable}): '{name}' is not a backend (expected auto, cpu or cuda)");
    }

    /// <summary>Selects a backend for <paramref name="request"/> (null: judge the device only).</summary>
    public static BackendChoice Select(string? option, EnsembleRequest? request = null)
    {
        string name = Resolve(option);
        if (name == "cpu") return new(new CpuEnsembleBackend(), "backend: cpu (requested)");
        var cuda = new CudaEnsembleBackend();
        var probe = cuda.Probe();
        var support = probe.Available && request is not null ? cuda.Supports(request) : probe;
        if (probe.Available && support.Available) return new(cuda, $"backend: {cuda.Name}");
        cuda.Dispose();
        if (name == "cuda")
        {
            throw new UserInputException(probe.Available
                ? $"--backend cuda: the CUDA kernel does not cover this configuration: {support.Reason} (use --backend cpu or auto)"
                : $"--backend cuda: CUDA is not available: {probe.Reason} (use --backend cpu or auto)");
        }
        return new(new CpuEnsembleBackend(), $"backend: cpu ({(probe.Available ? support.Reason : probe.Reason)})");
    }
}
