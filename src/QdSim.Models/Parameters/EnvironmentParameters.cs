namespace QdSim.Models.Parameters;

/// <summary>What a dwell time is counted in (PHYSICS.md §4).</summary>
public enum DwellClock
{
    /// <summary>Dwell values in seconds.</summary>
    Time,
    /// <summary>Dwell values in absorbed photons: switching is photo-induced and its statistics depend on power.</summary>
    AbsorbedPhotons,
}

/// <summary>Shape of a dwell-time law.</summary>
public enum DwellLawKind
{
    /// <summary>p(t) = e^(−t/Mean)/Mean.</summary>
    Exponential,
    /// <summary>p(t) ∝ t^(−Exponent) on [Min, Max], times e^(−t/Cutoff) when Cutoff is set.</summary>
    PowerLaw,
    /// <summary>ln t ~ Normal(ln Median, LogSigma²).</summary>
    LogNormal,
}

/// <summary>
/// One dwell-time law. Values are in the units of the owning process's clock: seconds for
/// <see cref="DwellClock.Time"/>, absorbed photons for <see cref="DwellClock.AbsorbedPhotons"/>
/// (the clock field names the unit; the summary prints it beside each value).
/// </summary>
public sealed record DwellLawParameters
{
    public DwellLawKind Law { get; init; } = DwellLawKind.Exponential;
    /// <summary>Mean dwell (Exponential).</summary>
    public double Mean { get; init; } = 1;
    /// <summary>Power-law exponent α (PowerLaw), p ∝ t^(−α).</summary>
    public double Exponent { get; init; } = 1.5;
    /// <summary>Lower truncation t_min (PowerLaw).</summary>
    public double Min { get; init; } = 0.01;
    /// <summary>Upper truncation t_max (PowerLaw); null: unbounded (then Cutoff is required).</summary>
    public double? Max { get; init; }
    /// <summary>Exponential cut-off time τ_c (PowerLaw); null: none.</summary>
    public double? Cutoff { get; init; }
    /// <summary>Median (LogNormal).</summary>
    public double Median { get; init; } = 1;
    /// <summary>Standard deviation of ln t (LogNormal).</summary>
    public double LogSigma { get; init; } = 1;

    public void Validate(string key, string unit)
    {
        switch (Law)
        {
            case DwellLawKind.Exponential:
                ParameterChecks.Positive($"{key}:Mean", Mean, unit);
                break;
            case DwellLawKind.PowerLaw:
                ParameterChecks.InRange($"{key}:Exponent", Exponent, "(dimensionless)", 0, 10);
                ParameterChecks.Positive($"{key}:Min", Min, unit);
                ParameterChecks.Optional(Max, v => ParameterChecks.InRange($"{key}:Max", v, unit, Min, double.MaxValue));
                ParameterChecks.Optional(Cutoff, v => ParameterChecks.Positive($"{key}:Cutoff", v, unit));
                if (Max is null && Cutoff is null && Exponent <= 1)
                    throw new UserInputException($"{key}: a power law with Exponent <= 1 needs Max or Cutoff ({unit}) to be normalisable");
                break;
            case DwellLawKind.LogNormal:
                ParameterChecks.Positive($"{key}:Median", Median, unit);
                ParameterChecks.InRange($"{key}:LogSigma", LogSigma, "(dimensionless)", 0, 10);
                break;
        }
    }
}

/// <summary>Emissive level of an environment state (for the trajectory and the ground truth).</summary>
public enum EmissiveLevel
{
    On,
    Gray,
    Off,
}

/// <summary>One state of a semi-Markov environment process and what it does to the dot.</summary>
public sealed record EnvironmentStateParameters
{
    public string Name { get; init; } = "ON";
    public EmissiveLevel Level { get; init; } = EmissiveLevel.On;
    /// <summary>Extra nonradiative trap rate k_trap added to every level, ns⁻¹ (GRAY / band-edge-carrier blinking).</summary>
    public double TrapRatePerNs { get; init; }
    /// <summary>Extra charge while in this state: −1, 0, +1 (Auger/charging blinking: trion emission).</summary>
    public int Charge { get; init; }
    /// <summary>Spectral shift of every line while in this state, meV.</summary>
    public double EnergyShiftMeV { get; init; }
    public DwellLawParameters Dwell { get; init; } = new();
    /// <summary>Probabilities of the next state (same order as the process's states); null: uniform over the others.</summary>
    public double[]? NextStateProbabilities { get; init; }
}

/// <summary>A semi-Markov blinking process: Markov ON/GRAY/OFF, truncated power laws, log-normal dwells.</summary>
public sealed record BlinkingProcessParameters
{
    public string Name { get; init; } = "blinking";
    /// <summary>False switches the process off (configuration layers cannot delete an inherited array element).</summary>
    public bool Enabled { get; init; } = true;
    public DwellClock Clock { get; init; } = DwellClock.Time;
    public EnvironmentStateParameters[] States { get; init; } = [];
    /// <summary>Index of the initial state; null: drawn ∝ the mean dwell of each state (stationary for two states).</summary>
    public int? InitialState { get; init; }

    public string ClockUnit => Clock == DwellClock.Time ? "s" : "absorbed photons";

