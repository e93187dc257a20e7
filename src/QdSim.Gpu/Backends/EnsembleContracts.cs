using System.Runtime.InteropServices;
using QdSim.Models.Parameters;
using QdSim.Models.Parameters.Detection;

namespace QdSim.Gpu.Backends;

/// <summary>
/// A batch of independent dots to simulate: the same validated parameters for every dot, each dot with its own
/// random streams RandomStream(seed, dot, ...) (dot = <see cref="FirstDot"/> + i), so any dot can be replayed alone
/// with <c>qdsim simulate</c> on the CPU engine. Holds parameters only; backends compute.
/// </summary>
/// <param name="Experiment">Per-dot experiment (dot, excitation, environment, damage, run: duration and seed).</param>
/// <param name="Dots">Number of dots (≥ 1).</param>
/// <param name="DetectionEfficiency">Ideal 50/50 HBT: probability η that an emitted photon clicks one of the two
/// detectors (equal split). Used unless <see cref="OpticalPath"/> is given.</param>
/// <param name="OpticalPath">Configured optical path (filters, polariser, beam splitter, QE): CPU backend only.</param>
/// <param name="TraceBinS">Intensity-trace bin width, s (rounded to whole laser periods).</param>
/// <param name="TraceHistogramBins">Bins of the counts-per-trace-bin histogram; the last one collects overflow.</param>
/// <param name="FirstDot">Stream coordinate of the first dot.</param>
/// <param name="Threads">CPU threads (CPU backend: dots in parallel).</param>
public sealed record EnsembleRequest(
    ExperimentParameters Experiment,
    int Dots,
    double DetectionEfficiency = 0.05,
    OpticalPathParameters? OpticalPath = null,
    double TraceBinS = 0.01,
    int TraceHistogramBins = 64,
    uint FirstDot = 0,
    int Threads = 1)
{
    /// <summary>Validates every field; messages name the field and its unit.</summary>
    public void Validate()
    {
        Experiment.Validate();
        if (Experiment.Excitation.Mode != ExcitationMode.Pulsed)
            throw new UserInputException("Ensemble: summaries are per laser pulse; Excitation:Mode must be Pulsed");
        if (Dots < 1) throw UserInputException.OutOfRange("Ensemble:Dots", Dots, "(dots)", "at least 1");
        if (!(DetectionEfficiency >= 0 && DetectionEfficiency <= 1))
            throw UserInputException.OutOfRange("Ensemble:DetectionEfficiency", DetectionEfficiency, "(probability)", "0 to 1");
        if (!(TraceBinS > 0)) throw UserInputException.OutOfRange("Ensemble:TraceBinS", TraceBinS, "s", "> 0");
        if (TraceHistogramBins < 2) throw UserInputException.OutOfRange("Ensemble:TraceHistogramBins", TraceHistogramBins, "(bins)", "at least 2");
        if (Threads < 1) throw UserInputException.OutOfRange("Ensemble:Threads", Threads, "(threads)", "at least 1");
    }

    /// <summary>Laser periods per intensity-trace bin (≥ 1).</summary>
    public long PulsesPerTraceBin => Math.Max(1, (long)Math.Round(TraceBinS * Experiment.Excitation.RepetitionRateHz));
}

