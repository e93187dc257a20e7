namespace QdSim.TimeTags.Ptu.Records;

/// <summary>T2 decoder for any <see cref="IT2Layout"/>: time = overflow ticks + time field.</summary>
internal sealed class T2Decoder<TLayout> : PtuRecordDecoder
    where TLayout : struct, IT2Layout
{
    private long _overflowTicks;

    public override int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed)
    {
        long overflowTicks = _overflowTicks;
        int written = 0;
        int i = 0;
        for (; i < records.Length; i++)
        {
            RecordClass kind = TLayout.Classify(records[i], out uint time, out short channel, out long overflows);
            if (kind == RecordClass.Overflow)
            {
                overflowTicks += overflows * TLayout.Period;
                continue;
            }
            if (kind == RecordClass.Invalid)
            {
                InvalidRecordProblem = $"special record with channel {channel}: expected an overflow, marker or sync record of {TLayout.Name}";
                break;
            }
            if (written == events.Length)
                break;
            events[written++] = new TimeTagEvent(overflowTicks + time, channel, (TimeTagKind)kind);
        }
        _overflowTicks = overflowTicks;
        recordsConsumed = i;
        return written;
    }
}

/// <summary>T2 encoder for any <see cref="IT2Layout"/>: overflow records first whenever an event lies a period or more ahead.</summary>
internal sealed class T2Encoder<TLayout> : PtuRecordEncoder
    where TLayout : struct, IT2Layout
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
            if (delta >= TLayout.Period)
            {
                long count = Math.Min(delta / TLayout.Period, TLayout.MaxOverflowsPerRecord);
                records[written++] = TLayout.OverflowRecord(count);
                _overflowTicks += count * TLayout.Period;
                continue;
            }
            if (!TLayout.TryEncode(e, (uint)delta, out records[written]))
                throw NotRepresentable(e, TLayout.Name, TLayout.Limits);
            written++;
            LastTimeTicks = e.TimeTicks;
            i++;
        }
        eventsConsumed = i;
        return written;
    }
}
