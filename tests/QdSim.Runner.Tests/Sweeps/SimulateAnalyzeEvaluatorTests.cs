using System.Globalization;
using QdSim.Runner.Sweeps;
using QdSim.Runner.Sweeps.Evaluation;

namespace QdSim.Runner.Tests.Sweeps;

/// <summary>The shipped evaluator: engine + analysis in memory, driven by sweep files.</summary>
public sealed class SimulateAnalyzeEvaluatorTests
{
    private static readonly SimulateAnalyzeEvaluator Evaluator = new();

    /// <summary>
    /// A dot that never blinks or charges, seen by detectors without afterpulsing: the pulsed g2(0) it yields is the
    /// cascade's E[M(M−1)]/E[M]² (the HBT split and the detection efficiencies cancel between zero and side peaks).
    /// </summary>
    private const string CleanSet = """
        "Run:DurationS": 0.5,
        "Detection:TimeTagger:Mode": "T3",
        "Detection:TimeTagger:MicroTimeResolutionPs": 16,
        "Detection:TimeTagger:CableDelaysPs:0": 5000,
        "Detection:TimeTagger:CableDelaysPs:1": 5000,
        "Environment:Processes:0:States:0:Dwell:Min": 1000,
        "Environment:Processes:0:States:0:Dwell:Max": 2000,
        "Environment:Charging:ProbabilityPerAbsorbedPhoton": 0,
        "Detection:OpticalPath:Arms:0:Detector:Afterpulsing:ProbabilityPerAvalanche": 0,
        "Detection:OpticalPath:Arms:1:Detector:Afterpulsing:ProbabilityPerAvalanche": 0
        """;

    [Fact]
    public void Pulsed_g2_over_N_follows_the_analytic_cascade_curve_within_its_uncertainty()
    {
        using var folder = new SweepFolder($$"""
            {"seed": 11, "set": { {{CleanSet}} },
             "axes": [{"key": "Excitation:MeanExcitonsPerPulse", "values": [0.5, 2]}, {"key": "Dot:EdgeNm", "values": [8]}]}
            """);
        SweepRunner.Run(folder.Plan(Evaluator), Evaluator, new SweepRunOptions(folder.Sub("out"), ShardSpec.All, 2));
        var points = Enumerable.Range(0, 2).Select(i => PointResultJson.Read(Path.Combine(folder.Sub("out"), "points", SweepStore.PointFileName(i)))).ToList();
        double Derived(PointResult p, string name) => p.Derived.Single(d => d.Name == name).Value;
        Observable Measured(PointResult p, string name) => p.Observables.Single(o => o.Name == name);

        foreach (var point in points)
        {
            double expected = Derived(point, "g2ZeroCascadeOn");
            foreach (var name in new[] { "g2Zero", "g2ZeroBackgroundCorrected" })
            {
                var g2 = Measured(point, name);
                // g2 uncertainty: Poisson error of the zero and side peak areas (PulsedG2); 4 sigma.
                Assert.True(Math.Abs(g2.Value - expected) <= 4 * g2.Uncertainty,
                    $"<N> = {point.Inputs[0].Value}: {name} = {g2.Value:F4} ± {g2.Uncertainty:F4}, cascade E[M(M-1)]/E[M]^2 = {expected:F4} (4 sigma)");
            }
            Assert.InRange(Measured(point, "onFraction").Value, 0.999, 1.0);
        }
        // The curve rises with <N> (more biexciton cascades): 0.21 at <N> = 0.5 to 0.31 at 2 for this 8 nm dot, while the
        // measured errors at 0.5 s are about 0.014 and 0.007.
        Assert.True(Derived(points[1], "g2ZeroCascadeOn") > Derived(points[0], "g2ZeroCascadeOn") + 0.05);
        Assert.True(Measured(points[1], "g2Zero").Value - Measured(points[0], "g2Zero").Value >
            4 * Math.Sqrt(Math.Pow(Measured(points[1], "g2Zero").Uncertainty, 2) + Math.Pow(Measured(points[0], "g2Zero").Uncertainty, 2)),
            "the measured g2(0) rises between <N> = 0.5 and 2 by more than 4 combined sigma");
    }

    [Fact]
    public void Cascade_g2_of_a_two_level_cascade_matches_the_closed_form()
    {
        // n ≤ 2 (tail folded at n_max = 2), q1 = 0.9, q2 = 0.2: E[M] = P1 q1 + P2 (q1 + q2), E[M(M−1)] = P2 · 2 q1 q2.
        double mean = 0.7, p0 = Math.Exp(-mean), p1 = mean * p0, p2 = 1 - p0 - p1;
        double[] q = [0, 0.9, 0.2];
        double expected = p2 * 2 * 0.9 * 0.2 / Math.Pow(p1 * 0.9 + p2 * 1.1, 2);
        Assert.Equal(expected, SimulateAnalyzeEvaluator.CascadeG2Zero(q, [p0, p1, p2]), 14);
    }