/// <summary>
/// Per-dot summary statistics, accumulated pulse by pulse so that sweeps need not copy photons back. Channel 0/1 are
/// the two HBT detectors; n₀, n₁ are the clicks of one pulse and M = n₀ + n₁. Plain blittable struct: the CUDA kernel
/// writes the same layout (Kernels/ensemble.layout).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct DotSummary
{
    /// <summary>Clicks on detector 0 (Σ n₀).</summary>
    public long Detected0;
    /// <summary>Clicks on detector 1 (Σ n₁).</summary>
    public long Detected1;
    /// <summary>Pulses with at least one click.</summary>
    public long PulsesWithDetection;
    /// <summary>Σ M(M − 1) over pulses: second factorial moment of the clicks per pulse (g2(0) = E[M(M−1)]/E[M]²).</summary>
    public long FactorialMoment2;
    /// <summary>Σ n₀ n₁ over pulses: area of the zero-delay peak of the HBT cross-correlation.</summary>
    public long ZeroPeakArea;
    /// <summary>Σ n₀(p) n₁(p+1) + n₁(p) n₀(p+1): the two side peaks at ±1 period together.</summary>
    public long SidePeaksArea;
    /// <summary>Laser pulses in the run.</summary>
    public long Pulses;
    /// <summary>Complete intensity-trace bins (the histogram sums to this).</summary>
    public long TraceBins;

    public readonly long Detected => Detected0 + Detected1;
}

/// <summary>Result of a backend run: one summary and one trace histogram per dot, and the backend that ran.</summary>
public sealed class EnsembleResult(string backend, DotSummary[] dots, long[] traceHistograms, int histogramBins, double wallTimeS)
{
    /// <summary>Name of the backend that produced the result ("cpu", "cuda (NVIDIA H100 ...)").</summary>
    public string Backend { get; } = backend;
    public DotSummary[] Dots { get; } = dots;
    /// <summary>Counts-per-bin histograms, [dot * HistogramBins + counts] (last bin: overflow).</summary>
    public long[] TraceHistograms { get; } = traceHistograms;
    public int HistogramBins { get; } = histogramBins;
    public double WallTimeS { get; } = wallTimeS;

    public ReadOnlySpan<long> HistogramOf(int dot) => TraceHistograms.AsSpan(dot * HistogramBins, HistogramBins);

    /// <summary>Sums over all dots (the ensemble-level observable).</summary>
    public DotSummary Total()
    {
        var t = new DotSummary();
        foreach (var d in Dots)
        {
            t.Detected0 += d.Detected0; t.Detected1 += d.Detected1; t.PulsesWithDetection += d.PulsesWithDetection;
            t.FactorialMoment2 += d.FactorialMoment2; t.ZeroPeakArea += d.ZeroPeakArea; t.SidePeaksArea += d.SidePeaksArea;
            t.Pulses += d.Pulses; t.TraceBins += d.TraceBins;
        }
        return t;
    }
}

/// <summary>Ensemble observables from summed summaries.</summary>
public static class EnsembleObservables
{
    /// <summary>g2(0) from photon-number moments: E[M(M−1)]/E[M]² per pulse.</summary>
    public static double G2FromMoments(in DotSummary s)
    {
        double mean = (double)s.Detected / s.Pulses;
        return s.FactorialMoment2 / (double)s.Pulses / (mean * mean);
    }

    /// <summary>g2(0) from peak areas: zero peak over the mean of the two side peaks (HBT estimator).</summary>
    public static double G2FromPeaks(in DotSummary s) => s.ZeroPeakArea / (s.SidePeaksArea / 2.0);
}

/// <summary>Outcome of probing a backend: usable or not, and why.</summary>
public readonly record struct BackendProbe(bool Available, string Reason);

/// <summary>
/// One way to run an ensemble (OpenMM Platform / ILGPU Accelerator in spirit): the CPU engine or the CUDA kernel.
/// Public members validate; implementations compute.
/// </summary>
public interface IEnsembleBackend : IDisposable
{
    /// <summary>Short name printed in outputs ("cpu", "cuda").</summary>
    string Name { get; }

    /// <summary>Whether the backend can run at all here (libraries, device, kernel compiled), with the reason.</summary>
    BackendProbe Probe();

    /// <summary>Whether this backend covers the request's configuration; the reason names what is not covered.</summary>
    BackendProbe Supports(EnsembleRequest request);

    /// <summary>Simulates the ensemble and returns per-dot summaries.</summary>
    EnsembleResult Run(EnsembleRequest request, IProgress<double>? progress = null, CancellationToken cancel = default);
}
