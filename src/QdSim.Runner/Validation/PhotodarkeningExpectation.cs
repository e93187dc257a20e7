using QdSim.Engine.Environment;
using QdSim.Engine.Kinetics;
using QdSim.Models.Parameters;

namespace QdSim.Runner.Validation;

/// <summary>
/// Analytic ensemble-mean PL intensity of identical dots under constant excitation with photodarkening and bleaching
/// (PHYSICS.md §5), computed from the model's parameters independently of the engine, for validation case 07.
/// <para>Every absorbed photon (rate G, whatever the dot's state) creates a defect with probability p_d and bleaches the
/// dot with probability p_b. Defects and bleaching are therefore Poisson processes in time, independent of blinking
/// and charging (the configurations have no defect-induced charging), so at time t a dot carries D ~ Poisson(p_d G t)
/// defects and is unbleached with probability e^(−p_b G t). Each defect adds Δk_nr to every electron–hole pair, so the
/// emission per absorbed photon of an unbleached dot with D defects, averaged over its stationary blinking and charging
/// states s (occupancy w_s), is Ī(D) = Σ_s w_s QY_s(D): neutral QY = k_r,X/(k_r,X + k_nr,X + k_trap,s + DΔk_nr), trion
/// QY = k_r,T/(k_r,T + k_A,T + k_nr,X + k_trap,s + DΔk_nr) (the rates of the engine's cascade table). Hence</para>
/// <para>⟨I(t)⟩/⟨I(0)⟩ = e^(−p_b G t) Σ_D Poisson(D; p_d G t) Ī(D)/Ī(0),</para>
/// <para>which reduces to e^(−(p_d + p_b) G t) when one defect quenches the dot completely. Occupancies: each two-state
/// blinking process alternates, so state i is occupied ∝ its mean dwell; charging alternates a neutral dwell of mean
/// 1/(p_ion G) with the neutralisation dwell (renewal–reward). Processes and charging are independent. This is the
/// stationary mean; the engine starts blinking in a state drawn ∝ mean dwell with a fresh dwell and starts neutral, a
/// transient the case's fitted amplitude absorbs.</para>
/// </summary>
/// <param name="AbsorptionRatePerS">G, absorbed photons per second.</param>
/// <param name="DefectProbabilityPerAbsorbedPhoton">p_d.</param>
/// <param name="BleachProbabilityPerAbsorbedPhoton">p_b.</param>
/// <param name="RelativeEmissionByDefects">Ī(D)/Ī(0) for D = 0, 1, …; beyond the array the last value is used.</param>
public sealed record PhotodarkeningExpectation(double AbsorptionRatePerS, double DefectProbabilityPerAbsorbedPhoton,
    double BleachProbabilityPerAbsorbedPhoton, IReadOnlyList<double> RelativeEmissionByDefects)
{
    /// <summary>Defect counts tabulated by <see cref="From"/> (Poisson tail beyond them is negligible for p_d G t ≤ 40).</summary>
    public const int TabulatedDefects = 80;

    /// <summary>Damage events (defects + bleaching) per second, (p_d + p_b) G.</summary>
    public double DamageEventsPerS => (DefectProbabilityPerAbsorbedPhoton + BleachProbabilityPerAbsorbedPhoton) * AbsorptionRatePerS;

    /// <summary>Fraction of damage events that bleach, p_b/(p_d + p_b).</summary>
    public double BleachFraction => BleachProbabilityPerAbsorbedPhoton / (DefectProbabilityPerAbsorbedPhoton + BleachProbabilityPerAbsorbedPhoton);

    /// <summary>Expectation for the experiment's dot, environment and damage under absorption rate <paramref name="absorptionRatePerS"/>.</summary>
    public static PhotodarkeningExpectation From(ExperimentParameters experiment, double absorptionRatePerS)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (!(absorptionRatePerS > 0)) throw new ArgumentOutOfRangeException(nameof(absorptionRatePerS), absorptionRatePerS, "absorption rate must be > 0 s^-1");
        if (!(experiment.Damage.DefectProbabilityPerAbsorbedPhoton + experiment.Damage.BleachProbabilityPerAbsorbedPhoton > 0))
            throw new ArgumentException("photodarkening expectation: the configuration has no damage (defect and bleach probabilities are 0)", nameof(experiment));
        var states = StationaryStates(experiment.Environment, absorptionRatePerS);
        var rates = ExcitonRates.From(experiment.Dot);
        double perDefectPerNs = experiment.Damage.NonradiativeRatePerNsPerDefect;
        var emission = new double[TabulatedDefects + 1];
        for (int d = 0; d <= TabulatedDefects; d++)
        {
            double knr = rates.NonradiativeXPerNs + d * perDefectPerNs;
            foreach (var (weight, trapPerNs, charge) in states)
            {
                double qy = charge == 0
                    ? rates.ExcitonRadiativePerNs / (rates.ExcitonRadiativePerNs + knr + trapPerNs)
                    : rates.TrionRadiativePerNs / (rates.TrionRadiativePerNs + 1 / (charge < 0 ? rates.NegativeTrionAugerLifetimeNs : rates.PositiveTrionAugerLifetimeNs) + knr + trapPerNs);
                emission[d] += weight * qy;
            }
        }
        double first = emission[0];
        for (int d = 0; d <= TabulatedDefects; d++) emission[d] /= first;
        return new PhotodarkeningExpectation(absorptionRatePerS, experiment.Damage.DefectProbabilityPerAbsorbedPhoton,
            experiment.Damage.BleachProbabilityPerAbsorbedPhoton, emission);
    }

    /// <summary>⟨I(t)⟩/⟨I(0)⟩ at the configured damage rate.</summary>
    public double RelativeIntensity(double timeS) => RelativeIntensity(timeS, DamageEventsPerS);

    /// <summary>
    /// ⟨I(t)⟩/⟨I(0)⟩ with the damage-event rate λ = (p_d + p_b) G replaced by <paramref name="damageEventsPerS"/> (same
    /// bleach fraction and Ī(D)): the one-parameter family the case fits to the simulated ensemble.
    /// </summary>
    public double RelativeIntensity(double timeS, double damageEventsPerS)
    {
        double events = damageEventsPerS * timeS;
        double meanDefects = (1 - BleachFraction) * events;
        double unbleached = Math.Exp(-BleachFraction * events);
        // Σ_D Poisson(D; m) Ī(D), terms by recursion; the tail beyond the table uses its last value.
        double term = Math.Exp(-meanDefects), sum = 0, mass = 0;
        int last = RelativeEmissionByDefects.Count - 1;
        for (int d = 0; d <= last; d++)
        {
            sum += term * RelativeEmissionByDefects[d];
            mass += term;
            term *= meanDefects / (d + 1);
            if (term < 1e-18 && d > meanDefects) break; // the rest of the tail is negligible
        }
        sum += Math.Max(0, 1 - mass) * RelativeEmissionByDefects[last];
        return unbleached * sum;
    }

    /// <summary>Time at which ⟨I⟩ falls to half its initial value for damage rate λ (bisection), s; +∞ when it never does.</summary>
    public double HalfIntensityTimeS(double damageEventsPerS)
    {
        if (!(damageEventsPerS > 0)) return double.PositiveInfinity;
        double hi = Math.Log(2) / damageEventsPerS;
        for (int i = 0; i < 200 && RelativeIntensity(hi, damageEventsPerS) > 0.5; i++) hi *= 2;
        if (RelativeIntensity(hi, damageEventsPerS) > 0.5) return double.PositiveInfinity;
        double lo = 0;
        for (int i = 0; i < 100; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (RelativeIntensity(mid, damageEventsPerS) > 0.5) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>Half-intensity time at the configured damage rate, s.</summary>
    public double HalfIntensityTimeS() => HalfIntensityTimeS(DamageEventsPerS);

    /// <summary>Stationary (occupancy, k_trap ns⁻¹, charge) of the joint blinking × charging states.</summary>
    internal static List<(double Weight, double TrapPerNs, int Charge)> StationaryStates(EnvironmentParameters environment, double absorptionRatePerS)
    {
        var states = new List<(double Weight, double TrapPerNs, int Charge)> { (1, 0, 0) };
        foreach (var process in environment.Processes.Where(p => p.Enabled))
        {
            if (process.States.Length > 2 && process.States.Any(s => s.NextStateProbabilities is not null))
                throw new NotSupportedException($"photodarkening expectation: process '{process.Name}' has explicit transition probabilities (only alternating processes are covered)");
            if (process.States.Length > 2)
                throw new NotSupportedException($"photodarkening expectation: process '{process.Name}' has {process.States.Length} states (only two-state processes are covered)");
            var means = process.States.Select(s => MeanDwellS(s.Dwell, process.Clock, absorptionRatePerS)).ToArray();
            double total = means.Sum();
            var next = new List<(double, double, int)>();
            foreach (var (w, trap, charge) in states)
                for (int i = 0; i < process.States.Length; i++)
                    next.Add((w * means[i] / total, trap + process.States[i].TrapRatePerNs, process.States[i].Charge != 0 ? process.States[i].Charge : charge));
            states = next;
        }
        var charging = environment.Charging;
        if (charging.ProbabilityPerAbsorbedPhoton > 0)
        {
            if (charging.OnlyViaBiexcitonAuger)
                throw new NotSupportedException("photodarkening expectation: charging only via biexciton Auger is not covered");
            double neutralS = 1 / (charging.ProbabilityPerAbsorbedPhoton * absorptionRatePerS);
            double chargedS = MeanDwellS(charging.Neutralisation, charging.NeutralisationClock, absorptionRatePerS);
            double chargedFraction = chargedS / (neutralS + chargedS);
            var signs = charging.Sign switch { ChargeSign.Negative => new[] { -1 }, ChargeSign.Positive => [1], _ => [-1, 1] };
            var next = new List<(double, double, int)>();
            foreach (var (w, trap, charge) in states)
            {
                if (charge != 0) { next.Add((w, trap, charge)); continue; }
                next.Add((w * (1 - chargedFraction), trap, 0));
                foreach (int sign in signs) next.Add((w * chargedFraction / signs.Length, trap, sign));
            }
            states = next;
        }
        return states;
    }

    private static double MeanDwellS(DwellLawParameters law, DwellClock clock, double absorptionRatePerS)
    {
        double mean = DwellSampler.Mean(law);
        if (!double.IsFinite(mean)) throw new NotSupportedException("photodarkening expectation: a dwell law without a finite mean has no stationary occupancy");
        return clock == DwellClock.Time ? mean : mean / absorptionRatePerS;
    }
}
