using System.Runtime.InteropServices;

namespace QdSim.TimeTags.IO;

/// <summary>
/// The 24-byte little-endian record shared by the QdSim binary format and the .npy output: int64 time_ticks,
/// int64 sync_index, int32 micro_time_bins, int16 channel, uint8 kind, uint8 reserved (0). Fields are naturally
/// aligned, so the struct is also NumPy's structured dtype without padding.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1, Size = SizeBytes)]
internal struct PackedTimeTag
{
    public const int SizeBytes = 24;

    public long TimeTicks;
    public long SyncIndex;
    public int MicroTimeBins;
    public short Channel;
    public byte Kind;
    public byte Reserved;

    public static PackedTimeTag From(in TimeTagEvent e) => new()
    {
        TimeTicks = e.TimeTicks,
        SyncIndex = e.SyncIndex,
        MicroTimeBins = e.MicroTimeBins,
        Channel = e.Channel,
        Kind = (byte)e.Kind,
    };

    public readonly TimeTagEvent ToEvent() => new(TimeTicks, Channel, (TimeTagKind)Kind, SyncIndex, MicroTimeBins);
}
