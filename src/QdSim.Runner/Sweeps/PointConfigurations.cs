using Microsoft.Extensions.Configuration;
using QdSim.Engine.Random;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Builds each point's and each dot's configuration the way <c>qdsim simulate CONFIG --set Key=Value</c> would:
/// the evaluator's embedded default, the base configuration over it, then the sweep's fixed overrides, then the point's axis values, then the dot's drawn
/// parameters, later sources winning (Microsoft.Extensions.Configuration layering). The base is read once.
/// </summary>
public sealed class PointConfigurations
{
    private readonly SweepDefinition _definition;
    private readonly Dictionary<string, string?> _base;

    public PointConfigurations(SweepDefinition definition, string defaultConfigurationJson)
    {
        _definition = definition;
        // Like `qdsim simulate CONFIG`: the base configuration is layered over the embedded default.
        var builder = new ConfigurationBuilder();
        AddJson(builder, defaultConfigurationJson, "embedded default configuration");
        switch (definition.Base)
        {
            case BaseConfiguration.File file:
                AddJson(builder, File.ReadAllText(file.Path), file.Path);
                break;
            case BaseConfiguration.Inline inline:
                AddJson(builder, inline.Json, $"{definition.SourcePath} (inline base)");
                break;
        }
        _base = builder.Build().AsEnumerable().Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The configuration of <paramref name="point"/> before any per-dot draw.</summary>
    public IConfiguration ForPoint(SweepPoint point) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(_base)
            .AddInMemoryCollection(_definition.FixedOverrides.Select(Nullable))
            .AddInMemoryCollection(point.Inputs.Select(Nullable))
            .Build();

    /// <summary>
    /// The configuration of dot <paramref name="dot"/> of a point and the parameters drawn for it, from
    /// <c>RandomStream(seed, dot, StreamIds.Ensemble)</c> with seed = the point seed, or the sweep seed when the
    /// ensemble is the same at every point.
    /// </summary>
    public (IConfiguration Configuration, IReadOnlyList<KeyValuePair<string, string>> Drawn) ForDot(
        SweepPoint point, IConfiguration pointConfiguration, int dot)
    {
        if (_definition.Ensemble.Count == 0) return (pointConfiguration, []);
        ulong drawSeed = _definition.SameDotsAtEveryPoint ? _definition.Seed : point.Seed;
        var stream = new RandomStream(drawSeed, (uint)dot, StreamIds.Ensemble);
        var drawn = new List<KeyValuePair<string, string>>();
        foreach (var draw in _definition.Ensemble) draw.Draw(ref stream, pointConfiguration, _definition.SourcePath, drawn);
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(pointConfiguration)
            .AddInMemoryCollection(drawn.Select(Nullable))
            .Build();
        return (configuration, drawn);
    }

    private static KeyValuePair<string, string?> Nullable(KeyValuePair<string, string> pair) => new(pair.Key, pair.Value);

    private static void AddJson(ConfigurationBuilder builder, string json, string source)
    {
        try
        {
            var probe = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
            builder.AddConfiguration(probe);
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new UserInputException($"{source}: not a valid JSON configuration: {e.Message}");
        }
    }
}
