namespace QdSim.Models;

/// <summary>
/// Every rate and energy the engine needs, derived from a <see cref="DotDescription"/> by <see cref="DotPhysics.Derive"/>.
/// <see cref="Quantities"/> lists the same numbers with unit and source, in the order printed by `qdsim model`.
/// </summary>
public sealed record DerivedDotProperties
{
    public required DotDescription Description { get; init; }
    public required MaterialProperties Material { get; init; }
    public SurfacePreset? Surface { get; init; }

    /// <summary>Exciton emission peak at the dot's temperature, eV.</summary>
    public required double ExcitonEnergyEv { get; init; }
    public required double EmissionWavelengthNm { get; init; }
    public required double BohrRadiusNm { get; init; }

    /// <summary>k_B: radiative rate of one bright sublevel, ns⁻¹.</summary>
    public required double BrightSublevelRadiativeRatePerNs { get; init; }

    /// <summary>Superradiant enhancement N_coh of the bright oscillator strength (dimensionless).</summary>
    public required double CoherentEnhancement { get; init; }

    /// <summary>Thermal effective k_rad = k_B/(Z/3), ns⁻¹ (fast sublevel relaxation).</summary>
    public required double ExcitonRadiativeRatePerNs { get; init; }
    public required double RadiativeLifetimeNs { get; init; }
    public required double DarkRadiativeRatePerNs { get; init; }

    /// <summary>Δ_BD, dark singlet below the bright triplet, meV.</summary>
    public required double BrightDarkSplittingMeV { get; init; }
    public required double BrightFineStructureSplittingMeV { get; init; }
    public required double SpinFlipDownRatePerNs { get; init; }
    public required double SpinFlipUpRatePerNs { get; init; }

    /// <summary>True below <see cref="RadiativeRateParameters.DarkTransferFrozenBelowK"/>: the engine should make the dark
    /// level explicit (γ↓, γ↑) instead of using the thermal mixture.</summary>
    public required bool DarkStateFrozen { get; init; }

    public required double BiexcitonRadiativeRatePerNs { get; init; }
    public required double BiexcitonAugerLifetimeNs { get; init; }
    public required double TrionRadiativeRatePerNs { get; init; }
    public required double TrionAugerLifetimeNs { get; init; }
    public required double TrionQuantumYield { get; init; }

    /// <summary>Unfiltered g2(0) ≈ k_r,XX τ_A,XX (QY_X ≈ 1).</summary>
    public required double G2ZeroEstimate { get; init; }

    /// <summary>Positive = bound; the biexciton photon lies this far below the exciton line, meV.</summary>
    public required double BiexcitonBindingEnergyMeV { get; init; }
    public required double TrionBindingEnergyMeV { get; init; }

    public required double LinewidthFwhmMeV { get; init; }
    public required double LineAsymmetry { get; init; }
    public required double LineHighEnergyHwhmMeV { get; init; }
    public required double LineLowEnergyHwhmMeV { get; init; }
    public required double LineLorentzianFraction { get; init; }

    public required double AbsorptionCrossSectionCm2 { get; init; }
    public required double FluenceForOneExcitonMicroJoulePerCm2 { get; init; }

    public required IReadOnlyList<DerivedQuantity> Quantities { get; init; }
}
