using System.Runtime.CompilerServices;

namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// Bit layout shared by HydraHarp V1/V2, TimeHarp 260 N/P and Generic (MultiHarp, PicoHarp 330) records
/// (PicoQuant demo readers, ProcessHHT2/ProcessHHT3): special(1)|channel(6)|payload(25). Special channel 63 is an
/// overflow; special channels 1–15 are markers (bit mask); in T2 special channel 0 is a sync event. V2 overflow
/// records count their overflows in the payload (0 meaning 1); V1 overflow records count once each, and V1 T2 wraps
/// at 33,552,000 ticks instead of 2²⁵.
/// </summary>
internal static class HydraHarpBits
{
    public const uint SpecialBit = 0x8000_0000u;
    public const uint OverflowChannel = 0x3F;
    public const uint Overflow = SpecialBit | (OverflowChannel << 25);
    public const uint T2TimeMask = 0x01FF_FFFF;
    public const uint T3SyncMask = 0x3FF;
    public const int T3MaxMicroTime = 0x7FFF;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => (record & SpecialBit) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void T2PhotonFields(uint record, out uint time, out short channel)
    {
        time = record & T2TimeMask;
        channel = (short)(((record >> 25) & 0x3F) + 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void T3PhotonFields(uint record, out uint nsync, out int microTime, out short channel)
    {
        nsync = record & T3SyncMask;
        microTime = (int)((record >> 10) & 0x7FFF);
        channel = (short)((record >> 25) & 0x3F);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass ClassifyT2(uint record, bool countInRecord, out uint time, out short channel, out long overflows)
    {
        time = record & T2TimeMask;
        uint stored = (record >> 25) & 0x3F;
        overflows = 0;
        if ((record & SpecialBit) == 0)
        {
            channel = (short)(stored + 1);
            return RecordClass.Photon;
        }
        channel = (short)stored;
        if (stored == OverflowChannel)
        {
            overflows = countInRecord && time != 0 ? time : 1;
            return RecordClass.Overflow;
        }
        return stored == 0 ? RecordClass.Sync : stored <= 15 ? RecordClass.Marker : RecordClass.Invalid;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass ClassifyT3(uint record, bool countInRecord, out uint nsync, out int microTime, out short channel, out long overflows)
    {
        nsync = record & T3SyncMask;
        uint stored = (record >> 25) & 0x3F;
        channel = (short)stored;
        overflows = 0;
        if ((record & SpecialBit) == 0)
        {
            microTime = (int)((record >> 10) & 0x7FFF);
            return RecordClass.Photon;
        }
        microTime = 0;
        if (stored == OverflowChannel)
        {
            overflows = countInRecord && nsync != 0 ? nsync : 1;
            return RecordClass.Overflow;
        }
        return stored is >= 1 and <= 15 ? RecordClass.Marker : RecordClass.Invalid;
    }

    public static bool TryEncodeT2(in TimeTagEvent e, uint time, out uint record)
    {
        (record, bool ok) = e.Kind switch
        {
            TimeTagKind.Photon when e.Channel is >= 1 and <= 64 => (((uint)(e.Channel - 1) << 25) | time, true),
            TimeTagKind.Sync => (SpecialBit | time, true),
            TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => (SpecialBit | ((uint)e.Channel << 25) | time, true),
            _ => (0u, false),
        };
        return ok;
    }

    public static bool TryEncodeT3(in TimeTagEvent e, uint nsync, int microTime, out uint record)
    {
        (record, bool ok) = e.Kind switch
        {
            TimeTagKind.Photon when e.Channel is >= 0 and <= 63 && microTime is >= 0 and <= T3MaxMicroTime =>
                (((uint)e.Channel << 25) | ((uint)microTime << 10) | nsync, true),
            TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => (SpecialBit | ((uint)e.Channel << 25) | nsync, true),
            _ => (0u, false),
        };
        return ok;
    }

    public const string T2Limits = "photon channels are 1-64 (stored channel + 1), marker masks 1-15";
    public const string T3Limits = "photon channels are 0-63 with micro time 0-32767 bins, marker masks 1-15; sync events are implicit in T3";
}

internal readonly struct HydraHarpV2T2Layout : IT2Layout
{
    public static string Name => "HydraHarp V2/TimeHarp 260/Generic T2";
    public static long Period => 1L << 25;
    public static long MaxOverflowsPerRecord => HydraHarpBits.T2TimeMask;
    public static string Limits => HydraHarpBits.T2Limits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass Classify(uint record, out uint time, out short channel, out long overflows) =>
        HydraHarpBits.ClassifyT2(record, countInRecord: true, out time, out channel, out overflows);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => HydraHarpBits.IsPhoton(record);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PhotonFields(uint record, out uint time, out short channel) => HydraHarpBits.T2PhotonFields(record, out time, out channel);

    public static uint OverflowRecord(long overflows) => HydraHarpBits.Overflow | (uint)overflows;

    public static bool TryEncode(in TimeTagEvent e, uint time, out uint record) => HydraHarpBits.TryEncodeT2(e, time, out record);
}

internal readonly struct HydraHarpV1T2Layout : IT2Layout
{
    public static string Name => "HydraHarp V1 T2";
    public static long Period => 33_552_000;
    public static long MaxOverflowsPerRecord => 1;
    public static string Limits => HydraHarpBits.T2Limits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass Classify(uint record, out uint time, out short channel, out long overflows) =>
        HydraHarpBits.ClassifyT2(record, countInRecord: false, out time, out channel, out overflows);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => HydraHarpBits.IsPhoton(record);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PhotonFields(uint record, out uint time, out short channel) => HydraHarpBits.T2PhotonFields(record, out time, out channel);

    public static uint OverflowRecord(long overflows) => HydraHarpBits.Overflow;

    public static bool TryEncode(in TimeTagEvent e, uint time, out uint record) => HydraHarpBits.TryEncodeT2(e, time, out record);
}

internal readonly struct HydraHarpV2T3Layout : IT3Layout
{
    public static string Name => "HydraHarp V2/TimeHarp 260/Generic T3";
    public static long Period => 1024;
    public static int MaxMicroTime => HydraHarpBits.T3MaxMicroTime;
    public static long MaxOverflowsPerRecord => HydraHarpBits.T3SyncMask;
    public static string Limits => HydraHarpBits.T3Limits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass Classify(uint record, out uint nsync, out int microTime, out short channel, out long overflows) =>
        HydraHarpBits.ClassifyT3(record, countInRecord: true, out nsync, out microTime, out channel, out overflows);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => HydraHarpBits.IsPhoton(record);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PhotonFields(uint record, out uint nsync, out int microTime, out short channel) =>
        HydraHarpBits.T3PhotonFields(record, out nsync, out microTime, out channel);

    public static uint OverflowRecord(long overflows) => HydraHarpBits.Overflow | (uint)overflows;

    public static bool TryEncode(in TimeTagEvent e, uint nsync, int microTime, out uint record) =>
        HydraHarpBits.TryEncodeT3(e, nsync, microTime, out record);
}

internal readonly struct HydraHarpV1T3Layout : IT3Layout
{
    public static string Name => "HydraHarp V1 T3";
    public static long Period => 1024;
    public static int MaxMicroTime => HydraHarpBits.T3MaxMicroTime;
    public static long MaxOverflowsPerRecord => 1;
    public static string Limits => HydraHarpBits.T3Limits;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass Classify(uint record, out uint nsync, out int microTime, out short channel, out long overflows) =>
        HydraHarpBits.ClassifyT3(record, countInRecord: false, out nsync, out microTime, out channel, out overflows);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => HydraHarpBits.IsPhoton(record);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PhotonFields(uint record, out uint nsync, out int microTime, out short channel) =>
        HydraHarpBits.T3PhotonFields(record, out nsync, out microTime, out channel);

    public static uint OverflowRecord(long overflows) => HydraHarpBits.Overflow;

    public static bool TryEncode(in TimeTagEvent e, uint nsync, int microTime, out uint record) =>
        HydraHarpBits.TryEncodeT3(e, nsync, microTime, out record);
}
