using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Models.Parameters.Detection;

namespace QdSim.Engine.Tests.Detection;

/// <summary>Builders and statistics shared by the detection tests.</summary>
internal static class DetectionTestKit
{
    /// <summary>A detector with every effect switched off (QE 1, no dead time, no jitter, no dark counts).</summary>
    public static DetectorParameters IdealDetector => new()
    {
        QuantumEfficiencyFraction = 1,
        DeadTimeNs = 0,
        Irf = new IrfParameters { GaussianFwhmPs = 0 },
        DarkCountRateCps = 0,
    };

    public static OpticalPathParameters SingleArm(DetectionArmParameters arm) =>
        new() { BeamSplitter = null, Arms = [arm] };

    public static OpticalPathParameters TwoArms(DetectionArmParameters arm0, DetectionArmParameters arm1) =>
        new() { Arms = [arm0, arm1] };

    public static TimeTaggerParameters NoCableDelays => new() { CableDelaysPs = [] };

    public static ClickProcessor Processor(OpticalPathParameters path, TimeTaggerParameters? tagger = null,
        LaserPulseClock? clock = null, ulong seed = 1) =>
        new(path, tagger ?? NoCableDelays, clock, new RandomStream(seed, 0, StreamIds.Detectors), new RandomStream(seed, 0, StreamIds.Background));

    /// <summary>Optical clicks on <paramref name="detector"/> every <paramref name="spacingPs"/>, starting at one spacing.</summary>
    public static DetectedEvent[] RegularClicks(int count, long spacingPs, short detector = 0)
    {
        var clicks = new DetectedEvent[count];
        for (int i = 0; i < count; i++)
        {
            long t = (i + 1) * spacingPs;
            clicks[i] = new DetectedEvent { DetectionTimePs = t, EmissionTimePs = t, Detector = detector, Origin = EventOrigin.Exciton, PulseIndex = i };
        }
        return clicks;
    }

    /// <summary>Pushes everything at once and finishes.</summary>
    public static List<DetectedEvent> RunAll(ClickProcessor processor, ReadOnlySpan<DetectedEvent> clicks, long endPs)
    {
        var output = new List<DetectedEvent>();
        processor.Push(clicks, endPs);
        processor.Drain(output);
        processor.Finish(endPs, output);
        return output;
    }

    /// <summary>Kolmogorov–Smirnov statistic D of a sample against a continuous CDF.</summary>
    public static double KolmogorovSmirnov(double[] sample, Func<double, double> cdf)
    {
        Array.Sort(sample);
        int n = sample.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sample[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }
        return d;
    }

    /// <summary>KS critical value at significance 0.001 for large n: 1.949/√n.</summary>
    public static double KsCritical(int n) => 1.949 / Math.Sqrt(n);
}
