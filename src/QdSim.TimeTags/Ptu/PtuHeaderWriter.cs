using System.Buffers.Binary;
using System.Text;

namespace QdSim.TimeTags.Ptu;

/// <summary>
/// Writes PTU header tags to a stream (layout in <see cref="PtuHeader"/>) and remembers where each value field lies so
/// that values known only at the end (record count, acquisition time) can be patched in place.
/// </summary>
public sealed class PtuHeaderWriter
{
    private readonly Stream _stream;
    private readonly Dictionary<string, long> _valueOffsets = new(StringComparer.Ordinal);

    /// <summary>Writes the preamble and tag-format version "1.0.00".</summary>
    public PtuHeaderWriter(Stream stream)
    {
        _stream = stream;
        _stream.Write(PtuHeader.Magic);
        _stream.Write("1.0.00\0\0"u8);
    }

    public void WriteEmpty(string name, int index = -1) => WriteTag(name, index, PtuTagType.Empty8, 0);

    public void WriteBool(string name, bool value, int index = -1) => WriteTag(name, index, PtuTagType.Bool8, value ? 1 : 0);

    public void WriteInt64(string name, long value, int index = -1) => WriteTag(name, index, PtuTagType.Int8, value);

    public void WriteFloat(string name, double value, int index = -1) =>
        WriteTag(name, index, PtuTagType.Float8, BitConverter.DoubleToInt64Bits(value));

    public void WriteDateTime(string name, DateTime value, int index = -1) =>
        WriteTag(name, index, PtuTagType.TDateTime, BitConverter.DoubleToInt64Bits(PtuHeader.ToTDateTime(value)));

    /// <summary>AnsiString tag, UTF-8 encoded, NUL-terminated and padded to a multiple of 8 bytes.</summary>
    public void WriteString(string name, string value, int index = -1)
    {
        if (value.Contains(PtuHeader.EndTagName, StringComparison.Ordinal))
            throw new ArgumentException($"PTU tag {name}: the text \"{PtuHeader.EndTagName}\" must not occur inside a tag value (readers that scan for it would stop there).", nameof(value));
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"PTU tag {name}: string values cannot contain NUL characters.", nameof(value));
        byte[] text = Encoding.UTF8.GetBytes(value);
        int paddedLength = (text.Length + 1 + 7) / 8 * 8;
        var payload = new byte[paddedLength];
        text.CopyTo(payload, 0);
        WriteTag(name, index, PtuTagType.AnsiString, paddedLength);
        _stream.Write(payload);
    }

    /// <summary>The Header_End tag; the records follow.</summary>
    public void WriteEnd() => WriteEmpty(PtuHeader.EndTagName);

    /// <summary>File offset of the 8-byte value of a tag written earlier, for <see cref="PatchInt64"/>.</summary>
    public long ValueOffsetOf(string name) => _valueOffsets[name];

    /// <summary>Overwrites the Int8 value at <paramref name="valueOffset"/> and returns the stream to where it was.</summary>
    public static void PatchInt64(Stream stream, long valueOffset, long value)
    {
        long position = stream.Position;
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        stream.Position = valueOffset;
        stream.Write(bytes);
        stream.Position = position;
    }

    private void WriteTag(string name, int index, PtuTagType type, long value)
    {
        if (name.Length is 0 or > 31 || !Ascii.IsValid(name))
            throw new ArgumentException($"PTU tag identifier \"{name}\" must be 1 to 31 ASCII characters.", nameof(name));
        Span<byte> tag = stackalloc byte[48];
        tag.Clear();
        Encoding.ASCII.GetBytes(name, tag[..32]);
        BinaryPrimitives.WriteInt32LittleEndian(tag[32..], index);
        BinaryPrimitives.WriteUInt32LittleEndian(tag[36..], (uint)type);
        BinaryPrimitives.WriteInt64LittleEndian(tag[40..], value);
        _valueOffsets[index < 0 ? name : $"{name}({index})"] = _stream.Position + 40;
        _stream.Write(tag);
    }
}
