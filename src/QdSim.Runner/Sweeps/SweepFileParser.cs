using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Reads and validates a sweep file (format: docs/sweeps.md). Every mistake is a <see cref="UserInputException"/>
/// naming the sweep file and the offending entry: unknown key, empty axis, zero step or step of the wrong sign,
/// zipped axes of unequal length, malformed distributions.
/// </summary>
public static class SweepFileParser
{
    /// <summary>Version tag folded into the definition hash: bump when the meaning of a sweep file changes.</summary>
    public const string FormatVersion = "qdsim-sweep/1";

    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private static readonly string[] TopLevelKeys = ["name", "seed", "base", "set", "axes", "replicates", "ensemble"];

    /// <summary>Reads <paramref name="path"/>; <paramref name="isKnownKey"/> is the engine's configuration schema.</summary>
    public static SweepDefinition Load(string path, Func<string, bool> isKnownKey)
    {
        string fullPath = Path.GetFullPath(path);
        if (!System.IO.File.Exists(fullPath)) throw new UserInputException($"{path}: sweep file not found");
        return Parse(System.IO.File.ReadAllText(fullPath), fullPath, isKnownKey);
    }

    /// <summary>Parses sweep-file text; <paramref name="sourcePath"/> names it in errors and anchors relative paths.</summary>
    public static SweepDefinition Parse(string json, string sourcePath, Func<string, bool> isKnownKey)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new UserInputException(
                $"{sourcePath}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}");
        }

        using (document)
        {
            var context = new Context(sourcePath, isKnownKey);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw context.Error("", "the sweep file must hold a JSON object");
            foreach (var property in root.EnumerateObject())
                if (!TopLevelKeys.Contains(property.Name))
                    throw context.Error(property.Name, $"unknown entry (expected one of: {string.Join(", ", TopLevelKeys)})");

            string name = root.TryGetProperty("name", out var nameElement)
                ? context.String(nameElement, "name")
                : Path.GetFileNameWithoutExtension(sourcePath);
            ulong seed = root.TryGetProperty("seed", out var seedElement) ? context.Seed(seedElement) : 1;
            var (baseConfiguration, baseContent) = ParseBase(root, context);
            var fixedOverrides = root.TryGetProperty("set", out var set) ? ParseSet(set, context) : [];
            var groups = root.TryGetProperty("axes", out var axes) ? ParseAxes(axes, context) : [];
            int replicates = root.TryGetProperty("replicates", out var rep) ? context.PositiveInt(rep, "replicates", 1_000_000) : 1;
            var (draws, sameDots) = root.TryGetProperty("ensemble", out var ensemble) ? ParseEnsemble(ensemble, context) : ([], false);

            // A spread is centred on the point's own value of its key, so it may (and usually does) share the key
            // of an axis or a fixed override; any other draw would silently replace them.
            CheckKeysUnique(fixedOverrides.Select(o => ("set", o.Key))
                .Concat(groups.SelectMany(g => g.Axes).Select(a => ("axes", a.Key)))
                .Concat(draws.Where(d => d is not EnsembleDraw.RelativeSpread).Select(d => ("ensemble", d.Key))), context);
            CheckKeysUnique(draws.Select(d => ("ensemble", d.Key)), context);

            string hash = Hash(root, baseContent);
            return new SweepDefinition(sourcePath, name, seed, baseConfiguration, fixedOverrides, groups, replicates,
                draws, sameDots, hash);
        }
    }

    private static (BaseConfiguration Base, byte[] Content) ParseBase(JsonElement root, Context context)
    {
        if (!root.TryGetProperty("base", out var element) || element.ValueKind == JsonValueKind.Null)
            return (new BaseConfiguration.EmbeddedDefault(), []);
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                string relative = element.GetString()!;
                if (relative.Length == 0) throw context.Error("base", "empty path (omit 'base' for the embedded default)");
                string directory = Path.GetDirectoryName(context.SourcePath) ?? ".";
                string full = Path.GetFullPath(Path.Combine(directory, relative));
                if (!System.IO.File.Exists(full))
                    throw context.Error("base", $"configuration file '{relative}' not found (looked for {full})");
                return (new BaseConfiguration.File(full), System.IO.File.ReadAllBytes(full));
            case JsonValueKind.Object:
                string json = element.GetRawText();
                return (new BaseConfiguration.Inline(json), []);
            default:
                throw context.Error("base", "expected a configuration file path (relative to the sweep file) or an inline configuration object");
        }
    }

    private static List<KeyValuePair<string, string>> ParseSet(JsonElement set, Context context)
    {
        if (set.ValueKind != JsonValueKind.Object)
            throw context.Error("set", "expected an object of \"section:key\": value overrides");
        var overrides = new List<KeyValuePair<string, string>>();
        foreach (var property in set.EnumerateObject())
        {
            string where = $"set.{property.Name}";
            context.CheckKey(property.Name, where);
            overrides.Add(new(property.Name, context.Scalar(property.Value, where).Text));
        }
        return overrides;
    }

    private static List<AxisGroup> ParseAxes(JsonElement axes, Context context)
    {
        if (axes.ValueKind != JsonValueKind.Array)
            throw context.Error("axes", "expected an array of axes ({\"key\": ..., \"values\"|\"grid\"|\"log\": ...} or {\"zip\": [axes]})");
        var groups = new List<AxisGroup>();
        int index = 0;
        foreach (var entry in axes.EnumerateArray())
        {
            string where = $"axes[{index++}]";
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("zip", out var zip))
            {
                if (zip.ValueKind != JsonValueKind.Array || zip.GetArrayLength() == 0)
                    throw context.Error(where + ".zip", "expected a non-empty array of axes stepped together");
                var zipped = new List<SweepAxis>();
                int inner = 0;
                foreach (var axis in zip.EnumerateArray()) zipped.Add(ParseAxis(axis, $"{where}.zip[{inner++}]", context));
                foreach (var axis in zipped.Skip(1))
                    if (axis.Values.Count != zipped[0].Values.Count)
                        throw context.Error(where + ".zip",
                            $"zipped axes must have equal lengths: '{zipped[0].Key}' has {zipped[0].Values.Count} values, '{axis.Key}' has {axis.Values.Count}");
                groups.Add(new AxisGroup(zipped));
            }
            else
            {
                groups.Add(new AxisGroup([ParseAxis(entry, where, context)]));
            }
        }
        return groups;
    }

    private static SweepAxis ParseAxis(JsonElement axis, string where, Context context)
    {
        if (axis.ValueKind != JsonValueKind.Object)
            throw context.Error(where, "expected an axis object {\"key\": ..., \"values\"|\"grid\"|\"log\": ...}");
        if (!axis.TryGetProperty("key", out var keyElement))
            throw context.Error(where, "axis without \"key\" (the configuration key it sweeps, e.g. \"excitation:meanExcitonsPerPulse\")");
        string key = context.String(keyElement, where + ".key");
        context.CheckKey(key, where);
        string at = $"axis '{key}'";

        var kinds = new[] { "values", "grid", "log" }.Where(k => axis.TryGetProperty(k, out _)).ToList();
        foreach (var property in axis.EnumerateObject())
            if (property.Name != "key" && !kinds.Contains(property.Name))
                throw context.Error(at, $"unknown entry '{property.Name}' (expected \"values\", \"grid\" or \"log\")");
        if (kinds.Count != 1)
            throw context.Error(at, "give exactly one of \"values\" (explicit list), \"grid\" (\"start:stop:step\") or \"log\" ([start, stop, count])");

        var spec = axis.GetProperty(kinds[0]);
        IReadOnlyList<AxisValue> values = kinds[0] switch
        {
            "values" => ExplicitValues(spec, at, context),
            "grid" => GridValues(spec, at, context),
            _ => LogValues(spec, at, context),
        };
        if (values.Count == 0) throw context.Error(at, "empty axis: it has no values");
        return new SweepAxis(key, values);
    }

    private static List<AxisValue> ExplicitValues(JsonElement spec, string at, Context context)
    {
        if (spec.ValueKind != JsonValueKind.Array) throw context.Error(at, "\"values\" must be an array");
        var values = new List<AxisValue>();
        foreach (var element in spec.EnumerateArray()) values.Add(context.Scalar(element, at));
        return values;
    }

    /// <summary>
    /// Linear grid start, start + step, … up to stop inclusive. Computed in decimal arithmetic from the numbers as
    /// written, so "0:1:0.1" gives exactly 0.3 (not 0.30000000000000004) and includes 1.
    /// </summary>
    internal static List<AxisValue> GridValues(JsonElement spec, string at, Context context)
    {
        decimal start, stop, step;
        if (spec.ValueKind == JsonValueKind.String)
        {
            var parts = spec.GetString()!.Split(':');
            if (parts.Length != 3)
                throw context.Error(at, $"grid '{spec.GetString()}' is not \"start:stop:step\"");
            start = context.Decimal(parts[0], at, "grid start");
            stop = context.Decimal(parts[1], at, "grid stop");
            step = context.Decimal(parts[2], at, "grid step");
        }
        else if (spec.ValueKind == JsonValueKind.Array && spec.GetArrayLength() == 3)
        {
            start = context.Decimal(spec[0].GetRawText(), at, "grid start");
            stop = context.Decimal(spec[1].GetRawText(), at, "grid stop");
            step = context.Decimal(spec[2].GetRawText(), at, "grid step");
        }
        else
        {
            throw context.Error(at, "\"grid\" must be \"start:stop:step\" or [start, stop, step]");
        }

        if (step == 0) throw context.Error(at, "grid step is zero");
        if (stop != start && Math.Sign(stop - start) != Math.Sign(step))
            throw context.Error(at, $"grid step {step.ToString(CultureInfo.InvariantCulture)} has the wrong sign to go from {start.ToString(CultureInfo.InvariantCulture)} to {stop.ToString(CultureInfo.InvariantCulture)}");
        decimal intervals = decimal.Floor((stop - start) / step);
        if (intervals + 1 > SweepPlan.MaxPoints)
            throw context.Error(at, $"grid has more than {SweepPlan.MaxPoints:N0} values");
        var values = new List<AxisValue>();
        for (int i = 0; i <= (int)intervals; i++) values.Add(Number((double)(start + i * step)));
        return values;
    }

    /// <summary>
    /// Log grid [start, stop, count]: count values spaced evenly in log, start·(stop/start)^(i/(count−1)), with
    /// both end points exact.
    /// </summary>
    internal static List<AxisValue> LogValues(JsonElement spec, string at, Context context)
    {
        if (spec.ValueKind != JsonValueKind.Array || spec.GetArrayLength() != 3)
            throw context.Error(at, "\"log\" must be [start, stop, count], e.g. [0.01, 2, 12]");
        double start = context.Number(spec[0], at, "log start");
        double stop = context.Number(spec[1], at, "log stop");
        if (spec[2].ValueKind != JsonValueKind.Number || !spec[2].TryGetInt32(out int count))
            throw context.Error(at, $"log count {spec[2].GetRawText()} is not an integer");
        if (count < 0) throw context.Error(at, $"log count {count} is negative");
        if (count == 0) throw context.Error(at, "empty axis: log count is 0");
        if (!(start > 0) || !(stop > 0))
            throw context.Error(at, "log grid needs start and stop > 0");
        if (count == 1 && start != stop)
            throw context.Error(at, "log grid of 1 value needs start = stop");
        var values = new List<AxisValue>(count);
        double logStart = Math.Log(start), logSpan = Math.Log(stop) - logStart;
        for (int i = 0; i < count; i++)
        {
            double value = i == 0 ? start : i == count - 1 ? stop : Math.Exp(logStart + logSpan * i / (count - 1));
            values.Add(Number(value));
        }
        return values;
    }

    private static (List<EnsembleDraw> Draws, bool SameDots) ParseEnsemble(JsonElement ensemble, Context context)
    {
        if (ensemble.ValueKind != JsonValueKind.Object)
            throw context.Error("ensemble", "expected {\"draws\": {key: distribution}, \"sameDotsAtEveryPoint\": false}");
        bool sameDots = false;
        var draws = new List<EnsembleDraw>();
        foreach (var property in ensemble.EnumerateObject())
        {
            switch (property.Name)
            {
                case "sameDotsAtEveryPoint":
                    if (property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                        throw context.Error("ensemble.sameDotsAtEveryPoint", "expected true or false");
                    sameDots = property.Value.GetBoolean();
                    break;
                case "draws":
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw context.Error("ensemble.draws", "expected an object {\"section:key\": {\"distribution\": ...}}");
                    foreach (var draw in property.Value.EnumerateObject()) draws.Add(ParseDraw(draw, context));
                    break;
                default:
                    throw context.Error("ensemble", $"unknown entry '{property.Name}' (expected \"draws\" or \"sameDotsAtEveryPoint\")");
            }
        }
        return (draws, sameDots);
    }

    private static EnsembleDraw ParseDraw(JsonProperty draw, Context context)
    {
        string key = draw.Name;
        string at = $"ensemble draw '{key}'";
        var spec = draw.Value;
        if (spec.ValueKind != JsonValueKind.Object || !spec.TryGetProperty("distribution", out var kindElement))
            throw context.Error(at, "expected {\"distribution\": \"normal\"|\"lognormal\"|\"spread\"|\"isotropic\", ...}");
        string kind = context.String(kindElement, at + ".distribution");
        string[] allowed = kind switch
        {
            "normal" => ["mean", "sd", "min", "max"],
            "lognormal" => ["median", "sigma", "min", "max"],
            "spread" => ["relativeSd", "min", "max"],
            "isotropic" => [],
            _ => throw context.Error(at, $"unknown distribution '{kind}' (expected normal, lognormal, spread or isotropic)"),
        };
        foreach (var property in spec.EnumerateObject())
            if (property.Name != "distribution" && !allowed.Contains(property.Name))
                throw context.Error(at, $"unknown entry '{property.Name}' for a {kind} distribution (expected: {string.Join(", ", allowed)})");

        if (kind == "isotropic")
        {
            var direction = new EnsembleDraw.IsotropicDirection(key);
            context.CheckKey(direction.PolarKey, at);
            context.CheckKey(direction.AzimuthKey, at);
            return direction;
        }
        context.CheckKey(key, at);
        double Required(string name)
        {
            if (!spec.TryGetProperty(name, out var element)) throw context.Error(at, $"missing \"{name}\"");
            return context.Number(element, at, name);
        }
        double Optional(string name, double fallback) =>
            spec.TryGetProperty(name, out var element) ? context.Number(element, at, name) : fallback;
        double min = Optional("min", double.NegativeInfinity), max = Optional("max", double.PositiveInfinity);
        if (!(min < max)) throw context.Error(at, "min must be below max");

        switch (kind)
        {
            case "normal":
                double sd = Required("sd");
                if (!(sd >= 0)) throw context.Error(at, $"sd {sd} is negative");
                return new EnsembleDraw.Normal(key, Required("mean"), sd, min, max);
            case "lognormal":
                double median = Required("median"), sigma = Required("sigma");
                if (!(median > 0)) throw context.Error(at, $"median {median} must be > 0");
                if (!(sigma >= 0)) throw context.Error(at, $"sigma {sigma} is negative");
                return new EnsembleDraw.LogNormal(key, median, sigma, min, max);
            default:
                double relative = Required("relativeSd");
                if (!(relative >= 0)) throw context.Error(at, $"relativeSd {relative} is negative");
                return new EnsembleDraw.RelativeSpread(key, relative, min, max);
        }
    }

    private static void CheckKeysUnique(IEnumerable<(string Section, string Key)> keys, Context context)
    {
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (section, key) in keys)
        {
            if (seen.TryGetValue(key, out var first))
                throw context.Error(key, $"key appears twice (in {first} and in {section}); each key may be set, swept or drawn only once");
            seen[key] = section;
        }
    }

    private static AxisValue Number(double value) => new(value.ToString("R", CultureInfo.InvariantCulture), value);

    /// <summary>SHA-256 over the format version, the canonical (whitespace- and comment-free) sweep JSON and the base file's bytes.</summary>
    private static string Hash(JsonElement root, byte[] baseContent)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes(FormatVersion + "\n"));
        using (var writer = new Utf8JsonWriter(buffer)) root.WriteTo(writer);
        buffer.WriteByte((byte)'\n');
        buffer.Write(baseContent);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Error helpers that prefix the sweep file and the entry.</summary>
    internal sealed class Context(string sourcePath, Func<string, bool> isKnownKey)
    {
        public string SourcePath { get; } = sourcePath;

        public UserInputException Error(string where, string message) =>
            new(where.Length == 0 ? $"{SourcePath}: {message}" : $"{SourcePath}: {where}: {message}");

        public void CheckKey(string key, string where)
        {
            if (key.Length == 0 || key.StartsWith(':') || key.EndsWith(':') || key.Contains("::") || key.Any(char.IsWhiteSpace))
                throw Error(where, $"'{key}' is not a configuration key (colon path such as \"excitation:meanExcitonsPerPulse\")");
            if (!isKnownKey(key))
                throw Error(where, $"unknown configuration key '{key}' (not in the simulation configuration schema)");
        }

        public string String(JsonElement element, string where) =>
            element.ValueKind == JsonValueKind.String ? element.GetString()! : throw Error(where, "expected a string");

        public int PositiveInt(JsonElement element, string where, int max) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out int value) && value >= 1 && value <= max
                ? value
                : throw Error(where, $"expected an integer from 1 to {max:N0}, got {element.GetRawText()}");

        public ulong Seed(JsonElement element) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetUInt64(out ulong value)
                ? value
                : throw Error("seed", $"expected an integer from 0 to {ulong.MaxValue}, got {element.GetRawText()}");

        public double Number(JsonElement element, string where, string what) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out double value) && double.IsFinite(value)
                ? value
                : throw Error(where, $"{what}: expected a number, got {element.GetRawText()}");

        public decimal Decimal(string text, string where, string what) =>
            decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal value)
                ? value
                : throw Error(where, $"{what} '{text}' is not a number");

        /// <summary>A value as a configuration override: numbers keep their text as written, strings as given.</summary>
        public AxisValue Scalar(JsonElement element, string where) => element.ValueKind switch
        {
            JsonValueKind.Number => new AxisValue(element.GetRawText(), element.GetDouble()),
            JsonValueKind.String => new AxisValue(element.GetString()!,
                double.TryParse(element.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? number : null),
            JsonValueKind.True => new AxisValue("true", null),
            JsonValueKind.False => new AxisValue("false", null),
            _ => throw Error(where, $"expected a number, string or boolean, got {element.GetRawText()}"),
        };
    }
}
