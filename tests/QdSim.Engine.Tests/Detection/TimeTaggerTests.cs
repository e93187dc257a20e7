using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Engine.Tagging;
using QdSim.Models.Parameters.Detection;
using QdSim.TimeTags;
using static QdSim.Engine.Tests.Detection.DetectionTestKit;

namespace QdSim.Engine.Tests.Detection;

public class TimeTaggerTests
{
    private static DetectedEvent Click(long timePs, short detector) => new() { DetectionTimePs = timePs, Detector = detector };

    [Theory]
    [InlineData(80e6, 1, 25.0)]
    [InlineData(76e6, 1, 16.0)]  // non-integer period: 13157.89… ps
    [InlineData(76e6, 4, 8.0)]   // sync divider 4: micro time spans four pulses
    public void T3_SyncIndexAndMicroTimeAreQuantisedFromTheLastSync(double rateHz, int divider, double binPs)
    {
        var clock = new LaserPulseClock(rateHz);
        var tagger = new TimeTagger(new TimeTaggerParameters { Mode = TaggerMode.T3, MicroTimeResolutionPs = binPs, SyncDivider = divider, DeadTimeNs = 0 }, 2, clock);
        long[] times = [0, 1, 24, 25, 12_499, 12_500, 13_157, 13_158, 987_654_321, 3_600_000_000_000_123];
        var output = new List<TimeTagEvent>();
        tagger.Convert(times.Select((t, i) => Click(t, (short)(i % 2))).ToArray(), output);
        Assert.Equal(times.Length, output.Count);
        for (int i = 0; i < times.Length; i++)
        {
            // Independent reference in decimal arithmetic: sync s fires at round(s·divider·10¹²/rate).
            decimal period = 1e12m / (decimal)rateHz * divider;
            long sync = (long)Math.Floor(times[i] / period);
            while (Math.Round((sync + 1) * period, MidpointRounding.AwayFromZero) <= times[i]) sync++;
            while (Math.Round(sync * period, MidpointRounding.AwayFromZero) > times[i]) sync--;
            long syncTime = (long)Math.Round(sync * period, MidpointRounding.AwayFromZero);
            long bins = (long)Math.Floor((times[i] - syncTime) / (decimal)binPs);
            var e = output[i];
            Assert.Equal(TimeTagKind.Photon, e.Kind);
            Assert.Equal(sync, e.SyncIndex);
            Assert.Equal(bins, e.MicroTimeBins);
            Assert.Equal(syncTime + (long)Math.Round(bins * binPs), e.TimeTicks);
            Assert.Equal((short)(i % 2), e.Channel); // HydraHarp T3: Channel = stored = detector index
        }
        var info = tagger.BuildStreamInfo();
        Assert.Equal(MeasurementMode.T3, info.Mode);
        Assert.Equal(0x01010304u, info.RecordTypeCode);
        Assert.Equal(rateHz / divider, info.SyncRateHz!.Value, 1e-6);
        Assert.Equal(binPs * 1e-12, info.MicroTimeResolutionS!.Value, 1e-24);
    }

    [Fact]
    public void T2_TicksChannelsAndInterleavedSyncs()
    {
        var clock = new LaserPulseClock(40e6); // 25 000 ps
        var tagger = new TimeTagger(new TimeTaggerParameters { Mode = TaggerMode.T2, ResolutionPs = 4, DeadTimeNs = 0, SyncEnabled = true, SyncDivider = 2 }, 2, clock);
        var output = new List<TimeTagEvent>();
        tagger.Convert([Click(30_001, 0), Click(30_003, 1), Click(149_999, 0)], output);
        tagger.Finish(200_001, output);
        // Syncs every 2 pulses = 50 000 ps, at or before each click, then the rest up to the end.
        TimeTagEvent[] expected =
        [
            new(0, 0, TimeTagKind.Sync, 0),
            new(30_001 / 4, 1, TimeTagKind.Photon),
            new(30_003 / 4, 2, TimeTagKind.Photon),
            new(50_000 / 4, 0, TimeTagKind.Sync, 1),
            new(100_000 / 4, 0, TimeTagKind.Sync, 2),
            new(149_999 / 4, 1, TimeTagKind.Photon),
            new(150_000 / 4, 0, TimeTagKind.Sync, 3),
            new(200_000 / 4, 0, TimeTagKind.Sync, 4),
        ];
        Assert.Equal(expected, output);
        var info = tagger.BuildStreamInfo();
        Assert.Equal(0x01010204u, info.RecordTypeCode);
        Assert.Equal(new short[] { 1, 2 }, info.PhotonChannels);
        Assert.Equal(4e-12, info.TickResolutionS, 1e-24);
    }

