using QdSim.Engine.Photons;
using QdSim.Engine.Random;

namespace QdSim.Engine.Detection;

/// <summary>
/// The optical path from the dot to the detectors (collection, spectral filters, polariser, beam splitter,
/// detector quantum efficiency), as the kinetics sees it. Dead time, jitter, dark counts, afterpulsing and
/// background act later, on the click stream (<see cref="IClickProcessor"/>), because they only remove or add
/// clicks and do not change which pulses yield a detection (PHYSICS.md §7).
/// </summary>
public interface IOpticalPath
{
    /// <summary>
    /// Probability η that this photon produces a click on any detector, ignoring dead time. The kinetics uses it
    /// for the no-detection probability of a pulse, f(n) = Π(1 − q_k η_k), and so for the geometric skip-ahead.
    /// Must depend only on the photon's energy and dipole, never on random draws.
    /// </summary>
    double DetectionProbability(in EmittedPhoton photon);

    /// <summary>
    /// Routes a photon: returns the index of the detector that clicks, or −1 when it is lost. When
    /// <paramref name="conditionOnDetection"/> is true the photon is known to be detected and only the detector
    /// is drawn (probabilities renormalised over detectors).
    /// </summary>
    int Route(in EmittedPhoton photon, ref RandomStream rng, bool conditionOnDetection);

    /// <summary>Number of detectors on the path.</summary>
    int DetectorCount { get; }
}

/// <summary>
/// Turns the time-ordered stream of optical clicks into what the time tagger records: IRF jitter, cable delays,
/// dead time per detector, dark counts, afterpulses, crosstalk, uncorrelated and laser-synchronous background.
/// Streaming: it is fed chunks in time order and emits events in time order.
/// </summary>
public interface IClickProcessor
{
    /// <summary>Adds clicks (time-ordered within and across calls) ending no later than <paramref name="untilPs"/>.</summary>
    void Push(ReadOnlySpan<DetectedEvent> clicks, long untilPs);

    /// <summary>Moves every event that can no longer change (earlier than all future input allows) into <paramref name="output"/>.</summary>
    void Drain(List<DetectedEvent> output);

    /// <summary>Flushes everything up to the end of the experiment.</summary>
    void Finish(long endPs, List<DetectedEvent> output);
}
