namespace QdSim.Models;

/// <summary>
/// Ligand presets of PHYSICS.md §6 "Blinking numbers" and §5, for CsPbBr3 dots of seed 001 at room temperature.
/// <para>Exponents: seed 001's text gives k_ON = 2.0, k_OFF = 1.2 for PEA, which as written yield a 1–3% ON fraction;
/// swapped (k_ON 1.2, k_OFF 2.0) they yield 97–99%, so the "PEA" preset uses the swapped pair. The other presets use
/// k = 1.5 on both sides ("typical dots", seed 001) with an exponential cut-off on one side chosen [C] so that the ON
/// fraction over the trace of seed 001 matches: IPA 83% → τ_c,OFF 15 s; PEA 94% over 600 s → τ_c,OFF 2.7 s ("PEA-k1.5");
/// PEA earlier method 78% → τ_c,OFF 30 s (this project, same calculation, 300 s window).</para>
/// <para>Validation case 06 (validation/06-seed001-single-dot-statistics/case.md) compares seed 001's Fig. 2 dots with
/// the dot-to-dot distribution of 32 simulated dots at 42 W cm⁻² and the ≈ 5 kcps ON count rate that the published PEA
/// window (98.6% ON, Q 0.3) implies. "PEA-k1.5" (configs/pea-cspbbr3.json) centres all three PEA numbers; the swapped
/// "PEA" law puts the 600-s ON fraction 0.942 in its lowest ~6% (median 0.98). DDA: k = 1.5 both sides without cut-off
/// (50% ON before darkening) between ON and a GRAY level at g ≈ 0.3 of the ON intensity: at the PEA-implied count rate a
/// two-level 60-s window with 55.4% ON and Q 7.3 needs g ≈ 0.3 (dark OFF: Q ≈ 18); the 300-s 16.5% then follows from
/// photodarkening (seed 001: "after 120 s").</para>
/// <para>Photodarkening probabilities [C] (validation case 07): 10 W cm⁻² (seed 001 Fig. 4d/f) on the 4.5 nm CsPbBr3 dot of
/// configs/ (σ₄₀₅ = 8.20×10⁻¹⁵ cm², G = σI/hν = 1.672×10⁵ absorbed photons s⁻¹), bleaching p_b = p_d/10 [E], Δk_nr per
/// defect 10 ns⁻¹ [E] (far above k_r). The damage factor ⟨I(t)⟩/I₀ = e^(−p_b G t) Σ_D Poisson(D; p_d G t) Ī(D)/Ī(0)
/// (Runner PhotodarkeningExpectation) is set to one half at the published times: 3 min (DDA), 10 min (IPA). A defect does
/// not quench the trion and OFF-state emission, which Δk_nr = 10 ns⁻¹ barely changes (trion Auger ≈ 46 ns⁻¹, trap 20 ns⁻¹):
/// Ī(1)/Ī(0) ≈ 0.03 for DDA (ON and GRAY at k_tot 0.15 and 0.5 ns⁻¹ are both quenched; the 3.5% charged time is not) and
/// 0.014 for IPA, hence DDA 2.1×10⁻⁸ (PHYSICS.md §6's 1.7×10⁻⁸ assumed a 5 nm dot and full quenching; with the earlier,
/// mostly charged DDA blinking a defect left 21% of the intensity and 2.8×10⁻⁸ was needed).</para>
/// </summary>
public static class SurfacePresets
{
    private const double MinDwellS = 0.010;
    private const double QuenchingDefectRatePerNs = 10;

