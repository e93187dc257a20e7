using QdSim.TimeTags.Ptu.Records;

namespace QdSim.TimeTags.Tests;

/// <summary>
/// The decoders' photon fast path (IsPhoton, PhotonFields) agrees with the full classification (Classify) of every
/// layout, on random records and on every special-bit/channel combination.
/// </summary>
public class RecordLayoutTests
{
    [Fact]
    public void T2_photon_fast_path_matches_classify()
    {
        CheckT2<PicoHarpT2Layout>();
        CheckT2<HydraHarpV1T2Layout>();
        CheckT2<HydraHarpV2T2Layout>();
    }

    [Fact]
    public void T3_photon_fast_path_matches_classify()
    {
        CheckT3<PicoHarpT3Layout>();
        CheckT3<HydraHarpV1T3Layout>();
        CheckT3<HydraHarpV2T3Layout>();
    }

    private static IEnumerable<uint> Records()
    {
        var lcg = new TestLcg(42);
        for (int i = 0; i < 200_000; i++)
            yield return lcg.NextUInt32();
        // Every value of the top 8 bits (special bit, channel, PicoHarp channel nibble) with random low bits.
        for (uint top = 0; top < 256; top++)
        {
            yield return top << 24;
            yield return (top << 24) | (lcg.NextUInt32() >> 8);
        }
    }

    private static void CheckT2<TLayout>() where TLayout : struct, IT2Layout
    {
        foreach (uint record in Records())
        {
            RecordClass kind = TLayout.Classify(record, out uint time, out short channel, out _);
            Assert.True(TLayout.IsPhoton(record) == (kind == RecordClass.Photon), $"{TLayout.Name} 0x{record:X8}: {kind}");
            if (kind != RecordClass.Photon)
                continue;
            TLayout.PhotonFields(record, out uint fastTime, out short fastChannel);
            Assert.True((time, channel) == (fastTime, fastChannel), $"{TLayout.Name} 0x{record:X8}");
        }
    }

    private static void CheckT3<TLayout>() where TLayout : struct, IT3Layout
    {
        foreach (uint record in Records())
        {
            RecordClass kind = TLayout.Classify(record, out uint nsync, out int micro, out short channel, out _);
            Assert.True(TLayout.IsPhoton(record) == (kind == RecordClass.Photon), $"{TLayout.Name} 0x{record:X8}: {kind}");
            if (kind != RecordClass.Photon)
                continue;
            TLayout.PhotonFields(record, out uint fastNsync, out int fastMicro, out short fastChannel);
            Assert.True((nsync, micro, channel) == (fastNsync, fastMicro, fastChannel), $"{TLayout.Name} 0x{record:X8}");
        }
    }
}
