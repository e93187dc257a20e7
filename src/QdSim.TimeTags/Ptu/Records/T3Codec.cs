namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// T3 decoder for any <see cref="IT3Layout"/>: SyncIndex = overflow syncs + nsync, exact; TimeTicks in ps from the
/// <see cref="T3Clock"/>, whose exact base is recomputed lazily once per run of overflow records.
/// </summary>
internal sealed class T3Decoder<TLayout> : PtuRecordDecoder
    where TLayout : struct, IT3Layout
{
    private readonly T3Clock _clock;

    public T3Decoder(T3Clock clock)
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
            RecordClass kind = TLayout.Classify(records[i], out uint nsync, out int microTime, out short channel, out long overflows);
            if (kind == RecordClass.Overflow)
            {
                baseSync += overflows * TLayout.Period;
                baseStale = true;
                continue;
            }
            if (kind == RecordClass.Invalid)
            {
                InvalidRecordProblem = $"special record with channel {channel}: expected an overflow or marker record of {TLayout.Name}";
                break;
            }
            if (written == events.Length)
                break;
            if (baseStale)
            {
                clock.SetBase(baseSync);
                (baseWholePs, baseFractionPs, baseStale) = (clock.BaseWholePs, clock.BaseFractionPs, false);
            }
            // Every term is non-negative, so truncation is the floor: round half up without a Math.Floor call.
            long timePs = baseWholePs + (long)(baseFractionPs + nsync * periodPs + microTime * resolutionPs + 0.5);
            events[written++] = new TimeTagEvent(timePs, channel, (TimeTagKind)kind, baseSync + nsync, microTime);
        }
        if (baseStale)
            clock.SetBase(baseSync);
        recordsConsumed = i;
        return written;
    }
}

/// <summary>
/// T3 encoder for any <see cref="IT3Layout"/>. Events carry SyncIndex and MicroTimeBins; events with SyncIndex −1 are
/// split from TimeTicks (ps) by the <see cref="T3Clock"/> (slower: decimal arithmetic per event).
/// </summary>
internal sealed class T3Encoder<TLayout>(T3Clock clock) : PtuRecordEncoder
    where TLayout : struct, IT3Layout
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
            if (delta >= TLayout.Period)
            {
                long count = Math.Min(delta / TLayout.Period, TLayout.MaxOverflowsPerRecord);
                records[written++] = TLayout.OverflowRecord(count);
                _overflowSync += count * TLayout.Period;
                continue;
            }
            if (!TLayout.TryEncode(e, (uint)delta, e.Kind == TimeTagKind.Marker ? 0 : microTime, out records[written]))
                throw NotRepresentable(e, TLayout.Name, TLayout.Limits);
            written++;
            _lastSync = syncIndex;
            LastTimeTicks = e.TimeTicks;
            i++;
        }
        eventsConsumed = i;
        return written;
    }
}
