using QdSim.TimeTags.Ptu.Records;

namespace QdSim.TimeTags.Tests;

/// <summary>The decoders' contract: decode until the records or the room run out, whatever the overflow records between.</summary>
public class DecoderContractTests
{
    private const uint HhOverflow = 0xFE00_0000;

    [Fact]
    public void Decoders_fill_the_event_buffer_while_records_remain()
    {
        // Overflow records take no room, so 3 events fit although 6 records come before the 3rd photon.
        uint[] t2 = [HhOverflow | 1, 5, HhOverflow | 1, HhOverflow | 2, 6, HhOverflow | 1, 7, 8];
        uint[] t3 = [HhOverflow | 1, (1u << 10) | 5, HhOverflow | 1, HhOverflow | 2, (2u << 10) | 6, HhOverflow | 1, (3u << 10) | 7, 8];
        var decoders = new (PtuRecordDecoder Decoder, uint[] Records)[]
        {
            (new T2Decoder<HydraHarpV2T2Layout>(), t2),
            (new T3Decoder<HydraHarpV2T3Layout>(new T3Clock(10_000_000, 4e-12)), t3),
        };
        foreach (var (decoder, records) in decoders)
        {
            var events = new TimeTagEvent[3];
            Assert.Equal(3, decoder.Decode(records, events, out int consumed));
            Assert.Equal(7, consumed);
            Assert.Null(decoder.InvalidRecordProblem);
            Assert.Equal(1, decoder.Decode(records.AsSpan(consumed), events, out consumed));
            Assert.Equal(1, consumed);
        }
    }
}
