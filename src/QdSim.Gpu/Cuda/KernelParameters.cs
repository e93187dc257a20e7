using System.Runtime.InteropServices;
using QdSim.Engine.Excitation;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Simulation;
using QdSim.Gpu.Backends;

namespace QdSim.Gpu.Cuda;

/// <summary>
/// C# mirror of <c>struct KernelParameters</c> in Kernels/ensemble.cu (layout in Kernels/ensemble.layout, checked by a
/// test). Passed by value as the kernel's first argument. Holds the cascade table of the single (constant) dot
/// condition, exactly as the CPU engine computes it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public unsafe struct KernelParameters
{
    public const int MaxSteps = 17;

    public ulong Seed;
    public long TotalPulses;
    public long PulsesPerSegment;
    public long PulsesPerTraceBin;
    public uint FirstDot;
    public int Dots;
    public int MaxExcitons;
    public int HistogramBins;
    public double NoDetectionProbability;
    public double LogNoDetection;
    public double DetectionEfficiency;
    public fixed double PhotonProbability[MaxSteps];
    public fixed double DetectedProbability[MaxSteps];
    public fixed double AugerProbability[MaxSteps];
    public fixed double NoDetection[MaxSteps];
    public fixed double ConditionalCumulative[MaxSteps];

    /// <summary>
    /// Builds the parameters from the engine's own tables (<see cref="CascadeTable"/>, <see cref="PulseStatistics"/>),
    /// and the segment length by <see cref="ExperimentSimulator"/>'s rule, so the kernel draws what the engine draws.
    /// </summary>
    public static KernelParameters From(EnsembleRequest request)
    {
        var e = request.Experiment;
        var x = ExcitationContext.From(e.Excitation);
        var path = new IdealOpticalPath(request.DetectionEfficiency, 2);
        var table = new CascadeTable(e.Dot, e.Damage, new DotCondition { Level = QdSim.Models.Parameters.EmissiveLevel.On }, path);
        var stats = new PulseStatistics(table, x.MeanPerPulse);
        long endPs = (long)Math.Round(e.Run.DurationS * 1e12);
        long total = x.FirstPulseAtOrAfter(endPs);
        // ExperimentSimulator.RunSkipAhead's segment rule (keep in step with it: segments key the random streams).
        long perSegment = e.Run.SegmentDurationS is { } sd
            ? Math.Max(1, (long)Math.Round(sd * 1e12 / x.PeriodPs))
            : Math.Max(1000, (long)Math.Ceiling(ExperimentSimulator.DetectionsPerSegment / Math.Max(1 - stats.NoDetectionProbability, 1e-12)));
        perSegment = Math.Min(perSegment, Math.Max(1, total));

        var k = new KernelParameters
        {
            Seed = e.Run.Seed,
            TotalPulses = total,
            PulsesPerSegment = perSegment,
            PulsesPerTraceBin = request.PulsesPerTraceBin,
            FirstDot = request.FirstDot,
            Dots = request.Dots,
            MaxExcitons = table.MaxExcitons,
            HistogramBins = request.TraceHistogramBins,
            NoDetectionProbability = stats.NoDetectionProbability,
            LogNoDetection = stats.LogNoDetection,
            DetectionEfficiency = request.DetectionEfficiency,
        };
        // P(n | ≥ 1 detection), accumulated exactly as PulseStatistics does.
        double acc = 0;
        Span<double> cumulative = stackalloc double[MaxSteps];
        for (int n = 0; n <= table.MaxExcitons; n++)
        {
            acc += stats.PairProbability[n] * (1 - table.NoDetectionProbability[n]);
            cumulative[n] = acc;
        }
        for (int n = 0; n <= table.MaxExcitons; n++)
        {
            k.PhotonProbability[n] = table.PhotonProbability[n];
            k.DetectedProbability[n] = table.DetectedProbability[n];
            k.AugerProbability[n] = table.AugerProbability[n];
            k.NoDetection[n] = table.NoDetectionProbability[n];
            k.ConditionalCumulative[n] = acc > 0 ? cumulative[n] / acc : 1;
        }
        return k;
    }
}
