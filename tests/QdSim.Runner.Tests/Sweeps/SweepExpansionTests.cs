using System.Text.Json;
using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

public sealed class SweepExpansionTests
{
    private static readonly CascadeTestEvaluator Evaluator = new();

    private static SweepDefinition Parse(string json) => SweepFileParser.Parse(json, "/tmp/test-sweep.json", Evaluator.IsKnownKey);

    [Fact]
    public void Linear_grid_is_exact_in_decimal_and_includes_stop()
    {
        var axis = Parse("""{"axes": [{"key": "dot:edgeNm", "grid": "0:1:0.1"}]}""").Groups[0].Axes[0];
        Assert.Equal(["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"], axis.Values.Select(v => v.Text));
        Assert.Equal(0.3, axis.Values[3].Number);
    }

    [Fact]
    public void Descending_grid_with_negative_step_and_stop_off_the_grid()
    {
        var axis = Parse("""{"axes": [{"key": "dot:edgeNm", "grid": [8, 5.5, -1]}]}""").Groups[0].Axes[0];
        Assert.Equal(["8", "7", "6"], axis.Values.Select(v => v.Text));
    }

    [Fact]
    public void Log_grid_has_exact_end_points_and_a_constant_ratio()
    {
        var values = Parse("""{"axes": [{"key": "excitation:meanExcitonsPerPulse", "log": [0.01, 2, 12]}]}""")
            .Groups[0].Axes[0].Values.Select(v => v.Number!.Value).ToList();
        Assert.Equal(12, values.Count);
        Assert.Equal(0.01, values[0]);
        Assert.Equal(2, values[^1]);
        double ratio = Math.Pow(200, 1.0 / 11);
        for (int i = 1; i < values.Count; i++)
            Assert.True(Math.Abs(values[i] / values[i - 1] / ratio - 1) < 1e-12, $"ratio at {i}: {values[i] / values[i - 1]} vs {ratio}");
    }

    [Fact]
    public void Explicit_values_keep_their_text_including_strings()
    {
        var axis = Parse("""{"axes": [{"key": "dot:ligand", "values": ["PEA", "DDA", 1e-3]}]}""").Groups[0].Axes[0];
        Assert.Equal(["PEA", "DDA", "1e-3"], axis.Values.Select(v => v.Text));
        Assert.Null(axis.Values[0].Number);
        Assert.Equal(1e-3, axis.Values[2].Number);
    }

    [Fact]
    public void Groups_are_crossed_first_slowest_and_zipped_axes_step_together()
    {
        var plan = new SweepPlan(Parse("""
            {"axes": [
              {"key": "excitation:meanExcitonsPerPulse", "values": [0.1, 0.2]},
              {"zip": [{"key": "dot:edgeNm", "values": [4, 5, 6]}, {"key": "dot:qyRatio", "values": [0.1, 0.2, 0.3]}]}
            ]}
            """));
        Assert.Equal(6, plan.PointCount);
        var rows = plan.Points().Select(p => string.Join(" ", p.Inputs.Select(i => i.Value))).ToList();
        Assert.Equal(["0.1 4 0.1", "0.1 5 0.2", "0.1 6 0.3", "0.2 4 0.1", "0.2 5 0.2", "0.2 6 0.3"], rows);
        Assert.Equal(Enumerable.Range(0, 6), plan.Points().Select(p => p.Index));
    }

    [Fact]
    public void A_sweep_without_axes_is_one_point()
    {
        var plan = new SweepPlan(Parse("""{"replicates": 3}"""));
        Assert.Equal(1, plan.PointCount);
        Assert.Empty(plan.Point(0).Inputs);
    }

