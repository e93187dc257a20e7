using QdSim.Models.Parameters;

namespace QdSim.Engine.Kinetics;

/// <summary>
/// Resolved rates of one dot (ns⁻¹), defaults filled in per PHYSICS.md §6: k_r,XX = 3 k_B, k_r,X* = 1.5 k_B,
/// τ_A,X∓ = 4 τ_A,XX; thermal sublevel weights p_i ∝ g_i e^(−E_i/k_BT) (§2, fast-relaxation limit).
/// </summary>
public readonly record struct ExcitonRates(
    double ExcitonRadiativePerNs,
    double NonradiativeXPerNs,
    double BiexcitonRadiativePerNs,
    double TrionRadiativePerNs,
    double NegativeTrionAugerLifetimeNs,
    double PositiveTrionAugerLifetimeNs,
    double BrightSublevelPerNs,
    double DarkPerNs,
    double ThermalEnergyMeV,
    double FineStructureMeV,
    double BrightDarkMeV)
{
    public const double BoltzmannMeVPerK = 0.08617333262;

    public static ExcitonRates From(DotKineticsParameters dot)
    {
        double kT = BoltzmannMeVPerK * dot.TemperatureK;
        var tmp = new ExcitonRates(0, 0, 0, 0, 0, 0, dot.BrightSublevelRadiativeRatePerNs, dot.DarkRadiativeRatePerNs,
            kT, dot.BrightFineStructureSplittingMeV, dot.BrightDarkSplittingMeV);
        double kr = dot.ExcitonRadiativeRatePerNs ?? tmp.ThermalRadiativeRatePerNs();
        double tauA = dot.BiexcitonAugerLifetimeNs;
        return tmp with
        {
            ExcitonRadiativePerNs = kr,
            NonradiativeXPerNs = kr * (1 - dot.ExcitonQuantumYield) / dot.ExcitonQuantumYield,
            BiexcitonRadiativePerNs = dot.BiexcitonRadiativeRatePerNs ?? 3 * dot.BrightSublevelRadiativeRatePerNs,
            TrionRadiativePerNs = dot.TrionRadiativeRatePerNs ?? 1.5 * dot.BrightSublevelRadiativeRatePerNs,
            NegativeTrionAugerLifetimeNs = dot.NegativeTrionAugerLifetimeNs ?? 4 * tauA,
            PositiveTrionAugerLifetimeNs = dot.PositiveTrionAugerLifetimeNs ?? 4 * tauA,
        };
    }

    /// <summary>Boltzmann populations of bright x, y, z (at −δ/2, 0, +δ/2) and dark (at −Δ_BD), normalised.</summary>
    public void ThermalPopulations(Span<double> p)
    {
        double kT = Math.Max(ThermalEnergyMeV, 1e-6);
        // Energies relative to the lowest level keep the exponentials finite at 4 K.
        double eMin = Math.Min(-FineStructureMeV / 2, -BrightDarkMeV);
        p[0] = Math.Exp(-(-FineStructureMeV / 2 - eMin) / kT);
        p[1] = Math.Exp(-(0 - eMin) / kT);
        p[2] = Math.Exp(-(FineStructureMeV / 2 - eMin) / kT);
        p[3] = Math.Exp(-(-BrightDarkMeV - eMin) / kT);
        double sum = p[0] + p[1] + p[2] + p[3];
        for (int i = 0; i < 4; i++) p[i] /= sum;
    }

    /// <summary>Σ p_i k_i: the thermal effective exciton radiative rate, ns⁻¹.</summary>
    public double ThermalRadiativeRatePerNs()
    {
        Span<double> p = stackalloc double[4];
        ThermalPopulations(p);
        return (p[0] + p[1] + p[2]) * BrightSublevelPerNs + p[3] * DarkPerNs;
    }

    /// <summary>Probability that an exciton photon comes from sublevel i: ∝ p_i k_i (§2).</summary>
    public void ThermalEmissionWeights(Span<double> w)
    {
        ThermalPopulations(w);
        for (int i = 0; i < 3; i++) w[i] *= BrightSublevelPerNs;
        w[3] *= DarkPerNs;
        double sum = w[0] + w[1] + w[2] + w[3];
        for (int i = 0; i < 4; i++) w[i] = sum > 0 ? w[i] / sum : 0.25;
    }
}
