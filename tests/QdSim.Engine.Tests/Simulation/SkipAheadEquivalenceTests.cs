using QdSim.Models.Parameters;

namespace QdSim.Engine.Tests.Simulation;

/// <summary>The geometric skip-ahead (PHYSICS.md §7) gives the same per-pulse statistics as simulating every pulse.</summary>
public class SkipAheadEquivalenceTests
{
    [Fact]
    public void Skip_ahead_and_brute_force_give_the_same_photon_number_distribution_per_pulse()
    {
        // η = 0.4, ⟨N⟩ = 1, QY_X 0.9, QY_XX ≈ 0.23, with a Markov ON/GRAY process changing the rates on the way.
        // Same seed in both modes: the environment trajectory (its own stream) is then identical, and the kinetic
        // draws, consumed differently by the two paths, are independent samples of the same per-pulse law.
        var env = new EnvironmentParameters
        {
            Processes =
            [
                new BlinkingProcessParameters
                {
                    States =
                    [
                        new EnvironmentStateParameters { Name = "ON", Dwell = new DwellLawParameters { Mean = 0.01 } },
                        new EnvironmentStateParameters { Name = "GRAY", Level = EmissiveLevel.Gray, TrapRatePerNs = 0.3, Dwell = new DwellLawParameters { Mean = 0.005 } },
                    ],
                },
            ],
        };
        var dot = TestRuns.Dot(qyX: 0.9, xxRadiativePerNs: 3, xxAugerLifetimeNs: 0.1);
        const int maxBin = 3;
        var hist = new long[2][];
        long pulses = 0;
        foreach (var (mode, i, seed) in new[] { (SimulationMode.SkipAhead, 0, 21UL), (SimulationMode.BruteForce, 1, 21UL) })
        {
            var (sink, result) = TestRuns.Run(TestRuns.Pulsed(dot, 1.0, 0.1, seed, mode, env), eta: 0.4);
            Assert.Equal(mode, result.ModeUsed);
            hist[i] = TestRuns.PhotonsPerPulse(sink.Events, result.TotalPulses, maxBin);
            pulses = result.TotalPulses;
        }
        // Two-sample χ² (equal sizes): Σ (a − b)²/(a + b), df = bins − 1 = 3; 16.27 is the 0.999 quantile.
        double chi2 = 0;
        for (int m = 0; m <= maxBin; m++) chi2 += Math.Pow(hist[0][m] - hist[1][m], 2) / (hist[0][m] + hist[1][m]);
        Assert.True(chi2 < 16.27, $"two-sample χ² = {chi2:F2} (df 3, limit 16.27) over {pulses} pulses each; skip {string.Join(",", hist[0])} brute {string.Join(",", hist[1])}");
        Assert.True(hist[0][2] > 1000, "the test needs multi-photon pulses to compare");
    }
}
