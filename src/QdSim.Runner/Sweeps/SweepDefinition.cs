namespace QdSim.Runner.Sweeps;

/// <summary>
/// A validated sweep file: which configuration every point starts from, which keys vary and how, how many dots
/// each point simulates and which per-dot parameters are drawn from distributions. Holds parameters only; the
/// expansion into points is <see cref="SweepPlan"/>, the execution <see cref="SweepRunner"/>.
/// </summary>
/// <param name="SourcePath">Absolute path of the sweep file (named in every error message).</param>
/// <param name="Name">Human-readable name, recorded in the outputs.</param>
/// <param name="Seed">Sweep seed; point seeds derive from it and the point index (<see cref="PointSeeds"/>).</param>
/// <param name="Base">The configuration every point starts from.</param>
/// <param name="FixedOverrides">Overrides applied to every point before the axes (like <c>--set Key=Value</c>).</param>
/// <param name="Groups">Axis groups: crossed with each other, the axes inside one group zipped.</param>
/// <param name="Replicates">Dots simulated per point (independent seeds; with ensemble draws, independent parameters).</param>
/// <param name="Ensemble">Per-dot parameter draws, empty for identical replicates.</param>
/// <param name="SameDotsAtEveryPoint">When true the ensemble draws of dot d are the same at every point.</param>
/// <param name="DefinitionSha256">Hash of the canonical sweep definition and the base configuration's content:
/// shards and resumed runs are only combined when it matches.</param>
public sealed record SweepDefinition(
    string SourcePath,
    string Name,
    ulong Seed,
    BaseConfiguration Base,
    IReadOnlyList<KeyValuePair<string, string>> FixedOverrides,
    IReadOnlyList<AxisGroup> Groups,
    int Replicates,
    IReadOnlyList<EnsembleDraw> Ensemble,
    bool SameDotsAtEveryPoint,
    string DefinitionSha256)
{
    /// <summary>All swept axes in file order (zipped axes flattened).</summary>
    public IEnumerable<SweepAxis> Axes => Groups.SelectMany(g => g.Axes);
}

/// <summary>Where the points' base configuration comes from.</summary>
public abstract record BaseConfiguration
{
    private BaseConfiguration() { }

    /// <summary>A JSON configuration file (resolved relative to the sweep file).</summary>
    public sealed record File(string Path) : BaseConfiguration;

    /// <summary>A configuration object written inside the sweep file.</summary>
    public sealed record Inline(string Json) : BaseConfiguration;

    /// <summary>The engine's embedded default configuration (what <c>qdsim simulate</c> runs without CONFIG).</summary>
    public sealed record EmbeddedDefault : BaseConfiguration;
}

/// <summary>One value of an axis: the text applied as a configuration override, and its number when it is one.</summary>
public readonly record struct AxisValue(string Text, double? Number);

/// <summary>A swept configuration key (colon path, as Microsoft.Extensions.Configuration spells it) and its values.</summary>
public sealed record SweepAxis(string Key, IReadOnlyList<AxisValue> Values);

/// <summary>Axes stepped together (zipped); a group of one axis is an ordinary crossed axis.</summary>
public sealed record AxisGroup(IReadOnlyList<SweepAxis> Axes)
{
    /// <summary>Number of values of every axis in the group (validated equal).</summary>
    public int Length => Axes[0].Values.Count;
}
