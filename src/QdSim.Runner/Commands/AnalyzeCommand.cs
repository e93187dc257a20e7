using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using QdSim.Analysis.Blinking;
using QdSim.Analysis.ChangePoint;
using QdSim.Analysis.Pipeline;
using QdSim.Runner.Cli;
using QdSim.Runner.Reporting;
using QdSim.TimeTags;
using QdSim.TimeTags.IO;

namespace QdSim.Runner.Commands;

/// <summary>
/// `qdsim analyze FILE [--out DIR] [--config analysis.json] [--set Key=Value]`: reads a PTU, QdSim binary or .npy
/// time-tag file in one streaming pass and writes analysis.json plus CSV tables, each through a temporary name.
/// </summary>
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Time-tag file: PicoQuant PTU (any TTTR record type), QdSim binary or .npy" };
        var output = new Option<string?>("--out") { Description = "Output folder (default: <FILE name>-analysis beside the current folder)" };
        var config = new Option<string?>("--config") { Description = "JSON file with analysis settings (keys as for --set)" };
        var set = new Option<string[]>("--set") { Description = "Override a setting, Key=Value (e.g. BinWidthMs=5, Blinking:Fraction=0.4); repeatable", AllowMultipleArgumentsPerToken = true };
        var figures = new Option<string>("--figures") { Description = ReportCommandSupport.FiguresDescription, DefaultValueFactory = _ => "svg" };
        var report = new Option<bool>("--report") { Description = ReportCommandSupport.ReportDescription, DefaultValueFactory = _ => true };
        var noReport = new Option<bool>("--no-report") { Description = "Do not write report.html" };
        var command = new Command("analyze", "Analyse a measured or simulated time-tag file: intensity trace, blinking, change points, photon numbers, g2 (gated, ON periods), lifetimes (per level)");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(config);
        command.Options.Add(set);
        foreach (var option in new Option[] { figures, report, noReport }) command.Options.Add(option);
        command.SetAction(parseResult => CliRun.Guard(() => Run(
            parseResult.GetValue(file)!, parseResult.GetValue(output), parseResult.GetValue(config), parseResult.GetValue(set) ?? [],
            FigureFormats.Parse(parseResult.GetValue(figures)!), parseResult.GetValue(report) && !parseResult.GetValue(noReport))));
        return command;
    }

    private static int Run(string path, string? outputFolder, string? configPath, string[] overrides, FigureFormat figures, bool writeReport)
    {
        var settings = AnalyzeSettings.Load(configPath, overrides);
        string folder = outputFolder ?? Path.GetFileNameWithoutExtension(path) + "-analysis";
        var readerWarnings = new List<string>();
        var readOptions = new TimeTagReadOptions
        {
            TrustFileSize = settings.TrustFileSize,
            OnWarning = warning => { readerWarnings.Add(warning); Console.Error.WriteLine($"qdsim: warning: {warning}"); },
        };
        ITimeTagReader reader;
        try { reader = TimeTagFile.Open(path, readOptions); }
        catch (TimeTagFormatException e) when (!settings.TrustFileSize && e.Message.Contains("records", StringComparison.Ordinal))
        {
            // A file cut at a record boundary looks like a header that lies about its count: say how to analyse it anyway.
            throw new UserInputException($"{e.Message} (to analyse the complete records the file holds, add --set Reader:TrustFileSize=true)");
        }
        using var _ = reader;
        var result = ProgressReporter.Run($"analyze {Path.GetFileName(path)}",
            progress => FileAnalysis.Run(reader, settings.Options, progress, readerWarnings,
                // The second pass (g2 in ON periods, lifetime per level) reads the file again; its reader warnings were printed already.
                reopen: () => TimeTagFile.Open(path, readOptions with { OnWarning = _ => { } })));

        Directory.CreateDirectory(folder);
        AtomicFile.WriteText(Path.Combine(folder, "analysis.json"), writer => writer.Write(result.Summary.ToJson()));
        foreach (var table in result.Tables()) AtomicFile.WriteText(Path.Combine(folder, table.FileName), table.WriteTo);

        var s = result.Summary;
        Console.WriteLine($"{path}: {s.DurationS:F3} s, " + string.Join(", ", s.Channels.Select(c => $"ch{c.Channel} {c.Counts} counts ({c.MeanRateCps:F0} cps)")));
        foreach (string line in ReportCommandSupport.KeyNumberLines(s)) Console.WriteLine(line);
        Console.WriteLine($"  written to {Path.GetFullPath(folder)}");
        ReportCommandSupport.Write(path, result, folder, figures, writeReport, Console.Out, settings.TrustFileSize);
        return CliRun.ExitOk;
    }

}

