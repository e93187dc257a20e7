namespace QdSim.TimeTags;

/// <summary>How readers treat imperfect files.</summary>
public sealed record TimeTagReadOptions
{
    /// <summary>Default options: strict record count, 4 MiB blocks, warnings only collected in the reader's Warnings list.</summary>
    public static TimeTagReadOptions Default { get; } = new();

    /// <summary>Called once per warning (truncated last record, ...), in addition to the reader's Warnings list.</summary>
    public Action<string>? OnWarning { get; init; }

    /// <summary>
    /// When true, a header record count that disagrees with the file size is a warning and the file size wins;
    /// when false (default) it is a <see cref="TimeTagFormatException"/>.
    /// </summary>
    public bool TrustFileSize { get; init; }

    /// <summary>Size of the blocks read from disk, bytes (rounded down to whole records). Memory use is about this much.</summary>
    public int BlockSizeBytes { get; init; } = 4 << 20;
}
