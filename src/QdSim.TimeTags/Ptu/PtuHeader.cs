using System.Buffers.Binary;
using System.Text;
using QdSim.TimeTags.IO;

namespace QdSim.TimeTags.Ptu;

/// <summary>
/// The tag header of a PicoQuant PTU file: preamble "PQTTTR\0\0", an 8-byte tag-format version, then 48-byte tags
/// (Ident char[32], Idx int32, Typ uint32, Value 8 bytes; strings, arrays and blobs carry their byte length in Value and
/// the payload after the tag) up to "Header_End". Little-endian throughout (PicoQuant, "PTU file format", and its demo
/// readers at github.com/PicoQuant/PicoQuant-Time-Tagged-File-Format-Demos).
/// </summary>
public sealed class PtuHeader
{
    /// <summary>The 8-byte file magic.</summary>
    public static ReadOnlySpan<byte> Magic => "PQTTTR\0\0"u8;

    /// <summary>Identifier of the final tag.</summary>
    public const string EndTagName = "Header_End";

    private const int TagSizeBytes = 48;
    private const int IdentBytes = 32;
    // A sanity bound on one tag payload so a corrupt length cannot make us allocate gigabytes.
    private const long MaxPayloadBytes = 64L << 20;

    private readonly Dictionary<string, PtuTag> _byKey;

    private PtuHeader(string formatVersion, List<PtuTag> tags, long dataOffset)
    {
        FormatVersion = formatVersion;
        Tags = tags;
        DataOffset = dataOffset;
        _byKey = new Dictionary<string, PtuTag>(StringComparer.Ordinal);
        foreach (var tag in tags)
            _byKey[tag.Key] = tag;
    }

    /// <summary>Tag-format version text as stored, e.g. "1.0.00" or "00.0.1".</summary>
    public string FormatVersion { get; }

    /// <summary>All tags in file order, Header_End included.</summary>
    public IReadOnlyList<PtuTag> Tags { get; }

    /// <summary>File offset of the first record (just after Header_End).</summary>
    public long DataOffset { get; }

    /// <summary>Tag by name (and array index, −1 for a plain tag); null when absent.</summary>
    public PtuTag? Find(string name, int index = -1) =>
        _byKey.TryGetValue(index < 0 ? name : $"{name}({index})", out var tag) ? tag : null;

    /// <summary>Integer value of an Int8/BitSet64/Color8/Bool8 tag, or a whole-valued Float8; null when absent.</summary>
    public long? GetInt64(string name) => Find(name)?.Value switch
    {
        long value => value,
        bool flag => flag ? 1 : 0,
        double number when Math.Abs(number) < 9e18 && number == Math.Floor(number) => (long)number,
        _ => null,
    };

    /// <summary>Value of a Float8 tag (or an integer tag converted); null when absent.</summary>
    public double? GetDouble(string name) => Find(name)?.Value switch
    {
        double value => value,
        long value => value,
        _ => null,
    };

    /// <summary>Value of a string tag; null when absent.</summary>
    public string? GetString(string name) => Find(name)?.Value as string;

    /// <summary>
    /// File_CreatingTime as a date: a TDateTime, or the plain Float8 some SymPhoTime versions write (read as the same
    /// day count when it is in a plausible range); null otherwise.
    /// </summary>
    public DateTime? CreationTime => Find("File_CreatingTime")?.Value switch
    {
        DateTime time => time,
        double days when days is > 0 and < 2_958_465 => FromTDateTime(days),
        _ => null,
    };