    [Fact]
    public void Definition_hash_ignores_whitespace_and_comments_but_not_values()
    {
        string a = Parse("""{"seed": 1, "axes": [{"key": "dot:edgeNm", "grid": "4:6:1"}]}""").DefinitionSha256;
        string b = Parse("{\n  // comment\n  \"seed\": 1,\n  \"axes\": [ { \"key\": \"dot:edgeNm\", \"grid\": \"4:6:1\" } ]\n}").DefinitionSha256;
        string c = Parse("""{"seed": 2, "axes": [{"key": "dot:edgeNm", "grid": "4:6:1"}]}""").DefinitionSha256;
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Split_mix_matches_the_published_reference_output()
    {
        // First output of SplitMix64 seeded with 0 (reference implementation by Vigna, splitmix64.c).
        Assert.Equal(0xE220A8397B1DCDAFUL, PointSeeds.Derive(0, 0));
    }

    [Fact]
    public void Point_seeds_depend_only_on_sweep_seed_and_index_and_do_not_collide()
    {
        var plan = new SweepPlan(Parse("""{"seed": 7, "axes": [{"key": "dot:edgeNm", "grid": "1:5000:1"}]}"""));
        var seeds = plan.Points().Select(p => p.Seed).ToList();
        Assert.Equal(5000, seeds.Distinct().Count());
        // The same point computed alone (as a shard would) and in reverse order (as a thread might) has the same seed.
        Assert.Equal(seeds[4321], plan.Point(4321).Seed);
        Assert.Equal(seeds, Enumerable.Range(0, 5000).Reverse().Select(i => plan.Point(i).Seed).Reverse());
        Assert.Equal(PointSeeds.ForPoint(7, 4321), seeds[4321]);
    }

    [Fact]
    public void Shards_partition_the_points()
    {
        var owners = Enumerable.Range(0, 103).Select(p => Enumerable.Range(0, 4).Single(i => new ShardSpec(i, 4).Owns(p))).ToList();
        Assert.Equal(103, owners.Count);
        Assert.All(Enumerable.Range(0, 4), i => Assert.InRange(owners.Count(o => o == i), 25, 26));
    }

    [Fact]
    public void Slurm_shard_is_read_from_the_array_variables_relative_to_the_array_minimum()
    {
        var environment = new Dictionary<string, string>
        {
            ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_MIN"] = "1", ["SLURM_ARRAY_TASK_MAX"] = "4", ["SLURM_ARRAY_TASK_COUNT"] = "4",
        };
        Assert.Equal(new ShardSpec(2, 4), ShardSpec.Parse("slurm", k => environment.GetValueOrDefault(k)));
        Assert.Equal(new ShardSpec(0, 4), ShardSpec.Parse("0/4", _ => null));
        var error = Assert.Throws<UserInputException>(() => ShardSpec.Parse("4/4", _ => null));
        Assert.Contains("0-based", error.Message);
    }

    [Fact]
    public void Ensemble_draws_are_reproducible_per_dot_and_isotropic_directions_are_unit_vectors()
    {
        var definition = Parse("""
            {"axes": [{"key": "dot:edgeNm", "values": [5, 6]}],
             "ensemble": {"draws": {
                "dot:qyRatio": {"distribution": "lognormal", "median": 0.1, "sigma": 0.2, "max": 1},
                "dot:dipole": {"distribution": "isotropic"},
                "dot:edgeNm": {"distribution": "spread", "relativeSd": 0.1, "min": 1}}}}
            """);
        var plan = new SweepPlan(definition);
        var configurations = new PointConfigurations(definition, Evaluator.DefaultConfigurationJson);
        var point = plan.Point(1);
        var pointConfiguration = configurations.ForPoint(point);
        var first = configurations.ForDot(point, pointConfiguration, 3).Drawn;
        var again = configurations.ForDot(point, configurations.ForPoint(plan.Point(1)), 3).Drawn;
        Assert.Equal(first, again);
        Assert.NotEqual(first, configurations.ForDot(point, pointConfiguration, 4).Drawn);
        var d = first.ToDictionary(p => p.Key, p => double.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(d["dot:dipolePolarDeg"], 0, 180);
        Assert.InRange(d["dot:dipoleAzimuthDeg"], 0, 360);
        // Spread is centred on the point's own value (6 nm): with relativeSd 0.1 a draw lies within 6 ± 6 sigma.
        Assert.InRange(d["dot:edgeNm"], 6 * (1 - 0.6), 6 * (1 + 0.6));
    }

    [Fact]
    public void Isotropic_directions_have_the_moments_of_the_uniform_sphere()
    {
        // For a uniform direction cos θ is uniform on [-1, 1]: E[cos θ] = 0 (sd 1/√3) and E[cos²θ] = 1/3
        // (Var(cos²θ) = 4/45); φ is uniform: E[φ] = 180° (sd 360°/√12). With 4000 dots the standard errors are
        // 0.0091, 0.0047 and 1.64°; bounds at 4 sigma.
        var definition = Parse("""{"ensemble": {"draws": {"dot:dipole": {"distribution": "isotropic"}}}}""");
        var configurations = new PointConfigurations(definition, Evaluator.DefaultConfigurationJson);
        var point = new SweepPlan(definition).Point(0);
        var pointConfiguration = configurations.ForPoint(point);
        double Read(IReadOnlyList<KeyValuePair<string, string>> drawn, string key) =>
            double.Parse(drawn.Single(p => p.Key == key).Value, System.Globalization.CultureInfo.InvariantCulture);
        var draws = Enumerable.Range(0, 4000).Select(dot => configurations.ForDot(point, pointConfiguration, dot).Drawn).ToList();
        var cosPolar = draws.Select(d => Math.Cos(Read(d, "dot:dipolePolarDeg") * Math.PI / 180)).ToList();
        var azimuth = draws.Select(d => Read(d, "dot:dipoleAzimuthDeg")).ToList();
        Assert.InRange(cosPolar.Average(), -4 * 0.0091, 4 * 0.0091);
        Assert.InRange(cosPolar.Average(v => v * v), 1.0 / 3 - 4 * 0.0047, 1.0 / 3 + 4 * 0.0047);
        Assert.InRange(azimuth.Average(), 180 - 4 * 1.64, 180 + 4 * 1.64);
    }

    [Fact]
    public void Same_dots_at_every_point_reuses_the_draws()
    {
        var definition = Parse("""
            {"axes": [{"key": "excitation:meanExcitonsPerPulse", "values": [0.1, 1]}],
             "ensemble": {"sameDotsAtEveryPoint": true, "draws": {"dot:edgeNm": {"distribution": "normal", "mean": 5, "sd": 0.5}}}}
            """);
        var plan = new SweepPlan(definition);
        var configurations = new PointConfigurations(definition, Evaluator.DefaultConfigurationJson);
        var drawn = plan.Points().Select(p => configurations.ForDot(p, configurations.ForPoint(p), 2).Drawn).ToList();
        Assert.Equal(drawn[0], drawn[1]);
    }

    [Fact]
    public void Point_files_round_trip_to_identical_bytes()
    {
        var point = new PointResult(12, ulong.MaxValue, [new("a:b", "0.1")], [new("volumeNm3", 1.0 / 3)],
            [new("g2Zero", 0.1 + 0.2, double.NaN)], [new DotRecord(0, 42, [], new DotResult([new("volumeNm3", 1.0 / 3)], [new("g2Zero", 0.1 + 0.2, double.NaN)]))]);
        byte[] bytes = PointResultJson.Serialize(point);
        string path = Path.Combine(Path.GetTempPath(), $"qdsim-point-{Guid.NewGuid():N}.json");
        File.WriteAllBytes(path, bytes);
        try
        {
            var back = PointResultJson.Read(path);
            Assert.Equal(bytes, PointResultJson.Serialize(back));
            Assert.Equal(0.1 + 0.2, back.Observables[0].Value);
            Assert.True(double.IsNaN(back.Observables[0].Uncertainty));
            using var json = JsonDocument.Parse(bytes);
            Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("observables").GetProperty("g2Zero").GetProperty("uncertainty").ValueKind);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
