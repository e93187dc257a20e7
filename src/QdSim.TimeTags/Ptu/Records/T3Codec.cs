using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// T3 decoder for any <see cref="IT3Layout"/>: SyncIndex = overflow syncs + nsync, exact; TimeTicks in ps from
/// <see cref="T3FixedPoint"/> (integer arithmetic with the values of the decimal-and-double formula), whose base moves
/// once per run of overflow records.
/// </summary>
internal sealed class T3Decoder<TLayout> : PtuRecordDecoder
    where TLayout : struct, IT3Layout
{
    private readonly T3FixedPoint _time;

    public T3Decoder(T3Clock clock) => _time = new T3FixedPoint(clock, TLayout.Period - 1, TLayout.MaxMicroTime);

    public override int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed)
    {
        T3FixedPoint time = _time;
        int i = 0;
        int written = 0;
        while (i < records.Length)
        {
            // A photon or marker record yields one event, so min(records left, room left) records need no room check.
            int run = Math.Min(records.Length - i, events.Length - written);
            if (run > 0)
            {
                int done = DecodeEvents(ref Unsafe.Add(ref MemoryMarshal.GetReference(records), i),
                    ref Unsafe.Add(ref MemoryMarshal.GetReference(events), written), run, time);
                i += done;
                written += done;
                if (i == records.Length)
                    break;
            }
            // The record DecodeEvents left: an overflow, an invalid record, an event whose time needs the double
            // formula, or an event with no room left. Overflow and invalid records are handled even when out of room,
            // as a record-by-record loop would (the reader's error offsets and Position depend on it).
            RecordClass kind = TLayout.Classify(records[i], out uint nsync, out int microTime, out short channel, out long overflows);
            if (kind == RecordClass.Overflow)
            {
                long baseSync = time.BaseSync + overflows * TLayout.Period;
                while (++i < records.Length && TLayout.Classify(records[i], out _, out _, out _, out overflows) == RecordClass.Overflow)
                    baseSync += overflows * TLayout.Period;
                time.SetBase(baseSync);
            }
            else if (kind == RecordClass.Invalid)
            {
                InvalidRecordProblem = $"special record with channel {channel}: expected an overflow or marker record of {TLayout.Name}";
                break;
            }
            else if (written < events.Length)
            {
                events[written++] = new TimeTagEvent(time.Reference(nsync, microTime), channel, (TimeTagKind)kind, time.BaseSync + nsync, microTime);
                i++;
            }
            else
            {
                break;
            }
        }
        recordsConsumed = i;
        return written;
    }

    /// <summary>
    /// Decodes photon and marker records into one event each until <paramref name="count"/>, or a record that the
    /// caller must handle (overflow, invalid, or a time needing <see cref="T3FixedPoint.Reference"/>). Returns the
    /// records decoded. No calls inside, so the loop keeps its state in registers.
    /// </summary>
    private static int DecodeEvents(ref uint firstRecord, ref TimeTagEvent firstEvent, int count, T3FixedPoint time)
    {
        long baseSync = time.BaseSync;
        long wholePs = time.WholePs;
        long baseFx = time.BaseFx;
        long guardSpan = time.GuardSpan;
        long periodFx = time.PeriodFx;
        long resolutionFx = time.ResolutionFx;
        int shift = time.Shift;
        ref uint record = ref firstRecord;
        ref uint end = ref Unsafe.Add(ref firstRecord, count);
        ref TimeTagEvent next = ref firstEvent;
        for (; Unsafe.IsAddressLessThan(ref record, ref end); record = ref Unsafe.Add(ref record, 1), next = ref Unsafe.Add(ref next, 1))
        {
            uint bits = record;
            uint nsync;
            int microTime;
            short channel;
            TimeTagKind kind;
            if (TLayout.IsPhoton(bits))
            {
                TLayout.PhotonFields(bits, out nsync, out microTime, out channel);
                kind = TimeTagKind.Photon;
            }
            else
            {
                if (TLayout.Classify(bits, out nsync, out microTime, out channel, out _) != RecordClass.Marker)
                    break;
                kind = TimeTagKind.Marker;
            }
            if (!T3FixedPoint.TryInPeriodPs(baseFx, guardSpan, periodFx, resolutionFx, shift, nsync, microTime, out long inPeriodPs))
                break;
            next = new TimeTagEvent(wholePs + inPeriodPs, channel, kind, baseSync + nsync, microTime);
        }
        return (int)(Unsafe.ByteOffset(ref firstRecord, ref record) / sizeof(uint));
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
