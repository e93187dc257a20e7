namespace QdSim.Models;

/// <summary>
/// Multiexciton and trion recombination for perovskite dots (PHYSICS.md §6 [C/E], superseding the generic §2 defaults):
/// τ_A,XX = γV (volume scaling, seed 004 eqs 7–8 in the small-dot limit), k_r,XX = 3k_B, trion k_r = 1.5k_B and
/// τ_A,X* = 4τ_A,XX, statistical scaling k_A(n) = k_A,XX n²(n−1)/4 and k_r(n) = (n²/4) k_r,XX for n ≥ 3.
/// </summary>
public static class Auger
{
    /// <summary>Biexciton Auger lifetime τ_A,XX = γ L³ in ns (γ in ps nm⁻³).</summary>
    public static double BiexcitonAugerLifetimeNs(double volumeCoefficientPsPerNm3, double edgeNm) =>
        volumeCoefficientPsPerNm3 * edgeNm * edgeNm * edgeNm * 1e-3;

    /// <summary>Trion Auger lifetime τ_A,X* = 4 τ_A,XX (k_A,XX = 2(k_A,X− + k_A,X+), symmetric), ns.</summary>
    public static double TrionAugerLifetimeNs(double biexcitonAugerLifetimeNs) => 4 * biexcitonAugerLifetimeNs;

    /// <summary>Biexciton radiative rate k_r,XX = 3 k_B (sum over the three bright sublevels), ns⁻¹.</summary>
    public static double BiexcitonRadiativeRatePerNs(double brightSublevelRatePerNs) => 3 * brightSublevelRatePerNs;

    /// <summary>Trion radiative rate k_r,X* = 1.5 k_B (no dark state in the trion), ns⁻¹.</summary>
    public static double TrionRadiativeRatePerNs(double brightSublevelRatePerNs) => 1.5 * brightSublevelRatePerNs;

    /// <summary>Radiative rate of n excitons, k_r(n) = (n²/4) k_r,XX (n ≥ 2), ns⁻¹.</summary>
    public static double MultiexcitonRadiativeRatePerNs(int excitons, double biexcitonRadiativeRatePerNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(excitons, 2);
        return excitons * excitons / 4.0 * biexcitonRadiativeRatePerNs;
    }

    /// <summary>Auger rate of n excitons, k_A(n) = k_A,XX n²(n−1)/4 (n ≥ 2), ns⁻¹.</summary>
    public static double MultiexcitonAugerRatePerNs(int excitons, double biexcitonAugerRatePerNs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(excitons, 2);
        return biexcitonAugerRatePerNs * excitons * excitons * (excitons - 1) / 4.0;
    }

    /// <summary>Quantum yield k_r/(k_r + k_A) of a state with radiative rate k_r and Auger lifetime τ_A.</summary>
    public static double QuantumYield(double radiativeRatePerNs, double augerLifetimeNs) =>
        radiativeRatePerNs / (radiativeRatePerNs + 1.0 / augerLifetimeNs);

    /// <summary>Unfiltered g2(0) ≈ QY_XX/QY_X ≈ k_r,XX τ_A,XX for an Auger-dominated biexciton and QY_X ≈ 1 (seed 004 eq. 11).</summary>
    public static double G2ZeroEstimate(double biexcitonRadiativeRatePerNs, double biexcitonAugerLifetimeNs) =>
        biexcitonRadiativeRatePerNs * biexcitonAugerLifetimeNs;
}
