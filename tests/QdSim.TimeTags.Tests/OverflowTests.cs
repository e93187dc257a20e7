using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags.Tests;

/// <summary>
/// Overflow rules of each record family, on hand-made records (so the writer cannot hide a reader mistake), and a
/// writer/reader round trip across many overflow periods.
/// </summary>
public class OverflowTests
{
    private const uint HhOverflow = 0xFE00_0000; // special bit + channel 63

    [Fact]
    public void HydraHarp_V2_T2_overflow_record_carries_its_count_and_zero_means_one()
    {
        using var temp = new TempFolder();
        string path = temp.File("v2.ptu");
        uint[] records =
        [
            (0u << 25) | 100,          // photon stored ch 0 -> channel 1 at 100
            HhOverflow | 3,            // 3 overflows
            (1u << 25) | 5,            // photon ch 2 at 3*2^25 + 5
            HhOverflow | 0,            // 0 means 1
            0x8000_0000u | 7,          // sync at 4*2^25 + 7
            0x8000_0000u | (5u << 25) | 9, // marker mask 5
        ];
        RawPtu.Write(path, PtuRecordType.HydraHarpV2T2, records);
        using var reader = PtuReader.Open(path);
        var events = reader.ReadAll();
        const long period = 1L << 25;
        Assert.Equal(
            [
                TimeTagEvent.T2Photon(100, 1),
                TimeTagEvent.T2Photon(3 * period + 5, 2),
                new TimeTagEvent(4 * period + 7, 0, TimeTagKind.Sync),
                new TimeTagEvent(4 * period + 9, 5, TimeTagKind.Marker),
            ],
            events);
    }

    [Fact]
    public void HydraHarp_V1_T2_counts_each_overflow_record_once_with_period_33552000()
    {
        using var temp = new TempFolder();
        string path = temp.File("v1.ptu");
        RawPtu.Write(path, PtuRecordType.HydraHarpV1T2, [HhOverflow | 3, HhOverflow | 0, (2u << 25) | 11]);
        using var reader = PtuReader.Open(path);
        Assert.Equal([TimeTagEvent.T2Photon(2 * 33_552_000L + 11, 3)], reader.ReadAll());
    }

    [Fact]
    public void HydraHarp_T3_overflow_counts_in_V2_and_once_in_V1()
    {
        using var temp = new TempFolder();
        uint photon = (1u << 25) | (250u << 10) | 17; // channel 1, dtime 250, nsync 17
        uint[] records = [HhOverflow | 2, photon];
        foreach (var (type, syncs) in new[] { (PtuRecordType.HydraHarpV2T3, 2 * 1024L + 17), (PtuRecordType.HydraHarpV1T3, 1024L + 17) })
        {
            string path = temp.File(type + ".ptu");
            RawPtu.Write(path, type, records);
            using var reader = PtuReader.Open(path);
            // 10 MHz sync: 100,000 ps per sync; 4 ps bins.
            long expectedPs = syncs * 100_000 + 250 * 4;
            Assert.Equal([new TimeTagEvent(expectedPs, 1, TimeTagKind.Photon, syncs, 250)], reader.ReadAll());
        }
    }

