namespace QdSim.TimeTags;

/// <summary>
/// A time-tag file that cannot be read as what it claims to be. The message names the file, the byte offset and
/// what was expected there, so a user can act on it without a stack trace.
/// </summary>
public sealed class TimeTagFormatException(string path, long byteOffset, string problem)
    : Exception($"{path}: at byte {byteOffset}: {problem}")
{
    public string Path { get; } = path;
    public long ByteOffset { get; } = byteOffset;
}
