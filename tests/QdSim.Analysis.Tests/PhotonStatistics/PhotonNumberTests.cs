using QdSim.Analysis.PhotonStatistics;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.PhotonStatistics;

public class PhotonNumberTests
{
    // Emitted photons per pulse M: P(M = 0, 1, 2, 3) = 0.40, 0.45, 0.12, 0.03; each photon is detected with η = 0.3
    // and routed 50/50 to channel 1 or 2 (independent binomial thinning, ideal detectors).
    private static readonly double[] EmissionProbability = [0.40, 0.45, 0.12, 0.03];
    private const double Efficiency = 0.3;
    private const long Pulses = 200_000;
    private const double PeriodPs = 12_500; // 80 MHz

    private static IEnumerable<TimeTagEvent> Pulsed(TestRandom random, bool t3)
    {
        for (long pulse = 0; pulse < Pulses; pulse++)
        {
            double u = random.Uniform();
            int m = 0;
            for (double cumulative = EmissionProbability[0]; u >= cumulative && m < EmissionProbability.Length - 1; cumulative += EmissionProbability[++m]) { }
            long syncTicks = (long)(pulse * PeriodPs);
            if (!t3) yield return new TimeTagEvent(syncTicks, 0, TimeTagKind.Sync);
            var delays = new List<(int Delay, short Channel)>();
            for (int k = 0; k < m; k++)
                if (random.Bernoulli(Efficiency)) delays.Add(((int)random.Exponential(2000) % 12_000, (short)(random.Bernoulli(0.5) ? 1 : 2)));
            foreach (var (delay, channel) in delays.OrderBy(d => d.Delay))
                yield return t3
                    ? new TimeTagEvent(syncTicks + delay, channel, TimeTagKind.Photon, pulse, delay)
                    : TimeTagEvent.T2Photon(syncTicks + delay, channel);
        }
    }

    /// <summary>P(n) = Σ_M P(M)·Binomial(n; M, p): the photon number behind a binomial detection of probability p.</summary>
    private static double Expected(int n, double p) =>
        EmissionProbability.Select((pm, m) => n > m ? 0 : pm * MathNet.Numerics.Combinatorics.Combinations(m, n) * Math.Pow(p, n) * Math.Pow(1 - p, m - n)).Sum();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Photon_numbers_per_pulse_follow_the_binomially_thinned_emission_distribution(bool t3)
    {
        var info = new TimeTagStreamInfo
        {
            Mode = t3 ? MeasurementMode.T3 : MeasurementMode.T2, TickResolutionS = 1e-12, SyncRateHz = 8e7, AcquisitionTimeS = Pulses / 8e7,
            PhotonChannels = [1, 2], Source = "synthetic pulsed",
        };
        using var reader = new InMemoryReader(info, Pulsed(new TestRandom(91), t3));
        var stage = new PhotonNumberStage(info, maxN: 4);
        StreamPass.Run(reader, [stage]);
        var result = stage.Result()!;
        Assert.Equal(Pulses, result.Pulses);

        void Check(PhotonNumberDistribution d, double p, string label)
        {
            for (int n = 0; n <= 3; n++)
            {
                double expected = Expected(n, p), sigma = Math.Sqrt(expected * (1 - expected) / Pulses);
                Assert.True(Math.Abs(d.Probability[n] - expected) < 4 * sigma + 1e-12,
                    $"{label} P({n}) = {d.Probability[n]:F6} vs {expected:F6}, 4σ (binomial, {Pulses} pulses) = {4 * sigma:F6}");
            }
        }
        Check(result.Total, Efficiency, "total");
        Assert.Equal(2, result.PerChannel.Count);
        foreach (var channel in result.PerChannel) Check(channel, Efficiency / 2, $"ch{channel.Channel}");

        // ⟨n(n−1)⟩/⟨n⟩² of the total equals that of the emission, E[M(M−1)]/E[M]², under binomial thinning (= 0.571 here).
        double em = EmissionProbability.Select((p, m) => p * m).Sum();
        double emm = EmissionProbability.Select((p, m) => p * m * (m - 1.0)).Sum();
        // Error by propagation: the factorial moment is estimated from ≈ Pulses·η²·E[M(M−1)] pairs (Poisson-like
        // count), so its relative error is ≈ 1/√(pairs); the mean's contribution is an order smaller.
        double pairs = Pulses * Efficiency * Efficiency * emm / 2;
        double ratio = emm / (em * em);
        Assert.True(Math.Abs(result.Total.NormalisedFactorialMoment - ratio) < 4 * ratio / Math.Sqrt(pairs),
            $"⟨n(n−1)⟩/⟨n⟩² = {result.Total.NormalisedFactorialMoment:F4} vs {ratio:F4} ± 4·{ratio / Math.Sqrt(pairs):F4}");
    }

    [Fact]
    public void T2_without_sync_has_no_photon_number_statistics()
    {
        var info = InMemoryReader.T2Info(0);
        using var reader = new InMemoryReader(info, SyntheticStreams.Poisson(new TestRandom(1), 1000, 1));
        var stage = new PhotonNumberStage(info);
        StreamPass.Run(reader, [stage]);
        Assert.Null(stage.Result());
    }
}
