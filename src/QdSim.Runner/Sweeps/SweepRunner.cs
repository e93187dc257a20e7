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

        // Fail fast on a value the engine rejects at either end of the shard's range, before any core is busy.
        foreach (int index in todo.Take(1).Concat(todo.TakeLast(1)))
            WithPointContext(plan.Point(index), () => evaluator.Estimate(configurations.ForPoint(plan.Point(index))));

        int done = 0;
        progress?.Report(todo.Count == 0 ? 1 : 0);
        try
        {
            Parallel.ForEach(todo,
                new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellation },
                index =>
                {
                    var point = plan.Point(index);
                    var result = WithPointContext(point, () => EvaluatePoint(plan.Definition, configurations, evaluator, point, cancellation));
                    store.WritePoint(result);
                    int finishedNow = Interlocked.Increment(ref done);
                    progress?.Report((double)finishedNow / todo.Count);
                });
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<UserInputException>().FirstOrDefault() is { } user)
        {
            // A user mistake found inside a worker is reported as one line like any other (points already written stay).
            throw user;
        }

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

    /// <summary>Prefixes a user error raised while evaluating a point with the point's index and inputs.</summary>
    private static T WithPointContext<T>(SweepPoint point, Func<T> body)
    {
        try
        {
            return body();
        }
        catch (UserInputException e)
        {
            string inputs = string.Join(", ", point.Inputs.Select(i => $"{i.Key}={i.Value}"));
            throw new UserInputException($"point {point.Index} ({inputs}): {e.Message}");
        }
    }

    /// <summary>Writes results.csv and results.json from the point files of a complete directory.</summary>
    public static void WriteResults(SweepStore store)
    {
        var points = store.FinishedPoints().Select(store.ReadPoint).ToList();
        SweepResultsWriter.Write(store.Directory, store.Manifest, points);
    }
}
