namespace QdSim.Models.Parameters.Detection;

/// <summary>One point of a quantum-efficiency curve.</summary>
public sealed record QuantumEfficiencyPoint
{
    public double WavelengthNm { get; init; }
    /// <summary>Photon detection efficiency at <see cref="WavelengthNm"/>, 0–1.</summary>
    public double EfficiencyFraction { get; init; }
}

/// <summary>Instrument response of a detector: Gaussian core plus an optional exponential (diffusion) tail.</summary>
/// <remarks>Timing jitter = G + B·E with G ~ Normal(0, FWHM/2.3548) (truncated at ±6σ so the click stream can be
/// reordered with a bounded buffer), B ~ Bernoulli(<see cref="TailFraction"/>), E ~ Exponential(<see cref="TailDecayPs"/>).</remarks>
public sealed record IrfParameters
{
    public double GaussianFwhmPs { get; init; } = 350;
    /// <summary>Fraction of clicks (0–1) delayed by the exponential tail.</summary>
    public double TailFraction { get; init; }
    public double TailDecayPs { get; init; } = 200;

    public void Validate(string key)
    {
        Check.NonNegative($"{key}:GaussianFwhmPs", GaussianFwhmPs, "ps");
        Check.Fraction($"{key}:TailFraction", TailFraction);
        Check.NonNegative($"{key}:TailDecayPs", TailDecayPs, "ps");
    }
}

/// <summary>Afterpulsing: each registered avalanche (whatever caused it) triggers one more with this probability.</summary>
public sealed record AfterpulsingParameters
{
    public double ProbabilityPerAvalanche { get; init; }
    /// <summary>Delay after the parent avalanche; afterpulses falling in the dead time are lost.</summary>
    public DelayLawParameters Delay { get; init; } = DelayLawParameters.ExponentialNs(50);

    public void Validate(string key)
    {
        Check.Fraction($"{key}:ProbabilityPerAvalanche", ProbabilityPerAvalanche);
        Delay.Validate($"{key}:Delay");
    }
}

/// <summary>Breakdown-flash crosstalk: a registered avalanche fires <see cref="TargetDetector"/> after a fixed delay (PHYSICS.md §9).</summary>
public sealed record CrosstalkParameters
{
    public double ProbabilityPerAvalanche { get; init; }
    /// <summary>Optical path delay of the flash to the other detector, ns (> 0).</summary>
    public double DelayNs { get; init; } = 3;
    /// <summary>Detector index that sees the flash; −1 = the other detector of a two-detector path.</summary>
    public int TargetDetector { get; init; } = -1;

    public void Validate(string key, int self, int detectorCount)
    {
        Check.Fraction($"{key}:ProbabilityPerAvalanche", ProbabilityPerAvalanche);
        Check.Positive($"{key}:DelayNs", DelayNs, "ns");
        if (ProbabilityPerAvalanche > 0)
        {
            int target = ResolveTarget(self, detectorCount);
            if (target < 0 || target >= detectorCount || target == self)
                throw Check.Invalid($"{key}:TargetDetector", $"{TargetDetector} is not another detector (0..{detectorCount - 1}; −1 = the other of two)");
        }
    }

    /// <summary>The detector index receiving the flash.</summary>
    public int ResolveTarget(int self, int detectorCount) =>
        TargetDetector >= 0 ? TargetDetector : (detectorCount == 2 ? 1 - self : -1);
}

/// <summary>A single-photon detector (SPAD / APD). Presets in <see cref="DetectorPresets"/>.</summary>
public sealed record DetectorParameters
{
    /// <summary>Free-text model name, written to run summaries.</summary>
    public string Name { get; init; } = "detector";

    /// <summary>Wavelength-independent detection efficiency (0–1), used when <see cref="QuantumEfficiencyTable"/> is empty.</summary>
    public double QuantumEfficiencyFraction { get; init; } = 0.5;

    /// <summary>Efficiency vs wavelength, linearly interpolated, held constant beyond the first and last point.</summary>
    public IReadOnlyList<QuantumEfficiencyPoint> QuantumEfficiencyTable { get; init; } = [];

    /// <summary>Non-paralysable dead time after a registered avalanche, ns.</summary>
    public double DeadTimeNs { get; init; } = 22;

    public IrfParameters Irf { get; init; } = new();

    public double DarkCountRateCps { get; init; } = 100;

    public AfterpulsingParameters Afterpulsing { get; init; } = new();

    public CrosstalkParameters Crosstalk { get; init; } = new();

    public void Validate(string key, int self, int detectorCount)
    {
        Check.Fraction($"{key}:QuantumEfficiencyFraction", QuantumEfficiencyFraction);
        for (int i = 0; i < QuantumEfficiencyTable.Count; i++)
        {
            var p = QuantumEfficiencyTable[i];
            Check.Positive($"{key}:QuantumEfficiencyTable:{i}:WavelengthNm", p.WavelengthNm, "nm");
            Check.Fraction($"{key}:QuantumEfficiencyTable:{i}:EfficiencyFraction", p.EfficiencyFraction);
            if (i > 0 && !(p.WavelengthNm > QuantumEfficiencyTable[i - 1].WavelengthNm))
                throw Check.Invalid($"{key}:QuantumEfficiencyTable:{i}:WavelengthNm", "wavelengths (nm) must increase strictly");
        }
        Check.NonNegative($"{key}:DeadTimeNs", DeadTimeNs, "ns");
        Irf.Validate($"{key}:Irf");
        Check.NonNegative($"{key}:DarkCountRateCps", DarkCountRateCps, "counts/s");
        Afterpulsing.Validate($"{key}:Afterpulsing");
        Crosstalk.Validate($"{key}:Crosstalk", self, detectorCount);
    }
}