    private static readonly SurfacePreset[] All =
    [
        new("PEA", ExcitonQuantumYield: 0.95, OnExponent: 1.2, OffExponent: 2.0, MinDwellS, OnCutoffS: null, OffCutoffS: null,
            ChargingProbabilityPerPhoton: 1e-7, DamageProbabilityPerPhoton: 1e-11,
            DamageNonradiativeRatePerNsPerDefect: QuenchingDefectRatePerNs, BleachProbabilityPerPhoton: 1e-12,
            Source: "stacked PEA [S1]: exponents 1.2/2.0 = printed 2.0/1.2 swapped (PHYSICS.md §6, gives 97–99% ON; case 06: " +
                    "S1's 600-s 0.942 lies in its lowest ~6%, hence configs use PEA-k1.5); OFF dark (k_trap 20 ns⁻¹) [E]; " +
                    "t_min 10 ms (S1 bin); charging ≤ 1e-7 [E]; damage < 1e-11 (upper bound used) [C/E]; QY 0.95 [E]; bleach 1e-12 [E]"),
        new("PEA-k1.5", ExcitonQuantumYield: 0.95, OnExponent: 1.5, OffExponent: 1.5, MinDwellS, OnCutoffS: null, OffCutoffS: 2.7,
            ChargingProbabilityPerPhoton: 1e-7, DamageProbabilityPerPhoton: 1e-11,
            DamageNonradiativeRatePerNsPerDefect: QuenchingDefectRatePerNs, BleachProbabilityPerPhoton: 1e-12,
            Source: "stacked PEA [S1] with typical k = 1.5: τ_c,OFF 2.7 s gives 94% ON over 600 s [C] (PHYSICS.md §6); preset of " +
                    "configs/pea-cspbbr3.json: validation case 06 puts S1's 0.942 (600 s), 0.986 and Q 0.3 (60 s) near its medians [C]; " +
                    "OFF dark (k_trap 20 ns⁻¹) [E]; charging ≤ 1e-7, neutralisation 50 ms [E]; damage < 1e-11 [C/E]; QY 0.95 [E]; bleach 1e-12 [E]"),
        new("PEA-earlier", ExcitonQuantumYield: 0.9, OnExponent: 1.5, OffExponent: 1.5, MinDwellS, OnCutoffS: null, OffCutoffS: 30,
            ChargingProbabilityPerPhoton: 2e-6, DamageProbabilityPerPhoton: 6.4e-9,
            DamageNonradiativeRatePerNsPerDefect: QuenchingDefectRatePerNs, BleachProbabilityPerPhoton: 6.4e-10,
            Source: "PEA earlier method (S1 ref. 42: 78% ON, Q 8.9): k = 1.5, τ_c,OFF 30 s gives 78% over 300 s [C this project]; " +
                    "charging 2e-6, QY 0.9 [E]; damage 6.4e-9, bleach 6.4e-10 as IPA (S1 Supp. Fig. 20: similar photodarkening) [C]"),
        new("IPA", ExcitonQuantumYield: 0.9, OnExponent: 1.5, OffExponent: 1.5, MinDwellS, OnCutoffS: null, OffCutoffS: 15,
            ChargingProbabilityPerPhoton: 1e-6, DamageProbabilityPerPhoton: 6.4e-9,
            DamageNonradiativeRatePerNsPerDefect: QuenchingDefectRatePerNs, BleachProbabilityPerPhoton: 6.4e-10,
            Source: "IPA [S1 Supp. Fig. 18: 83% ON]: k = 1.5, τ_c,OFF 15 s [C] (PHYSICS.md §6); damage 6.4e-9 + bleach 6.4e-10 per absorbed photon: damage factor halves at 10 min, 10 W cm⁻², 4.5 nm [C, case 07]; " +
                    "charging 1e-6 with 100 ms neutralisation, QY 0.9 [E]")
        {
            NeutralisationMeanS = 0.1,
        },
        new("DDA", ExcitonQuantumYield: 0.8, OnExponent: 1.5, OffExponent: 1.5, MinDwellS, OnCutoffS: null, OffCutoffS: null,
            ChargingProbabilityPerPhoton: 1e-6, DamageProbabilityPerPhoton: 2.1e-8,
            DamageNonradiativeRatePerNsPerDefect: QuenchingDefectRatePerNs, BleachProbabilityPerPhoton: 2.1e-9,
            Source: "DDA in polystyrene [S1 Fig. 2c–d: 55.4% ON and Q 7.3 over 60 s, 16.5% over 300 s with darkening after 120 s]: " +
                    "k = 1.5 both sides, no cut-off (50% ON before darkening) [S1 typical]; OFF = GRAY at g ≈ 0.3 of ON, k_trap = " +
                    "k_tot(1/g − 1) = 0.35 ns⁻¹ (k_tot = k_r/QY = 0.149 ns⁻¹ at 4.5 nm) [C, case 06: dark OFF gives Q ≈ 18]; " +
                    "charging 1e-6 with 50 ms neutralisation (trion flickers 3.5% of the time at 42 W cm⁻²) [E]; " +
                    "damage 2.1e-8 + bleach 2.1e-9 per absorbed photon: damage factor halves at 3 min, 10 W cm⁻², 4.5 nm [C, case 07]; QY 0.8 [E]")
        {
            OffTrapRatePerNs = 0.35,
        },
    ];

    /// <summary>Preset names accepted by <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(p => p.Name).ToArray();

    /// <summary>The preset of that name (case-insensitive); unknown names throw <see cref="UserInputException"/>.</summary>
    public static SurfacePreset Get(string ligand)
    {
        ArgumentNullException.ThrowIfNull(ligand);
        return All.FirstOrDefault(p => string.Equals(p.Name, ligand.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? throw new UserInputException($"ligand: '{ligand}' is unknown (expected one of {string.Join(", ", Names)})");
    }
}
