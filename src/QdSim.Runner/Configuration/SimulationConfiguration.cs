using QdSim.Engine.Simulation;
using QdSim.Models.Parameters;
using QdSim.TimeTags;

namespace QdSim.Runner.Configuration;

/// <summary>Physical description of the dot (section "Dot"); when Material and EdgeNm are set, QdSim.Models derives every rate not given explicitly.</summary>
public sealed record DotDescriptionSection
{
    /// <summary>Composition (CsPbBr3, CsPbI3, ...); empty: no derivation, explicit rates only.</summary>
    public string? Material { get; init; }
    /// <summary>Cube edge length, nm.</summary>
    public double? EdgeNm { get; init; }
    /// <summary>Surface preset (PEA, DDA, IPA, ...): sets the exciton QY unless given.</summary>
    public string? Ligand { get; init; }
}

/// <summary>Section "Output".</summary>
public sealed record OutputSection
{
    /// <summary>File stem of every output file.</summary>
    public string BaseName { get; init; } = "qdsim";
    public TimeTagFileFormat Format { get; init; } = TimeTagFileFormat.Ptu;
    /// <summary>Write &lt;stem&gt;.truth.csv and &lt;stem&gt;.trajectory.csv.</summary>
    public bool GroundTruth { get; init; } = true;
}

/// <summary>A loaded, validated simulation configuration and where each value came from.</summary>
public sealed record SimulationConfiguration(
    ExperimentParameters Experiment,
    DetectionParameters Detection,
    OutputSection Output,
    IReadOnlyDictionary<string, string> Sources,
    string Description);