    /// <summary>Tags as a dictionary keyed "Name" / "Name(idx)" (Empty8 tags omitted).</summary>
    public IReadOnlyDictionary<string, object> ToDictionary()
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var tag in Tags)
        {
            if (tag.Value is not null)
                result[tag.Key] = tag.Value;
        }
        return result;
    }

    /// <summary>Converts a Delphi TDateTime (days since 1899-12-30) to a date.</summary>
    public static DateTime FromTDateTime(double days) => new DateTime(1899, 12, 30, 0, 0, 0, DateTimeKind.Utc).AddDays(days);

    /// <summary>Converts a date to a Delphi TDateTime (days since 1899-12-30).</summary>
    public static double ToTDateTime(DateTime time) =>
        (time - new DateTime(1899, 12, 30, 0, 0, 0, time.Kind == DateTimeKind.Local ? DateTimeKind.Local : DateTimeKind.Utc)).TotalDays;

    /// <summary>True when <paramref name="start"/> begins with the PTU magic.</summary>
    public static bool HasMagic(ReadOnlySpan<byte> start) => start.Length >= 8 && start[..8].SequenceEqual(Magic);

    /// <summary>
    /// Reads the header from the start of <paramref name="stream"/>, leaving the stream at <see cref="DataOffset"/>.
    /// </summary>
    /// <exception cref="TimeTagFormatException">Not a PTU file, or a tag that cannot be parsed (names the byte offset).</exception>
    public static PtuHeader Read(Stream stream, string path)
    {
        long fileLength = stream.Length;
        Span<byte> preamble = stackalloc byte[16];
        if (StreamReading.ReadFully(stream, preamble) < 16 || !HasMagic(preamble))
            throw new TimeTagFormatException(path, 0, "not a PicoQuant PTU file: expected the magic \"PQTTTR\" at the start");
        string version = Encoding.ASCII.GetString(preamble[8..]).TrimEnd('\0', ' ');

        var tags = new List<PtuTag>();
        Span<byte> raw = stackalloc byte[TagSizeBytes];
        while (true)
        {
            long tagOffset = stream.Position;
            if (StreamReading.ReadFully(stream, raw) < TagSizeBytes)
                throw new TimeTagFormatException(path, tagOffset, $"file ends inside the PTU header: expected a 48-byte tag or \"{EndTagName}\"");
            string name = DecodeIdent(raw[..IdentBytes]);
            if (name.Length == 0)
                throw new TimeTagFormatException(path, tagOffset, "corrupt PTU header: expected a tag identifier");
            int index = BinaryPrimitives.ReadInt32LittleEndian(raw[32..]);
            var type = (PtuTagType)BinaryPrimitives.ReadUInt32LittleEndian(raw[36..]);
            long valueOffset = tagOffset + 40;
            ReadOnlySpan<byte> value = raw[40..];
            object? decoded = type switch
            {
                PtuTagType.Empty8 => null,
                PtuTagType.Bool8 => BinaryPrimitives.ReadInt64LittleEndian(value) != 0,
                PtuTagType.Int8 or PtuTagType.BitSet64 or PtuTagType.Color8 => BinaryPrimitives.ReadInt64LittleEndian(value),
                PtuTagType.Float8 => BinaryPrimitives.ReadDoubleLittleEndian(value),
                PtuTagType.TDateTime => DecodeDate(BinaryPrimitives.ReadDoubleLittleEndian(value)),
                PtuTagType.Float8Array or PtuTagType.AnsiString or PtuTagType.WideString or PtuTagType.BinaryBlob =>
                    ReadPayload(stream, path, type, BinaryPrimitives.ReadInt64LittleEndian(value), valueOffset, fileLength),
                _ => throw new TimeTagFormatException(path, tagOffset + 36,
                    $"unknown PTU tag type 0x{(uint)type:X8} for tag \"{name}\": expected one of the types in PicoQuant's PTU description"),
            };
            tags.Add(new PtuTag(name, index, type, decoded, valueOffset));
            if (name == EndTagName)
                return new PtuHeader(version, tags, stream.Position);
        }
    }

    private static object DecodeDate(double days) =>
        days is > -693_593 and < 2_958_465 ? FromTDateTime(days) : days; // out of DateTime range: keep the raw number

    private static object ReadPayload(Stream stream, string path, PtuTagType type, long lengthBytes, long valueOffset, long fileLength)
    {
        if (lengthBytes < 0 || lengthBytes > MaxPayloadBytes)
            throw new TimeTagFormatException(path, valueOffset,
                $"corrupt PTU header: tag payload length {lengthBytes} bytes: expected 0 to {MaxPayloadBytes} bytes");
        if (stream.Position + lengthBytes > fileLength)
            throw new TimeTagFormatException(path, valueOffset,
                $"file ends inside the PTU header: expected a {lengthBytes}-byte tag payload after byte {stream.Position} in a {fileLength}-byte file");
        var payload = new byte[lengthBytes];
        if (StreamReading.ReadFully(stream, payload) < lengthBytes)
            throw new TimeTagFormatException(path, valueOffset, "file ends inside a PTU tag payload");
        return type switch
        {
            PtuTagType.AnsiString => DecodeAnsi(payload),
            PtuTagType.WideString => Encoding.Unicode.GetString(payload, 0, payload.Length & ~1).Split('\0')[0],
            PtuTagType.Float8Array => DecodeDoubles(payload),
            _ => payload,
        };
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8, otherwise Windows Latin-1 (PicoQuant software writes the local code page).</summary>
    private static string DecodeAnsi(ReadOnlySpan<byte> payload)
    {
        int end = payload.IndexOf((byte)0);
        if (end >= 0)
            payload = payload[..end];
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(payload);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(payload);
        }
    }

    private static double[] DecodeDoubles(ReadOnlySpan<byte> payload)
    {
        var values = new double[payload.Length / 8];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(payload[(8 * i)..]);
        return values;
    }

    /// <summary>
    /// Identifier up to its NUL, Latin-1. Real files hold odd identifiers (SymPhoTime 1.6 writes
    /// "\u0002HWInpChan_CFDLeveld"), so any byte is accepted; control characters are dropped.
    /// </summary>
    private static string DecodeIdent(ReadOnlySpan<byte> ident)
    {
        int end = ident.IndexOf((byte)0);
        string text = Encoding.Latin1.GetString(end >= 0 ? ident[..end] : ident);
        return string.Concat(text.Where(c => !char.IsControl(c)));
    }
}