    [Fact]
    public void ChannelMapping_PicoHarpAndGeneric()
    {
        Assert.Equal(0, new TimeTagger(TimeTaggerPresets.PicoHarp300, 2, null).ChannelOf(0));
        Assert.Equal(2, new TimeTagger(TimeTaggerPresets.PicoHarp300 with { Mode = TaggerMode.T3 }, 2, new LaserPulseClock(1e7)).ChannelOf(1));
        Assert.Equal(2, new TimeTagger(TimeTaggerPresets.MultiHarp150, 2, null).ChannelOf(1));
        Assert.Equal(0x00010307u, TimeTagger.RecordTypeCode(PtuRecordType.Generic, TaggerMode.T3));
        Assert.Equal(0x00010203u, TimeTagger.RecordTypeCode(PtuRecordType.PicoHarp, TaggerMode.T2));
    }

    [Fact]
    public void TaggerDeadTime_DropsClicksPerChannelOnly()
    {
        var tagger = new TimeTagger(new TimeTaggerParameters { DeadTimeNs = 80, SyncEnabled = false }, 2, null);
        var output = new List<TimeTagEvent>();
        tagger.Convert([Click(1_000, 0), Click(50_000, 1), Click(60_000, 0), Click(81_000, 0)], output);
        Assert.Equal(new long[] { 1_000, 50_000, 81_000 }, output.Select(e => e.TimeTicks).ToArray());
        Assert.Equal(1, tagger.DroppedTaggerDeadTime);
    }

    [Fact]
    public void LaserBackground_ArrivesAtConfiguredMicroTimeWithConfiguredProbability()
    {
        const double probability = 0.01, offsetNs = 2, meanNs = 1, binPs = 16;
        var clock = new LaserPulseClock(10e6); // 100 ns period
        const long endPs = 200_000_000_000; // 0.2 s = 2 × 10⁶ pulses
        var arm = new DetectionArmParameters
        {
            Detector = IdealDetector,
            LaserBackground = new LaserBackgroundParameters { ProbabilityPerPulse = probability, Delay = DelayLawParameters.ExponentialNs(meanNs, offsetNs) },
        };
        var clicks = RunAll(Processor(SingleArm(arm), clock: clock, seed: 88), [], endPs);
        long pulses = clock.PulseIndexAtOrBefore(endPs - 1) + 1;
        double expected = pulses * probability;
        double sigma = Math.Sqrt(pulses * probability * (1 - probability));
        Assert.True(Math.Abs(clicks.Count - expected) <= 4 * sigma, $"laser background {clicks.Count} vs {expected} ± 4σ = {4 * sigma}");
        Assert.All(clicks, e => Assert.Equal(EventOrigin.LaserBackground, e.Origin));

        var tagger = new TimeTagger(new TimeTaggerParameters { Mode = TaggerMode.T3, MicroTimeResolutionPs = binPs, DeadTimeNs = 0 }, 1, clock);
        var tags = new List<TimeTagEvent>();
        tagger.Convert(clicks.ToArray(), tags);
        Assert.Equal(clicks.Count, tags.Count);
        for (int i = 0; i < tags.Count; i++) Assert.Equal(clicks[i].PulseIndex, tags[i].SyncIndex);
        // Micro time (bin centre) − offset is Exponential(mean); nothing before the offset bin.
        int offsetBin = (int)(offsetNs * 1e3 / binPs);
        Assert.All(tags, e => Assert.True(e.MicroTimeBins >= offsetBin, $"micro time bin {e.MicroTimeBins} before the offset bin {offsetBin}"));
        var delaysPs = tags.Select(e => (e.MicroTimeBins + 0.5) * binPs - offsetNs * 1e3).ToArray();
        double meanPs = delaysPs.Average();
        // Exponential σ = mean; bin quantisation adds binPs²/12 to the variance.
        double error = Math.Sqrt((meanNs * 1e3 * meanNs * 1e3 + binPs * binPs / 12) / delaysPs.Length);
        Assert.True(Math.Abs(meanPs - meanNs * 1e3) <= 4 * error, $"mean micro-time delay {meanPs} ps vs {meanNs * 1e3} ± {4 * error}");
    }
}
