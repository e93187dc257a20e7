namespace QdSim.Runner.Sweeps;

/// <summary>How to run a sweep (or one shard of it).</summary>
/// <param name="OutputDirectory">Sweep directory (created; reused to resume).</param>
/// <param name="Shard">Which slice of the points this process computes.</param>
/// <param name="Threads">Points computed at once (default: all cores).</param>
/// <param name="MaxNewPoints">Stop after computing this many new points (wall-time-limited jobs); null: no limit.</param>
public sealed record SweepRunOptions(string OutputDirectory, ShardSpec Shard, int Threads, int? MaxNewPoints = null);

/// <summary>What a run did.</summary>
/// <param name="PointsInShard">Points this shard owns.</param>
/// <param name="AlreadyFinished">Of those, points found finished in the directory and skipped.</param>
/// <param name="Computed">Points computed by this run.</param>
/// <param name="SweepComplete">True when the directory now holds every point of the sweep (results were written).</param>
public sealed record SweepRunSummary(int PointsInShard, int AlreadyFinished, int Computed, bool SweepComplete);

/// <summary>
/// Runs the points of a sweep in parallel — one point per task, <see cref="SweepRunOptions.Threads"/> at a time —
/// writing each point as soon as it finishes. Order of completion is irrelevant: each point depends only on its
/// index (seed, inputs), and the results are sorted by index when they are combined.
/// </summary>
public static class SweepRunner
{
    public static SweepRunSummary Run(SweepPlan plan, IPointEvaluator evaluator, SweepRunOptions options,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Threads, 1);
        var store = SweepStore.OpenOrCreate(options.OutputDirectory, SweepManifest.For(plan, evaluator));
        var configurations = new PointConfigurations(plan.Definition, evaluator.DefaultConfigurationJson);

        var owned = Enumerable.Range(0, plan.PointCount).Where(options.Shard.Owns).ToList();
        var finished = store.FinishedPoints();
        var todo = owned.Where(i => !finished.Contains(i)).ToList();
        if (options.MaxNewPoints is int limit) todo = todo.Take(Math.Max(0, limit)).ToList();

        int done = 0;
        progress?.Report(todo.Count == 0 ? 1 : 0);
        Parallel.ForEach(todo,
            new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellation },
            index =>
            {
                var point = plan.Point(index);
                store.WritePoint(EvaluatePoint(plan.Definition, configurations, evaluator, point, cancellation));
                int finishedNow = Interlocked.Increment(ref done);
                progress?.Report((double)finishedNow / todo.Count);
            });

        bool complete = store.FinishedPoints().Count == plan.PointCount;
        if (complete) WriteResults(store);
        return new SweepRunSummary(owned.Count, owned.Count(finished.Contains), done, complete);
    }

    /// <summary>Evaluates every dot of one point and combines them; pure function of the point and the definition.</summary>
    public static PointResult EvaluatePoint(SweepDefinition definition, PointConfigurations configurations,
        IPointEvaluator evaluator, SweepPoint point, CancellationToken cancellation)
    {
        var pointConfiguration = configurations.ForPoint(point);
        var dots = new List<DotRecord>(definition.Replicates);
        for (int dot = 0; dot < definition.Replicates; dot++)
        {
            cancellation.ThrowIfCancellationRequested();
            var (configuration, drawn) = configurations.ForDot(point, pointConfiguration, dot);
            ulong seed = PointSeeds.ForDot(point.Seed, dot);
            var result = evaluator.Evaluate(new DotRun(point.Index, dot, seed, configuration), cancellation);
            dots.Add(new DotRecord(dot, seed, drawn, result));
        }
        return PointResult.Combine(point, dots);
    }

    /// <summary>Writes results.csv and results.json from the point files of a complete directory.</summary>
    public static void WriteResults(SweepStore store)
    {
        var points = store.FinishedPoints().Select(store.ReadPoint).ToList();
        SweepResultsWriter.Write(store.Directory, store.Manifest, points);
    }
}
