using System.CommandLine;
using System.Globalization;
using QdSim.Engine.Output;
using QdSim.Engine.Simulation;
using QdSim.Runner.Cli;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Commands;

/// <summary>
/// <c>qdsim simulate [CONFIG] [--out DIR] [--seed N] [--duration-s T] [--format ptu] [--threads N] [--set K=V]...</c>:
/// one single-dot experiment to time-tag files, ground truth and a run summary (docs/configuration.md).
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var config = new Argument<string?>("CONFIG") { Description = "JSON configuration (layered over the embedded default; see docs/configuration.md and configs/)", Arity = ArgumentArity.ZeroOrOne };
        var outDir = new Option<string>("--out") { Description = "output folder", DefaultValueFactory = _ => "qdsim-out" };
        var seed = new Option<ulong?>("--seed") { Description = "random seed (overrides Run:Seed)" };
        var duration = new Option<double?>("--duration-s") { Description = "experiment duration, s (overrides Run:DurationS)" };
        var format = new Option<string?>("--format") { Description = "time-tag format: ptu, bin (QdSim binary) or npy (overrides Output:Format)" };
        var threads = new Option<int?>("--threads") { Description = "worker threads; output is identical for any value (overrides Run:Threads)" };
        var set = new Option<string[]>("--set") { Description = "override a configuration key: Section:Key=Value (repeatable)", AllowMultipleArgumentsPerToken = false };
        var printDefault = new Option<bool>("--print-default") { Description = "print the embedded default configuration and exit" };

        var command = new Command("simulate", "Simulate a single-dot HBT experiment: PTU time tags, ground truth, run summary");
        command.Arguments.Add(config);
        foreach (var o in new Option[] { outDir, seed, duration, format, threads, set, printDefault }) command.Options.Add(o);
        command.SetAction(parse => CliRun.Guard(() =>
        {
            if (parse.GetValue(printDefault))
            {
                Console.Out.Write(ConfigurationLoader.EmbeddedDefaultText());
                return CliRun.ExitOk;
            }
            var overrides = new List<string>(parse.GetValue(set) ?? []);
            if (parse.GetValue(seed) is { } s) overrides.Add($"Run:Seed={s}");
            if (parse.GetValue(duration) is { } d) overrides.Add($"Run:DurationS={d.ToString("R", CultureInfo.InvariantCulture)}");
            if (parse.GetValue(format) is { } f) overrides.Add($"Output:Format={(f.Equals("bin", StringComparison.OrdinalIgnoreCase) ? "QdSimBinary" : f)}");
            if (parse.GetValue(threads) is { } t) overrides.Add($"Run:Threads={t}");
            return Run(parse.GetValue(config), parse.GetValue(outDir)!, overrides);
        }));
        return command;
    }

    /// <summary>Loads the configuration, runs the experiment with a progress display, writes the summary; returns the exit code.</summary>
    internal static int Run(string? configPath, string outDir, IReadOnlyList<string> overrides, bool quiet = false)
    {
        var cfg = ConfigurationLoader.Load(configPath, overrides);
        var options = new OutputOptions(outDir, cfg.Output.BaseName, cfg.Output.Format, cfg.Output.GroundTruth);
        RunOutcome outcome = quiet
            ? ExperimentRunner.Run(cfg.Experiment, cfg.Detection, options)
            : ProgressReporter.Run("simulate", progress => ExperimentRunner.Run(cfg.Experiment, cfg.Detection, options, progress));
        string summaryPath = Path.Combine(outDir, cfg.Output.BaseName + ".summary.json");
        var files = outcome.Files.Append(summaryPath).ToList();
        RunSummary.Write(summaryPath, RunSummary.Build(outcome with { Files = files }, cfg.Experiment, cfg.Detection, cfg.Sources));
        if (!quiet)
        {
            var r = outcome.Result;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"qdsim simulate: {cfg.Experiment.Run.DurationS} s, {r.ModeUsed}, {outcome.TimeTagRecords} records ({string.Join(" / ", r.EventsByDetector)} events per detector) in {outcome.WallTimeS:F2} s"));
            foreach (var file in files) Console.WriteLine($"  wrote {file}");
        }
        return CliRun.ExitOk;
    }
}
