using QdSim.Gpu.Interop;

namespace QdSim.Gpu.Backends;

/// <summary>What the CLI needs for <c>--backend</c>: the option's help text and one call that selects, says which
/// backend runs (one plain line), and runs.</summary>
public static class EnsembleRun
{
    /// <summary>Help text of the <c>--backend</c> option.</summary>
    public const string OptionDescription =
        "ensemble backend: auto (CUDA when a device, driver and NVRTC are present and the kernel covers the configuration, else CPU), cpu, cuda; default from QDSIM_BACKEND, else auto";

    /// <summary>
    /// Selects the backend for <paramref name="request"/> (<see cref="BackendSelector.Select"/>), writes its one-line
    /// choice to <paramref name="log"/>, and runs. User mistakes and unusable CUDA surface as
    /// <see cref="UserInputException"/> (one line, exit 2 under CliRun.Guard).
    /// </summary>
    public static EnsembleResult Run(string? backendOption, EnsembleRequest request, TextWriter log,
        IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        request.Validate();
        var choice = BackendSelector.Select(backendOption, request);
        log.WriteLine(choice.Message);
        using var backend = choice.Backend;
        try
        {
            return backend.Run(request, progress, cancel);
        }
        catch (CudaException e)
        {
            throw new UserInputException($"backend cuda failed: {e.Message}; rerun with --backend cpu");
        }
    }
}
