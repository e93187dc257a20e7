using QdSim.Gpu.Cuda;

namespace QdSim.Gpu.Tests;

/// <summary>
/// A fact that needs a CUDA device: where the CUDA backend's probe fails (no driver, no device, no NVRTC, kernel does
/// not compile) the runner lists the test as skipped with the probe's reason. xunit 2.9 has no dynamic skip, so the
/// attribute sets <see cref="FactAttribute.Skip"/> in its constructor.
/// </summary>
public sealed class CudaFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> SkipReason = new(() =>
    {
        using var cuda = new CudaEnsembleBackend();
        var probe = cuda.Probe();
        return probe.Available ? null : $"no usable CUDA device: {probe.Reason}";
    });

    public CudaFactAttribute()
    {
        if (SkipReason.Value is { } reason) Skip = reason;
    }
}
