using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

/// <summary>Scheduling, resume and merge in one process: results must be byte-identical however the work was done.</summary>
public sealed class SweepRunnerTests
{
    private static readonly CascadeTestEvaluator Evaluator = new();

    [Fact]
    public void One_and_two_threads_give_identical_bytes()
    {
        using var folder = new SweepFolder(SweepFolder.SmallSweep);
        var plan = folder.Plan(Evaluator);
        var one = SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("t1"), ShardSpec.All, 1));
        var two = SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("t2"), ShardSpec.All, 2));
        Assert.True(one.SweepComplete && two.SweepComplete);
        Assert.Equal(12, one.Computed);
        Assert.Equal(SweepFolder.Results(folder.Sub("t1")), SweepFolder.Results(folder.Sub("t2")));
        string[] csv = File.ReadAllLines(Path.Combine(folder.Sub("t1"), SweepResultsWriter.CsvFileName));
        Assert.Equal(13, csv.Length);
        Assert.Equal("point,seed,dots,excitation:meanExcitonsPerPulse,dot:edgeNm,dot:qyRatio,volumeNm3,photonsPerPulse,photonsPerPulse_err,g2Zero,g2Zero_err", csv[0]);
        Assert.Equal(Enumerable.Range(0, 12).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), csv.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Resumed_sweep_equals_an_uninterrupted_one_byte_for_byte()
    {
        using var folder = new SweepFolder(SweepFolder.SmallSweep);
        var plan = folder.Plan(Evaluator);
        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("whole"), ShardSpec.All, 2));

        // Interrupted after 5 points (as a job hitting its wall-time limit), then rerun.
        var stopped = SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("resumed"), ShardSpec.All, 2, MaxNewPoints: 5));
        Assert.False(stopped.SweepComplete);
        Assert.Equal(5, stopped.Computed);
        Assert.False(File.Exists(Path.Combine(folder.Sub("resumed"), SweepResultsWriter.CsvFileName)));
        var resumed = SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("resumed"), ShardSpec.All, 2));
        Assert.Equal((5, 7, true), (resumed.AlreadyFinished, resumed.Computed, resumed.SweepComplete));
        Assert.Equal(SweepFolder.Results(folder.Sub("whole")), SweepFolder.Results(folder.Sub("resumed")));

        // Points lost (deleted) plus a temporary file of a point that was in flight when the job was killed.
        var store = folder.Sub("resumed");
        File.Delete(Path.Combine(store, "points", SweepStore.PointFileName(3)));
        File.Delete(Path.Combine(store, "points", SweepStore.PointFileName(10)));
        File.WriteAllText(Path.Combine(store, "points", SweepStore.PointFileName(10) + ".tmp-999-1"), "{ \"poi");
        var again = SweepRunner.Run(plan, Evaluator, new SweepRunOptions(store, ShardSpec.All, 1));
        Assert.Equal(2, again.Computed);
        Assert.Equal(SweepFolder.Results(folder.Sub("whole")), SweepFolder.Results(store));
        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Sub("whole"), "points", SweepStore.PointFileName(3))),
            File.ReadAllBytes(Path.Combine(store, "points", SweepStore.PointFileName(3))));
    }

    [Fact]
    public void Merge_refuses_missing_and_duplicated_points()
    {
        using var folder = new SweepFolder(SweepFolder.SmallSweep);
        var plan = folder.Plan(Evaluator);
        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("s0"), new ShardSpec(0, 3), 1));
        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("s1"), new ShardSpec(1, 3), 1));
        var missing = Assert.Throws<UserInputException>(() => SweepMerger.Merge([folder.Sub("s0"), folder.Sub("s1")], folder.Sub("m")));
        Assert.Contains("4 of 12 points missing (first: 2, 5, 8, 11)", missing.Message);

        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("s2"), new ShardSpec(2, 3), 1));
        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("extra"), new ShardSpec(1, 6), 1)); // points 1, 7: also in s1
        var duplicated = Assert.Throws<UserInputException>(() =>
            SweepMerger.Merge([folder.Sub("s0"), folder.Sub("s1"), folder.Sub("s2"), folder.Sub("extra")], folder.Sub("m")));
        Assert.Contains("point 1 is in both", duplicated.Message);

        Assert.Equal(12, SweepMerger.Merge([folder.Sub("s0"), folder.Sub("s1"), folder.Sub("s2")], folder.Sub("m")));
        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("whole"), ShardSpec.All, 2));
        Assert.Equal(SweepFolder.Results(folder.Sub("whole")), SweepFolder.Results(folder.Sub("m")));
    }

    [Fact]
    public void Replicates_are_combined_as_mean_and_standard_error()
    {
        using var folder = new SweepFolder("""{"set": {"run:pulses": 4000}, "replicates": 5}""");
        var plan = folder.Plan(Evaluator);
        SweepRunner.Run(plan, Evaluator, new SweepRunOptions(folder.Sub("out"), ShardSpec.All, 2));
        var point = PointResultJson.Read(Path.Combine(folder.Sub("out"), "points", SweepStore.PointFileName(0)));
        Assert.Equal(5, point.Dots.Count);
        Assert.Equal(5, point.Dots.Select(d => d.Seed).Distinct().Count());
        var values = point.Dots.Select(d => d.Result.Observables[0].Value).ToList();
        double mean = values.Average();
        double standardError = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 4 / 5);
        double propagated = Math.Sqrt(point.Dots.Sum(d => Math.Pow(d.Result.Observables[0].Uncertainty, 2))) / 5;
        Assert.Equal(mean, point.Observables[0].Value, 15);
        Assert.Equal(Math.Max(standardError, propagated), point.Observables[0].Uncertainty, 15);
    }
}
