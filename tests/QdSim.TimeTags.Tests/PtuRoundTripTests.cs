using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags.Tests;

/// <summary>Every record type: random events written with <see cref="PtuWriter"/> read back identical.</summary>
public class PtuRoundTripTests
{
    // 19,999,953 Hz: a sync period of 50,000.1175 ps, not a whole number of picoseconds.
    private const double SyncRateHz = 19_999_953;
    private const double MicroTimeResolutionS = 25e-12;
    private const double T2ResolutionS = 1e-12;

    public static TheoryData<PtuRecordType> AllTypes()
    {
        var data = new TheoryData<PtuRecordType>();
        foreach (var type in PtuRecordTypes.All)
            data.Add(type);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Random_events_round_trip(PtuRecordType type)
    {
        using var temp = new TempFolder();
        string path = temp.File("rt.ptu");
        var info = InfoFor(type);
        var events = RandomEvents(type, count: 8_000, seed: (ulong)type);
        using (var writer = new PtuWriter(path, info, new PtuWriterOptions { RecordType = type }))
        {
            // Uneven write sizes so buffer borders fall anywhere.
            for (int i = 0; i < events.Length; i += 777)
                writer.Write(events.AsSpan(i, Math.Min(777, events.Length - i)));
            Assert.False(File.Exists(path), "the final name must not exist before Complete");
            writer.Complete(acquisitionTimeS: 12.345);
        }
        Assert.False(File.Exists(path + ".partial"));

        using var reader = PtuReader.Open(path);
        Assert.Equal((uint)type, reader.Info.RecordTypeCode);
        Assert.Equal(info.Mode, reader.Info.Mode);
        Assert.Equal(12.345, reader.Info.AcquisitionTimeS);
        Assert.Equal(reader.RecordCount, reader.Info.DeclaredRecordCount);
        Assert.Empty(reader.Warnings);
        var back = reader.ReadAll(chunk: 1000);
        Assert.Equal(events.Length, back.Count);
        for (int i = 0; i < events.Length; i++)
            Assert.True(events[i] == back[i], $"event {i}: wrote {events[i]}, read {back[i]}");
    }

    [Fact]
    public void T3_events_given_only_in_picoseconds_are_split_into_sync_index_and_micro_time()
    {
        using var temp = new TempFolder();
        string path = temp.File("split.ptu");
        long[] timesPs = [0, 49_999, 50_000, 50_001, 123_456_789_012, 43_200L * 1_000_000_000_000];
        using (var writer = new PtuWriter(path, InfoFor(PtuRecordType.HydraHarpV2T3)))
        {
            writer.Write(timesPs.Select(t => new TimeTagEvent(t, 1, TimeTagKind.Photon)).ToArray());
            writer.Complete(43_200);
        }
        using var reader = PtuReader.Open(path);
        var back = reader.ReadAll();
        decimal periodPs = 1e12m / (decimal)SyncRateHz;
        for (int i = 0; i < timesPs.Length; i++)
        {
            long sync = (long)decimal.Floor(timesPs[i] / periodPs);
            int micro = (int)decimal.Floor((timesPs[i] - sync * periodPs) / 25m);
            Assert.Equal(new TimeTagEvent(T3TimePs(sync, micro), 1, TimeTagKind.Photon, sync, micro), back[i]);
            // Quantised down to the micro-time bin: at most one bin (25 ps) earlier, never later.
            Assert.InRange(timesPs[i] - back[i].TimeTicks, 0, 25);
        }
    }

    internal static TimeTagStreamInfo InfoFor(PtuRecordType type) => PtuRecordTypes.ModeOf(type) == MeasurementMode.T2
        ? new TimeTagStreamInfo { Mode = MeasurementMode.T2, TickResolutionS = T2ResolutionS, PhotonChannels = [1, 2] }
        : new TimeTagStreamInfo
        {
            Mode = MeasurementMode.T3, TickResolutionS = 1e-12, SyncRateHz = SyncRateHz,
            MicroTimeResolutionS = MicroTimeResolutionS, PhotonChannels = [0, 1],
        };

    /// <summary>T3 time in ps computed independently of the library: exact decimal, rounded half up.</summary>
    internal static long T3TimePs(long syncIndex, int microTimeBins) =>
        (long)decimal.Floor(syncIndex * (1e12m / (decimal)SyncRateHz) + microTimeBins * (decimal)(MicroTimeResolutionS * 1e12) + 0.5m);

    /// <summary>
    /// Random events valid for the type: gaps mostly short, sometimes spanning thousands of overflow periods;
    /// photons on the channels the type can store, markers (and HydraHarp T2 syncs) mixed in.
    /// </summary>
    internal static TimeTagEvent[] RandomEvents(PtuRecordType type, int count, ulong seed)
    {
        var lcg = new TestLcg(seed);
        bool picoHarp = type is PtuRecordType.PicoHarpT2 or PtuRecordType.PicoHarpT3;
        var events = new TimeTagEvent[count];
        long clock = 0;
        for (int i = 0; i < count; i++)
        {
            long roll = lcg.Next(1000);
            long gap = roll switch
            {
                < 5 => lcg.Next(1L << 40),       // many overflow periods at once
                < 50 => lcg.Next(1L << 28),      // about one period
                _ => lcg.Next(1L << 12),
            };
            bool marker = lcg.Next(100) < 3;
            bool sync = !marker && type is not (PtuRecordType.PicoHarpT2) && PtuRecordTypes.ModeOf(type) == MeasurementMode.T2 && lcg.Next(100) < 3;
            short markerMask = (short)(1 + lcg.Next(15));
            if (PtuRecordTypes.ModeOf(type) == MeasurementMode.T2)
            {
                clock += gap;
                if (marker && picoHarp)
                {
                    // PicoHarp T2 stores the mask in the time's low nibble: put the marker where the hardware would.
                    clock = (clock & ~0xFL) | (long)(ushort)markerMask;
                }
                events[i] = marker ? new TimeTagEvent(clock, markerMask, TimeTagKind.Marker)
                    : sync ? new TimeTagEvent(clock, 0, TimeTagKind.Sync)
                    : TimeTagEvent.T2Photon(clock, (short)(picoHarp ? lcg.Next(2) : 1 + lcg.Next(2)));
            }
            else
            {
                clock += gap >> 14; // sync index: big gaps still span 65,536 HydraHarp T3 periods
                int maxMicro = picoHarp ? 4095 : 32767;
                int micro = marker ? 0 : (int)lcg.Next(maxMicro + 1);
                short channel = marker ? markerMask : (short)(picoHarp ? 1 + lcg.Next(2) : lcg.Next(2));
                events[i] = new TimeTagEvent(T3TimePs(clock, micro), channel, marker ? TimeTagKind.Marker : TimeTagKind.Photon, clock, micro);
            }
        }
        return events;
    }
}
