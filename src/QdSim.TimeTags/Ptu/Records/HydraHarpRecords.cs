namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// Bit layout shared by HydraHarp V1/V2, TimeHarp 260 N/P and Generic (MultiHarp, PicoHarp 330) records
/// (PicoQuant demo readers, ProcessHHT2/ProcessHHT3): special(1)|channel(6)|payload(25). Special channel 63 is an
/// overflow; special channels 1–15 are markers (bit mask); in T2 special channel 0 is a sync event.
/// </summary>
internal static class HydraHarpLayout
{
    public const uint SpecialBit = 0x8000_0000u;
    public const uint OverflowChannel = 0x3F;
    public const uint OverflowRecord = SpecialBit | (OverflowChannel << 25);

    /// <summary>T2 overflow period in ticks: V2 2²⁵; V1 33,552,000 (as in PicoQuant's demo for version 1).</summary>
    public const long T2PeriodV2 = 1L << 25;
    public const long T2PeriodV1 = 33_552_000;
    public const uint T2TimeMask = 0x01FF_FFFF;

    /// <summary>T3 overflow period in syncs (10-bit nsync).</summary>
    public const long T3Period = 1024;
    public const uint T3SyncMask = 0x3FF;
    public const int T3MaxMicroTime = 0x7FFF;

    public static string Name(bool overflowCountInRecord, string mode) =>
        overflowCountInRecord ? $"HydraHarp V2/TimeHarp 260/Generic {mode}" : $"HydraHarp V1 {mode}";
}

/// <summary>HydraHarp-family T2 decoder: channel = stored + 1; special channel 0 → Sync; 1–15 → Marker (mask).</summary>
internal sealed class HydraHarpT2Decoder(bool overflowCountInRecord) : PtuRecordDecoder
{
    private readonly bool _overflowCountInRecord = overflowCountInRecord;
    private readonly long _period = overflowCountInRecord ? HydraHarpLayout.T2PeriodV2 : HydraHarpLayout.T2PeriodV1;
    private long _overflowTicks;

    public override int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed)
    {
        long overflowTicks = _overflowTicks;
        int written = 0;
        int i = 0;
        for (; i < records.Length; i++)
        {
            uint record = records[i];
            uint time = record & HydraHarpLayout.T2TimeMask;
            uint channel = (record >> 25) & 0x3F;
            if ((record & HydraHarpLayout.SpecialBit) == 0)
            {
                if (written == events.Length)
                    break;
                events[written++] = new TimeTagEvent(overflowTicks + time, (short)(channel + 1), TimeTagKind.Photon);
                continue;
            }
            if (channel == HydraHarpLayout.OverflowChannel)
            {
                // V2: the time field counts overflows, 0 meaning 1; V1: each record is one overflow.
                long count = _overflowCountInRecord && time != 0 ? time : 1;
                overflowTicks += count * _period;
                continue;
            }
            if (channel > 15)
            {
                InvalidRecordProblem = $"special record with channel {channel}: expected 0 (sync), 1-15 (marker) or 63 (overflow)";
                break;
            }
            if (written == events.Length)
                break;
            events[written++] = channel == 0
                ? new TimeTagEvent(overflowTicks + time, 0, TimeTagKind.Sync)
                : new TimeTagEvent(overflowTicks + time, (short)channel, TimeTagKind.Marker);
        }
        _overflowTicks = overflowTicks;
        recordsConsumed = i;
        return written;
    }
}

/// <summary>HydraHarp-family T3 decoder: channel as stored; special channels 1–15 → Marker (mask) at micro time 0.</summary>
internal sealed class HydraHarpT3Decoder : PtuRecordDecoder
{
    private readonly bool _overflowCountInRecord;
    private readonly T3Clock _clock;

    public HydraHarpT3Decoder(bool overflowCountInRecord, T3Clock clock)
    {
        _overflowCountInRecord = overflowCountInRecord;
        _clock = clock;
        _clock.SetBase(0);
    }

    public override int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed)
    {
        T3Clock clock = _clock;
        long baseSync = clock.BaseSyncIndex;
        long baseWholePs = clock.BaseWholePs;
        double baseFractionPs = clock.BaseFractionPs;
        double periodPs = clock.SyncPeriodPs;
        double resolutionPs = clock.MicroTimeResolutionPs;
        bool baseStale = false;
        int written = 0;
        int i = 0;
        for (; i < records.Length; i++)
        {
            uint record = records[i];
            uint nsync = record & HydraHarpLayout.T3SyncMask;
            uint channel = (record >> 25) & 0x3F;
            if ((record & HydraHarpLayout.SpecialBit) == 0)
            {
                if (written == events.Length)
                    break;
                if (baseStale)
                    (baseWholePs, baseFractionPs, baseStale) = Rebase(clock, baseSync);
                int dtime = (int)((record >> 10) & 0x7FFF);
                long timePs = baseWholePs + (long)Math.Floor(baseFractionPs + nsync * periodPs + dtime * resolutionPs + 0.5);
                events[written++] = new TimeTagEvent(timePs, (short)channel, TimeTagKind.Photon, baseSync + nsync, dtime);
                continue;
            }
            if (channel == HydraHarpLayout.OverflowChannel)
            {
                long count = _overflowCountInRecord && nsync != 0 ? nsync : 1;
                // The exact (decimal) base is recomputed lazily, once per run of overflow records.
                baseSync += count * HydraHarpLayout.T3Period;
                baseStale = true;
                continue;
            }
            if (channel is 0 or > 15)
            {
                InvalidRecordProblem = $"special record with channel {channel}: expected 1-15 (marker) or 63 (overflow)";
                break;
            }
            if (written == events.Length)
                break;
            if (baseStale)
                (baseWholePs, baseFractionPs, baseStale) = Rebase(clock, baseSync);
            long markerPs = baseWholePs + (long)Math.Floor(baseFractionPs + nsync * periodPs + 0.5);
            events[written++] = new TimeTagEvent(markerPs, (short)channel, TimeTagKind.Marker, baseSync + nsync, 0);
        }
        if (baseStale)
            clock.SetBase(baseSync);
        recordsConsumed = i;
        return written;
    }
}

