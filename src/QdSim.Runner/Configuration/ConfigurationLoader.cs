using System.Collections;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using QdSim.Models;
using QdSim.Models.Parameters;

namespace QdSim.Runner.Configuration;

/// <summary>
/// Builds a <see cref="SimulationConfiguration"/> from layers, later ones winning key by key: the embedded default
/// (a ~4.5 nm PEA-capped CsPbBr3 dot), the user's JSON file, environment variables QDSIM_&lt;Section&gt;__&lt;Key&gt;,
/// and <c>--set Section:Key=Value</c> overrides. Every key is checked against the typed sections (an unknown key is an
/// error, with the file it came from), bound, then range-checked; every failure is one
/// <see cref="UserInputException"/> line naming the key, the file and the unit.
/// </summary>
public static class ConfigurationLoader
{
    public const string EnvironmentPrefix = "QDSIM_";
    public const string EmbeddedDefaultName = "embedded default";
    private const string ResourceName = "QdSim.Runner.Configuration.default.json";

    /// <summary>Top-level sections and the types their keys bind to (a section may feed several types).</summary>
    private static readonly Dictionary<string, Type[]> Sections = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Dot"] = [typeof(DotKineticsParameters), typeof(DotDescriptionSection)],
        ["Excitation"] = [typeof(ExcitationParameters)],
        ["Environment"] = [typeof(EnvironmentParameters)],
        ["Damage"] = [typeof(DamageParameters)],
        ["Run"] = [typeof(RunParameters)],
        ["Detection"] = [typeof(DetectionParameters)],
        ["Output"] = [typeof(OutputSection)],
    };

    /// <summary>Free-text keys allowed at the top level (presets name their sources here).</summary>
    private static readonly HashSet<string> TextKeys = new(StringComparer.OrdinalIgnoreCase) { "Source", "Comment", "Name" };

    public static SimulationConfiguration Load(string? configPath, IEnumerable<string> overrides, IDictionary? environment = null)
    {
        var builder = new ConfigurationBuilder();
        using var defaults = OpenEmbeddedDefault();
        builder.AddJsonStream(defaults);
        var names = new List<string> { EmbeddedDefaultName };
        if (configPath is not null)
        {
            string full = Path.GetFullPath(configPath);
            if (!File.Exists(full)) throw new UserInputException($"{configPath}: configuration file not found");
            builder.AddJsonFile(full, optional: false, reloadOnChange: false);
            names.Add(configPath);
        }
        builder.Add(new MemoryConfigurationSource { InitialData = EnvironmentOverrides(environment ?? System.Environment.GetEnvironmentVariables()) });
        names.Add($"environment ({EnvironmentPrefix}*)");
        builder.Add(new MemoryConfigurationSource { InitialData = ParseOverrides(overrides) });
        names.Add("--set");

        IConfigurationRoot root;
        try
        {
            root = builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new UserInputException($"{configPath}: not valid JSON ({e.InnerException?.Message ?? e.Message})");
        }
        catch (FormatException e)
        {
            throw new UserInputException($"{configPath}: not valid JSON ({e.Message})");
        }

        var sources = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in root.AsEnumerable())
        {
            if (value is null) continue;
            string origin = OriginOf(root, key, names);
            CheckKnown(key, origin);
            sources[key] = origin;
        }
        string fileLabel = configPath ?? EmbeddedDefaultName;
        try
        {
            return Bind(root, sources, fileLabel);
        }
        catch (UserInputException e) when (!e.Message.StartsWith(fileLabel, StringComparison.Ordinal))
        {
            // Name the layer the offending value came from (file, environment or --set), not just the base file.
            int colon = e.Message.IndexOf(": ", StringComparison.Ordinal);
            string label = colon > 0 && sources.TryGetValue(e.Message[..colon], out var origin) ? origin : fileLabel;
            throw new UserInputException($"{label}: {e.Message}");
        }
    }

    private static SimulationConfiguration Bind(IConfigurationRoot root, Dictionary<string, string> sources, string fileLabel)
    {
        var dotExplicit = Get<DotKineticsParameters>(root, "Dot", fileLabel);
        var description = Get<DotDescriptionSection>(root, "Dot", fileLabel);
        var excitation = Get<ExcitationParameters>(root, "Excitation", fileLabel);
        bool UserGave(string key) => sources.TryGetValue(key, out var s) && s != EmbeddedDefaultName;
        var (dot, ex) = DotDerivation.Apply(dotExplicit, excitation, description, UserGave, sources);
        var experiment = new ExperimentParameters
        {
            Dot = dot,
            Excitation = ex,
            Environment = Get<EnvironmentParameters>(root, "Environment", fileLabel),
            Damage = Get<DamageParameters>(root, "Damage", fileLabel),
            Run = Get<RunParameters>(root, "Run", fileLabel),
        };
        var detection = Get<DetectionParameters>(root, "Detection", fileLabel);
        var output = Get<OutputSection>(root, "Output", fileLabel);
        experiment.Validate();
        detection.Validate();
        string description2 = root["Name"] ?? root["Source"] ?? "";
        return new SimulationConfiguration(experiment, detection, output, sources, description2);
    }

    private static T Get<T>(IConfiguration root, string section, string fileLabel) where T : new()
    {
        try
        {
            var target = new T();
            var sectionConfig = root.GetSection(section);
            ClearConfiguredCollections(target, sectionConfig);
            sectionConfig.Bind(target);
            return target;
        }
        catch (InvalidOperationException e)
        {
            // "Failed to convert configuration value '...' at 'Dot:X' to type '...'": name key and expected type.
            string message = e.Message;
            int at = message.IndexOf(" at '", StringComparison.Ordinal);
            string key = at >= 0 ? message[(at + 5)..message.IndexOf('\'', at + 5)] : section;
            throw new UserInputException($"{fileLabel}: {key}: value cannot be read as {ExpectedKind(e)}");
        }
    }

    /// <summary>
    /// The binder appends configured list items to a default list (a default [0.5, 0.5] plus two configured fractions
    /// would give four). So every collection that the configuration sets is emptied first, recursing into existing
    /// nested objects, and the configured items replace the default ones.
    /// </summary>
    private static void ClearConfiguredCollections(object target, IConfigurationSection section)
    {
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite || property.GetIndexParameters().Length > 0) continue;
            var child = section.GetSection(property.Name);
            if (!child.Exists()) continue;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsLeaf(type)) continue;
            if (ElementType(type) is { } element)
            {
                property.SetValue(target, Array.CreateInstance(element, 0));
                continue;
            }
            if (property.GetValue(target) is { } nested) ClearConfiguredCollections(nested, child);
        }
    }

    private static string ExpectedKind(InvalidOperationException e)
    {
        string m = e.Message;
        int to = m.LastIndexOf("type '", StringComparison.Ordinal);
        if (to < 0) return "the expected type";
        string type = m[(to + 6)..].TrimEnd('.', '\'');
        var t = Type.GetType(type);
        if (t is { IsEnum: true }) return $"one of {string.Join(", ", Enum.GetNames(t))}";
        return type switch
        {
            "System.Double" => "a number",
            "System.Int32" or "System.Int64" or "System.UInt64" => "an integer",
            "System.Boolean" => "true or false",
            _ => type,
        };
    }

    private static Stream OpenEmbeddedDefault() =>
        typeof(ConfigurationLoader).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"embedded resource {ResourceName} missing from the build");

    /// <summary>The embedded default configuration, as text (for <c>qdsim simulate --print-default</c> and docs).</summary>
    public static string EmbeddedDefaultText()
    {
        using var reader = new StreamReader(OpenEmbeddedDefault());
        return reader.ReadToEnd();
    }

    private static string OriginOf(IConfigurationRoot root, string key, List<string> names)
    {
        var providers = root.Providers.ToList();
        for (int i = providers.Count - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out _)) return names[i];
        }
        return EmbeddedDefaultName;
    }

    private static Dictionary<string, string?> EnvironmentOverrides(IDictionary environment)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase)) continue;
            // Only QDSIM_<Section>__<Key> are configuration; other QDSIM_ variables (QDSIM_SHARED) are not.
            if (!name.Contains("__", StringComparison.Ordinal)) continue;
            result[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
        }
        return result;
    }

    /// <summary>Parses "Section:Key=Value" (dots accepted as separators in the key).</summary>
    public static Dictionary<string, string?> ParseOverrides(IEnumerable<string> overrides)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (string item in overrides)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new UserInputException($"--set {item}: expected Section:Key=Value");
            result[item[..eq].Trim().Replace('.', ':')] = item[(eq + 1)..].Trim();
        }
        return result;
    }

    /// <summary>Walks the key's path through the section types; throws naming key and origin when a segment matches nothing.</summary>
    private static void CheckKnown(string key, string origin)
    {
        var parts = key.Split(':');
        if (parts.Length == 1)
        {
            if (TextKeys.Contains(parts[0]) || Sections.ContainsKey(parts[0])) return;
            throw Unknown(key, origin, "top-level sections are " + string.Join(", ", Sections.Keys.Concat(TextKeys)));
        }
        if (!Sections.TryGetValue(parts[0], out var types))
            throw Unknown(key, origin, "top-level sections are " + string.Join(", ", Sections.Keys.Concat(TextKeys)));
        foreach (var root in types)
        {
            if (Resolves(root, parts.AsSpan(1))) return;
        }
        throw Unknown(key, origin, $"known keys here: {string.Join(", ", KnownAt(types, parts))}");
    }

    private static UserInputException Unknown(string key, string origin, string hint) =>
        new($"{origin}: {key}: unknown configuration key ({hint})");

    private static bool Resolves(Type type, ReadOnlySpan<string> path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (path.Length == 0) return true;
        if (IsLeaf(type)) return false;
        if (ElementType(type) is { } element)
            return int.TryParse(path[0], NumberStyles.None, CultureInfo.InvariantCulture, out _) && Resolves(element, path[1..]);
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        return property is not null && property.CanWrite && Resolves(property.PropertyType, path[1..]);
    }

    private static IEnumerable<string> KnownAt(Type[] types, string[] parts)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var t in types)
        {
            Type? current = t;
            for (int i = 1; i < parts.Length - 1 && current is not null; i++)
            {
                current = Nullable.GetUnderlyingType(current) ?? current;
                if (ElementType(current) is { } e) { current = e; continue; }
                current = current.GetProperty(parts[i], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            }
            if (current is null) continue;
            current = Nullable.GetUnderlyingType(current) ?? current;
            if (ElementType(current) is { } el) current = el;
            foreach (var p in current.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)) names.Add(p.Name);
        }
        return names;
    }

    private static bool IsLeaf(Type t) => t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal);

    private static Type? ElementType(Type t)
    {
        if (t.IsArray) return t.GetElementType();
        if (t.IsGenericType && t.GetGenericArguments().Length == 1 && typeof(IEnumerable).IsAssignableFrom(t) && t != typeof(string))
            return t.GetGenericArguments()[0];
        return null;
    }
}
