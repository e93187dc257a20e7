using System.Text.Json;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Identity of a sweep output directory (sweep-manifest.json): which sweep definition (hash), how many points, which
/// evaluator. Identical for every shard of one sweep, so shards may share a directory, and it is what resume and
/// merge compare before combining anything.
/// </summary>
/// <param name="Name">Sweep name.</param>
/// <param name="DefinitionSha256">Hash of the sweep definition (<see cref="SweepDefinition.DefinitionSha256"/>).</param>
/// <param name="PointCount">Points of the whole sweep.</param>
/// <param name="Evaluator">Evaluator identity (<see cref="IPointEvaluator.Name"/>).</param>
/// <param name="AxisGroups">Swept keys by group: groups are crossed, the keys inside a group zipped.</param>
public sealed record SweepManifest(string Name, string DefinitionSha256, int PointCount, string Evaluator,
    IReadOnlyList<IReadOnlyList<string>> AxisGroups)
{
    /// <summary>All swept keys in file order.</summary>
    public IEnumerable<string> AxisKeys => AxisGroups.SelectMany(g => g);

    public const string FileName = "sweep-manifest.json";

    public static SweepManifest For(SweepPlan plan, IPointEvaluator evaluator) =>
        new(plan.Definition.Name, plan.Definition.DefinitionSha256, plan.PointCount, evaluator.Name,
            plan.Definition.Groups.Select(g => (IReadOnlyList<string>)g.Axes.Select(a => a.Key).ToList()).ToList());

    public byte[] Serialize()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", SweepFileParser.FormatVersion);
            writer.WriteString("name", Name);
            writer.WriteString("definitionSha256", DefinitionSha256);
            writer.WriteNumber("pointCount", PointCount);
            writer.WriteString("evaluator", Evaluator);
            WriteAxes(writer);
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>"axes": [["key"], ["zipped1", "zipped2"]], one inner array per group.</summary>
    public void WriteAxes(Utf8JsonWriter writer)
    {
        writer.WriteStartArray("axes");
        foreach (var group in AxisGroups)
        {
            writer.WriteStartArray();
            foreach (var key in group) writer.WriteStringValue(key);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }

    public static SweepManifest Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new SweepManifest(
                root.GetProperty("name").GetString()!,
                root.GetProperty("definitionSha256").GetString()!,
                root.GetProperty("pointCount").GetInt32(),
                root.GetProperty("evaluator").GetString()!,
                root.GetProperty("axes").EnumerateArray()
                    .Select(g => (IReadOnlyList<string>)g.EnumerateArray().Select(k => k.GetString()!).ToList()).ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UserInputException($"{path}: not a readable sweep manifest ({e.Message})");
        }
    }
}
