namespace QdSim.Models;

/// <summary>
/// Blinking, charging and photodarkening parameters set by the surface chemistry (PHYSICS.md §4–§6). Dwell times of
/// ON and OFF follow truncated power laws p(t) ∝ t^(−k) e^(−t/τ_c) for t ≥ t_min; a null cut-off means none (the
/// observation window bounds that side). <see cref="Source"/> names the origin of every number; [E] marks estimates.
/// </summary>
/// <param name="Name">Preset name.</param>
/// <param name="ExcitonQuantumYield">Intrinsic single-exciton QY of a bright dot (sets k_nr,X) [E].</param>
/// <param name="OnExponent">k_ON of the ON dwell-time power law.</param>
/// <param name="OffExponent">k_OFF of the OFF dwell-time power law.</param>
/// <param name="MinDwellS">t_min, s.</param>
/// <param name="OnCutoffS">Exponential cut-off τ_c,ON, s (null: none).</param>
/// <param name="OffCutoffS">Exponential cut-off τ_c,OFF, s (null: none).</param>
/// <param name="ChargingProbabilityPerPhoton">Ionisation probability per absorbed photon.</param>
/// <param name="DamageProbabilityPerPhoton">Defect creation probability per absorbed photon (photodarkening).</param>
/// <param name="DamageNonradiativeRatePerNsPerDefect">Δk_nr added by each defect, ns⁻¹.</param>
/// <param name="BleachProbabilityPerPhoton">Permanent-OFF probability per absorbed photon.</param>
/// <param name="Source">Origin of each number.</param>
public sealed record SurfacePreset(
    string Name,
    double ExcitonQuantumYield,
    double OnExponent,
    double OffExponent,
    double MinDwellS,
    double? OnCutoffS,
    double? OffCutoffS,
    double ChargingProbabilityPerPhoton,
    double DamageProbabilityPerPhoton,
    double DamageNonradiativeRatePerNsPerDefect,
    double BleachProbabilityPerPhoton,
    string Source)
{
    /// <summary>
    /// k_trap of the blinking process's OFF level, ns⁻¹ (PHYSICS.md §2 "gray state", §4 BC blinking). 20 ns⁻¹ (default) is a
    /// dark OFF (intensity ≈ k_tot/(k_tot + k_trap) ≈ 1% of ON); ≈ k_tot(1/g − 1) gives a GRAY level at fraction g of the ON
    /// intensity, k_tot = k_r,X/QY_X.
    /// </summary>
    public double OffTrapRatePerNs { get; init; } = 20;

    /// <summary>Mean of the exponential neutralisation time of a photo-charged dot (trion X∓), s [E].</summary>
    public double NeutralisationMeanS { get; init; } = 0.05;
}
