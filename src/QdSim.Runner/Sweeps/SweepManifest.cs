using System.Text.Json;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Identity of a sweep output directory (sweep-manifest.json): which sweep definition (hash), how many points, which
/// evaluator. Identical for every shard of one sweep, so shards may share a directory, and it is what resume and
/// merge compare before combining anything.
/// </summary>
public sealed record SweepManifest(string Name, string DefinitionSha256, int PointCount, string Evaluator,
    IReadOnlyList<string> AxisKeys)
{
    public const string FileName = "sweep-manifest.json";

    public static SweepManifest For(SweepPlan plan, IPointEvaluator evaluator) =>
        new(plan.Definition.Name, plan.Definition.DefinitionSha256, plan.PointCount, evaluator.Name,
            plan.Definition.Axes.Select(a => a.Key).ToList());

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
            writer.WriteStartArray("axes");
            foreach (var key in AxisKeys) writer.WriteStringValue(key);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
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
                root.GetProperty("axes").EnumerateArray().Select(a => a.GetString()!).ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UserInputException($"{path}: not a readable sweep manifest ({e.Message})");
        }
    }
}
