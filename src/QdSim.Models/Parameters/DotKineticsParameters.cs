namespace QdSim.Models.Parameters;

/// <summary>How the single-exciton fine structure is treated (PHYSICS.md §2).</summary>
public enum FineStructureRegime
{
    /// <summary>Room temperature: relaxation among sublevels ≪ ns, the exciton is a thermal mixture.</summary>
    FastRelaxation,
    /// <summary>Cryogenic: explicit bright↔dark spin flips γ↓, γ↑ = γ↓ e^(−Δ/kT); the sublevels form a Markov chain.</summary>
    ExplicitSpinFlip,
}

/// <summary>
/// Kinetic parameters of one dot: exciton, biexciton, multiexciton and trion rates, fine structure and emission
/// lines (PHYSICS.md §2, §6). Holds validated values and computes nothing. Rates in ns⁻¹, lifetimes in ns,
/// energies in eV or meV as named. Defaults: a ~4.5 nm PEA-capped CsPbBr3 dot at 295 K ([C] values of PHYSICS.md §6).
/// </summary>
public sealed record DotKineticsParameters
{
    /// <summary>Lattice temperature, K (Boltzmann weights of the sublevels).</summary>
    public double TemperatureK { get; init; } = 295;

    /// <summary>Thermal effective exciton radiative rate k_r,X, ns⁻¹ (τ_rad 8.4 ns at 4.5 nm, §6). Null: Σ p_i k_i from the sublevels.</summary>
    public double? ExcitonRadiativeRatePerNs { get; init; } = 1.0 / 8.4;

    /// <summary>Exciton quantum yield QY_X in (0, 1]; k_nr,X = k_r,X (1 − QY)/QY (§2).</summary>
    public double ExcitonQuantumYield { get; init; } = 0.9;

    /// <summary>Radiative rate of one bright sublevel k_B, ns⁻¹.</summary>
    public double BrightSublevelRadiativeRatePerNs { get; init; } = 1.2;

    /// <summary>Dark singlet radiative rate k_D, ns⁻¹ ((1–10 µs)⁻¹ [L]).</summary>
    public double DarkRadiativeRatePerNs { get; init; } = 1e-3;

    /// <summary>Bright–dark splitting Δ_BD, meV; positive = dark ground state (2 + 3984/L³ meV at 4.5 nm).</summary>
    public double BrightDarkSplittingMeV { get; init; } = 45.7;

    /// <summary>Bright fine-structure splitting δ_FSS between the outer bright sublevels, meV (1 + 256/L³).</summary>
    public double BrightFineStructureSplittingMeV { get; init; } = 3.8;

    /// <summary>Bright→dark spin-flip rate γ↓, ns⁻¹ (ExplicitSpinFlip regime only; γ↑ = γ↓ e^(−Δ/kT)).</summary>
    public double SpinFlipDownRatePerNs { get; init; } = 10;

    public FineStructureRegime Regime { get; init; } = FineStructureRegime.FastRelaxation;

    /// <summary>
    /// ExplicitSpinFlip regime: probability that a new exciton starts in the bright manifold. Default 1 [E]: with
    /// bright→dark transfer frozen at 4 K (seed 003), hot excitons relax into the bright states; a spin-statistical 3/4
    /// would leave a quarter of excitons dark for microseconds, carrying over to the next pulses and turning later
    /// absorptions into biexcitons (g2(0) ≈ 3 at ⟨N⟩ = 0.1, against ≈ 1 measured in seed 003 ED Fig. 8).
    /// </summary>
    public double InitialBrightFraction { get; init; } = 1.0;

    /// <summary>Biexciton radiative rate k_r,XX, ns⁻¹; null: 3 k_B (§6).</summary>
    public double? BiexcitonRadiativeRatePerNs { get; init; }

    /// <summary>Biexciton Auger lifetime τ_A,XX, ns (γV, 0.06 ps nm⁻³ × 91 nm³ at 4.5 nm).</summary>
    public double BiexcitonAugerLifetimeNs { get; init; } = 0.0055;

    /// <summary>Trion radiative rate k_r,X*, ns⁻¹; null: 1.5 k_B (§6).</summary>
    public double? TrionRadiativeRatePerNs { get; init; }

    /// <summary>Negative-trion Auger lifetime, ns; null: 4 τ_A,XX (§6).</summary>
    public double? NegativeTrionAugerLifetimeNs { get; init; }

    /// <summary>Positive-trion Auger lifetime, ns; null: 4 τ_A,XX (§6).</summary>
    public double? PositiveTrionAugerLifetimeNs { get; init; }

    /// <summary>Largest number of electron–hole pairs n_max; absorbed photons beyond it are lost (probability reported).</summary>
    public int MaxExcitons { get; init; } = 6;

