using System.Globalization;
using System.Text;
using System.Text.Json;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Writes the combined outputs of a complete sweep, one row per point sorted by point index: <c>results.csv</c>
/// (columns: point, seed, dots, the swept keys, the derived values, each observable and its <c>_err</c>) and
/// <c>results.json</c> (the manifest plus every point object). Neither contains timings or host names, so a sweep
/// gives the same bytes however it was split, resumed or scheduled. Figures of each observable against each swept
/// key go to <c>figures/</c> (<see cref="SweepFigures"/>).
/// </summary>
public static class SweepResultsWriter
{
    public const string CsvFileName = "results.csv";
    public const string JsonFileName = "results.json";

    public static void Write(string directory, SweepManifest manifest, IReadOnlyList<PointResult> points)
    {
        var ordered = points.OrderBy(p => p.Index).ToList();
        SweepStore.WriteAtomically(Path.Combine(directory, CsvFileName), Encoding.UTF8.GetBytes(Csv(ordered)));
        SweepStore.WriteAtomically(Path.Combine(directory, JsonFileName), Json(manifest, ordered));
        SweepFigures.Write(directory, manifest.AxisGroups, ordered);
    }

    public static string Csv(IReadOnlyList<PointResult> ordered)
    {
        var inputs = Columns(ordered.SelectMany(p => p.Inputs.Select(i => i.Key)));
        var derived = Columns(ordered.SelectMany(p => p.Derived.Select(d => d.Name)));
        var observables = Columns(ordered.SelectMany(p => p.Observables.Select(o => o.Name)));
        var text = new StringBuilder();
        var header = new List<string> { "point", "seed", "dots" };
        header.AddRange(inputs);
        header.AddRange(derived);
        foreach (var name in observables) { header.Add(name); header.Add(name + "_err"); }
        text.AppendJoin(',', header.Select(Quote)).Append('\n');
        foreach (var point in ordered)
        {
            var row = new List<string>
            {
                point.Index.ToString(CultureInfo.InvariantCulture),
                point.Seed.ToString(CultureInfo.InvariantCulture),
                point.Dots.Count.ToString(CultureInfo.InvariantCulture),
            };
            row.AddRange(inputs.Select(key => Quote(point.Inputs.FirstOrDefault(i => i.Key == key).Value ?? "")));
            row.AddRange(derived.Select(name => Number(point.Derived.Where(d => d.Name == name).Select(d => d.Value).DefaultIfEmpty(double.NaN).First())));
            foreach (var name in observables)
            {
                var match = point.Observables.Where(o => o.Name == name).ToList();
                row.Add(Number(match.Count > 0 ? match[0].Value : double.NaN));
                row.Add(Number(match.Count > 0 ? match[0].Uncertainty : double.NaN));
            }
            text.AppendJoin(',', row).Append('\n');
        }
        return text.ToString();
    }

    private static byte[] Json(SweepManifest manifest, IReadOnlyList<PointResult> ordered)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", SweepFileParser.FormatVersion);
            writer.WriteString("name", manifest.Name);
            writer.WriteString("definitionSha256", manifest.DefinitionSha256);
            writer.WriteString("evaluator", manifest.Evaluator);
            manifest.WriteAxes(writer);
            writer.WriteStartArray("points");
            foreach (var point in ordered) PointResultJson.Write(writer, point);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Distinct names in order of first appearance (points are already sorted, so the order is deterministic).</summary>
    private static List<string> Columns(IEnumerable<string> names) => names.Distinct().ToList();

    /// <summary>Empty for NaN (pandas and R read it as missing); shortest round-trip text otherwise.</summary>
    private static string Number(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
