using System.Runtime.InteropServices;
using QdSim.Gpu.Backends;
using QdSim.Gpu.Cuda;
using QdSim.Models.Parameters;

namespace QdSim.Gpu.Tests;

/// <summary>Backend choice, fallback messages, kernel coverage and the kernel/C# struct layout.</summary>
public sealed class BackendSelectionTests
{
    private static readonly BackendProbe CudaProbe = new CudaEnsembleBackend().Probe();

    [Fact]
    public void CpuRequestedIsCpu()
    {
        var choice = BackendSelector.Select("cpu");
        Assert.Equal("cpu", choice.Backend.Name);
        Assert.Equal("backend: cpu (requested)", choice.Message);
    }

    [Fact]
    public void UnknownNameIsAUserError()
    {
        var e = Assert.Throws<UserInputException>(() => BackendSelector.Resolve("opencl"));
        Assert.Contains("'opencl' is not a backend (expected auto, cpu or cuda)", e.Message);
        Assert.Equal("cuda", BackendSelector.Resolve(" CUDA "));
    }

    [Fact]
    public void AutoFallsBackToCpuWithOneLineReason()
    {
        var choice = BackendSelector.Select("auto", EnsembleTestCase.Request(1));
        if (CudaProbe.Available) Assert.StartsWith("backend: cuda", choice.Message);
        else
        {
            Assert.Equal("cpu", choice.Backend.Name);
            Assert.Equal($"backend: cpu ({CudaProbe.Reason})", choice.Message);
            Assert.DoesNotContain('\n', choice.Message);
        }
    }

    [Fact]
    public void CudaRequestedButUnavailableIsAClearUserError()
    {
        if (CudaProbe.Available) return; // the CUDA subclass of EnsembleBackendTests covers the device case
        var e = Assert.Throws<UserInputException>(() => BackendSelector.Select("cuda"));
        Assert.Contains("--backend cuda: CUDA is not available: " + CudaProbe.Reason, e.Message);
        Assert.Throws<UserInputException>(() => new CudaEnsembleBackend().Run(EnsembleTestCase.Request(1, dots: 1)));
    }

    [Fact]
    public void KernelCoverageNamesWhatRunsOnCpu()
    {
        var plain = EnsembleTestCase.Request(1);
        Assert.True(KernelCoverage.Check(plain).Available);
        var blinking = plain with
        {
            Experiment = plain.Experiment with
            {
                Environment = new EnvironmentParameters
                {
                    Processes = [new BlinkingProcessParameters { States = [new EnvironmentStateParameters(), new EnvironmentStateParameters { Name = "OFF", Level = EmissiveLevel.Off, TrapRatePerNs = 20 }] }],
                },
            },
        };
        var no = KernelCoverage.Check(blinking);
        Assert.False(no.Available);
        Assert.Contains("Environment:Processes", no.Reason);
        Assert.True(KernelCoverage.Check(blinking with { Experiment = KernelCoverage.ConstantEnvironment(blinking.Experiment) }).Available);
        Assert.Contains("Dot:Regime", KernelCoverage.Check(plain with { Experiment = plain.Experiment with { Dot = plain.Experiment.Dot with { Regime = FineStructureRegime.ExplicitSpinFlip } } }).Reason);
    }

    /// <summary>The C# mirrors have exactly the offsets and sizes listed in Kernels/ensemble.layout (which the .cu's static_asserts pin on the device side).</summary>
    [Fact]
    public void StructLayoutsMatchTheKernel()
    {
        using var stream = typeof(CudaEnsembleBackend).Assembly.GetManifestResourceStream("QdSim.Gpu.Kernels.ensemble.layout")!;
        using var reader = new StreamReader(stream);
        var types = new Dictionary<string, Type> { ["KernelParameters"] = typeof(KernelParameters), ["DotSummary"] = typeof(DotSummary) };
        int checkedFields = 0;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var type = types[f[0]];
            if (f[1] == "(size)") Assert.Equal(int.Parse(f[2]), Marshal.SizeOf(type));
            else Assert.Equal(int.Parse(f[2]), (int)Marshal.OffsetOf(type, f[1]));
            checkedFields++;
        }
        Assert.Equal(typeof(KernelParameters).GetFields().Count(x => !x.IsLiteral && !x.IsStatic) + typeof(DotSummary).GetFields().Length + 2, checkedFields);
        string source = CudaEnsembleBackend.KernelSource();
        Assert.Contains("sizeof(struct KernelParameters) == " + Marshal.SizeOf<KernelParameters>(), source);
        Assert.Contains("sizeof(struct DotSummary) == " + Marshal.SizeOf<DotSummary>(), source);
    }
}

/// <summary>The GPU machine's self-test, run here: without CUDA it still runs and passes the CPU checks and says so.</summary>
public sealed class GpuSelfTestTests
{
    [Fact]
    public void SelfTestReportsEveryCheckAndTheDeviceState()
    {
        var log = new StringWriter();
        int status = GpuSelfTest.Run(log, benchmarkPreset: null);
        string text = log.ToString();
        Assert.DoesNotContain("FAIL ", text);
        Assert.Equal(7, text.Split('\n').Count(l => l.StartsWith("PASS cpu:"))); // the seven closed-form checks on the CPU
        using var cuda = new CudaEnsembleBackend();
        if (cuda.Probe().Available)
        {
            Assert.Equal(GpuSelfTest.Passed, status);
        }
        else
        {
            Assert.Equal(GpuSelfTest.NoDevice, status);
            Assert.Contains("cuda: NOT available: " + cuda.Probe().Reason, text);
            Assert.Contains("gpu-selftest: CPU checks passed; CUDA not tested", text);
        }
    }
}