    /// <summary>Exciton (mean bright) emission energy, eV (sizing curve §6: 2.558 eV at 4.5 nm CsPbBr3).</summary>
    public double ExcitonEnergyEv { get; init; } = 2.558;

    /// <summary>Biexciton binding energy, meV; positive = XX photon red of X (attractive).</summary>
    public double BiexcitonBindingEnergyMeV { get; init; } = 15;

    /// <summary>Trion binding energy, meV; positive = trion photon red of X.</summary>
    public double TrionBindingEnergyMeV { get; init; } = 10;

    /// <summary>Emission line FWHM, meV (295 K: 112 meV at 4.5 nm, §6).</summary>
    public double LinewidthFwhmMeV { get; init; } = 112;

    /// <summary>Line asymmetry a: HWHM_high,low = (FWHM/2)(1 ∓ a) (§6).</summary>
    public double LineAsymmetry { get; init; } = 0.2;

    /// <summary>Polar angle of the dot's z axis to the optical axis, degrees (sublevel dipoles along the dot axes).</summary>
    public double OrientationPolarDeg { get; init; }

    /// <summary>Azimuth of the dot's z axis about the optical axis, degrees.</summary>
    public double OrientationAzimuthDeg { get; init; }

    public void Validate(string key)
    {
        ParameterChecks.Positive($"{key}:TemperatureK", TemperatureK, "K");
        ParameterChecks.Optional(ExcitonRadiativeRatePerNs, v => ParameterChecks.Positive($"{key}:ExcitonRadiativeRatePerNs", v, "ns^-1"));
        ParameterChecks.QuantumYield($"{key}:ExcitonQuantumYield", ExcitonQuantumYield);
        ParameterChecks.Positive($"{key}:BrightSublevelRadiativeRatePerNs", BrightSublevelRadiativeRatePerNs, "ns^-1");
        ParameterChecks.NonNegative($"{key}:DarkRadiativeRatePerNs", DarkRadiativeRatePerNs, "ns^-1");
        ParameterChecks.InRange($"{key}:BrightDarkSplittingMeV", BrightDarkSplittingMeV, "meV", -500, 500);
        ParameterChecks.NonNegative($"{key}:BrightFineStructureSplittingMeV", BrightFineStructureSplittingMeV, "meV");
        ParameterChecks.NonNegative($"{key}:SpinFlipDownRatePerNs", SpinFlipDownRatePerNs, "ns^-1");
        if (!(InitialBrightFraction >= 0 && InitialBrightFraction <= 1))
            throw UserInputException.OutOfRange($"{key}:InitialBrightFraction", InitialBrightFraction, "(fraction)", "0 to 1");
        ParameterChecks.Optional(BiexcitonRadiativeRatePerNs, v => ParameterChecks.Positive($"{key}:BiexcitonRadiativeRatePerNs", v, "ns^-1"));
        ParameterChecks.Positive($"{key}:BiexcitonAugerLifetimeNs", BiexcitonAugerLifetimeNs, "ns");
        ParameterChecks.Optional(TrionRadiativeRatePerNs, v => ParameterChecks.Positive($"{key}:TrionRadiativeRatePerNs", v, "ns^-1"));
        ParameterChecks.Optional(NegativeTrionAugerLifetimeNs, v => ParameterChecks.Positive($"{key}:NegativeTrionAugerLifetimeNs", v, "ns"));
        ParameterChecks.Optional(PositiveTrionAugerLifetimeNs, v => ParameterChecks.Positive($"{key}:PositiveTrionAugerLifetimeNs", v, "ns"));
        ParameterChecks.InRange($"{key}:MaxExcitons", MaxExcitons, "(excitons)", 1, 16);
        ParameterChecks.InRange($"{key}:ExcitonEnergyEv", ExcitonEnergyEv, "eV", 0.5, 5);
        ParameterChecks.InRange($"{key}:BiexcitonBindingEnergyMeV", BiexcitonBindingEnergyMeV, "meV", -300, 300);
        ParameterChecks.InRange($"{key}:TrionBindingEnergyMeV", TrionBindingEnergyMeV, "meV", -300, 300);
        ParameterChecks.NonNegative($"{key}:LinewidthFwhmMeV", LinewidthFwhmMeV, "meV");
        ParameterChecks.InRange($"{key}:LineAsymmetry", LineAsymmetry, "(dimensionless)", -0.9, 0.9);
        ParameterChecks.InRange($"{key}:OrientationPolarDeg", OrientationPolarDeg, "deg", -360, 360);
        ParameterChecks.InRange($"{key}:OrientationAzimuthDeg", OrientationAzimuthDeg, "deg", -360, 360);
    }
}
