using QdSim.TimeTags.Binary;
using QdSim.TimeTags.IO;
using QdSim.TimeTags.Npy;
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
            read = StreamReading.ReadFully(probe, start);
        start = start[..read];
        if (PtuHeader.HasMagic(start))
            return PtuReader.Open(path, options);
        if (start.StartsWith(QdSimBinaryFormat.Magic))
            return QdSimBinaryFormat.Open(path, options);
        if (start.StartsWith(NpyTimeTagFormat.Magic))
            return NpyTimeTagFormat.Open(path, options);
        throw new TimeTagFormatException(path, 0,
            "not a time-tag file QdSim reads: expected a PicoQuant PTU (\"PQTTTR\"), QdSim binary (\"QDSIMTT\") or NumPy .npy (\"\\x93NUMPY\") file");
    }
}
