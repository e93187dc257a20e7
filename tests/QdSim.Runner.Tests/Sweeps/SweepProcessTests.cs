using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

/// <summary>The shipped CLI run as separate processes: shards, merge, exit codes.</summary>
public sealed class SweepProcessTests
{
    private static readonly Dictionary<string, string> TestEvaluator = new()
    {
        [SweepEvaluators.EnvironmentVariable] = QdSimProcess.TestEvaluator,
    };

    [Fact]
    public void Shards_in_separate_processes_merge_to_the_unsharded_result()
    {
        using var folder = new SweepFolder(SweepFolder.SmallSweep);
        var evaluator = new CascadeTestEvaluator();
        SweepRunner.Run(folder.Plan(evaluator), evaluator, new SweepRunOptions(folder.Sub("whole"), ShardSpec.All, 2));

        // Three shard processes at once, like a job array; one reads its shard from the Slurm variables (array 1-3).
        var shards = new[]
        {
            QdSimProcess.Start(TestEvaluator, "sweep", folder.SweepFile, "--shard", "0/3", "--out", folder.Sub("s0"), "--threads", "1"),
            QdSimProcess.Start(new Dictionary<string, string>(TestEvaluator)
            {
                ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_MAX"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "3",
            }, "sweep", folder.SweepFile, "--shard", "slurm", "--out", folder.Sub("s1"), "--threads", "1"),
            QdSimProcess.Start(TestEvaluator, "sweep", folder.SweepFile, "--shard", "2/3", "--out", folder.Sub("s2"), "--threads", "2"),
        };
        foreach (var shard in shards)
        {
            var (code, stdout, stderr) = QdSimProcess.Wait(shard);
            Assert.True(code == 0, $"shard exit {code}: {stderr}");
            Assert.Contains("owns 4 of 12 points", stdout);
        }

        var merge = QdSimProcess.Run(TestEvaluator, "sweep", "merge", folder.Sub("s0"), folder.Sub("s1"), folder.Sub("s2"), "--out", folder.Sub("merged"));
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Equal(SweepFolder.Results(folder.Sub("whole")), SweepFolder.Results(folder.Sub("merged")));

        var incomplete = QdSimProcess.Run(TestEvaluator, "sweep", "merge", folder.Sub("s0"), folder.Sub("s2"), "--out", folder.Sub("bad"));
        Assert.Equal(2, incomplete.ExitCode);
        Assert.Contains("points missing", incomplete.Stderr);
    }

    [Fact]
    public void Invalid_sweep_file_exits_2_with_one_line_naming_file_and_key()
    {
        using var folder = new SweepFolder("""{"axes": [{"key": "dot:edgeNm", "grid": "8:4:1"}]}""");
        var (code, _, stderr) = QdSimProcess.Run(TestEvaluator, "sweep", folder.SweepFile, "--out", folder.Sub("out"));
        Assert.Equal(2, code);
        Assert.Equal($"qdsim: error: {folder.SweepFile}: axis 'dot:edgeNm': grid step 1 has the wrong sign to go from 8 to 4", stderr.Trim());
    }

    [Fact]
    public void Plan_prints_every_point_with_its_estimate_and_runs_nothing()
    {
        using var folder = new SweepFolder(SweepFolder.SmallSweep);
        var (code, stdout, stderr) = QdSimProcess.Run(TestEvaluator, "sweep", folder.SweepFile, "--plan", "--out", folder.Sub("out"));
        Assert.True(code == 0, stderr);
        Assert.Contains("12 points x 2 dot(s)", stdout);
        Assert.Contains("excitation:meanExcitonsPerPulse=2, dot:edgeNm=6, dot:qyRatio=0.2", stdout);
        // 3000 pulses x (1 - e^-2) x 2 dots = 5188 expected photons at the last point.
        Assert.Contains("5188", stdout);
        Assert.False(Directory.Exists(folder.Sub("out")));
    }

    [Fact]
    public void Backend_cpu_runs_and_cuda_is_refused_with_one_line()
    {
        using var folder = new SweepFolder(SweepFolder.SmallSweep);
        var cpu = QdSimProcess.Run(TestEvaluator, "sweep", folder.SweepFile, "--backend", "cpu", "--out", folder.Sub("cpu"), "--threads", "1");
        Assert.True(cpu.ExitCode == 0, cpu.Stderr);
        Assert.Contains("backend: cpu (requested)", cpu.Stderr);
        Assert.Contains("owns 12 of 12 points", cpu.Stdout);

        // Whether or not this machine has a usable GPU, a sweep cannot run on CUDA: exit 2, one line saying why, nothing computed.
        var cuda = QdSimProcess.Run(TestEvaluator, "sweep", folder.SweepFile, "--backend", "cuda", "--out", folder.Sub("cuda"));
        Assert.Equal(2, cuda.ExitCode);
        Assert.StartsWith("qdsim: error: --backend cuda: ", cuda.Stderr.Trim());
        Assert.Single(cuda.Stderr.Trim().Split('\n'));
        Assert.False(Directory.Exists(folder.Sub("cuda")), "a refused backend must not start the sweep");

        var unknown = QdSimProcess.Run(TestEvaluator, "sweep", folder.SweepFile, "--backend", "opencl", "--out", folder.Sub("x"));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("'opencl' is not a backend", unknown.Stderr);
    }
}