/// <summary>
/// Analysis settings from defaults, an optional JSON file and --set overrides (later wins). Every key is checked:
/// an unknown key or a value that does not parse is a one-line error naming the key and the unit.
/// </summary>
internal sealed record AnalyzeSettings(AnalysisOptions Options, bool TrustFileSize)
{
    private static readonly string[] KnownKeys =
    [
        "BinWidthMs", "Blinking:ThresholdRule", "Blinking:Fraction", "Blinking:MaxPercentile", "Blinking:KSigma", "Blinking:BackgroundCps",
        "Blinking:TMinRule", "Blinking:TMaxS", "Blinking:BootstrapSamples", "Blinking:Seed", "Blinking:MinDwells",
        "ChangePoint:Enabled", "ChangePoint:Alpha", "ChangePoint:WindowPhotons", "PhotonNumbers:MaxN", "Lifetime:IrfFwhmPs", "Reader:TrustFileSize",
        "G2:GateNs", "SecondPass:Enabled",
    ];

    public static AnalyzeSettings Load(string? configPath, IEnumerable<string> overrides)
    {
        var builder = new ConfigurationBuilder();
        if (configPath is not null)
        {
            if (!File.Exists(configPath)) throw new UserInputException($"{configPath}: configuration file not found");
            builder.AddJsonFile(Path.GetFullPath(configPath), optional: false);
        }
        var pairs = new Dictionary<string, string?>();
        foreach (var item in overrides)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new UserInputException($"--set {item}: expected Key=Value");
            pairs[item[..eq].Trim().Replace('.', ':')] = item[(eq + 1)..].Trim();
        }
        builder.AddInMemoryCollection(pairs);
        IConfigurationRoot configuration;
        try { configuration = builder.Build(); }
        catch (InvalidDataException e) { throw new UserInputException($"{configPath}: not valid JSON ({e.Message})"); }
        catch (FormatException e) { throw new UserInputException($"{configPath}: not valid JSON ({e.Message})"); }

        foreach (var entry in configuration.AsEnumerable().Where(e => e.Value is not null))
            if (!KnownKeys.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
                throw new UserInputException($"{entry.Key}: unknown analysis setting (known: {string.Join(", ", KnownKeys)})");

        var defaults = new AnalysisOptions();
        var options = new AnalysisOptions
        {
            BinWidthS = Number(configuration, "BinWidthMs", "ms", defaults.BinWidthS * 1e3) * 1e-3,
            Threshold = new OnOffThresholdOptions
            {
                Rule = Enum<ThresholdRule>(configuration, "Blinking:ThresholdRule", defaults.Threshold.Rule),
                Fraction = Number(configuration, "Blinking:Fraction", "(fraction of max)", defaults.Threshold.Fraction),
                MaxPercentile = Number(configuration, "Blinking:MaxPercentile", "%", defaults.Threshold.MaxPercentile),
                KSigma = Number(configuration, "Blinking:KSigma", "σ", defaults.Threshold.KSigma),
                BackgroundCps = OptionalNumber(configuration, "Blinking:BackgroundCps", "counts/s"),
            },
            PowerLaw = new PowerLawFitOptions
            {
                TMinRule = Enum<PowerLawTMinRule>(configuration, "Blinking:TMinRule", defaults.PowerLaw.TMinRule),
                TMaxS = OptionalNumber(configuration, "Blinking:TMaxS", "s"),
                BootstrapSamples = (int)Number(configuration, "Blinking:BootstrapSamples", "replicates", defaults.PowerLaw.BootstrapSamples),
                Seed = (ulong)Number(configuration, "Blinking:Seed", "(integer)", defaults.PowerLaw.Seed),
                MinDwells = (int)Number(configuration, "Blinking:MinDwells", "dwells", defaults.PowerLaw.MinDwells),
            },
            ChangePointEnabled = Bool(configuration, "ChangePoint:Enabled", defaults.ChangePointEnabled),
            ChangePoint = new ChangePointOptions
            {
                Alpha = Number(configuration, "ChangePoint:Alpha", "(probability)", defaults.ChangePoint.Alpha),
                WindowPhotons = (int)Number(configuration, "ChangePoint:WindowPhotons", "photons", defaults.ChangePoint.WindowPhotons),
            },
            IrfFwhmS = Number(configuration, "Lifetime:IrfFwhmPs", "ps", defaults.IrfFwhmS * 1e12) * 1e-12,
            PhotonNumberMax = (int)Number(configuration, "PhotonNumbers:MaxN", "photons", defaults.PhotonNumberMax),
            G2GateS = OptionalNumber(configuration, "G2:GateNs", "ns") * 1e-9,
            SecondPassEnabled = Bool(configuration, "SecondPass:Enabled", defaults.SecondPassEnabled),
        };
        options.Validate();
        return new AnalyzeSettings(options, Bool(configuration, "Reader:TrustFileSize", false));
    }

    private static double Number(IConfiguration c, string key, string unit, double fallback) => OptionalNumber(c, key, unit) ?? fallback;

    private static double? OptionalNumber(IConfiguration c, string key, string unit)
    {
        string? text = c[key];
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)) return value;
        throw new UserInputException($"{key}: '{text}' is not a number (expected {unit})");
    }

    private static bool Bool(IConfiguration c, string key, bool fallback)
    {
        string? text = c[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return bool.TryParse(text, out bool value) ? value : throw new UserInputException($"{key}: '{text}' is not true or false");
    }

    private static T Enum<T>(IConfiguration c, string key, T fallback) where T : struct, System.Enum
    {
        string? text = c[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new UserInputException($"{key}: '{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}");
    }
}
