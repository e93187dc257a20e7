using System.Text.Json;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// The JSON form of a finished point (points/point-NNNNNN.json). Written with a fixed member order and shortest
/// round-trip numbers, so the same result always gives the same bytes and reads back to the same doubles.
/// NaN (an observable that does not apply) is written as null.
/// </summary>
public static class PointResultJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static byte[] Serialize(PointResult point)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented)) Write(writer, point);
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Writes one point object (also used inside results.json).</summary>
    public static void Write(Utf8JsonWriter writer, PointResult point)
    {
        writer.WriteStartObject();
        writer.WriteNumber("point", point.Index);
        writer.WriteNumber("seed", point.Seed);
        WritePairs(writer, "inputs", point.Inputs);
        WriteValues(writer, "derived", point.Derived);
        WriteObservables(writer, "observables", point.Observables);
        writer.WriteStartArray("dots");
        foreach (var dot in point.Dots)
        {
            writer.WriteStartObject();
            writer.WriteNumber("dot", dot.Dot);
            writer.WriteNumber("seed", dot.Seed);
            WritePairs(writer, "drawn", dot.Drawn);
            WriteValues(writer, "derived", dot.Result.Derived);
            WriteObservables(writer, "observables", dot.Result.Observables);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Reads a point file; a file that does not parse is reported with its path (exit 2).</summary>
    public static PointResult Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var dots = root.GetProperty("dots").EnumerateArray().Select(dot => new DotRecord(
                dot.GetProperty("dot").GetInt32(),
                dot.GetProperty("seed").GetUInt64(),
                ReadPairs(dot.GetProperty("drawn")),
                new DotResult(ReadValues(dot.GetProperty("derived")), ReadObservables(dot.GetProperty("observables"))))).ToList();
            return new PointResult(
                root.GetProperty("point").GetInt32(),
                root.GetProperty("seed").GetUInt64(),
                ReadPairs(root.GetProperty("inputs")),
                ReadValues(root.GetProperty("derived")),
                ReadObservables(root.GetProperty("observables")),
                dots);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UserInputException($"{path}: not a readable sweep point file ({e.Message}); delete it to recompute the point");
        }
    }

    private static void WritePairs(Utf8JsonWriter writer, string name, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in pairs) writer.WriteString(key, value);
        writer.WriteEndObject();
    }

    private static void WriteValues(Utf8JsonWriter writer, string name, IReadOnlyList<NamedValue> values)
    {
        writer.WriteStartObject(name);
        foreach (var value in values)
        {
            writer.WritePropertyName(value.Name);
            WriteNumber(writer, value.Value);
        }
        writer.WriteEndObject();
    }

    private static void WriteObservables(Utf8JsonWriter writer, string name, IReadOnlyList<Observable> observables)
    {
        writer.WriteStartObject(name);
        foreach (var observable in observables)
        {
            writer.WriteStartObject(observable.Name);
            writer.WritePropertyName("value");
            WriteNumber(writer, observable.Value);
            writer.WritePropertyName("uncertainty");
            WriteNumber(writer, observable.Uncertainty);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }

    private static double ReadNumber(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? double.NaN : element.GetDouble();

    private static List<KeyValuePair<string, string>> ReadPairs(JsonElement element) =>
        element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, p.Value.GetString()!)).ToList();

    private static List<NamedValue> ReadValues(JsonElement element) =>
        element.EnumerateObject().Select(p => new NamedValue(p.Name, ReadNumber(p.Value))).ToList();

    private static List<Observable> ReadObservables(JsonElement element) =>
        element.EnumerateObject().Select(p => new Observable(p.Name,
            ReadNumber(p.Value.GetProperty("value")), ReadNumber(p.Value.GetProperty("uncertainty")))).ToList();
}
