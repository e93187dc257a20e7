using QdSim.Gpu.Backends;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// <c>qdsim sweep --backend auto|cpu|cuda</c> (or QDSIM_BACKEND): the same names and CUDA probe as the ensemble backends
/// (<see cref="BackendSelector"/>). A sweep point is simulated and analysed per dot (lifetime fits, blinking, correlation
/// histograms), which only the CPU engine provides: the CUDA ensemble kernel returns per-dot HBT summaries, not photons.
/// So <c>auto</c> runs on the CPU and says why, and <c>cuda</c> is refused with the reason (no CUDA, or no CUDA point
/// evaluator) instead of silently running on the CPU.
/// </summary>
public static class SweepBackend
{
    /// <summary>Help text of the option.</summary>
    public const string OptionDescription =
        "backend: auto (default, or QDSIM_BACKEND), cpu, cuda. Sweep points are simulated and analysed per dot on the CPU engine; " +
        "auto says why it runs on the CPU, cuda is refused with the reason (the CUDA ensemble kernel returns HBT summaries, not the per-dot analysis)";

    /// <summary>Resolves the option; returns the one plain line naming the backend that runs, or throws <see cref="UserInputException"/>.</summary>
    public static string Resolve(string? option)
    {
        string name = BackendSelector.Resolve(option);
        if (name == "cpu") return "backend: cpu (requested)";
        // Probes the driver, the device and NVRTC; throws the probe's reason when cuda is requested and unusable.
        var choice = BackendSelector.Select(name);
        using var backend = choice.Backend;
        bool cudaUsable = backend.Name != "cpu";
        if (name == "cuda")
        {
            throw new UserInputException(
                $"--backend cuda: qdsim sweep has no CUDA point evaluator ({backend.Name} is available, but sweep points need the per-dot analysis that only the CPU engine gives); use --backend cpu or auto");
        }
        return cudaUsable
            ? $"backend: cpu ({backend.Name} is available, but sweep points need the per-dot analysis that only the CPU engine gives)"
            : choice.Message;
    }
}
