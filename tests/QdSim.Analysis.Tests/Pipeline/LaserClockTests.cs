using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Analysis.Tests.Pipeline;

public class LaserClockTests
{
    private static AnalysisOptions Quick => new() { ChangePointEnabled = false, PowerLaw = new() { BootstrapSamples = 10 } };

    /// <summary>
    /// picoharp300_t2_v30.ptu: the header states TTResult_SyncRate = 70198 Hz, but channel 0 (the sync input) is a
    /// detector (its intervals are exponential, not periodic). It must stay a photon channel with SOURCES.md's count,
    /// and the file is CW: no lifetime, no photon numbers, CW g2 of ch0 × ch1.
    /// </summary>
    [Fact]
    public void PicoHarp_T2_sample_with_a_detector_on_the_sync_input_is_CW_with_the_reference_counts()
    {
        using var reader = PtuReader.Open(SharedData.PtuSample("picoharp300_t2_v30.ptu"));
        var s = FileAnalysis.Run(reader, Quick).Summary;
        Assert.Equal("None", s.Source.LaserClock);
        Assert.Null(s.Source.SyncRateHz);
        Assert.Equal(70198, s.Source.HeaderSyncRateHz);
        // SOURCES.md: ch0 531477, ch1 388700.
        Assert.Equal([(0, 531477L), (1, 388700L)], s.Channels.Select(c => (c.Channel, c.Counts)));
        Assert.Equal("cw", s.G2.Mode);
        Assert.Null(s.Lifetime.TauNs);
        Assert.Null(s.PhotonNumbers);
    }

    /// <summary>HydraHarp V2 T2 sample: a sync rate in the header, no sync records → CW; SOURCES.md: ch1 305565.</summary>
    [Fact]
    public void HydraHarp_T2_sample_without_sync_records_is_CW()
    {
        using var reader = PtuReader.Open(SharedData.PtuSample("hydraharp2_t2_v20.ptu"));
        var s = FileAnalysis.Run(reader, Quick).Summary;
        Assert.Equal("None", s.Source.LaserClock);
        Assert.Null(s.Source.SyncRateHz);
        Assert.Equal([(1, 305565L)], s.Channels.Select(c => (c.Channel, c.Counts)));
        Assert.Null(s.Lifetime.TauNs);
    }

    /// <summary>PicoHarp T3 sample: pulsed by record type; SOURCES.md: ch1 150363.</summary>
    [Fact]
    public void PicoHarp_T3_sample_is_pulsed()
    {
        using var reader = PtuReader.Open(SharedData.PtuSample("picoharp300_t3_image_hazelnut_z1.ptu"));
        var s = FileAnalysis.Run(reader, Quick).Summary;
        Assert.Equal("T3", s.Source.LaserClock);
        Assert.NotNull(s.Source.SyncRateHz);
        Assert.Equal([(1, 150363L)], s.Channels.Select(c => (c.Channel, c.Counts)));
    }

    /// <summary>
    /// A PicoHarp T2 stream written by the PTU writer whose channel 0 carries a 1 MHz laser clock and channel 1 the
    /// photons (p = 0.05 per pulse, exponential delay τ = 3 ns): channel 0 becomes the laser clock, leaves the photon
    /// channels, and the lifetime fit on the T2 delays recovers τ within 4σ of its Fisher error.
    /// </summary>
    [Fact]
    public void PicoHarp_T2_with_a_periodic_sync_input_uses_it_as_the_laser_clock()
    {
        const double PeriodS = 1e-6, TauS = 3e-9, PhotonProbability = 0.05, TickS = 4e-12;
        const int Pulses = 300_000;
        var random = new TestRandom(55);
        var events = new List<TimeTagEvent>();
        long photons = 0;
        for (long k = 0; k < Pulses; k++)
        {
            long sync = (long)Math.Round(k * PeriodS / TickS);
            events.Add(TimeTagEvent.T2Photon(sync, 0));
            if (!random.Bernoulli(PhotonProbability)) continue;
            double delayS = 1e-9 + random.Exponential(TauS) + 100e-12 / 2.3548 * random.Gaussian();
            events.Add(TimeTagEvent.T2Photon(sync + (long)Math.Round(delayS / TickS), 1));
            photons++;
        }
        var info = new TimeTagStreamInfo
        {
            Mode = MeasurementMode.T2, TickResolutionS = TickS, SyncRateHz = 1 / PeriodS, PhotonChannels = [0, 1],
            RecordTypeCode = (uint)PtuRecordType.PicoHarpT2, Source = "synthetic PicoHarp T2",
        };
        string path = Path.Combine(Path.GetTempPath(), $"qdsim-laserclock-{Guid.NewGuid():N}.ptu");
        try
        {
            using (var writer = new PtuWriter(path, info, new PtuWriterOptions { RecordType = PtuRecordType.PicoHarpT2 }))
            {
                writer.Write(events.ToArray());
                writer.Complete(Pulses * PeriodS);
            }
            using var reader = PtuReader.Open(path);
            var s = FileAnalysis.Run(reader, Quick).Summary;
            Assert.Equal("SyncInputChannel", s.Source.LaserClock);
            Assert.Equal(1 / PeriodS, s.Source.SyncRateHz!.Value, 6);
            Assert.Equal(Pulses, s.Source.SyncEvents);
            Assert.Equal([(1, photons)], s.Channels.Select(c => (c.Channel, c.Counts)));
            double tauNs = s.Lifetime.TauNs!.Value, sigmaNs = s.Lifetime.TauSigmaNs!.Value;
            Assert.True(Math.Abs(tauNs - TauS * 1e9) < 4 * sigmaNs, $"τ = {tauNs} ± {sigmaNs} ns vs {TauS * 1e9} ns (4σ Fisher)");
            // P(n ≥ 1 per pulse) = p within 4 binomial σ.
            double pOne = 1 - s.PhotonNumbers!.Total.Probability[0];
            Assert.True(Math.Abs(pOne - PhotonProbability) < 4 * Math.Sqrt(PhotonProbability * (1 - PhotonProbability) / Pulses),
                $"P(n≥1) = {pOne} vs {PhotonProbability} ± 4√(p(1−p)/N)");
        }
        finally { File.Delete(path); }
    }

    /// <summary>Poisson intervals (CV 1) are not periodic; a jittered clock (σ = 10⁻⁴ period) is.</summary>
    [Fact]
    public void Periodicity_test_separates_a_clock_from_a_detector()
    {
        var random = new TestRandom(9);
        var poisson = new List<long>();
        var clock = new List<long>();
        double t = 0;
        for (int i = 0; i < 2000; i++)
        {
            t += random.Exponential(1e6);
            poisson.Add((long)t);
            clock.Add((long)(i * 1e6 + 100 * random.Gaussian()));
        }
        Assert.False(LaserClockReader.IsPeriodic(poisson, out _));
        Assert.True(LaserClockReader.IsPeriodic(clock, out double median));
        Assert.InRange(median, 0.999e6, 1.001e6);
    }
}
