namespace QdSim.TimeTags.IO;

/// <summary>
/// An output file that appears under its final name only when complete: bytes go to "<c>final.partial</c>",
/// <see cref="Commit"/> flushes and renames, and disposing without a commit deletes the temporary file. A crash or a
/// cancelled run therefore never leaves a half-written file that looks finished.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    /// <summary>Suffix of the temporary name.</summary>
    public const string TemporarySuffix = ".partial";

    private bool _committed;
    private bool _disposed;

    private AtomicFile(string finalPath, string temporaryPath, FileStream stream)
    {
        FinalPath = finalPath;
        TemporaryPath = temporaryPath;
        Stream = stream;
    }

    /// <summary>Name the file gets on <see cref="Commit"/>.</summary>
    public string FinalPath { get; }

    /// <summary>Name the file has while it is written.</summary>
    public string TemporaryPath { get; }

    /// <summary>Seekable, writable stream on the temporary file.</summary>
    public FileStream Stream { get; }

    /// <summary>Creates (or truncates) the temporary file beside <paramref name="finalPath"/>; creates the folder if needed.</summary>
    public static AtomicFile Create(string finalPath, int bufferSizeBytes = 1 << 16)
    {
        ArgumentException.ThrowIfNullOrEmpty(finalPath);
        string fullPath = Path.GetFullPath(finalPath);
        string? folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        string temporaryPath = fullPath + TemporarySuffix;
        var stream = new FileStream(temporaryPath, FileMode.Create, FileAccess.ReadWrite, FileShare.Read, bufferSizeBytes);
        return new AtomicFile(fullPath, temporaryPath, stream);
    }

    /// <summary>Writes UTF-8 text (no BOM) through <paramref name="write"/> and commits: the file appears complete or not at all.</summary>
    public static void WriteText(string finalPath, Action<TextWriter> write)
    {
        using var file = Create(finalPath);
        using (var writer = new StreamWriter(file.Stream, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true))
            write(writer);
        file.Commit();
    }

    /// <summary>Flushes to disk, closes and renames the temporary file to <see cref="FinalPath"/> (replacing an old one).</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
            return;
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TemporaryPath, FinalPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the file; without a prior <see cref="Commit"/> the temporary file is deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        if (_committed)
            return;
        Stream.Dispose();
        try
        {
            File.Delete(TemporaryPath);
        }
        catch (IOException)
        {
            // Best effort: a leftover ".partial" file is harmless and clearly named as incomplete.
        }
    }
}
