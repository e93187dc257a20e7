namespace QdSim.Models;

/// <summary>Builds the (name, value, unit, source) list of a <see cref="DerivedDotProperties"/>: one place for units and citations.</summary>
internal static class DerivedQuantities
{
    private const string Radiative = "PHYSICS.md §6 radiative rate";
    private const string Multi = "PHYSICS.md §6 multiexcitons and trions";
    private const string Lines = "PHYSICS.md §6 line shapes";

    public static IReadOnlyList<DerivedQuantity> List(DerivedDotProperties r, RadiativeRateParameters p, string radiativeSource)
    {
        var sizing = r.Material.Sizing.Source + "; T shift −0.04 eV at 4 K, linear in T [E]";
        var list = new List<DerivedQuantity>
        {
            new("exciton energy", r.ExcitonEnergyEv, "eV", sizing),
            new("emission wavelength", r.EmissionWavelengthNm, "nm", sizing),
            new("Bohr radius", r.BohrRadiusNm, "nm", r.Material.BohrRadiusSource),
            new("superradiant enhancement N_coh", r.CoherentEnhancement, "1", $"{Radiative} N_coh = (8/π²)³V_eff/(πa_B³), L_c {p.CoherenceLengthNm} nm [C]"),
            new("bright sublevel radiative rate k_B", r.BrightSublevelRadiativeRatePerNs, "ns^-1", $"{Radiative} k_B = k₀(E_X/2.40 eV)(1+N_coh), k₀ {p.BrightRatePrefactorPerNs} ns⁻¹ [C]"),
            new("exciton radiative rate k_rad", r.ExcitonRadiativeRatePerNs, "ns^-1", radiativeSource),
            new("radiative lifetime", r.RadiativeLifetimeNs, "ns", radiativeSource),
            new("dark radiative rate k_D", r.DarkRadiativeRatePerNs, "ns^-1", "PHYSICS.md §6 k_D = (1–10 µs)⁻¹, 3 µs used [L]"),
            new("bright-dark splitting Δ_BD", r.BrightDarkSplittingMeV, "meV", $"PHYSICS.md §6 Δ_BD = {p.BrightDarkOffsetMeV} + {p.BrightDarkCoefficientMeVNm3}/L³ [C] (offset [E])"),
            new("bright fine-structure splitting", r.BrightFineStructureSplittingMeV, "meV", "PHYSICS.md §6 1.0 + 256/L³ [E] (1.06 meV at 30 nm [S3]); ±50% per dot"),
            new("dark state frozen (1 = yes)", r.DarkStateFrozen ? 1 : 0, "1", $"PHYSICS.md §6 4 K frozen transfer [S3]; below {p.DarkTransferFrozenBelowK} K [E]"),
            new("spin flip bright→dark γ↓", r.SpinFlipDownRatePerNs, "ns^-1", "PHYSICS.md §6 γ↓ = 0.1 ns⁻¹ (Δ/10 meV)³(n_ph+1) [E]"),
            new("spin flip dark→bright γ↑", r.SpinFlipUpRatePerNs, "ns^-1", "PHYSICS.md §6 γ↑ = 3e^(−Δ/kT)γ↓ (detailed balance)"),
            new("biexciton radiative rate", r.BiexcitonRadiativeRatePerNs, "ns^-1", $"{Multi} k_r,XX = 3k_B [C]"),
            new("biexciton Auger lifetime", r.BiexcitonAugerLifetimeNs, "ns", $"{Multi} τ_A,XX = γV, γ {r.Material.AugerVolumeCoefficientPsPerNm3} ps nm⁻³ [E/C]"),
            new("trion radiative rate", r.TrionRadiativeRatePerNs, "ns^-1", $"{Multi} k_r,X* = 1.5k_B [C]"),
            new("trion Auger lifetime", r.TrionAugerLifetimeNs, "ns", $"{Multi} τ_A,X* = 4τ_A,XX [C/E]"),
            new("trion quantum yield", r.TrionQuantumYield, "1", $"{Multi} k_r/(k_r + 1/τ_A)"),
            new("g2(0) estimate", r.G2ZeroEstimate, "1", $"{Multi} g2(0) ≈ k_r,XX τ_A,XX [S4 eq. 11 → C]"),
            new("biexciton binding energy", r.BiexcitonBindingEnergyMeV, "meV", "12.5 + 1370/L² (offset from S3 14 meV at 30 nm [C], size term PHYSICS.md §6 [L]; L ≥ 7 nm, held below)"),
            new("trion binding energy", r.TrionBindingEnergyMeV, "meV", "PHYSICS.md §6 energies 10 + 780/L² (L ≥ 7 nm, held below) [L]"),
            new("linewidth FWHM", r.LinewidthFwhmMeV, "meV", $"{Lines} {LinewidthRegime(r)}"),
            new("line asymmetry a", r.LineAsymmetry, "1", $"{Lines} a 0.25 (3.6 nm) → 0.10 (14 nm) [E], S1 Fig. 6d"),
            new("line HWHM high-energy side", r.LineHighEnergyHwhmMeV, "meV", $"{Lines} (FWHM/2)(1 − a)"),
            new("line HWHM low-energy side", r.LineLowEnergyHwhmMeV, "meV", $"{Lines} (FWHM/2)(1 + a)"),
            new("line Lorentzian fraction", r.LineLorentzianFraction, "1", "Voigt halves [S1 Fig. 6c]; f_L/f_V 0.3 [E]"),
            new("absorption cross-section", r.AbsorptionCrossSectionCm2, "cm^2", $"PHYSICS.md §6 σ₄₀₅ = 9.0e-17 cm² L³ × {r.Material.AbsorptionPerVolumeRelativeToBromide} [S1 Methods → C]"),
            new("fluence for <N> = 1", r.FluenceForOneExcitonMicroJoulePerCm2, "uJ cm^-2", "PHYSICS.md §3 ⟨N⟩ = σ j, j = fluence/hν"),
        };

        if (r.Surface is { } surface)
        {
            string s = $"ligand preset {surface.Name}: see its source line";
            list.AddRange(
            [
                new("exciton quantum yield", surface.ExcitonQuantumYield, "1", s),
                new("ON dwell exponent", surface.OnExponent, "1", s),
                new("OFF dwell exponent", surface.OffExponent, "1", s),
                new("minimum dwell", surface.MinDwellS, "s", s),
                new("ON cut-off", surface.OnCutoffS ?? double.PositiveInfinity, "s", s),
                new("OFF cut-off", surface.OffCutoffS ?? double.PositiveInfinity, "s", s),
                new("OFF-level trap rate", surface.OffTrapRatePerNs, "ns^-1", s),
                new("charging probability", surface.ChargingProbabilityPerPhoton, "per absorbed photon", s),
                new("neutralisation mean time", surface.NeutralisationMeanS, "s", s),
                new("damage probability", surface.DamageProbabilityPerPhoton, "per absorbed photon", s),
                new("Δk_nr per defect", surface.DamageNonradiativeRatePerNsPerDefect, "ns^-1", s),
                new("bleach probability", surface.BleachProbabilityPerPhoton, "per absorbed photon", s),
            ]);
        }

        return list;
    }

    private static string LinewidthRegime(DerivedDotProperties r)
    {
        if (r.Description.TemperatureK >= LineShape.LowTemperatureBelowK)
        {
            return "FWHM = 2√(2ln2)√(2Λk_BT), Λ = 3.57 + 277/L^1.27 meV [S2 law, C fit]";
        }

        return r.Description.EdgeNm >= LineShape.LargeDotMinEdgeNm
            ? "large dot Γ₀ + Γ_LO/(e^(E_LO/kT) − 1), 1.2/64/16 meV [S3 → C]"
            : "phonon sum σ² = ΣS(ħω)²coth(ħω/2kT), S2 SI Table 1 modes scaled to Λ(L) [E]";
    }
}