    public void Validate(string key)
    {
        if (States.Length < 1) throw new UserInputException($"{key}:States: a blinking process needs at least one state");
        ParameterChecks.Optional(InitialState, v => ParameterChecks.InRange($"{key}:InitialState", v, "(state index)", 0, States.Length - 1));
        for (int i = 0; i < States.Length; i++)
        {
            var s = States[i];
            string k = $"{key}:States:{i}";
            ParameterChecks.NonNegative($"{k}:TrapRatePerNs", s.TrapRatePerNs, "ns^-1");
            ParameterChecks.InRange($"{k}:Charge", s.Charge, "(elementary charges)", -1, 1);
            ParameterChecks.InRange($"{k}:EnergyShiftMeV", s.EnergyShiftMeV, "meV", -1000, 1000);
            s.Dwell.Validate($"{k}:Dwell", ClockUnit);
            if (s.NextStateProbabilities is { } p)
            {
                if (p.Length != States.Length) throw new UserInputException($"{k}:NextStateProbabilities: needs {States.Length} entries (one per state), got {p.Length}");
                for (int j = 0; j < p.Length; j++) ParameterChecks.Probability($"{k}:NextStateProbabilities:{j}", p[j]);
                if (Math.Abs(p.Sum() - 1) > 1e-9) throw new UserInputException($"{k}:NextStateProbabilities: must sum to 1 (got {p.Sum():R})");
            }
        }
    }
}

/// <summary>Sign of the charge a photo-ionisation leaves on the dot.</summary>
public enum ChargeSign
{
    Negative,
    Positive,
    Random,
}

/// <summary>
/// Photo-induced charging (Auger blinking, PHYSICS.md §4): each absorbed photon ionises the dot with probability
/// p_ion (or each biexciton Auger event, when <see cref="OnlyViaBiexcitonAuger"/>); the dot stays charged (trion
/// emission, OFF) for a dwell drawn from <see cref="Neutralisation"/>.
/// </summary>
public sealed record ChargingParameters
{
    /// <summary>Ionisation probability per absorbed photon (or per XX Auger event), dimensionless; 0 disables charging.</summary>
    public double ProbabilityPerAbsorbedPhoton { get; init; }
    public bool OnlyViaBiexcitonAuger { get; init; }
    public ChargeSign Sign { get; init; } = ChargeSign.Negative;
    public DwellClock NeutralisationClock { get; init; } = DwellClock.Time;
    public DwellLawParameters Neutralisation { get; init; } = new() { Law = DwellLawKind.Exponential, Mean = 0.1 };

    public void Validate(string key)
    {
        ParameterChecks.Probability($"{key}:ProbabilityPerAbsorbedPhoton", ProbabilityPerAbsorbedPhoton);
        Neutralisation.Validate($"{key}:Neutralisation", NeutralisationClock == DwellClock.Time ? "s" : "absorbed photons");
    }
}

/// <summary>All environment processes of one dot.</summary>
public sealed record EnvironmentParameters
{
    public BlinkingProcessParameters[] Processes { get; init; } = [];
    public ChargingParameters Charging { get; init; } = new();

    public void Validate(string key)
    {
        for (int i = 0; i < Processes.Length; i++) Processes[i].Validate($"{key}:Processes:{i}");
        Charging.Validate($"{key}:Charging");
    }
}

/// <summary>Photodarkening and bleaching (PHYSICS.md §5), per absorbed photon.</summary>
public sealed record DamageParameters
{
    /// <summary>Probability per absorbed photon of creating a defect p_dmg.</summary>
    public double DefectProbabilityPerAbsorbedPhoton { get; init; }
    /// <summary>Extra nonradiative rate per defect Δk_nr, ns⁻¹.</summary>
    public double NonradiativeRatePerNsPerDefect { get; init; }
    /// <summary>Extra ionisation probability per absorbed photon per defect Δp_ion.</summary>
    public double ChargingProbabilityPerDefect { get; init; }
    /// <summary>Probability per absorbed photon of permanent bleaching p_bleach.</summary>
    public double BleachProbabilityPerAbsorbedPhoton { get; init; }

    public void Validate(string key)
    {
        ParameterChecks.Probability($"{key}:DefectProbabilityPerAbsorbedPhoton", DefectProbabilityPerAbsorbedPhoton);
        ParameterChecks.NonNegative($"{key}:NonradiativeRatePerNsPerDefect", NonradiativeRatePerNsPerDefect, "ns^-1");
        ParameterChecks.Probability($"{key}:ChargingProbabilityPerDefect", ChargingProbabilityPerDefect);
        ParameterChecks.Probability($"{key}:BleachProbabilityPerAbsorbedPhoton", BleachProbabilityPerAbsorbedPhoton);
    }
}

/// <summary>How the engine steps through pulses.</summary>
public enum SimulationMode
{
    /// <summary>Geometric skip to the next pulse with a detection (PHYSICS.md §7); cost ∝ detected photons.</summary>
    SkipAhead,
    /// <summary>Every pulse simulated (reference for tests; cost ∝ pulses).</summary>
    BruteForce,
}

/// <summary>Run control: duration, seed, threads, mode.</summary>
public sealed record RunParameters
{
    public double DurationS { get; init; } = 60;
    public ulong Seed { get; init; } = 1;
    /// <summary>Worker threads; the output is byte-identical for any value.</summary>
    public int Threads { get; init; } = 1;
    public SimulationMode Mode { get; init; } = SimulationMode.SkipAhead;
    /// <summary>Experiment time per segment, s (segments get their own random streams); null: chosen from the expected count rate.</summary>
    public double? SegmentDurationS { get; init; }

    public void Validate(string key)
    {
        ParameterChecks.InRange($"{key}:DurationS", DurationS, "s", 1e-9, 1e7);
        ParameterChecks.InRange($"{key}:Threads", Threads, "(threads)", 1, 256);
        ParameterChecks.Optional(SegmentDurationS, v => ParameterChecks.Positive($"{key}:SegmentDurationS", v, "s"));
    }
}