/// <summary>HydraHarp-family T2 encoder (inverse of <see cref="HydraHarpT2Decoder"/>).</summary>
internal sealed class HydraHarpT2Encoder(bool overflowCountInRecord) : PtuRecordEncoder
{
    private readonly bool _overflowCountInRecord = overflowCountInRecord;
    private readonly long _period = overflowCountInRecord ? HydraHarpLayout.T2PeriodV2 : HydraHarpLayout.T2PeriodV1;
    private long _overflowTicks;

    public override int Encode(ReadOnlySpan<TimeTagEvent> events, Span<uint> records, out int eventsConsumed)
    {
        int written = 0;
        int i = 0;
        while (i < events.Length && written < records.Length)
        {
            ref readonly TimeTagEvent e = ref events[i];
            if (e.TimeTicks < LastTimeTicks)
                throw OutOfOrder(e, LastTimeTicks);
            long delta = e.TimeTicks - _overflowTicks;
            if (delta >= _period)
            {
                long count = _overflowCountInRecord ? Math.Min(delta / _period, HydraHarpLayout.T2TimeMask) : 1;
                records[written++] = HydraHarpLayout.OverflowRecord | (_overflowCountInRecord ? (uint)count : 0u);
                _overflowTicks += count * _period;
                continue;
            }
            records[written++] = e.Kind switch
            {
                TimeTagKind.Photon when e.Channel is >= 1 and <= 64 => ((uint)(e.Channel - 1) << 25) | (uint)delta,
                TimeTagKind.Sync => HydraHarpLayout.SpecialBit | (uint)delta,
                TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => HydraHarpLayout.SpecialBit | ((uint)e.Channel << 25) | (uint)delta,
                _ => throw NotRepresentable(e, HydraHarpLayout.Name(_overflowCountInRecord, "T2"),
                    "photon channels are 1-64 (stored channel + 1), marker masks 1-15"),
            };
            LastTimeTicks = e.TimeTicks;
            i++;
        }
        eventsConsumed = i;
        return written;
    }
}

/// <summary>HydraHarp-family T3 encoder (inverse of <see cref="HydraHarpT3Decoder"/>); markers get micro time 0.</summary>
internal sealed class HydraHarpT3Encoder(bool overflowCountInRecord, T3Clock clock) : PtuRecordEncoder
{
    private readonly bool _overflowCountInRecord = overflowCountInRecord;
    private long _overflowSync;
    private long _lastSync;

    public override int Encode(ReadOnlySpan<TimeTagEvent> events, Span<uint> records, out int eventsConsumed)
    {
        int written = 0;
        int i = 0;
        while (i < events.Length && written < records.Length)
        {
            ref readonly TimeTagEvent e = ref events[i];
            (long syncIndex, int microTime) = e.SyncIndex >= 0 ? (e.SyncIndex, e.MicroTimeBins) : clock.Split(e.TimeTicks);
            if (syncIndex < _lastSync)
                throw OutOfOrder(e, LastTimeTicks);
            long delta = syncIndex - _overflowSync;
            if (delta >= HydraHarpLayout.T3Period)
            {
                long count = _overflowCountInRecord ? Math.Min(delta / HydraHarpLayout.T3Period, HydraHarpLayout.T3SyncMask) : 1;
                records[written++] = HydraHarpLayout.OverflowRecord | (_overflowCountInRecord ? (uint)count : 0u);
                _overflowSync += count * HydraHarpLayout.T3Period;
                continue;
            }
            records[written++] = e.Kind switch
            {
                TimeTagKind.Photon when e.Channel is >= 0 and <= 63 && microTime is >= 0 and <= HydraHarpLayout.T3MaxMicroTime =>
                    ((uint)e.Channel << 25) | ((uint)microTime << 10) | (uint)delta,
                TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => HydraHarpLayout.SpecialBit | ((uint)e.Channel << 25) | (uint)delta,
                _ => throw NotRepresentable(e, HydraHarpLayout.Name(_overflowCountInRecord, "T3"),
                    "photon channels are 0-63 with micro time 0-32767 bins, marker masks 1-15; sync events are implicit in T3"),
            };
            _lastSync = syncIndex;
            LastTimeTicks = e.TimeTicks;
            i++;
        }
        eventsConsumed = i;
        return written;
    }
}
