using System.Runtime.CompilerServices;

namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// PicoHarp 300 T2 (PicoQuant demo readers, ProcessPHT2): channel(4)|time(28). Channel 15 is special: the low nibble
/// of its time is the marker mask, and a zero mask is an overflow of 210,698,240 ticks. Photon channels are stored as
/// is. A marker keeps its mask bits in its time (as the hardware stores it), so writing a marker replaces the low
/// four bits of its time by the mask (a shift of at most 15 ticks).
/// </summary>
internal readonly struct PicoHarpT2Layout : IT2Layout
{
    private const uint Special = 15u << 28;

    public static string Name => "PicoHarp T2";
    public static long Period => 210_698_240;
    public static long MaxOverflowsPerRecord => 1;
    public static string Limits => "photon channels are 0-14, marker masks 1-15; record sync as a photon on channel 0";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass Classify(uint record, out uint time, out short channel, out long overflows)
    {
        time = record & 0x0FFF_FFFF;
        uint stored = record >> 28;
        overflows = 0;
        if (stored != 15)
        {
            channel = (short)stored;
            return RecordClass.Photon;
        }
        channel = (short)(time & 0xF);
        if (channel != 0)
            return RecordClass.Marker;
        overflows = 1;
        return RecordClass.Overflow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => record < Special;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PhotonFields(uint record, out uint time, out short channel)
    {
        time = record & 0x0FFF_FFFF;
        channel = (short)(record >> 28);
    }

    public static uint OverflowRecord(long overflows) => Special;

    public static bool TryEncode(in TimeTagEvent e, uint time, out uint record)
    {
        // Period is a multiple of 16, so replacing the low nibble keeps a marker inside its overflow period.
        (record, bool ok) = e.Kind switch
        {
            TimeTagKind.Photon when e.Channel is >= 0 and <= 14 => (((uint)e.Channel << 28) | time, true),
            TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => (Special | (time & ~0xFu) | (uint)(ushort)e.Channel, true),
            _ => (0u, false),
        };
        return ok;
    }
}

/// <summary>
/// PicoHarp 300 T3 (ProcessPHT3): channel(4)|dtime(12)|nsync(16). Channel 15 is special: the low nibble of dtime is
/// the marker mask, and a zero mask is an overflow of 65,536 syncs. Markers are read with micro time 0.
/// </summary>
internal readonly struct PicoHarpT3Layout : IT3Layout
{
    private const uint Special = 15u << 28;

    public static string Name => "PicoHarp T3";
    public static long Period => 65_536;
    public static int MaxMicroTime => 0xFFF;
    public static long MaxOverflowsPerRecord => 1;
    public static string Limits => "photon channels are 0-14 (the hardware uses 1-4) with micro time 0-4095 bins, marker masks 1-15";

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static RecordClass Classify(uint record, out uint nsync, out int microTime, out short channel, out long overflows)
    {
        nsync = record & 0xFFFF;
        microTime = (int)((record >> 16) & 0xFFF);
        uint stored = record >> 28;
        overflows = 0;
        if (stored != 15)
        {
            channel = (short)stored;
            return RecordClass.Photon;
        }
        channel = (short)(microTime & 0xF);
        microTime = 0;
        if (channel != 0)
            return RecordClass.Marker;
        overflows = 1;
        return RecordClass.Overflow;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsPhoton(uint record) => record < Special;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PhotonFields(uint record, out uint nsync, out int microTime, out short channel)
    {
        nsync = record & 0xFFFF;
        microTime = (int)((record >> 16) & 0xFFF);
        channel = (short)(record >> 28);
    }

    public static uint OverflowRecord(long overflows) => Special;

    public static bool TryEncode(in TimeTagEvent e, uint nsync, int microTime, out uint record)
    {
        (record, bool ok) = e.Kind switch
        {
            TimeTagKind.Photon when e.Channel is >= 0 and <= 14 && microTime is >= 0 and <= 0xFFF =>
                (((uint)e.Channel << 28) | ((uint)microTime << 16) | nsync, true),
            TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => (Special | ((uint)e.Channel << 16) | nsync, true),
            _ => (0u, false),
        };
        return ok;
    }
}
