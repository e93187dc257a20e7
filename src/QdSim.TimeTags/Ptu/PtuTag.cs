namespace QdSim.TimeTags.Ptu;

/// <summary>
/// One PTU header tag. <see cref="Value"/> is long (Int8, BitSet64, Color8), double (Float8), bool (Bool8),
/// <see cref="DateTime"/> (TDateTime), string (AnsiString, WideString), double[] (Float8Array), byte[] (BinaryBlob)
/// or null (Empty8).
/// </summary>
/// <param name="Name">Tag identifier (at most 31 ASCII characters).</param>
/// <param name="Index">Array index, −1 when the tag is not part of an array.</param>
/// <param name="Type">Stored type.</param>
/// <param name="Value">Decoded value.</param>
/// <param name="ValueOffset">File offset of the 8-byte value field (for error messages and patching).</param>
public sealed record PtuTag(string Name, int Index, PtuTagType Type, object? Value, long ValueOffset)
{
    /// <summary>"Name" or "Name(idx)" for array tags, the key used in <see cref="TimeTagStreamInfo.HeaderTags"/>.</summary>
    public string Key => Index < 0 ? Name : $"{Name}({Index})";
}
