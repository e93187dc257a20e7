namespace QdSim.Models.Parameters;

/// <summary>Pulsed or continuous-wave excitation (PHYSICS.md §3).</summary>
public enum ExcitationMode
{
    Pulsed,
    ContinuousWave,
}

/// <summary>
/// Excitation laser. Pulsed: ⟨N⟩ given directly (<see cref="MeanExcitonsPerPulse"/>) or as fluence × cross-section;
/// CW: absorption rate given directly or as intensity × cross-section / hν.
/// </summary>
public sealed record ExcitationParameters
{
    public ExcitationMode Mode { get; init; } = ExcitationMode.Pulsed;

    /// <summary>Laser repetition rate, Hz (pulsed).</summary>
    public double RepetitionRateHz { get; init; } = 2e6;

    /// <summary>Mean absorbed photons per pulse ⟨N⟩ (pulsed). Wins over fluence when both are given.</summary>
    public double? MeanExcitonsPerPulse { get; init; } = 0.2;

    /// <summary>Pulse fluence, µJ cm⁻² (pulsed; needs the cross-section).</summary>
    public double? FluenceUJPerCm2 { get; init; }

    /// <summary>Absorption cross-section at the laser wavelength, cm² (σ = 9.0e-17 cm² · L³ at 405 nm, §6).</summary>
    public double? AbsorptionCrossSectionCm2 { get; init; }

    /// <summary>CW absorption rate G, s⁻¹. Wins over intensity when both are given.</summary>
    public double? AbsorptionRatePerS { get; init; }

    /// <summary>CW intensity, W cm⁻² (needs the cross-section).</summary>
    public double? IntensityWPerCm2 { get; init; }

    /// <summary>Laser wavelength, nm (photon energy for fluence/intensity conversions).</summary>
    public double WavelengthNm { get; init; } = 405;

    private const double PlanckTimesLightSpeedJm = 6.62607015e-34 * 299792458.0;

    /// <summary>Laser photon energy, J.</summary>
    public double PhotonEnergyJ => PlanckTimesLightSpeedJm / (WavelengthNm * 1e-9);

    /// <summary>⟨N⟩ per pulse: given, or σ × fluence / hν.</summary>
    public double ResolveMeanAbsorbedPerPulse(string key)
    {
        if (MeanExcitonsPerPulse is { } n) return n;
        if (FluenceUJPerCm2 is { } f && AbsorptionCrossSectionCm2 is { } s) return s * f * 1e-6 / PhotonEnergyJ;
        throw new UserInputException($"{key}: pulsed excitation needs MeanExcitonsPerPulse, or FluenceUJPerCm2 (µJ cm^-2) with AbsorptionCrossSectionCm2 (cm^2)");
    }

    /// <summary>CW absorption rate, s⁻¹: given, or σ I / hν.</summary>
    public double ResolveAbsorptionRatePerS(string key)
    {
        if (AbsorptionRatePerS is { } g) return g;
        if (IntensityWPerCm2 is { } i && AbsorptionCrossSectionCm2 is { } s) return s * i / PhotonEnergyJ;
        throw new UserInputException($"{key}: CW excitation needs AbsorptionRatePerS (s^-1), or IntensityWPerCm2 (W cm^-2) with AbsorptionCrossSectionCm2 (cm^2)");
    }

    public void Validate(string key)
    {
        ParameterChecks.InRange($"{key}:RepetitionRateHz", RepetitionRateHz, "Hz", 1, 1e10);
        ParameterChecks.Optional(MeanExcitonsPerPulse, v => ParameterChecks.InRange($"{key}:MeanExcitonsPerPulse", v, "(absorbed photons per pulse)", 0, 100));
        ParameterChecks.Optional(FluenceUJPerCm2, v => ParameterChecks.NonNegative($"{key}:FluenceUJPerCm2", v, "uJ cm^-2"));
        ParameterChecks.Optional(AbsorptionCrossSectionCm2, v => ParameterChecks.Positive($"{key}:AbsorptionCrossSectionCm2", v, "cm^2"));
        ParameterChecks.Optional(AbsorptionRatePerS, v => ParameterChecks.NonNegative($"{key}:AbsorptionRatePerS", v, "s^-1"));
        ParameterChecks.Optional(IntensityWPerCm2, v => ParameterChecks.NonNegative($"{key}:IntensityWPerCm2", v, "W cm^-2"));
        ParameterChecks.InRange($"{key}:WavelengthNm", WavelengthNm, "nm", 100, 3000);
        if (Mode == ExcitationMode.Pulsed)
        {
            double n = ResolveMeanAbsorbedPerPulse(key);
            ParameterChecks.InRange($"{key}:MeanExcitonsPerPulse", n, "(absorbed photons per pulse)", 0, 100);
        }
        else
        {
            ResolveAbsorptionRatePerS(key);
        }
    }
}