    [Theory]
    [InlineData(PtuRecordType.HydraHarpV2T2)]
    [InlineData(PtuRecordType.HydraHarpV1T2)]
    [InlineData(PtuRecordType.HydraHarpV2T3)]
    [InlineData(PtuRecordType.HydraHarpV1T3)]
    public void A_full_buffer_still_takes_the_overflow_records_after_it_and_an_invalid_record_there_fails_that_read(PtuRecordType type)
    {
        using var temp = new TempFolder();
        bool t3 = PtuRecordTypes.ModeOf(type) == MeasurementMode.T3;
        bool v2 = type is PtuRecordType.HydraHarpV2T2 or PtuRecordType.HydraHarpV2T3;
        uint first = t3 ? (1u << 25) | (250u << 10) | 17 : 100;   // T3: channel 1, dtime 250, nsync 17; T2: channel 1 at 100
        uint second = t3 ? (1u << 25) | (300u << 10) | 18 : 200;
        uint invalid = 0x8000_0000u | (20u << 25) | 5;              // special channel 20: no marker, sync or overflow

        string path = temp.File("full.ptu");
        RawPtu.Write(path, type, [first, second, HhOverflow | 2, HhOverflow | 1, first]);
        using (var reader = PtuReader.Open(path))
        {
            long dataOffset = reader.Header.DataOffset;
            var buffer = new TimeTagEvent[2];
            Assert.Equal(2, reader.Read(buffer));
            Assert.Equal(dataOffset + 16, reader.Position.Done); // the overflow records went with the full buffer
            Assert.Equal(1, reader.Read(buffer));
            long overflows = v2 ? 3 : 2;
            var expected = t3
                ? new TimeTagEvent((overflows * 1024 + 17) * 100_000 + 250 * 4, 1, TimeTagKind.Photon, overflows * 1024 + 17, 250)
                : TimeTagEvent.T2Photon(overflows * (v2 ? 1L << 25 : 33_552_000) + 100, 1);
            Assert.Equal(expected, buffer[0]);
            Assert.Equal(0, reader.Read(buffer));
        }

        string bad = temp.File("full-then-invalid.ptu");
        RawPtu.Write(bad, type, [first, second, HhOverflow | 2, invalid, first]);
        using (var reader = PtuReader.Open(bad))
        {
            var e = Assert.Throws<TimeTagFormatException>(() => reader.Read(new TimeTagEvent[2]));
            Assert.Equal(reader.Header.DataOffset + 12, e.ByteOffset);
            Assert.Contains("special record with channel 20", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PicoHarp_overflows_and_markers_follow_the_demo_reader()
    {
        using var temp = new TempFolder();
        string t2 = temp.File("ph2.ptu");
        // overflow (ch 15, low nibble 0), photon ch 1 at 1000, marker mask 2 stored in the time's low nibble.
        RawPtu.Write(t2, PtuRecordType.PicoHarpT2, [0xF000_0000u, (1u << 28) | 1000, 0xF000_0000u | 0x12342]);
        using (var reader = PtuReader.Open(t2))
        {
            Assert.Equal(
                [TimeTagEvent.T2Photon(210_698_240L + 1000, 1), new TimeTagEvent(210_698_240L + 0x12342, 2, TimeTagKind.Marker)],
                reader.ReadAll());
        }
        string t3 = temp.File("ph3.ptu");
        // overflow (ch 15, dtime 0) twice, photon ch 1 dtime 3 nsync 5, marker mask 4 (in dtime) at nsync 6.
        RawPtu.Write(t3, PtuRecordType.PicoHarpT3, [0xF000_0000u, 0xF000_0000u, (1u << 28) | (3u << 16) | 5, 0xF000_0000u | (4u << 16) | 6]);
        using (var reader = PtuReader.Open(t3))
        {
            long s1 = 2 * 65_536L + 5;
            long s2 = 2 * 65_536L + 6;
            Assert.Equal(
                [new TimeTagEvent(s1 * 100_000 + 12, 1, TimeTagKind.Photon, s1, 3), new TimeTagEvent(s2 * 100_000, 4, TimeTagKind.Marker, s2, 0)],
                reader.ReadAll());
        }
    }

    [Fact]
    public void Writer_spans_millions_of_overflow_periods_and_reads_back_exact_times()
    {
        using var temp = new TempFolder();
        string path = temp.File("long.ptu");
        var info = new TimeTagStreamInfo { Mode = MeasurementMode.T2, TickResolutionS = 1e-12, PhotonChannels = [1, 2] };
        // Gaps of 2^40 ticks (~1.1 s at 1 ps) = 32,768 HydraHarp periods each; 12 hours total forces multi-count records.
        var events = new List<TimeTagEvent>();
        long t = 0;
        for (int i = 0; i < 40_000; i++)
        {
            t += i % 1000 == 0 ? (1L << 40) + i : 1 + i % 77;
            events.Add(TimeTagEvent.T2Photon(t, (short)(1 + i % 2)));
        }
        using (var writer = new PtuWriter(path, info))
        {
            writer.Write(events.ToArray());
            writer.Complete(t * 1e-12);
        }
        using var reader = PtuReader.Open(path);
        Assert.Equal(events, reader.ReadAll(chunk: 333));
        // One V2 overflow record per big gap (count ≤ 2^25 − 1), one per small wrap: far fewer records than overflows.
        Assert.True(reader.RecordCount < events.Count * 2, $"{reader.RecordCount} records for {events.Count} events");
    }

    [Fact]
    public void T3_times_stay_exact_to_the_picosecond_beyond_double_precision()
    {
        using var temp = new TempFolder();
        string path = temp.File("t3long.ptu");
        // 19,999,953 Hz for 12 h: sync index ~8.6e11, time ~4.3e16 ps > 2^53, where a double product drifts by ps.
        var info = PtuRoundTripTests.InfoFor(PtuRecordType.HydraHarpV2T3);
        long[] syncs = [0, 1, 1023, 1024, 123_456_789, 864_000_000_000L - 1, 864_000_000_000L];
        var events = syncs.Select((s, i) => new TimeTagEvent(PtuRoundTripTests.T3TimePs(s, 1000 + i), 0, TimeTagKind.Photon, s, 1000 + i)).ToArray();
        using (var writer = new PtuWriter(path, info))
        {
            writer.Write(events);
            writer.Complete(43_200);
        }
        using var reader = PtuReader.Open(path);
        Assert.Equal(events, reader.ReadAll());
    }
}
