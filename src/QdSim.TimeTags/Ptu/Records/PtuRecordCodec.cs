namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// Decodes one record family. One sealed generic subclass per mode, specialised per bit layout (struct type argument
/// with static members), so the per-record work is a tight loop over a span with no virtual call inside it; the
/// record-type switch happens once, in <see cref="PtuRecordCodecs.CreateDecoder"/>.
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

/// <summary>Creates the decoder and encoder for a record type: the only place that switches on the type.</summary>
internal static class PtuRecordCodecs
{
    public static PtuRecordDecoder CreateDecoder(PtuRecordType type, T3Clock? clock) => (PtuRecordTypes.FamilyOf(type), PtuRecordTypes.ModeOf(type)) switch
    {
        (PtuRecordFamily.PicoHarp, MeasurementMode.T2) => new T2Decoder<PicoHarpT2Layout>(),
        (PtuRecordFamily.PicoHarp, _) => new T3Decoder<PicoHarpT3Layout>(clock!),
        (PtuRecordFamily.HydraHarpV1, MeasurementMode.T2) => new T2Decoder<HydraHarpV1T2Layout>(),
        (PtuRecordFamily.HydraHarpV1, _) => new T3Decoder<HydraHarpV1T3Layout>(clock!),
        (_, MeasurementMode.T2) => new T2Decoder<HydraHarpV2T2Layout>(),
        _ => new T3Decoder<HydraHarpV2T3Layout>(clock!),
    };

    public static PtuRecordEncoder CreateEncoder(PtuRecordType type, T3Clock? clock) => (PtuRecordTypes.FamilyOf(type), PtuRecordTypes.ModeOf(type)) switch
    {
        (PtuRecordFamily.PicoHarp, MeasurementMode.T2) => new T2Encoder<PicoHarpT2Layout>(),
        (PtuRecordFamily.PicoHarp, _) => new T3Encoder<PicoHarpT3Layout>(clock!),
        (PtuRecordFamily.HydraHarpV1, MeasurementMode.T2) => new T2Encoder<HydraHarpV1T2Layout>(),
        (PtuRecordFamily.HydraHarpV1, _) => new T3Encoder<HydraHarpV1T3Layout>(clock!),
        (_, MeasurementMode.T2) => new T2Encoder<HydraHarpV2T2Layout>(),
        _ => new T3Encoder<HydraHarpV2T3Layout>(clock!),
    };
}
