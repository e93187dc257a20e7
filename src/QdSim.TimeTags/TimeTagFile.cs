using QdSim.TimeTags.Binary;
using QdSim.TimeTags.IO;
using QdSim.TimeTags.Npy;
using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags;

/// <summary>The time-tag file formats QdSim reads and writes.</summary>
public enum TimeTagFileFormat
{
    /// <summary>PicoQuant PTU (HydraHarp V2 records unless chosen otherwise).</summary>
    Ptu,
    /// <summary>QdSim binary, docs/qdsim-binary-format.md.</summary>
    QdSimBinary,
    /// <summary>NumPy .npy structured array plus a JSON sidecar.</summary>
    Npy,
}

/// <summary>Opens any time-tag file QdSim reads, recognised by its first bytes (not its name), and creates writers.</summary>
public static class TimeTagFile
{
    /// <summary>Usual file extension of a format, with the dot.</summary>
    public static string ExtensionOf(TimeTagFileFormat format) => format switch
    {
        TimeTagFileFormat.Ptu => ".ptu",
        TimeTagFileFormat.QdSimBinary => ".qdtt",
        _ => ".npy",
    };

    /// <summary>
    /// Creates a writer for <paramref name="format"/>; the file appears under <paramref name="path"/> only on
    /// <see cref="ITimeTagWriter.Complete"/>. <paramref name="ptuOptions"/> applies to PTU only.
    /// </summary>
    public static ITimeTagWriter CreateWriter(string path, TimeTagStreamInfo info, TimeTagFileFormat format, PtuWriterOptions? ptuOptions = null) =>
        format switch
        {
            TimeTagFileFormat.Ptu => new PtuWriter(path, info, ptuOptions),
            TimeTagFileFormat.QdSimBinary => new QdSimBinaryWriter(path, info),
            TimeTagFileFormat.Npy => new NpyTimeTagWriter(path, info),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown time-tag file format."),
        };

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
