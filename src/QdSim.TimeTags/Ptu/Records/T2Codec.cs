using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QdSim.TimeTags.Ptu.Records;

/// <summary>T2 decoder for any <see cref="IT2Layout"/>: time = overflow ticks + time field.</summary>
internal sealed class T2Decoder<TLayout> : PtuRecordDecoder
    where TLayout : struct, IT2Layout
{
    private long _overflowTicks;

    public override int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed)
    {
        int i = 0;
        int written = 0;
        int run;
        // A record yields at most one event, so min(records left, room left) records need no room check.
        while ((run = Math.Min(records.Length - i, events.Length - written)) > 0)
        {
            int consumed = DecodeRun(ref Unsafe.Add(ref MemoryMarshal.GetReference(records), i), run,
                ref Unsafe.Add(ref MemoryMarshal.GetReference(events), written), ref _overflowTicks, out int decoded);
            i += consumed;
            written += decoded;
            if (consumed < run)
            {
                TLayout.Classify(records[i], out _, out short channel, out _);
                InvalidRecordProblem = InvalidProblem(channel);
                recordsConsumed = i;
                return written;
            }
        }
        // Out of room: still consume the overflow records up to the next event, and report an invalid record there now
        // rather than on the next call, as a record-by-record loop would (the reader's error offsets and Position
        // depend on it).
        for (; i < records.Length; i++)
        {
            RecordClass kind = TLayout.Classify(records[i], out _, out short channel, out long overflows);
            if (kind != RecordClass.Overflow)
            {
                if (kind == RecordClass.Invalid)
                    InvalidRecordProblem = InvalidProblem(channel);
                break;
            }
            _overflowTicks += overflows * TLayout.Period;
        }
        recordsConsumed = i;
        return written;
    }

    /// <summary>
    /// Decodes <paramref name="count"/> records (room for as many events guaranteed), stopping early before an invalid
    /// record. Returns the records consumed. No calls inside, so the loop keeps its state in registers.
    /// </summary>
    private static int DecodeRun(ref uint firstRecord, int count, ref TimeTagEvent firstEvent, ref long overflowTicks, out int written)
    {
        long ticks = overflowTicks;
        ref uint record = ref firstRecord;
        ref uint end = ref Unsafe.Add(ref firstRecord, count);
        ref TimeTagEvent next = ref firstEvent;
        for (; Unsafe.IsAddressLessThan(ref record, ref end); record = ref Unsafe.Add(ref record, 1))
        {
            uint bits = record;
            uint time;
            short channel;
            TimeTagKind kind;
            if (TLayout.IsPhoton(bits))
            {
                TLayout.PhotonFields(bits, out time, out channel);
                kind = TimeTagKind.Photon;
            }
            else
            {
                RecordClass special = TLayout.Classify(bits, out time, out channel, out long overflows);
                if (special == RecordClass.Overflow)
                {
                    ticks += overflows * TLayout.Period;
                    continue;
                }
                if (special == RecordClass.Invalid)
                    break;
                kind = (TimeTagKind)special;
            }
            next = new TimeTagEvent(ticks + time, channel, kind);
            next = ref Unsafe.Add(ref next, 1);
        }
        overflowTicks = ticks;
        written = (int)(Unsafe.ByteOffset(ref firstEvent, ref next) / Unsafe.SizeOf<TimeTagEvent>());
        return (int)(Unsafe.ByteOffset(ref firstRecord, ref record) / sizeof(uint));
    }

    private static string InvalidProblem(short channel) =>
        $"special record with channel {channel}: expected an overflow, marker or sync record of {TLayout.Name}";
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
