namespace QdSim.TimeTags.Ptu;

/// <summary>Choices for <see cref="PtuWriter"/>. For byte-identical files from the same seed, set both
/// <see cref="CreationTime"/> and <see cref="FileGuid"/> (e.g. a GUID derived from the seed).</summary>
public sealed record PtuWriterOptions
{
    /// <summary>Record type; default HydraHarp V2 T2/T3 for the stream's mode (what real readers handle best).</summary>
    public PtuRecordType? RecordType { get; init; }

    /// <summary>File_CreatingTime; default the current UTC time.</summary>
    public DateTime? CreationTime { get; init; }

    /// <summary>File_GUID; default a new random GUID.</summary>
    public Guid? FileGuid { get; init; }

    /// <summary>File_Comment; omitted when null.</summary>
    public string? Comment { get; init; }

    /// <summary>CreatorSW_Name.</summary>
    public string CreatorName { get; init; } = "QdSim";

    /// <summary>CreatorSW_Version; must be dotted numbers (SymPhoTime rejected a file with a malformed one).</summary>
    public string CreatorVersion { get; init; } = "1.0.0";
}
