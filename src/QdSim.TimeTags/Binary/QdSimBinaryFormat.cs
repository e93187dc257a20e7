using System.Buffers.Binary;
using QdSim.TimeTags.IO;

namespace QdSim.TimeTags.Binary;

/// <summary>
/// QdSim's own time-tag format (docs/qdsim-binary-format.md): a little-endian header, then fixed 24-byte records
/// (<see cref="PackedTimeTag"/>). Header, version 1:
/// <code>
/// 0   8  magic "QDSIMTT\0"
/// 8   4  uint32 format version (1)
/// 12  4  uint32 header size H in bytes (multiple of 8; records start at H)
/// 16  4  int32  mode (2 = T2, 3 = T3)
/// 20  4  uint32 record size (24)
/// 24  8  float64 tick resolution, s
/// 32  8  float64 sync rate, Hz (0 = none)
/// 40  8  float64 micro-time resolution, s (0 = none)
/// 48  8  float64 acquisition time, s (NaN until the file is complete)
/// 56  8  int64  record count (−1 until the file is complete)
/// 64  4  int32  number of photon channels C
/// 68  2C int16  photon channel numbers; zero padding to H
/// </code>
/// </summary>
public static class QdSimBinaryFormat
{
    /// <summary>The 8-byte magic.</summary>
    public static ReadOnlySpan<byte> Magic => "QDSIMTT\0"u8;

    public const uint Version = 1;
    public const int RecordSizeBytes = PackedTimeTag.SizeBytes;
    internal const int RecordCountOffset = 56;
    private const int FixedHeaderBytes = 68;
    private const int MaxChannels = 4096;

    /// <summary>Header size in bytes for a number of photon channels.</summary>
    public static int HeaderSizeFor(int channelCount) => (FixedHeaderBytes + 2 * channelCount + 7) / 8 * 8;

    internal static byte[] BuildHeader(TimeTagStreamInfo info, long recordCount, double acquisitionTimeS)
    {
        int channels = info.PhotonChannels.Count;
        var header = new byte[HeaderSizeFor(channels)];
        var span = header.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], (uint)header.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], (int)info.Mode);
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], RecordSizeBytes);
        BinaryPrimitives.WriteDoubleLittleEndian(span[24..], info.TickResolutionS);
        BinaryPrimitives.WriteDoubleLittleEndian(span[32..], info.SyncRateHz ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(span[40..], info.MicroTimeResolutionS ?? 0);
        BinaryPrimitives.WriteDoubleLittleEndian(span[48..], acquisitionTimeS);
        BinaryPrimitives.WriteInt64LittleEndian(span[RecordCountOffset..], recordCount);
        BinaryPrimitives.WriteInt32LittleEndian(span[64..], channels);
        for (int i = 0; i < channels; i++)
            BinaryPrimitives.WriteInt16LittleEndian(span[(68 + 2 * i)..], info.PhotonChannels[i]);
        return header;
    }

    /// <summary>Opens a QdSim binary time-tag file.</summary>
    /// <exception cref="TimeTagFormatException">Wrong magic, unsupported version, inconsistent header or record count.</exception>
    public static PackedRecordReader Open(string path, TimeTagReadOptions? options = null)
    {
        options ??= TimeTagReadOptions.Default;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        try
        {
            Span<byte> fixedPart = stackalloc byte[FixedHeaderBytes];
            if (StreamReading.ReadFully(stream, fixedPart) < 8 || !fixedPart[..8].SequenceEqual(Magic))
                throw new TimeTagFormatException(path, 0, "not a QdSim binary time-tag file: expected the magic \"QDSIMTT\"");
            if (stream.Length < FixedHeaderBytes)
                throw new TimeTagFormatException(path, stream.Length, $"file ends inside the QdSim binary header: expected {FixedHeaderBytes} bytes");
            uint version = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[8..]);
            if (version != Version)
                throw new TimeTagFormatException(path, 8, $"QdSim binary format version {version}: expected {Version}");
            uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[12..]);
            int mode = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[16..]);
            uint recordSize = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[20..]);
            double tickS = BinaryPrimitives.ReadDoubleLittleEndian(fixedPart[24..]);
            double syncHz = BinaryPrimitives.ReadDoubleLittleEndian(fixedPart[32..]);
            double microS = BinaryPrimitives.ReadDoubleLittleEndian(fixedPart[40..]);
            double acquisitionS = BinaryPrimitives.ReadDoubleLittleEndian(fixedPart[48..]);
            long declared = BinaryPrimitives.ReadInt64LittleEndian(fixedPart[RecordCountOffset..]);
            int channels = BinaryPrimitives.ReadInt32LittleEndian(fixedPart[64..]);
            if (mode is not (2 or 3))
                throw new TimeTagFormatException(path, 16, $"mode {mode}: expected 2 (T2) or 3 (T3)");
            if (recordSize != RecordSizeBytes)
                throw new TimeTagFormatException(path, 20, $"record size {recordSize} bytes: expected {RecordSizeBytes}");
            if (!(tickS > 0) || double.IsInfinity(tickS))
                throw new TimeTagFormatException(path, 24, $"tick resolution {tickS} s: expected a positive number of seconds");
            if (channels is < 0 or > MaxChannels)
                throw new TimeTagFormatException(path, 64, $"channel count {channels}: expected 0 to {MaxChannels}");
            if (headerSize != HeaderSizeFor(channels) || headerSize > stream.Length)
                throw new TimeTagFormatException(path, 12, $"header size {headerSize} bytes: expected {HeaderSizeFor(channels)} for {channels} channels, within the file");
            var channelBytes = new byte[2 * channels];
            StreamReading.ReadFully(stream, channelBytes);
            var photonChannels = new short[channels];
            for (int i = 0; i < channels; i++)
                photonChannels[i] = BinaryPrimitives.ReadInt16LittleEndian(channelBytes.AsSpan(2 * i));

            var warnings = new List<string>();
            void Warn(string message)
            {
                warnings.Add(message);
                options.OnWarning?.Invoke(message);
            }
            long count = RecordCountRule.Resolve(path, headerSize, stream.Length, RecordSizeBytes, declared,
                RecordCountOffset, options, Warn);
            var info = new TimeTagStreamInfo
            {
                Mode = (MeasurementMode)mode,
                TickResolutionS = tickS,
                SyncRateHz = syncHz > 0 ? syncHz : null,
                MicroTimeResolutionS = microS > 0 ? microS : null,
                AcquisitionTimeS = double.IsFinite(acquisitionS) ? acquisitionS : null,
                DeclaredRecordCount = declared > 0 ? declared : null,
                PhotonChannels = photonChannels,
                Source = path,
            };
            return new PackedRecordReader(stream, info, headerSize, count, warnings, options);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }
}

/// <summary>Writes the QdSim binary time-tag format (<see cref="QdSimBinaryFormat"/>), temp name then rename.</summary>
public sealed class QdSimBinaryWriter : PackedRecordWriter
{
    public QdSimBinaryWriter(string path, TimeTagStreamInfo info)
        : base(path, info)
    {
        WriteHeader(File.Stream, -1, double.NaN);
    }

    protected override void WriteHeader(Stream stream, long recordCount, double acquisitionTimeS) =>
        stream.Write(QdSimBinaryFormat.BuildHeader(Info, recordCount, acquisitionTimeS));
}
