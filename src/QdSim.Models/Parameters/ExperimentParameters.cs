namespace QdSim.Models.Parameters;

/// <summary>Everything the kinetic engine needs for one single-dot experiment (detection is passed separately as objects).</summary>
public sealed record ExperimentParameters
{
    public DotKineticsParameters Dot { get; init; } = new();
    public ExcitationParameters Excitation { get; init; } = new();
    public EnvironmentParameters Environment { get; init; } = new();
    public DamageParameters Damage { get; init; } = new();
    public RunParameters Run { get; init; } = new();

    /// <summary>Validates every section; keys in messages are the configuration paths (Section:Key).</summary>
    public void Validate()
    {
        Dot.Validate("Dot");
        Excitation.Validate("Excitation");
        Environment.Validate("Environment");
        Damage.Validate("Damage");
        Run.Validate("Run");
    }
}