    [Fact]
    public void Unknown_key_is_checked_against_the_engine_schema()
    {
        Assert.True(Evaluator.IsKnownKey("Excitation:MeanExcitonsPerPulse"));
        Assert.True(Evaluator.IsKnownKey("Dot:EdgeNm"));
        var error = Assert.Throws<UserInputException>(() => SweepFileParser.Parse(
            """{"axes": [{"key": "Dot:EdgeLengthNm", "grid": "4:8:1"}]}""", "/data/s.json", Evaluator.IsKnownKey));
        Assert.Equal("/data/s.json: axes[0]: unknown configuration key 'Dot:EdgeLengthNm' (not in the simulation configuration schema)", error.Message);
    }

    [Fact]
    public void A_value_the_engine_rejects_names_the_point_and_the_key()
    {
        // -1 sits in the middle of the axis, so the pre-flight check of the first and last points passes and the
        // error comes from a worker thread: it must still surface as one user error, not an AggregateException.
        using var folder = new SweepFolder("""
            {"set": {"Run:DurationS": 0.001}, "axes": [{"key": "Excitation:MeanExcitonsPerPulse", "values": [0.1, -1, 0.2]}]}
            """);
        var error = Assert.Throws<UserInputException>(() =>
            SweepRunner.Run(folder.Plan(Evaluator), Evaluator, new SweepRunOptions(folder.Sub("out"), ShardSpec.All, 2)));
        Assert.StartsWith("point 1 (Excitation:MeanExcitonsPerPulse=-1): ", error.Message);
        Assert.Contains("MeanExcitonsPerPulse", error.Message[40..]);
    }

    [Fact]
    public void Real_shards_in_separate_processes_sharing_one_directory_equal_the_unsharded_sweep()
    {
        // Short runs, 2 replicates with a drawn size spread and random orientation: the whole chain (loader, engine,
        // analysis, ensemble draws) must give the same bytes in two processes as in one process with two threads.
        using var folder = new SweepFolder("""
            {"seed": 5, "set": {"Run:DurationS": 0.02, "Detection:TimeTagger:Mode": "T3", "Detection:TimeTagger:MicroTimeResolutionPs": 16},
             "axes": [{"key": "Excitation:MeanExcitonsPerPulse", "log": [0.1, 1, 2]}, {"key": "Dot:EdgeNm", "values": [5, 7]}],
             "replicates": 2,
             "ensemble": {"draws": {"Dot:EdgeNm": {"distribution": "spread", "relativeSd": 0.05, "min": 3},
                                    "Dot:Orientation": {"distribution": "isotropic"}}}}
            """);
        SweepRunner.Run(folder.Plan(Evaluator), Evaluator, new SweepRunOptions(folder.Sub("whole"), ShardSpec.All, 2));

        var none = new Dictionary<string, string>();
        var shards = new[]
        {
            QdSimProcess.Start(none, "sweep", folder.SweepFile, "--shard", "0/2", "--out", folder.Sub("shared"), "--threads", "1"),
            QdSimProcess.Start(none, "sweep", folder.SweepFile, "--shard", "1/2", "--out", folder.Sub("shared"), "--threads", "1"),
        };
        foreach (var shard in shards)
        {
            var (code, _, stderr) = QdSimProcess.Wait(shard);
            Assert.True(code == 0, $"shard exit {code}: {stderr}");
        }
        // The last shard to finish found every point and wrote the results; merge re-checks and rewrites them.
        var merge = QdSimProcess.Run(none, "sweep", "merge", folder.Sub("shared"), "--out", folder.Sub("merged"));
        Assert.True(merge.ExitCode == 0, merge.Stderr);
        Assert.Equal(SweepFolder.Results(folder.Sub("whole")), SweepFolder.Results(folder.Sub("shared")));
        Assert.Equal(SweepFolder.Results(folder.Sub("whole")), SweepFolder.Results(folder.Sub("merged")));

        var point = PointResultJson.Read(Path.Combine(folder.Sub("whole"), "points", SweepStore.PointFileName(3)));
        Assert.Equal(["Dot:EdgeNm", "Dot:OrientationPolarDeg", "Dot:OrientationAzimuthDeg"], point.Dots[0].Drawn.Select(d => d.Key));
        Assert.NotEqual(point.Dots[0].Drawn[0].Value, point.Dots[1].Drawn[0].Value);
        Assert.True(double.Parse(point.Dots[0].Drawn[0].Value, CultureInfo.InvariantCulture) is > 3 and < 14,
            "a 5 % spread around 7 nm stays within 3 sigma of 7 nm in practice; the bound is generous: min 3, 14 = 2 × centre");
    }
}
