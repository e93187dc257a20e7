using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Pipeline;

/// <summary>
/// T2 files without sync records whose header states a sync rate: pulsed light is recognised from the peaks of the photon
/// coincidences at that period (g2 from peak areas, as with a clock); CW light with the same header stays CW.
/// </summary>
public sealed class PulsedWithoutClockTests
{
    private const double PeriodS = 500e-9, TickS = 1e-12;
    private static AnalysisOptions Quick => new() { ChangePointEnabled = false, PowerLaw = new() { BootstrapSamples = 0 }, SecondPassEnabled = false };

    private static TimeTagStreamInfo HeaderWithSyncRate(short a, short b) => InMemoryReader.T2Info(a, b) with { SyncRateHz = 1 / PeriodS };

    [Fact]
    public void Pulsed_source_without_sync_gives_the_peak_area_g2_of_its_photon_number_law()
    {
        // Per pulse M = 1 (p1) or 2 (p2) photons, each to channel 1 or 2 at random, delay 1 ns + Exp(2 ns):
        // g2(0) = E[M(M−1)]/E[M]² = 2 p2/(p1 + 2 p2)² exactly (detection splitting cancels).
        const double p1 = 0.2, p2 = 0.002;
        const int pulses = 2_000_000;
        double expected = 2 * p2 / ((p1 + 2 * p2) * (p1 + 2 * p2));
        var random = new TestRandom(808);
        var events = new List<TimeTagEvent>();
        var pulse = new List<(long Tick, short Channel)>(2);
        for (long k = 0; k < pulses; k++)
        {
            double u = random.Uniform();
            int m = u < p2 ? 2 : u < p2 + p1 ? 1 : 0;
            pulse.Clear();
            for (int i = 0; i < m; i++)
                pulse.Add(((long)Math.Round((k * PeriodS + 1e-9 + random.Exponential(2e-9)) / TickS), random.Bernoulli(0.5) ? (short)1 : (short)2));
            foreach (var (tick, channel) in pulse.OrderBy(p => p.Tick)) events.Add(TimeTagEvent.T2Photon(tick, channel));
        }

        using var reader = new InMemoryReader(HeaderWithSyncRate(1, 2), events);
        var s = FileAnalysis.Run(reader, Quick).Summary;

        Assert.Equal("None", s.Source.LaserClock);
        Assert.Equal("pulsed", s.G2.Mode);
        Assert.Equal("photon correlation at the header's sync rate", s.G2.PeriodSource);
        Assert.Equal(PeriodS * 1e9, s.G2.LaserPeriodNs!.Value, 9);
        double g2 = s.G2.ZeroDelay!.Value, sigma = s.G2.ZeroDelayStdErr!.Value;
        Assert.True(Math.Abs(g2 - expected) < 4 * sigma, $"g2(0) = {g2:F4} ± {sigma:F4}, expected {expected:F4} (4σ Poisson of the peak areas)");
        Assert.Null(s.G2.ZeroDelayBackgroundCorrected); // needs the decay tails, i.e. laser delays
        Assert.Null(s.Lifetime.TauNs);
        Assert.Contains(s.Warnings, w => w.Contains("no laser clock in the file", StringComparison.Ordinal));
    }

    [Fact]
    public void CW_light_with_a_header_sync_rate_stays_CW()
    {
        // Two independent Poisson streams (50 kcps each, 20 s): no structure at the header's period.
        var random = new TestRandom(809);
        var a = SyntheticStreams.Poisson(random, 5e4, 20, 1).ToArray();
        var b = SyntheticStreams.Poisson(random, 5e4, 20, 2).ToArray();
        var merged = a.Concat(b).OrderBy(e => e.TimeTicks).ToArray();

        using var reader = new InMemoryReader(HeaderWithSyncRate(1, 2), merged);
        var s = FileAnalysis.Run(reader, Quick).Summary;

        Assert.Equal("cw", s.G2.Mode);
        Assert.Null(s.G2.LaserPeriodNs);
        Assert.Null(s.G2.PeriodSource);
        Assert.DoesNotContain(s.Warnings, w => w.Contains("no laser clock in the file", StringComparison.Ordinal));
    }
}
