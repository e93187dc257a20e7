namespace QdSim.Models.Parameters.Detection;

/// <summary>Background light synchronous with the laser (scatter, substrate fluorescence) reaching one detector.</summary>
public sealed record LaserBackgroundParameters
{
    /// <summary>Probability (0–1) per laser pulse that this detector sees one background photon.</summary>
    public double ProbabilityPerPulse { get; init; }
    /// <summary>Delay of the background photon after the laser pulse (a fixed offset for scatter; exponential for fluorescence).</summary>
    public DelayLawParameters Delay { get; init; } = DelayLawParameters.ExponentialNs(0.5);

    public void Validate(string key)
    {
        Check.Fraction($"{key}:ProbabilityPerPulse", ProbabilityPerPulse);
        Delay.Validate($"{key}:Delay");
    }
}

/// <summary>
/// One output of the beam splitter: the elements on that arm (filters, polariser), its detector and the
/// background light reaching that detector.
/// </summary>
public sealed record DetectionArmParameters
{
    public IReadOnlyList<OpticalElementParameters> Elements { get; init; } = [];
    public DetectorParameters Detector { get; init; } = new();
    /// <summary>Uncorrelated (room light, CW) background photon rate at this detector, counts/s after its QE.</summary>
    public double UncorrelatedBackgroundCps { get; init; }
    public LaserBackgroundParameters LaserBackground { get; init; } = new();

    public void Validate(string key, int self, int detectorCount)
    {
        for (int i = 0; i < Elements.Count; i++) Elements[i].Validate($"{key}:Elements:{i}");
        Detector.Validate($"{key}:Detector", self, detectorCount);
        Check.NonNegative($"{key}:UncorrelatedBackgroundCps", UncorrelatedBackgroundCps, "counts/s");
        LaserBackground.Validate($"{key}:LaserBackground");
    }
}
