using QdSim.Engine.Kinetics;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Simulation;

/// <summary>What a run did: counts, analytic expectations, the path taken and why (for the run summary).</summary>
public sealed class RunResult
{
    public EmissionCounters Counters { get; } = new();
    /// <summary>Final events delivered to the sinks, by detector.</summary>
    public long[] EventsByDetector { get; init; } = [];
    /// <summary>Laser pulses in the experiment (pulsed), or 0.</summary>
    public long TotalPulses { get; set; }
    /// <summary>Expected absorbed photons over the run (⟨N⟩ × pulses, or G × time).</summary>
    public double ExpectedAbsorbedPhotons { get; set; }
    /// <summary>Expected emitted photons over the run, Σ over intervals of pulses × mean emitted per pulse (skip-ahead).</summary>
    public double ExpectedEmittedPhotons { get; set; }
    /// <summary>Poisson probability per pulse that more than n_max photons are absorbed (cut by the cap).</summary>
    public double TruncationProbabilityPerPulse { get; set; }
    /// <summary>Largest Chernoff bound found on a cascade outlasting a period.</summary>
    public double CascadeOverrunBound { get; set; }
    /// <summary>The path actually used.</summary>
    public SimulationMode ModeUsed { get; set; }
    /// <summary>Why the per-pulse path was used, when it was.</summary>
    public string? PerPulseReason { get; set; }
    public int Segments { get; set; }
    public double SegmentDurationS { get; set; }
    public long EnvironmentIntervals { get; set; }
    /// <summary>Experiment time spent in each emissive level, s.</summary>
    public Dictionary<EmissiveLevel, double> TimeInLevelS { get; } = [];
    public int FinalDefects { get; set; }
    public bool Bleached { get; set; }
}
