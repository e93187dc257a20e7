namespace QdSim.Models;

/// <summary>
/// Validated, computation-free properties of one lead-halide perovskite composition. Halide fractions are mole
/// fractions of the X site (the rest is bromide). Nullable electronic constants are the ones PHYSICS.md does not give;
/// where a recalled literature value is stored it is marked [L] in <see cref="ElectronicConstantsSource"/> and no law
/// in QdSim uses it (they are reported for the user, not fed into rates).
/// </summary>
/// <param name="Name">Canonical name, e.g. "CsPbBr3" or "CsPb(Br/Cl)3:0.25".</param>
/// <param name="ChlorideFraction">Cl fraction x of CsPb(Br₁₋ₓClₓ)₃ (0 for pure bromide/iodide).</param>
/// <param name="IodideFraction">I fraction x of CsPb(Br₁₋ₓIₓ)₃.</param>
/// <param name="Sizing">Sizing-curve constants (room temperature).</param>
/// <param name="BohrRadiusNm">Exciton Bohr radius a_B used by the superradiance coherence volume (PHYSICS.md §6 table).</param>
/// <param name="BohrRadiusSource">Where a_B comes from.</param>
/// <param name="AbsorptionPerVolumeRelativeToBromide">σ/V at 405 nm relative to CsPbBr3 (PHYSICS.md §6: CsPbI3 ≈ 1.3 [E]).</param>
/// <param name="AugerVolumeCoefficientPsPerNm3">γ of τ_A,XX = γ V (PHYSICS.md §6).</param>
/// <param name="ReducedMassElectronMasses">Exciton reduced mass μ/m₀, null where unknown.</param>
/// <param name="DielectricConstant">Effective dielectric constant screening the exciton, null where unknown.</param>
/// <param name="KaneEnergyEv">Kane energy E_P, null where unknown.</param>
/// <param name="ElectronicConstantsSource">Source and status of μ, ε and E_P.</param>
/// <param name="RoomTemperatureRadiativeLifetimeNs">Placeholder τ_rad(295 K) replacing the CsPbBr3-fitted thermal model
/// (PHYSICS.md §6: CsPbI3 ≈ 25 ns [E]); null where the model applies.</param>
public sealed record MaterialProperties(
    string Name,
    double ChlorideFraction,
    double IodideFraction,
    SizingCurveConstants Sizing,
    double BohrRadiusNm,
    string BohrRadiusSource,
    double AbsorptionPerVolumeRelativeToBromide,
    double AugerVolumeCoefficientPsPerNm3,
    double? ReducedMassElectronMasses,
    double? DielectricConstant,
    double? KaneEnergyEv,
    string ElectronicConstantsSource,
    double? RoomTemperatureRadiativeLifetimeNs)
{
    /// <summary>Exciton Bohr diameter 2 a_B in nm (the confinement scale quoted by seed 004).</summary>
    public double BohrDiameterNm => 2 * BohrRadiusNm;
}
