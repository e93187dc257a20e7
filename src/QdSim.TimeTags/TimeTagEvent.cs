namespace QdSim.TimeTags;

/// <summary>What a decoded time-tag record stands for.</summary>
public enum TimeTagKind : byte
{
    /// <summary>A detector click on <see cref="TimeTagEvent.Channel"/>.</summary>
    Photon = 0,
    /// <summary>An external marker; <see cref="TimeTagEvent.Channel"/> holds the marker bit mask.</summary>
    Marker = 1,
    /// <summary>A laser sync pulse recorded as an event (T2 mode with a sync channel).</summary>
    Sync = 2,
}

/// <summary>
/// One time-tagged event, the unit in which engine and analysis meet (like real instruments, they never share
/// anything else). Times are integer ticks; the tick length in seconds is
/// <see cref="TimeTagStreamInfo.TickResolutionS"/> (T2: the file's global resolution; T3: one picosecond,
/// with the exact T3 fields kept in <see cref="SyncIndex"/> and <see cref="MicroTimeBins"/>).
/// Channel numbering follows PicoQuant's demo readers: PicoHarp T2 as stored, HydraHarp-family T2 stored
/// channel + 1, T3 as stored.
/// </summary>
public readonly record struct TimeTagEvent(
    long TimeTicks,
    short Channel,
    TimeTagKind Kind,
    long SyncIndex = -1,
    int MicroTimeBins = -1)
{
    /// <summary>Photon event in T2 mode.</summary>
    public static TimeTagEvent T2Photon(long timeTicks, short channel) => new(timeTicks, channel, TimeTagKind.Photon);
}
