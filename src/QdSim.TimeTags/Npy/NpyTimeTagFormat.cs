using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using QdSim.TimeTags.IO;

namespace QdSim.TimeTags.Npy;

/// <summary>
/// Time tags as a NumPy .npy file with one structured record per event, so that Python needs only
/// <c>a = np.load("photons.npy")</c> and then <c>a["time_ticks"]</c>, <c>a["channel"]</c> ... The dtype is
/// <see cref="Descr"/> (the 24-byte <see cref="PackedTimeTag"/>); kind 0 = photon, 1 = marker, 2 = sync. A .npy file
/// cannot hold extra metadata (NumPy rejects unknown header keys), so the tick resolution and mode live in a JSON
/// sidecar "<c>photons.npy.json</c>" (<see cref="NpySidecar"/>). Format: NumPy NEP 1 / numpy.lib.format, version 1.0,
/// header padded with spaces so that the data starts at a multiple of 64 bytes.
/// </summary>
public static class NpyTimeTagFormat
{
    /// <summary>The 6-byte .npy magic.</summary>
    public static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>NumPy dtype description of one record.</summary>
    public const string Descr =
        "[('time_ticks', '<i8'), ('sync_index', '<i8'), ('micro_time_bins', '<i4'), ('channel', '<i2'), ('kind', 'u1'), ('reserved', 'u1')]";

    private const int PreambleBytes = 10; // magic, version (2 bytes), uint16 header length
    private const int Alignment = 64;

    /// <summary>Sidecar path for a .npy path.</summary>
    public static string SidecarPath(string npyPath) => npyPath + ".json";

