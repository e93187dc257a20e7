using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags.Tests;

/// <summary>
/// Every record type, millions of events written and read back through small read blocks (hundreds of block borders,
/// many inside runs of overflow records) in odd-sized reads: T2 events come back identical; T3 events keep their
/// SyncIndex, MicroTimeBins, channel and kind, with TimeTicks equal to the decoder's old formula.
/// </summary>
public class PtuLargeRoundTripTests
{
    private const int Count = 2_500_000;

    [Theory]
    [MemberData(nameof(PtuRoundTripTests.AllTypes), MemberType = typeof(PtuRoundTripTests))]
    public void Millions_of_records_round_trip_across_read_block_borders(PtuRecordType type)
    {
        using var temp = new TempFolder();
        string path = temp.File("large.ptu");
        using (var writer = new PtuWriter(path, PtuRoundTripTests.InfoFor(type), new PtuWriterOptions { RecordType = type }))
        {
            var events = new EventStream(type);
            var chunk = new TimeTagEvent[65_537];
            for (int done = 0; done < Count; done += chunk.Length)
            {
                var part = chunk.AsSpan(0, Math.Min(chunk.Length, Count - done));
                events.Fill(part);
                writer.Write(part);
            }
            writer.Complete(1);
        }

        // 64 KiB + 12 bytes: block borders drift against every pattern in the file.
        using var reader = PtuReader.Open(path, new TimeTagReadOptions { BlockSizeBytes = (64 << 10) + 12 });
        Assert.True(reader.RecordCount > Count + 10_000, $"{reader.RecordCount} records: expected many overflow records");
        var expected = new EventStream(type);
        var buffer = new TimeTagEvent[10_007];
        var want = new TimeTagEvent[buffer.Length];
        long total = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            expected.Fill(want.AsSpan(0, n));
            for (int i = 0; i < n; i++)
            {
                if (buffer[i] != want[i])
                    Assert.Fail($"event {total + i}: read {buffer[i]}, expected {want[i]}");
            }
            total += n;
        }
        Assert.Equal(Count, total);
        Assert.Equal(reader.Position.Total, reader.Position.Done);
    }

    /// <summary>
    /// Deterministic events valid for a record type, generated in chunks: short gaps mostly, 5 % about an overflow
    /// period, 0.1 % hundreds of periods; markers (and HydraHarp T2 syncs) mixed in. HydraHarp V2-layout T3 streams
    /// start at sync 2⁴⁰ (a million overflow records) so that times carry large bases.
    /// </summary>
    private sealed class EventStream(PtuRecordType type)
    {
        private readonly TestLcg _lcg = new((ulong)type * 7919);
        private readonly bool _picoHarp = type is PtuRecordType.PicoHarpT2 or PtuRecordType.PicoHarpT3;
        private readonly bool _t3 = PtuRecordTypes.ModeOf(type) == MeasurementMode.T3;
        private readonly OldT3Formula _old = new(19_999_953, 25e-12);
        private readonly long _period = type is PtuRecordType.PicoHarpT3 ? 65_536 : 1024;
        private long _clock = PtuRecordTypes.ModeOf(type) == MeasurementMode.T3
            && type is not (PtuRecordType.PicoHarpT3 or PtuRecordType.HydraHarpV1T3) ? 1L << 40 : 0;

        public void Fill(Span<TimeTagEvent> events)
        {
            for (int i = 0; i < events.Length; i++)
            {
                long roll = _lcg.Next(1000);
                bool marker = _lcg.Next(100) < 3;
                short markerMask = (short)(1 + _lcg.Next(15));
                if (_t3)
                {
                    _clock += roll switch { < 1 => _lcg.Next(1 << 20), < 50 => _lcg.Next(2048), _ => _lcg.Next(16) };
                    int micro = marker ? 0 : (int)_lcg.Next((_picoHarp ? 4095 : 32767) + 1);
                    short channel = marker ? markerMask : (short)(_picoHarp ? 1 + _lcg.Next(2) : _lcg.Next(2));
                    events[i] = new TimeTagEvent(_old.TimePs(_clock, _period, micro), channel,
                        marker ? TimeTagKind.Marker : TimeTagKind.Photon, _clock, micro);
                    continue;
                }
                _clock += roll switch { < 1 => _lcg.Next(1L << 34), < 50 => _lcg.Next(1L << 28), _ => _lcg.Next(1L << 12) };
                bool sync = !marker && !_picoHarp && _lcg.Next(100) < 3;
                if (marker && _picoHarp)
                    _clock = ((_clock + 16) & ~0xFL) | (long)(ushort)markerMask; // mask in the time's low nibble
                events[i] = marker ? new TimeTagEvent(_clock, markerMask, TimeTagKind.Marker)
                    : sync ? new TimeTagEvent(_clock, 0, TimeTagKind.Sync)
                    : TimeTagEvent.T2Photon(_clock, (short)(_picoHarp ? _lcg.Next(2) : 1 + _lcg.Next(2)));
            }
        }
    }
}
