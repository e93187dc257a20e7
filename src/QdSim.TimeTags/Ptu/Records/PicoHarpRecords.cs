namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// PicoHarp 300 layouts (PicoQuant demo readers, ProcessPHT2/ProcessPHT3): T2 channel(4)|time(28), T3
/// channel(4)|dtime(12)|nsync(16). Channel 15 is special: its low four bits (of time in T2, of dtime in T3) are the
/// marker mask, and a zero mask is an overflow of 210,698,240 ticks (T2) or 65,536 syncs (T3).
/// </summary>
internal static class PicoHarpLayout
{
    public const uint SpecialChannel = 15;
    public const uint OverflowRecord = SpecialChannel << 28;
    public const long T2Period = 210_698_240;
    public const uint T2TimeMask = 0x0FFF_FFFF;
    public const long T3Period = 65_536;
    public const int T3MaxMicroTime = 0xFFF;
}

/// <summary>PicoHarp T2 decoder: channel as stored; markers keep the marker bits in the low nibble of their time, as stored.</summary>
internal sealed class PicoHarpT2Decoder : PtuRecordDecoder
{
    private long _overflowTicks;

    public override int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed)
    {
        long overflowTicks = _overflowTicks;
        int written = 0;
        int i = 0;
        for (; i < records.Length; i++)
        {
            uint record = records[i];
            uint channel = record >> 28;
            uint time = record & PicoHarpLayout.T2TimeMask;
            if (channel != PicoHarpLayout.SpecialChannel)
            {
                if (written == events.Length)
                    break;
                events[written++] = new TimeTagEvent(overflowTicks + time, (short)channel, TimeTagKind.Photon);
                continue;
            }
            uint markers = time & 0xF;
            if (markers == 0)
            {
                overflowTicks += PicoHarpLayout.T2Period;
                continue;
            }
            if (written == events.Length)
                break;
            events[written++] = new TimeTagEvent(overflowTicks + time, (short)markers, TimeTagKind.Marker);
        }
        _overflowTicks = overflowTicks;
        recordsConsumed = i;
        return written;
    }
}

/// <summary>PicoHarp T3 decoder: channel as stored; markers at micro time 0.</summary>
internal sealed class PicoHarpT3Decoder : PtuRecordDecoder
{
    private readonly T3Clock _clock;

    public PicoHarpT3Decoder(T3Clock clock)
    {
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
            uint channel = record >> 28;
            int dtime = (int)((record >> 16) & 0xFFF);
            uint nsync = record & 0xFFFF;
            if (channel != PicoHarpLayout.SpecialChannel)
            {
                if (written == events.Length)
                    break;
                if (baseStale)
                    (baseWholePs, baseFractionPs, baseStale) = Rebase(clock, baseSync);
                long timePs = baseWholePs + (long)Math.Floor(baseFractionPs + nsync * periodPs + dtime * resolutionPs + 0.5);
                events[written++] = new TimeTagEvent(timePs, (short)channel, TimeTagKind.Photon, baseSync + nsync, dtime);
                continue;
            }
            int markers = dtime & 0xF;
            if (markers == 0)
            {
                // The exact (decimal) base is recomputed lazily, once per run of overflow records.
                baseSync += PicoHarpLayout.T3Period;
                baseStale = true;
                continue;
            }
            if (written == events.Length)
                break;
            if (baseStale)
                (baseWholePs, baseFractionPs, baseStale) = Rebase(clock, baseSync);
            long markerPs = baseWholePs + (long)Math.Floor(baseFractionPs + nsync * periodPs + 0.5);
            events[written++] = new TimeTagEvent(markerPs, (short)markers, TimeTagKind.Marker, baseSync + nsync, 0);
        }
        if (baseStale)
            clock.SetBase(baseSync);
        recordsConsumed = i;
        return written;
    }
}

/// <summary>
/// PicoHarp T2 encoder. Photon channels 0–14. The hardware stores a marker's mask in the low nibble of its time tag,
/// so a marker's time is written with its low four bits replaced by the mask (a shift of at most 15 ticks).
/// </summary>
internal sealed class PicoHarpT2Encoder : PtuRecordEncoder
{
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
            if (delta >= PicoHarpLayout.T2Period)
            {
                records[written++] = PicoHarpLayout.OverflowRecord;
                _overflowTicks += PicoHarpLayout.T2Period;
                continue;
            }
            records[written++] = e.Kind switch
            {
                TimeTagKind.Photon when e.Channel is >= 0 and <= 14 => ((uint)e.Channel << 28) | (uint)delta,
                // T2Period is a multiple of 16, so replacing the low nibble keeps the time inside this overflow period.
                TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => PicoHarpLayout.OverflowRecord | ((uint)delta & ~0xFu) | (uint)(ushort)e.Channel,
                _ => throw NotRepresentable(e, "PicoHarp T2", "photon channels are 0-14, marker masks 1-15; record sync as a photon on channel 0"),
            };
            LastTimeTicks = e.TimeTicks;
            i++;
        }
        eventsConsumed = i;
        return written;
    }
}

/// <summary>PicoHarp T3 encoder. Photon channels 0–14 (the hardware uses 1–4), micro time 0–4095 bins.</summary>
internal sealed class PicoHarpT3Encoder(T3Clock clock) : PtuRecordEncoder
{
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
            if (delta >= PicoHarpLayout.T3Period)
            {
                records[written++] = PicoHarpLayout.OverflowRecord;
                _overflowSync += PicoHarpLayout.T3Period;
                continue;
            }
            records[written++] = e.Kind switch
            {
                TimeTagKind.Photon when e.Channel is >= 0 and <= 14 && microTime is >= 0 and <= PicoHarpLayout.T3MaxMicroTime =>
                    ((uint)e.Channel << 28) | ((uint)microTime << 16) | (uint)delta,
                TimeTagKind.Marker when e.Channel is >= 1 and <= 15 => PicoHarpLayout.OverflowRecord | ((uint)e.Channel << 16) | (uint)delta,
                _ => throw NotRepresentable(e, "PicoHarp T3", "photon channels are 0-14 with micro time 0-4095 bins, marker masks 1-15"),
            };
            _lastSync = syncIndex;
            LastTimeTicks = e.TimeTicks;
            i++;
        }
        eventsConsumed = i;
        return written;
    }
}
