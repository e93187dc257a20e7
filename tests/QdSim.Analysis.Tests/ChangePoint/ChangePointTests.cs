using QdSim.Analysis.ChangePoint;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.ChangePoint;

public class ChangePointTests
{
    private static readonly double[] LevelCps = [1_000, 10_000, 50_000];

    /// <summary>24 dwells of 0.08–0.2 s cycling through the three levels in an order where neighbours differ.</summary>
    private static List<(double RateCps, double DurationS)> PlantedPieces(TestRandom random)
    {
        int[] order = [2, 0, 1, 2, 1, 0];
        return Enumerable.Range(0, 24).Select(i => (LevelCps[order[i % order.Length]], 0.08 + 0.12 * random.Uniform())).ToList();
    }

    private static (ChangePointResult Result, long[] TruePhotonIndex, long Photons) Run(int windowPhotons, ulong seed)
    {
        var random = new TestRandom(seed);
        var pieces = PlantedPieces(random);
        // The same photons again to find the index of the first photon after each planted step.
        var photonTimes = SyntheticStreams.Piecewise(new TestRandom(seed + 1000), pieces).Select(e => e.TimeTicks * 1e-12).ToArray();
        var boundaries = pieces.Select(p => p.DurationS).ToArray();
        var truth = new long[pieces.Count - 1];
        double t = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            t += boundaries[i];
            truth[i] = Array.FindIndex(photonTimes, x => x >= t);
        }
        var info = InMemoryReader.T2Info(0);
        using var reader = new InMemoryReader(info, SyntheticStreams.Piecewise(new TestRandom(seed + 1000), pieces));
        var stage = new ChangePointStage(info, new ChangePointOptions { Alpha = Alpha, WindowPhotons = windowPhotons });
        StreamPass.Run(reader, [stage], chunkEvents: 4096);
        return (stage.Result(), truth, photonTimes.Length);
    }

    /// <summary>
    /// Location tolerance from a Chernoff bound: past the true step the log-likelihood ratio of a wrongly placed change
    /// point is a random walk with negative drift; for exponential intervals at rates a, b its Chernoff exponent is
    /// C = −ln[√(ab)/((a+b)/2)] per photon (C = 0.294 for the smallest ratio here, 5). P(error &gt; m photons) ≤
    /// 2e^(−Cm)/(1 − e^(−C)); m = 41 makes this ≤ 1e-3/23 for each of the 23 steps.
    /// </summary>
    private const int LocationTolerancePhotons = 41;

    /// <summary>
    /// Type-I error per test. Segmentation runs ≈ 2 × 24 tests; the planted trace must give exactly three levels, so
    /// the family-wise false-alarm rate must be small: 48 × 10⁻³ ≈ 5%, and a false alarm at this α is a ≤ 3.3σ-like
    /// excursion that the BIC clustering merges into its level. (At α = 0.05 two or three false change points per
    /// trace are expected, and one of them can be a real 5σ fluctuation that rightly forms its own level.)
    /// </summary>
    private const double Alpha = 1e-3;

    [Theory]
    [InlineData(1 << 18, 71UL)]  // all photons in one window
    [InlineData(4096, 71UL)]     // windows of 4096 photons: the carried tail and forced cuts must not add levels or steps
    public void Planted_steps_are_found_at_the_right_photon_and_clustered_into_three_levels(int window, ulong seed)
    {
        var (result, truth, photons) = Run(window, seed);
        var boundaries = new List<long>();
        long index = 0;
        for (int j = 0; j < result.Segments.Count; j++)
        {
            if (j > 0 && result.Segments[j].Level != result.Segments[j - 1].Level) boundaries.Add(index);
            index += result.Segments[j].Intervals;
        }
        Assert.Equal(photons - 1, index);
        Assert.True(3 == result.Levels.Count, $"levels: {string.Join(", ", result.Levels.Select(l => $"{l.IntensityCps:F0} cps ({l.Photons})"))}; BIC {string.Join(", ", result.BicByLevels.Select(b => $"{b.Levels}: {b.Bic:F1}"))}; segments {result.Segments.Count}: {string.Join(" | ", result.Segments.Select(x => $"{x.StartS:F4}-{x.EndS:F4} {x.Intervals} {x.IntensityCps:F0}"))}; truth {string.Join(",", truth)}");
        Assert.Equal(truth.Length, boundaries.Count);
        for (int i = 0; i < truth.Length; i++)
            Assert.True(Math.Abs(boundaries[i] - truth[i]) <= LocationTolerancePhotons,
                $"step {i}: found at photon {boundaries[i]}, planted at {truth[i]} (tolerance {LocationTolerancePhotons} photons, Chernoff bound)");

        for (int g = 0; g < 3; g++)
        {
            var level = result.Levels[g];
            Assert.True(Math.Abs(level.IntensityCps - LevelCps[g]) < 4 * level.IntensitySigmaCps,
                $"level {g}: {level.IntensityCps:F0} cps vs {LevelCps[g]} ± 4·{level.IntensitySigmaCps:F0} (Poisson I/√n)");
        }
    }

    [Fact]
    public void Without_a_change_the_test_fires_at_rate_alpha()
    {
        // 1000 constant-rate stretches of 200 intervals (between grid points of the critical-value table, so the
        // interpolation is tested too); false alarms are Binomial(1000, α): mean 50, σ = 6.9, asserted within 4σ.
        const int Trials = 1000, Intervals = 200;
        const double Alpha = 0.05;
        var random = new TestRandom(81);
        int alarms = 0;
        var times = new double[Intervals + 1];
        for (int trial = 0; trial < Trials; trial++)
        {
            for (int i = 1; i <= Intervals; i++) times[i] = times[i - 1] + random.Exponential(1e6);
            if (ChangePointDetector.Detect(times, Alpha).Count > 0) alarms++;
        }
        double mean = Trials * Alpha, sigma = Math.Sqrt(Trials * Alpha * (1 - Alpha));
        Assert.True(Math.Abs(alarms - mean) < 4 * sigma, $"{alarms} false alarms in {Trials}, expected {mean} ± 4·{sigma:F1}");
    }

    [Fact]
    public void Critical_values_grow_slowly_with_n_and_with_confidence()
    {
        double c100 = PoissonChangePointTest.CriticalValue(100, 0.05), c1000 = PoissonChangePointTest.CriticalValue(1000, 0.05);
        double c100Strict = PoissonChangePointTest.CriticalValue(100, 0.01);
        Assert.True(c100 < c1000 && c100 < c100Strict, $"{c100}, {c1000}, {c100Strict}");
        // Beyond the simulated range the asymptotic continuation stays continuous at the joint.
        double joint = PoissonChangePointTest.CriticalValue(PoissonChangePointTest.MaxSimulatedIntervals, 0.05);
        double beyond = PoissonChangePointTest.CriticalValue(PoissonChangePointTest.MaxSimulatedIntervals + 1, 0.05);
        Assert.InRange(beyond - joint, 0, 0.01);
    }
}
