using System.Diagnostics;
using QdSim.Engine.Excitation;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Simulation;
using QdSim.Gpu.Backends;
using QdSim.Gpu.Interop;

namespace QdSim.Gpu.Cuda;

/// <summary>
/// Ensemble backend on an NVIDIA GPU: the CUDA driver API and NVRTC bound at run time, Kernels/ensemble.cu compiled
/// for the device's compute capability, one thread per dot, summaries in preallocated device buffers (explicit
/// allocations, copied back once per batch). Covers the subset in <see cref="KernelCoverage"/>.
/// </summary>
/// <remarks>Initialisation happens in <see cref="Probe"/> (once): driver, cuInit, device 0, context, compile, module.
/// Any failure there becomes the probe's reason, never an exception.</remarks>
public sealed unsafe class CudaEnsembleBackend : IEnsembleBackend
{
    /// <summary>Dots per kernel launch: bounds device memory (64 B + 8 B × histogram bins per dot).</summary>
    public const int DotsPerBatch = 1 << 16;
    private const uint ThreadsPerBlock = 128;

    private CudaDriver? _driver;
    private IntPtr _context, _module, _function;
    private BackendProbe? _probe;
    private string _deviceName = "";

    public string Name => _deviceName.Length > 0 ? $"cuda ({_deviceName})" : "cuda";

    /// <summary>Compute capability of the device in use (after a successful probe).</summary>
    public (int Major, int Minor) ComputeCapability { get; private set; }

    public static string KernelSource()
    {
        using var s = typeof(CudaEnsembleBackend).Assembly.GetManifestResourceStream("QdSim.Gpu.Kernels.ensemble.cu")
            ?? throw new InvalidOperationException("embedded kernel source QdSim.Gpu.Kernels.ensemble.cu missing from the assembly");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }

    public BackendProbe Probe() => _probe ??= Initialise();

    private BackendProbe Initialise()
    {
        var driver = CudaDriver.TryLoad(out string reason);
        if (driver is null) return new(false, reason);
        int code = driver.Init();
        if (code == CudaDriver.ErrorNoDevice) return new(false, "cuInit: no CUDA device");
        if (code != CudaDriver.Success) return new(false, $"cuInit failed: {driver.ErrorText(code)} (CUresult {code})");
        code = driver.DeviceCount(out int count);
        if (code != CudaDriver.Success || count == 0) return new(false, "no CUDA device");
        try
        {
            int device = driver.Device(0);
            _deviceName = driver.DeviceName(device);
            ComputeCapability = (driver.Attribute(device, CudaDriver.AttributeComputeCapabilityMajor),
                driver.Attribute(device, CudaDriver.AttributeComputeCapabilityMinor));
            var nvrtc = Nvrtc.TryLoad(out string nvrtcReason);
            if (nvrtc is null) return new(false, nvrtcReason);
            byte[] ptx;
            try
            {
                ptx = nvrtc.CompileToPtx(KernelSource(), "ensemble.cu", ComputeCapability.Major, ComputeCapability.Minor);
            }
            catch (NvrtcCompileException e)
            {
                var head = string.Join(" | ", e.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(5));
                return new(false, $"NVRTC ({nvrtc.LibraryName}) could not compile Kernels/ensemble.cu for compute_{ComputeCapability.Major}{ComputeCapability.Minor}: {head}");
            }
            _context = driver.CreateContext(device);
            _module = driver.LoadModule(ptx);
            _function = driver.Function(_module, "simulate_ensemble");
            _driver = driver;
            return new(true, $"{_deviceName}, compute capability {ComputeCapability.Major}.{ComputeCapability.Minor}, {driver.LibraryName} + {nvrtc.LibraryName}");
        }
        catch (CudaException e)
        {
            ReleaseDevice(driver);
            return new(false, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or EntryPointNotFoundException)
        {
            ReleaseDevice(driver);
            return new(false, e.Message);
        }
    }

    public BackendProbe Supports(EnsembleRequest request)
    {
        var coverage = KernelCoverage.Check(request);
        if (!coverage.Available) return coverage;
        // Like the engine: skip-ahead only when a cascade cannot outlast a period (else the per-pulse path, CPU only).
        var e = request.Experiment;
        var x = ExcitationContext.From(e.Excitation);
        var table = new CascadeTable(e.Dot, e.Damage, new DotCondition(), new IdealOpticalPath(request.DetectionEfficiency, 2));
        double bound = table.CascadeOverrunBound(x.PeriodPs);
        return bound > ExperimentSimulator.OverrunTolerance
            ? new(false, $"a cascade may outlast the pulse period (bound {bound:E2}); the per-pulse path runs on the CPU only")
            : coverage;
    }

    public EnsembleResult Run(EnsembleRequest request, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        request.Validate();
        var probe = Probe();
        if (!probe.Available) throw new UserInputException($"backend cuda is not available: {probe.Reason}");
        var support = Supports(request);
        if (!support.Available) throw new UserInputException($"backend cuda does not cover this configuration: {support.Reason}; use --backend cpu or auto");
        var driver = _driver!;
        driver.SetCurrent(_context);
        var clock = Stopwatch.StartNew();
        int bins = request.TraceHistogramBins;
        var summaries = new DotSummary[request.Dots];
        var histograms = new long[(long)request.Dots * bins];
        var parameters = KernelParameters.From(request);
        int batch = Math.Min(DotsPerBatch, request.Dots);
        long summaryBytes = (long)batch * sizeof(DotSummary), histogramBytes = (long)batch * bins * sizeof(long);
        ulong dSummaries = 0, dHistograms = 0;
        var p = parameters;
        void** args = stackalloc void*[3];
        args[0] = &p;
        args[1] = &dSummaries;
        args[2] = &dHistograms;
        try
        {
            dSummaries = Allocate(driver, summaryBytes, batch);
            dHistograms = Allocate(driver, histogramBytes, batch);
            for (int first = 0; first < request.Dots; first += batch)
            {
                cancel.ThrowIfCancellationRequested();
                int count = Math.Min(batch, request.Dots - first);
                p.FirstDot = request.FirstDot + (uint)first;
                p.Dots = count;
                driver.Launch(_function, (uint)((count + ThreadsPerBlock - 1) / ThreadsPerBlock), ThreadsPerBlock, args);
                driver.CopyToHost(summaries.AsSpan(first, count), dSummaries);
                driver.CopyToHost(histograms.AsSpan(first * bins, count * bins), dHistograms);
                progress?.Report((double)(first + count) / request.Dots);
            }
        }
        finally
        {
            driver.Free(dHistograms);
            driver.Free(dSummaries);
        }
        return new EnsembleResult(Name, summaries, histograms, bins, clock.Elapsed.TotalSeconds);
    }

    private static ulong Allocate(CudaDriver driver, long bytes, int dots)
    {
        try
        {
            return driver.Allocate(bytes);
        }
        catch (CudaException e) when (e.Code == CudaDriver.ErrorOutOfMemory)
        {
            throw new UserInputException(
                $"backend cuda: out of device memory allocating {bytes / 1048576.0:F1} MiB for {dots} dots; simulate fewer dots per batch (fewer dots or fewer trace histogram bins)");
        }
    }

    private void ReleaseDevice(CudaDriver driver)
    {
        if (_module != IntPtr.Zero) driver.UnloadModule(_module);
        if (_context != IntPtr.Zero) driver.DestroyContext(_context);
        _module = _context = _function = IntPtr.Zero;
    }

    public void Dispose()
    {
        if (_driver is not null) ReleaseDevice(_driver);
        _driver = null;
    }
}