    /// <summary>
    /// Complete .npy header (preamble + dict + padding + newline) for <paramref name="recordCount"/> records. Its
    /// length does not depend on the count (room for 19 digits is always reserved), so it can be rewritten in place.
    /// </summary>
    internal static byte[] BuildHeader(long recordCount)
    {
        string dict = DictText(recordCount);
        int total = (PreambleBytes + DictText(long.MaxValue).Length + 1 + Alignment - 1) / Alignment * Alignment;
        var header = new byte[total];
        Magic.CopyTo(header);
        header[6] = 1;
        header[7] = 0;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(total - PreambleBytes));
        header.AsSpan(PreambleBytes).Fill((byte)' ');
        Encoding.ASCII.GetBytes(dict, header.AsSpan(PreambleBytes));
        header[^1] = (byte)'\n';
        return header;
    }

    internal static string DictText(long recordCount) =>
        $"{{'descr': {Descr}, 'fortran_order': False, 'shape': ({recordCount.ToString(CultureInfo.InvariantCulture)},), }}";

    /// <summary>Opens a .npy written by <see cref="NpyTimeTagWriter"/> (or any .npy with the same dtype, given a sidecar).</summary>
    /// <exception cref="TimeTagFormatException">Not a .npy, another dtype, or a missing/invalid sidecar.</exception>
    public static PackedRecordReader Open(string path, TimeTagReadOptions? options = null)
    {
        options ??= TimeTagReadOptions.Default;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> preamble = stackalloc byte[12];
            int got = StreamReading.ReadFully(stream, preamble);
            if (got < PreambleBytes || !preamble[..6].SequenceEqual(Magic))
                throw new TimeTagFormatException(path, 0, "not a NumPy .npy file: expected the magic \"\\x93NUMPY\"");
            byte major = preamble[6];
            long headerLength;
            long dictOffset;
            if (major == 1)
            {
                headerLength = BinaryPrimitives.ReadUInt16LittleEndian(preamble[8..]);
                dictOffset = 10;
            }
            else if (major is 2 or 3 && got >= 12)
            {
                headerLength = BinaryPrimitives.ReadUInt32LittleEndian(preamble[8..]);
                dictOffset = 12;
            }
            else
            {
                throw new TimeTagFormatException(path, 6, $".npy format version {major}: expected 1, 2 or 3");
            }
            if (dictOffset + headerLength > stream.Length || headerLength > 1 << 20)
                throw new TimeTagFormatException(path, 8, $".npy header length {headerLength} bytes: expected it to fit in the file");
            var dictBytes = new byte[headerLength];
            stream.Position = dictOffset;
            StreamReading.ReadFully(stream, dictBytes);
            string dict = Encoding.Latin1.GetString(dictBytes);
            long declared = ParseDict(path, dictOffset, dict);

            string sidecarPath = SidecarPath(path);
            NpySidecar sidecar = ReadSidecar(sidecarPath);

            var warnings = new List<string>();
            void Warn(string message)
            {
                warnings.Add(message);
                options.OnWarning?.Invoke(message);
            }
            long dataOffset = dictOffset + headerLength;
            long count = RecordCountRule.Resolve(path, dataOffset, stream.Length, PackedTimeTag.SizeBytes, declared, dictOffset, options, Warn);
            var info = new TimeTagStreamInfo
            {
                Mode = sidecar.Mode == "T3" ? MeasurementMode.T3 : MeasurementMode.T2,
                TickResolutionS = sidecar.TickResolutionS,
                SyncRateHz = sidecar.SyncRateHz,
                MicroTimeResolutionS = sidecar.MicroTimeResolutionS,
                AcquisitionTimeS = sidecar.AcquisitionTimeS,
                DeclaredRecordCount = declared > 0 ? declared : null,
                PhotonChannels = sidecar.PhotonChannels ?? [],
                Source = path,
            };
            return new PackedRecordReader(stream, info, dataOffset, count, warnings, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    private static long ParseDict(string path, long dictOffset, string dict)
    {
        static string Squeeze(string text) => Regex.Replace(text, @"\s+", "");
        string squeezed = Squeeze(dict);
        if (!squeezed.Contains("'descr':" + Squeeze(Descr), StringComparison.Ordinal))
            throw new TimeTagFormatException(path, dictOffset, $".npy dtype is not QdSim's time-tag record: expected 'descr': {Descr}");
        if (!squeezed.Contains("'fortran_order':False", StringComparison.Ordinal))
            throw new TimeTagFormatException(path, dictOffset, ".npy array is in Fortran order: expected 'fortran_order': False");
        var shape = Regex.Match(squeezed, @"'shape':\((\d+),?\)");
        if (!shape.Success || !long.TryParse(shape.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out long count))
            throw new TimeTagFormatException(path, dictOffset, ".npy shape is not one-dimensional: expected 'shape': (N,)");
        return count;
    }

    private static NpySidecar ReadSidecar(string sidecarPath)
    {
        if (!File.Exists(sidecarPath))
            throw new TimeTagFormatException(sidecarPath, 0, "sidecar not found: expected QdSim's JSON metadata (mode, tick resolution) beside the .npy file");
        NpySidecar? sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<NpySidecar>(File.ReadAllText(sidecarPath), NpySidecar.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new TimeTagFormatException(sidecarPath, e.BytePositionInLine ?? 0, $"invalid JSON: {e.Message}");
        }
        if (sidecar is null || sidecar.Format != NpySidecar.FormatName || !(sidecar.TickResolutionS > 0) || sidecar.Mode is not ("T2" or "T3"))
            throw new TimeTagFormatException(sidecarPath, 0,
                $"expected \"format\": \"{NpySidecar.FormatName}\", \"mode\": \"T2\" or \"T3\" and a positive \"tickResolutionS\"");
        return sidecar;
    }
}

/// <summary>Metadata written beside a time-tag .npy file ("photons.npy.json").</summary>
public sealed record NpySidecar
{
    public const string FormatName = "qdsim-timetags-npy";

    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    public string Format { get; init; } = FormatName;
    public int Version { get; init; } = 1;
    /// <summary>"T2" or "T3".</summary>
    public string Mode { get; init; } = "T2";
    /// <summary>Seconds per time_ticks unit (T3: 1e-12).</summary>
    public double TickResolutionS { get; init; }
    public double? SyncRateHz { get; init; }
    public double? MicroTimeResolutionS { get; init; }
    public double? AcquisitionTimeS { get; init; }
    public long RecordCount { get; init; }
    public IReadOnlyList<short>? PhotonChannels { get; init; }
    /// <summary>Meaning of the "kind" field.</summary>
    public IReadOnlyDictionary<string, string> Kinds { get; init; } =
        new Dictionary<string, string> { ["0"] = "photon", ["1"] = "marker (channel = bit mask)", ["2"] = "sync" };
    /// <summary>Reminder of the record fields.</summary>
    public string Dtype { get; init; } = NpyTimeTagFormat.Descr;
}

/// <summary>
/// Writes time tags as a structured .npy (<see cref="NpyTimeTagFormat"/>) plus its JSON sidecar; both appear under
/// their final names only on <see cref="PackedRecordWriter.Complete"/> (sidecar first, then the .npy).
/// </summary>
public sealed class NpyTimeTagWriter : PackedRecordWriter
{
    private readonly AtomicFile _sidecar;

    public NpyTimeTagWriter(string path, TimeTagStreamInfo info)
        : base(path, info)
    {
        _sidecar = AtomicFile.Create(NpyTimeTagFormat.SidecarPath(path));
        WriteHeader(File.Stream, 0, 0);
    }

    protected override void WriteHeader(Stream stream, long recordCount, double acquisitionTimeS) =>
        stream.Write(NpyTimeTagFormat.BuildHeader(recordCount));

    protected override void CommitFiles(double acquisitionTimeS)
    {
        var sidecar = new NpySidecar
        {
            Mode = Info.Mode.ToString(),
            TickResolutionS = Info.TickResolutionS,
            SyncRateHz = Info.SyncRateHz,
            MicroTimeResolutionS = Info.MicroTimeResolutionS,
            AcquisitionTimeS = acquisitionTimeS,
            RecordCount = RecordsWritten,
            PhotonChannels = Info.PhotonChannels,
        };
        JsonSerializer.Serialize(_sidecar.Stream, sidecar, NpySidecar.JsonOptions);
        _sidecar.Commit();
        base.CommitFiles(acquisitionTimeS);
    }

    protected override void DisposeExtra() => _sidecar.Dispose();
}
