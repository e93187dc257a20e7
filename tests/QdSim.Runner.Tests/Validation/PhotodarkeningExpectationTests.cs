using QdSim.Models.Parameters;
using QdSim.Runner.Configuration;
using QdSim.Runner.Validation;

namespace QdSim.Runner.Tests.Validation;

/// <summary>The analytic ensemble photodarkening curve of validation case 07 against its closed-form limits.</summary>
public sealed class PhotodarkeningExpectationTests
{
    private const double AbsorptionRatePerS = 1e5;

    private static ExperimentParameters Experiment(params string[] overrides) =>
        ConfigurationLoader.Load(null, ["Dot:ExcitonRadiativeRatePerNs=0.1", "Dot:ExcitonQuantumYield=0.8", .. overrides], new Dictionary<string, string>()).Experiment;

    private static readonly string[] NoEnvironment = ["Environment:Processes:0:Enabled=false", "Environment:Charging:ProbabilityPerAbsorbedPhoton=0"];

    [Fact]
    public void QuenchingDefects_GiveTheSingleExponential()
    {
        // Δk_nr = 10⁶ ns⁻¹ ≫ k_r: one defect leaves Ī(1)/Ī(0) = 0.125/10⁶ ≈ 1e-7, so ⟨I⟩/I₀ = e^(−(p_d + p_b)Gt) to 1e-7.
        var x = PhotodarkeningExpectation.From(Experiment([.. NoEnvironment, "Damage:DefectProbabilityPerAbsorbedPhoton=1e-8",
            "Damage:BleachProbabilityPerAbsorbedPhoton=2e-9", "Damage:NonradiativeRatePerNsPerDefect=1e6"]), AbsorptionRatePerS);
        double rate = 1.2e-8 * AbsorptionRatePerS;
        Assert.Equal(rate, x.DamageEventsPerS, 12);
        foreach (double t in new[] { 0.0, 100, 577, 2000 })
            Assert.Equal(Math.Exp(-rate * t), x.RelativeIntensity(t), 6);
        Assert.Equal(Math.Log(2) / rate, x.HalfIntensityTimeS(), 3);
    }

    [Fact]
    public void HarmlessDefects_LeaveOnlyBleaching()
    {
        // Δk_nr = 0: every Ī(D) equals Ī(0); only bleaching (p_b G) removes intensity.
        var x = PhotodarkeningExpectation.From(Experiment([.. NoEnvironment, "Damage:DefectProbabilityPerAbsorbedPhoton=1e-7",
            "Damage:BleachProbabilityPerAbsorbedPhoton=1e-9", "Damage:NonradiativeRatePerNsPerDefect=0"]), AbsorptionRatePerS);
        Assert.Equal(Math.Exp(-1e-9 * AbsorptionRatePerS * 3000), x.RelativeIntensity(3000), 9);
        Assert.Equal(Math.Log(2) / (1e-9 * AbsorptionRatePerS), x.HalfIntensityTimeS(), 3);
    }

    [Fact]
    public void OneDefect_IsWeightedByTheStationaryStates()
    {
        // Two exponential states, ON 1 s (no trap) and OFF 3 s (trap 20 ns⁻¹): occupancies 1/4 and 3/4; no charging.
        // k_r 0.1, k_nr 0.025 (QY 0.8), Δk 10 ns⁻¹: Ī(D) = ¼·0.1/(0.125 + 10D) + ¾·0.1/(20.125 + 10D).
        var x = PhotodarkeningExpectation.From(Experiment("Environment:Charging:ProbabilityPerAbsorbedPhoton=0",
            "Environment:Processes:0:States:0:Dwell:Law=Exponential", "Environment:Processes:0:States:0:Dwell:Mean=1",
            "Environment:Processes:0:States:1:Dwell:Law=Exponential", "Environment:Processes:0:States:1:Dwell:Mean=3",
            "Damage:DefectProbabilityPerAbsorbedPhoton=1e-8", "Damage:NonradiativeRatePerNsPerDefect=10"), AbsorptionRatePerS);
        static double Emission(int d) => 0.25 * 0.1 / (0.125 + 10 * d) + 0.75 * 0.1 / (20.125 + 10 * d);
        Assert.Equal(Emission(1) / Emission(0), x.RelativeEmissionByDefects[1], 12);
        Assert.Equal(Emission(2) / Emission(0), x.RelativeEmissionByDefects[2], 12);
        // At p_d G t = 1: Σ_D e^(−1)/D! Ī(D)/Ī(0), no bleaching.
        double expected = Enumerable.Range(0, 40).Sum(d => Math.Exp(-1) / Factorial(d) * Emission(d) / Emission(0));
        Assert.Equal(expected, x.RelativeIntensity(1 / (1e-8 * AbsorptionRatePerS)), 10);
    }

    [Fact]
    public void ChargedFraction_FollowsTheRenewalRatio()
    {
        // Neutral dwell 1/(p_ion G) = 1 s, trion dwell 1 s (exponential): half the time charged. Trion k_r,T 1, τ_A,T 1 ns,
        // k_nr 0.025: QY_T(D) = 1/(2.025 + 10D); neutral QY(D) = 0.1/(0.125 + 10D).
        var x = PhotodarkeningExpectation.From(Experiment("Environment:Processes:0:Enabled=false",
            "Environment:Charging:ProbabilityPerAbsorbedPhoton=1e-5", "Environment:Charging:Neutralisation:Mean=1",
            "Dot:TrionRadiativeRatePerNs=1", "Dot:NegativeTrionAugerLifetimeNs=1",
            "Damage:DefectProbabilityPerAbsorbedPhoton=1e-8", "Damage:NonradiativeRatePerNsPerDefect=10"), AbsorptionRatePerS);
        static double Emission(int d) => 0.5 * 0.1 / (0.125 + 10 * d) + 0.5 * 1 / (2.025 + 10 * d);
        Assert.Equal(Emission(1) / Emission(0), x.RelativeEmissionByDefects[1], 12);
    }

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);
}
