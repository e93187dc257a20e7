namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// Decodes one record family. One sealed subclass per family, so the per-record work is a tight loop over a span with
/// no virtual call inside it; the record-type switch happens once, in <see cref="PtuRecordCodecs.CreateDecoder"/>.
/// Decoders keep the overflow state between calls.
/// </summary>
internal abstract class PtuRecordDecoder
{
    /// <summary>
    /// Decodes records into events until either runs out. Returns the number of events written; <paramref name="recordsConsumed"/>
    /// tells how many records were used (overflow records produce no event). Stops before an invalid record and sets
    /// <see cref="InvalidRecordProblem"/>.
    /// </summary>
    public abstract int Decode(ReadOnlySpan<uint> records, Span<TimeTagEvent> events, out int recordsConsumed);

    /// <summary>Why the record after the last consumed one is invalid; null while all records were valid.</summary>
    public string? InvalidRecordProblem { get; protected set; }

    /// <summary>Moves a T3 clock to a new base sync index; returns the new base for the decoder's locals.</summary>
    protected static (long BaseWholePs, double BaseFractionPs, bool Stale) Rebase(T3Clock clock, long baseSync)
    {
        clock.SetBase(baseSync);
        return (clock.BaseWholePs, clock.BaseFractionPs, false);
    }
}

/// <summary>
/// Encodes events into one record family, inserting overflow records as needed. Keeps the overflow state between calls.
/// </summary>
internal abstract class PtuRecordEncoder
{
    /// <summary>
    /// Encodes events until either runs out (an event may need several records: overflows first). Returns records
    /// written; <paramref name="eventsConsumed"/> tells how many events are fully encoded.
    /// </summary>
    /// <exception cref="ArgumentException">An event that this record type cannot represent, or out of time order.</exception>
    public abstract int Encode(ReadOnlySpan<TimeTagEvent> events, Span<uint> records, out int eventsConsumed);

    /// <summary>Time of the last encoded event in the stream's ticks (T2: global resolution, T3: ps).</summary>
    public long LastTimeTicks { get; protected set; }

    protected static ArgumentException NotRepresentable(in TimeTagEvent e, string type, string why) =>
        new($"Event {e} cannot be written as a {type} record: {why}.");

    protected static ArgumentException OutOfOrder(in TimeTagEvent e, long previous) =>
        new($"Event {e} is earlier than the previous one (time {previous}); time tags must be written in non-decreasing time order.");
}

/// <summary>Creates the decoder and encoder for a record type.</summary>
internal static class PtuRecordCodecs
{
    public static PtuRecordDecoder CreateDecoder(PtuRecordType type, T3Clock? clock) => (PtuRecordTypes.FamilyOf(type), PtuRecordTypes.ModeOf(type)) switch
    {
        (PtuRecordFamily.PicoHarp, MeasurementMode.T2) => new PicoHarpT2Decoder(),
        (PtuRecordFamily.PicoHarp, _) => new PicoHarpT3Decoder(clock!),
        (PtuRecordFamily.HydraHarpV1, MeasurementMode.T2) => new HydraHarpT2Decoder(overflowCountInRecord: false),
        (PtuRecordFamily.HydraHarpV1, _) => new HydraHarpT3Decoder(overflowCountInRecord: false, clock!),
        (_, MeasurementMode.T2) => new HydraHarpT2Decoder(overflowCountInRecord: true),
        _ => new HydraHarpT3Decoder(overflowCountInRecord: true, clock!),
    };

    public static PtuRecordEncoder CreateEncoder(PtuRecordType type, T3Clock? clock) => (PtuRecordTypes.FamilyOf(type), PtuRecordTypes.ModeOf(type)) switch
    {
        (PtuRecordFamily.PicoHarp, MeasurementMode.T2) => new PicoHarpT2Encoder(),
        (PtuRecordFamily.PicoHarp, _) => new PicoHarpT3Encoder(clock!),
        (PtuRecordFamily.HydraHarpV1, MeasurementMode.T2) => new HydraHarpT2Encoder(overflowCountInRecord: false),
        (PtuRecordFamily.HydraHarpV1, _) => new HydraHarpT3Encoder(overflowCountInRecord: false, clock!),
        (_, MeasurementMode.T2) => new HydraHarpT2Encoder(overflowCountInRecord: true),
        _ => new HydraHarpT3Encoder(overflowCountInRecord: true, clock!),
    };
}
