using System.CommandLine;
using QdSim.Runner.Cli;
using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Commands;

/// <summary>
/// <c>qdsim sweep SWEEP.json [--out DIR] [--shard i/N|slurm] [--threads N] [--plan] [--max-points K] [--backend auto|cpu|cuda]</c>,
/// <c>qdsim sweep --bench [--threads N]</c> and
/// <c>qdsim sweep merge DIR... --out DIR</c>. File format and cluster recipe: docs/sweeps.md.
/// </summary>
internal static class SweepCommand
{
    public static Command Create()
    {
        var sweepFile = new Argument<FileInfo?>("SWEEP") { Description = "Sweep file (JSON; format in docs/sweeps.md)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<DirectoryInfo?>("--out")
        {
            Description = "Sweep directory: points/, results.csv, results.json (default ./<sweep name>-sweep). Rerun with the same --out to resume.",
        };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only shard i of N (\"i/N\", 0-based: 0 <= i < N; or \"slurm\" to read SLURM_ARRAY_TASK_ID/MIN/COUNT)",
        };
        var threads = new Option<int?>("--threads") { Description = "Points computed at once (default: all cores)" };
        var plan = new Option<bool>("--plan") { Description = "Dry run: print the points, expected detected photons and run time" };
        var bench = new Option<bool>("--bench") { Description = "Measure points/s on a built-in 10x10 grid of short runs with 1 thread and all cores (no SWEEP needed)" };
        var maxPoints = new Option<int?>("--max-points")
        {
            Description = "Compute at most K new points, then stop (for wall-time-limited jobs; rerun to continue)",
        };

        var backend = new Option<string?>("--backend") { Description = SweepBackend.OptionDescription };

        var command = new Command("sweep", "Run a parameter sweep or ensemble: simulate and analyse every point, resumably, on all cores or as shards of a job array");
        command.Arguments.Add(sweepFile);
        command.Options.Add(output);
        command.Options.Add(shard);
        command.Options.Add(threads);
        command.Options.Add(plan);
        command.Options.Add(maxPoints);
        command.Options.Add(bench);
        command.Options.Add(backend);
        command.Subcommands.Add(CreateMerge());
        command.SetAction(parseResult => CliRun.Guard(() =>
        {
            var evaluator = SweepEvaluators.Resolve(Environment.GetEnvironmentVariable);
            int threadCount = parseResult.GetValue(threads) ?? Environment.ProcessorCount;
            if (threadCount < 1) throw UserInputException.OutOfRange("--threads", threadCount, "threads", ">= 1");
            // Resolved first so that an unusable --backend cuda fails before anything runs; printed when points run.
            string backendLine = SweepBackend.Resolve(parseResult.GetValue(backend));
            if (parseResult.GetValue(bench))
            {
                Console.Write(SweepBenchmark.Run(evaluator, threadCount, Console.Error));
                return CliRun.ExitOk;
            }
            var file = parseResult.GetValue(sweepFile)
                ?? throw new UserInputException("qdsim sweep: give a sweep file (SWEEP.json), or --bench");
            var definition = SweepFileParser.Load(file.FullName, evaluator.IsKnownKey);
            var sweepPlan = new SweepPlan(definition);
            var shardSpec = parseResult.GetValue(shard) is string text
                ? ShardSpec.Parse(text, Environment.GetEnvironmentVariable)
                : ShardSpec.All;
            if (parseResult.GetValue(maxPoints) is < 0)
                throw new UserInputException("--max-points: must be 0 or more");

            if (parseResult.GetValue(plan))
            {
                Console.Write(SweepPlanReport.Render(sweepPlan, evaluator, shardSpec, threadCount));
                return CliRun.ExitOk;
            }

            string directory = parseResult.GetValue(output)?.FullName
                ?? Path.Combine(Environment.CurrentDirectory, $"{definition.Name}-sweep");
            var options = new SweepRunOptions(directory, shardSpec, threadCount, parseResult.GetValue(maxPoints));
            using var cancellation = new CancellationTokenSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancellation.Cancel(); };
            Console.CancelKeyPress += onCancel;
            try
            {
                Console.Error.WriteLine(backendLine);
                var summary = ProgressReporter.Run($"sweep {definition.Name} [{shardSpec}]",
                    progress => SweepRunner.Run(sweepPlan, evaluator, options, progress, cancellation.Token));
                Console.WriteLine(
                    $"sweep {definition.Name}: shard {shardSpec} owns {summary.PointsInShard} of {sweepPlan.PointCount} points; " +
                    $"{summary.AlreadyFinished} already finished, {summary.Computed} computed now; output {directory}");
                Console.WriteLine(summary.SweepComplete
                    ? $"complete: {Path.Combine(directory, SweepResultsWriter.CsvFileName)}, {SweepResultsWriter.JsonFileName}"
                    : "not complete yet: run the remaining shards/points with the same --out (or merge shard directories with `qdsim sweep merge`)");
                return CliRun.ExitOk;
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
        }));
        return command;
    }

    private static Command CreateMerge()
    {
        var inputs = new Argument<DirectoryInfo[]>("DIR") { Description = "Shard output directories of one sweep", Arity = ArgumentArity.OneOrMore };
        var output = new Option<DirectoryInfo>("--out") { Description = "Combined sweep directory", Required = true };
        var command = new Command("merge", "Combine shard directories of one sweep, checking that no point is missing or duplicated");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.SetAction(parseResult => CliRun.Guard(() =>
        {
            string directory = parseResult.GetValue(output)!.FullName;
            int points = SweepMerger.Merge(parseResult.GetValue(inputs)!.Select(d => d.FullName).ToList(), directory);
            Console.WriteLine($"merged {points} points into {directory}: {SweepResultsWriter.CsvFileName}, {SweepResultsWriter.JsonFileName}");
            return CliRun.ExitOk;
        }));
        return command;
    }
}
