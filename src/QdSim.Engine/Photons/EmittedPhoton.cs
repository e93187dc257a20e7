namespace QdSim.Engine.Photons;

/// <summary>Where a detected event came from: the ground truth experimentalists score their analysis against.</summary>
public enum EventOrigin : byte
{
    Exciton = 0,
    Biexciton = 1,
    Multiexciton = 2,
    TrionNegative = 3,
    TrionPositive = 4,
    GrayExciton = 5,
    DarkExciton = 6,
    UncorrelatedBackground = 7,
    LaserBackground = 8,
    DarkCount = 9,
    Afterpulse = 10,
    Crosstalk = 11,
}

/// <summary>
/// One photon leaving the dot. Plain struct (no references) so the per-dot state machine ports to the GPU.
/// Times are absolute, integer picoseconds from the start of the experiment.
/// </summary>
public struct EmittedPhoton
{
    public long EmissionTimePs;
    /// <summary>Index of the laser pulse that created the emitting excitons; -1 under CW excitation.</summary>
    public long PulseIndex;
    public double EnergyEv;
    /// <summary>Unit vector of the emitting dipole in the lab frame (z along the optical axis).</summary>
    public float DipoleX, DipoleY, DipoleZ;
    public EventOrigin Origin;
    /// <summary>Number of excitons in the dot when it emitted (1 = X, 2 = XX, ...).</summary>
    public byte ExcitonsBefore;
}

/// <summary>
/// One click of a detector, before the time tagger quantises it; carries its ground truth along.
/// </summary>
public struct DetectedEvent
{
    /// <summary>Click time including IRF jitter and cable delay, picoseconds.</summary>
    public long DetectionTimePs;
    /// <summary>Index of the detector in the configured optical path (0, 1, ...).</summary>
    public short Detector;
    public EventOrigin Origin;
    /// <summary>True emission time of the photon, ps; for dark counts and afterpulses the click time before jitter.</summary>
    public long EmissionTimePs;
    public double EnergyEv;
    public long PulseIndex;
}
