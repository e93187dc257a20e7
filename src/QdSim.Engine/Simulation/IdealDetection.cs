using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;

namespace QdSim.Engine.Simulation;

/// <summary>
/// The simplest optical path: every photon is detected with one fixed probability, spread equally over the
/// detectors (an ideal 50/50 HBT for two). Independent of energy and dipole. Used by tests as a closed-form
/// reference and by the CLI when no detailed optical path is configured.
/// </summary>
public sealed class IdealOpticalPath : IOpticalPath
{
    private readonly double _efficiency;

    public IdealOpticalPath(double efficiency, int detectors = 2)
    {
        if (!(efficiency >= 0 && efficiency <= 1)) throw UserInputException.OutOfRange("Detection:Efficiency", efficiency, "(probability)", "0 to 1");
        _efficiency = efficiency;
        DetectorCount = detectors;
    }

    public int DetectorCount { get; }

    public double DetectionProbability(in EmittedPhoton photon) => _efficiency;

    public int Route(in EmittedPhoton photon, ref RandomStream rng, bool conditionOnDetection)
    {
        double u = rng.NextDouble();
        if (!conditionOnDetection)
        {
            if (u >= _efficiency) return -1;
            u /= _efficiency;
        }
        return Math.Min((int)(u * DetectorCount), DetectorCount - 1);
    }
}

/// <summary>Click processing that changes nothing (no dead time, jitter, dark counts): the optical clicks as recorded.</summary>
public sealed class PassThroughClickProcessor : IClickProcessor
{
    private readonly List<DetectedEvent> _pending = [];

    public void Push(ReadOnlySpan<DetectedEvent> clicks, long untilPs)
    {
        foreach (var c in clicks) _pending.Add(c);
    }

    public void Drain(List<DetectedEvent> output)
    {
        output.AddRange(_pending);
        _pending.Clear();
    }

    public void Finish(long endPs, List<DetectedEvent> output) => Drain(output);
}
