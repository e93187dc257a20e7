namespace QdSim.Models;

/// <summary>
/// Exciton radiative rate vs size and temperature (PHYSICS.md §6, [C] fitted to seed 003's 4 K lifetimes and the
/// shape of seed 001 Fig. 6b).
/// <para>Bright sublevel: k_B(L) = k₀ (E_X/2.40 eV)(1 + N_coh), N_coh = (8/π²)³ V_eff/(π a_B³), V_eff⁻¹ = L⁻³ + L_c⁻³ —
/// single-photon superradiance: the oscillator strength grows with the number of unit cells the exciton's
/// centre-of-mass wavefunction spans coherently, up to a phonon-limited coherence volume (seed 003).</para>
/// <para>Thermal average over the sublevels: k_rad = k_B/(Z/3) with
/// Z/3 = 1 + (1/3)e^(Δ_BD/kT) + A₁ (V_eff/V_eff(23 nm)) e^(−E_a/kT) + g_D (L/10)^p_D e^(−E_D/kT); at cryogenic temperatures
/// bright→dark transfer is frozen and the dark term is dropped.</para>
/// </summary>
public static class RadiativeRate
{
    /// <summary>V_eff = 1/(L⁻³ + L_c⁻³) in nm³.</summary>
    public static double CoherenceVolumeNm3(double edgeNm, double coherenceLengthNm) =>
        1.0 / (Math.Pow(edgeNm, -3) + Math.Pow(coherenceLengthNm, -3));

    /// <summary>N_coh = (8/π²)³ V_eff/(π a_B³): the superradiant enhancement of the bright oscillator strength.</summary>
    public static double CoherentEnhancement(double edgeNm, double bohrRadiusNm, double coherenceLengthNm)
    {
        double overlap = 8.0 / (Math.PI * Math.PI);
        return overlap * overlap * overlap * CoherenceVolumeNm3(edgeNm, coherenceLengthNm) / (Math.PI * Math.Pow(bohrRadiusNm, 3));
    }

    /// <summary>k_B in ns⁻¹: the rate of one bright sublevel. <paramref name="excitonEnergyEv"/> is the room-temperature
    /// sizing-curve energy, as in the [C] fit that reproduces 539/182/173 ps.</summary>
    public static double BrightSublevelRatePerNs(RadiativeRateParameters p, double edgeNm, double bohrRadiusNm, double excitonEnergyEv)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.BrightRatePrefactorPerNs * (excitonEnergyEv / p.ReferenceEnergyEv)
               * (1 + CoherentEnhancement(edgeNm, bohrRadiusNm, p.CoherenceLengthNm));
    }

    /// <summary>Bright–dark splitting Δ_BD = offset + C_BD/L³ in meV (dark singlet below the bright triplet).</summary>
    public static double BrightDarkSplittingMeV(RadiativeRateParameters p, double edgeNm)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.BrightDarkOffsetMeV + p.BrightDarkCoefficientMeVNm3 / (edgeNm * edgeNm * edgeNm);
    }

    /// <summary>Whether bright→dark relaxation is frozen on the exciton lifetime at this temperature.</summary>
    public static bool IsDarkTransferFrozen(RadiativeRateParameters p, double temperatureK)
    {
        ArgumentNullException.ThrowIfNull(p);
        return temperatureK < p.DarkTransferFrozenBelowK;
    }

    /// <summary>Z/3: the partition function per bright sublevel (Boltzmann weights relative to one bright sublevel).</summary>
    public static double PartitionPerBrightSublevel(RadiativeRateParameters p, double edgeNm, double temperatureK, bool darkTransferFrozen)
    {
        ArgumentNullException.ThrowIfNull(p);
        double kT = PhysicalConstants.ThermalEnergyMeV(temperatureK);
        double dark = darkTransferFrozen ? 0 : Math.Exp(BrightDarkSplittingMeV(p, edgeNm) / kT) / 3;
        double dim = p.DimStateWeight
                     * CoherenceVolumeNm3(edgeNm, p.CoherenceLengthNm) / CoherenceVolumeNm3(p.DimStateReferenceEdgeNm, p.CoherenceLengthNm)
                     * Math.Exp(-p.DimStateActivationMeV / kT);
        double parityForbidden = p.ParityForbiddenWeight
                                 * Math.Pow(edgeNm / p.ParityForbiddenReferenceEdgeNm, p.ParityForbiddenExponent)
                                 * Math.Exp(-p.ParityForbiddenEnergyMeV / kT);
        return 1 + dark + dim + parityForbidden;
    }

    /// <summary>Thermal effective exciton radiative rate k_rad = k_B/(Z/3) in ns⁻¹.</summary>
    public static double ThermalRatePerNs(RadiativeRateParameters p, double edgeNm, double bohrRadiusNm, double excitonEnergyEv,
                                          double temperatureK, bool darkTransferFrozen) =>
        BrightSublevelRatePerNs(p, edgeNm, bohrRadiusNm, excitonEnergyEv)
        / PartitionPerBrightSublevel(p, edgeNm, temperatureK, darkTransferFrozen);

    /// <summary>Bose occupation of a phonon of energy Δ: 1/(e^(Δ/kT) − 1).</summary>
    public static double PhononOccupation(double energyMeV, double temperatureK) =>
        1.0 / (Math.Exp(energyMeV / PhysicalConstants.ThermalEnergyMeV(temperatureK)) - 1);

    /// <summary>Bright→dark spin-flip rate γ↓ = 0.1 ns⁻¹ (Δ/10 meV)³ (n_ph + 1) [E], ns⁻¹.</summary>
    public static double SpinFlipDownRatePerNs(RadiativeRateParameters p, double splittingMeV, double temperatureK)
    {
        ArgumentNullException.ThrowIfNull(p);
        double ratio = splittingMeV / 10.0;
        return p.SpinFlipPrefactorPerNs * ratio * ratio * ratio * (PhononOccupation(splittingMeV, temperatureK) + 1);
    }

    /// <summary>Dark→bright rate γ↑ = 3 e^(−Δ/kT) γ↓ (detailed balance with the threefold bright level), ns⁻¹.</summary>
    public static double SpinFlipUpRatePerNs(RadiativeRateParameters p, double splittingMeV, double temperatureK) =>
        3 * Math.Exp(-splittingMeV / PhysicalConstants.ThermalEnergyMeV(temperatureK))
          * SpinFlipDownRatePerNs(p, splittingMeV, temperatureK);
}
