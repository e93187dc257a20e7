namespace QdSim.TimeTags;

/// <summary>TTTR measurement mode (PTU tag Measurement_Mode).</summary>
public enum MeasurementMode
{
    /// <summary>Absolute time tags for every channel.</summary>
    T2 = 2,
    /// <summary>Sync count plus start-stop micro time per photon.</summary>
    T3 = 3,
}

/// <summary>
/// What a stream of <see cref="TimeTagEvent"/>s needs to be interpreted in physical units. Readers fill it from the
/// file header; writers take it to produce one.
/// </summary>
public sealed record TimeTagStreamInfo
{
    public required MeasurementMode Mode { get; init; }

    /// <summary>Length of one <see cref="TimeTagEvent.TimeTicks"/> tick, seconds.</summary>
    public required double TickResolutionS { get; init; }

    /// <summary>Laser sync rate, Hz; null when the file has no sync (T2 without sync channel).</summary>
    public double? SyncRateHz { get; init; }

    /// <summary>T3 micro-time (dtime) bin width, seconds; null in T2.</summary>
    public double? MicroTimeResolutionS { get; init; }

    /// <summary>Acquisition time stated in the header, seconds; null when absent.</summary>
    public double? AcquisitionTimeS { get; init; }

    /// <summary>Number of records the header declares (TTResult_NumberOfRecords); null when absent or 0.</summary>
    public long? DeclaredRecordCount { get; init; }

    /// <summary>PTU record type code (TTResultFormat_TTTRRecType), e.g. 0x01010204 for HydraHarp V2 T2; 0 for non-PTU sources.</summary>
    public uint RecordTypeCode { get; init; }

    /// <summary>Photon channel numbers that carry detector data, as they appear in <see cref="TimeTagEvent.Channel"/>.</summary>
    public IReadOnlyList<short> PhotonChannels { get; init; } = Array.Empty<short>();

    /// <summary>Header tags by name (array tags as "Name(idx)"); values are long, double, bool, string or byte[].</summary>
    public IReadOnlyDictionary<string, object> HeaderTags { get; init; } = new Dictionary<string, object>();

    /// <summary>Where the stream came from (file path), for error messages.</summary>
    public string Source { get; init; } = "";
}

/// <summary>A source of time-tag events read in chunks: memory stays bounded whatever the file size.</summary>
public interface ITimeTagReader : IDisposable
{
    TimeTagStreamInfo Info { get; }

    /// <summary>Fills <paramref name="buffer"/> with the next events in time order; returns how many; 0 at the end.</summary>
    int Read(Span<TimeTagEvent> buffer);

    /// <summary>Bytes consumed so far and the total, for progress reporting.</summary>
    (long Done, long Total) Position { get; }
}

/// <summary>A sink of time-tag events (PTU, QdSim binary, NumPy); the file appears under its final name only on <see cref="Complete"/>.</summary>
public interface ITimeTagWriter : IDisposable
{
    /// <summary>Appends events, which must come in non-decreasing time order.</summary>
    void Write(ReadOnlySpan<TimeTagEvent> events);

    /// <summary>Finishes the file (record count, acquisition time in the header) and renames it to its final name.</summary>
    void Complete(double acquisitionTimeS);
}
