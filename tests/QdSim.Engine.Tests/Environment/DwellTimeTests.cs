using QdSim.Engine.Environment;
using QdSim.Engine.Excitation;
using QdSim.Engine.Tests.Simulation;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Tests.Environment;

/// <summary>The environment trajectory recovers the configured dwell-time laws (PHYSICS.md §4).</summary>
public class DwellTimeTests
{
    private static Dictionary<string, List<double>> DwellsByState(ExperimentParameters p, double toUnits)
    {
        var timeline = new EnvironmentTimeline(p, ExcitationContext.From(p.Excitation), p.Run.Seed, 0, 1);
        var intervals = new List<EnvironmentInterval>();
        while (timeline.Next(out var iv)) intervals.Add(iv);
        intervals.RemoveAt(intervals.Count - 1); // the last dwell is cut by the end of the experiment
        return intervals.GroupBy(iv => iv.Label).ToDictionary(g => g.Key, g => g.Select(iv => (iv.EndPs - iv.StartPs) * 1e-12 * toUnits).ToList());
    }

    private static ExperimentParameters WithProcess(BlinkingProcessParameters process, double durationS) =>
        TestRuns.Pulsed(TestRuns.Dot(), 0.2, durationS, seed: 11,
            environment: new EnvironmentParameters { Processes = [process] });

    /// <summary>Runs a two-state process and checks each state's dwells against its law with a KS test (α = 0.001).</summary>
    private static void AssertDwellsRecovered(EnvironmentStateParameters first, EnvironmentStateParameters second, double durationS)
    {
        var dwells = DwellsByState(WithProcess(new BlinkingProcessParameters { States = [first, second] }, durationS), toUnits: 1);
        foreach (var state in new[] { first, second })
        {
            var samples = dwells[state.Name];
            double d = TestRuns.KolmogorovSmirnov(samples, t => DwellSampler.Cdf(state.Dwell, t));
            // Interval ends are rounded to 1 ps, far below every t_min / median here.
            Assert.True(d < TestRuns.KsCritical001(samples.Count), $"{state.Name}: KS D = {d:F4} vs {TestRuns.KsCritical001(samples.Count):F4} (α 0.001, n = {samples.Count})");
        }
    }

    [Fact]
    public void Truncated_power_law_and_exponential_dwells_are_recovered() => AssertDwellsRecovered(
        new EnvironmentStateParameters { Name = "ON", Dwell = new DwellLawParameters { Law = DwellLawKind.PowerLaw, Exponent = 1.5, Min = 0.01, Max = 10 } },
        new EnvironmentStateParameters { Name = "OFF", Level = EmissiveLevel.Off, TrapRatePerNs = 10, Dwell = new DwellLawParameters { Law = DwellLawKind.Exponential, Mean = 0.05 } },
        durationS: 2000);

    [Fact]
    public void Power_law_with_exponential_cutoff_and_log_normal_dwells_are_recovered() => AssertDwellsRecovered(
        new EnvironmentStateParameters { Name = "ON", Dwell = new DwellLawParameters { Law = DwellLawKind.PowerLaw, Exponent = 1.5, Min = 0.01, Cutoff = 0.5 } },
        new EnvironmentStateParameters { Name = "GRAY", Level = EmissiveLevel.Gray, TrapRatePerNs = 0.2, Dwell = new DwellLawParameters { Law = DwellLawKind.LogNormal, Median = 0.03, LogSigma = 0.8 } },
        durationS: 500);

    [Fact]
    public void Photon_clocked_dwells_last_their_photon_count_divided_by_the_absorption_rate()
    {
        // Exponential dwell of mean A photons at ⟨N⟩ per pulse, 2 MHz: mean time A/(⟨N⟩ · 2 MHz) (Gamma conversion is
        // mean-preserving). Each dwell in time is Gamma(A_i)/rate; its variance is A² + A (photons²), so the standard
        // error of the mean over n dwells is √((A² + A)/n)/rate.
        const double meanPhotons = 2e4, meanN = 0.5;
        var law = new DwellLawParameters { Law = DwellLawKind.Exponential, Mean = meanPhotons };
        var p = WithProcess(new BlinkingProcessParameters
        {
            Clock = DwellClock.AbsorbedPhotons,
            States = [new EnvironmentStateParameters { Name = "A", Dwell = law }, new EnvironmentStateParameters { Name = "B", Dwell = law }],
        }, durationS: 200) with { Excitation = new ExcitationParameters { RepetitionRateHz = 2e6, MeanExcitonsPerPulse = meanN } };
        double photonsPerSecond = meanN * 2e6;
        var all = DwellsByState(p, toUnits: photonsPerSecond).Values.SelectMany(v => v).ToList();
        double mean = all.Average();
        double se = Math.Sqrt((meanPhotons * meanPhotons + meanPhotons) / all.Count);
        Assert.True(Math.Abs(mean - meanPhotons) < 4 * se, $"mean dwell {mean:F0} photons vs {meanPhotons} (4σ = {4 * se:F0}, n = {all.Count})");
    }
}
