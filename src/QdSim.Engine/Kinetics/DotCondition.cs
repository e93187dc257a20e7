using QdSim.Models.Parameters;

namespace QdSim.Engine.Kinetics;

/// <summary>
/// What the environment and the damage do to the dot while they stay constant: the input of one
/// <see cref="CascadeTable"/>. Plain struct.
/// </summary>
public struct DotCondition : IEquatable<DotCondition>
{
    /// <summary>Sum of the active trap rates k_trap, ns⁻¹ (GRAY states).</summary>
    public double TrapRatePerNs;
    /// <summary>Extra charge −1, 0, +1 (trion emission when n = 1).</summary>
    public int Charge;
    /// <summary>Spectral shift of every line, eV.</summary>
    public double EnergyShiftEv;
    /// <summary>Photo-created defects (each adds Δk_nr and Δp_ion).</summary>
    public int Defects;
    /// <summary>Permanently bleached: no emission.</summary>
    public bool Bleached;
    /// <summary>Emissive level reported in the trajectory (the lowest of the active blinking states).</summary>
    public EmissiveLevel Level;

    public readonly bool Equals(DotCondition other) =>
        TrapRatePerNs == other.TrapRatePerNs && Charge == other.Charge && EnergyShiftEv == other.EnergyShiftEv &&
        Defects == other.Defects && Bleached == other.Bleached && Level == other.Level;

    public override readonly bool Equals(object? obj) => obj is DotCondition c && Equals(c);

    public override readonly int GetHashCode() => HashCode.Combine(TrapRatePerNs, Charge, EnergyShiftEv, Defects, Bleached, Level);
}
