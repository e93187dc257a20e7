using System.Runtime.InteropServices;

namespace QdSim.TimeTags.IO;

/// <summary>Streams <see cref="PackedTimeTag"/> records (QdSim binary, .npy) in bounded blocks.</summary>
public sealed class PackedRecordReader : ITimeTagReader
{
    private readonly FileStream _stream;
    private readonly PackedTimeTag[] _block;
    private readonly long _dataOffset;
    private readonly List<string> _warnings;
    private long _recordsRead;
    private int _blockStart;
    private int _blockEnd;

    internal PackedRecordReader(FileStream stream, TimeTagStreamInfo info, long dataOffset, long recordCount, List<string> warnings, TimeTagReadOptions options)
    {
        _stream = stream;
        Info = info;
        _dataOffset = dataOffset;
        RecordCount = recordCount;
        _warnings = warnings;
        _block = new PackedTimeTag[Math.Max(1, options.BlockSizeBytes / PackedTimeTag.SizeBytes)];
    }

    /// <inheritdoc/>
    public TimeTagStreamInfo Info { get; }

    /// <summary>Number of complete records in the file.</summary>
    public long RecordCount { get; }

    /// <summary>Warnings about the file (truncated tail, ...).</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <inheritdoc/>
    public (long Done, long Total) Position =>
        (_dataOffset + (_recordsRead - (_blockEnd - _blockStart)) * PackedTimeTag.SizeBytes, _stream.Length);

    /// <inheritdoc/>
    public int Read(Span<TimeTagEvent> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            if (_blockStart == _blockEnd && !FillBlock())
                break;
            int n = Math.Min(buffer.Length - total, _blockEnd - _blockStart);
            for (int i = 0; i < n; i++)
            {
                ref PackedTimeTag record = ref _block[_blockStart + i];
                if (record.Kind > (byte)TimeTagKind.Sync)
                {
                    long offset = _dataOffset + (_recordsRead - (_blockEnd - _blockStart - i)) * PackedTimeTag.SizeBytes;
                    throw new TimeTagFormatException(_stream.Name, offset + 22, $"record kind {record.Kind}: expected 0 (photon), 1 (marker) or 2 (sync)");
                }
                buffer[total + i] = record.ToEvent();
            }
            total += n;
            _blockStart += n;
        }
        return total;
    }

    public void Dispose() => _stream.Dispose();

    private bool FillBlock()
    {
        long remaining = RecordCount - _recordsRead;
        if (remaining <= 0)
            return false;
        int want = (int)Math.Min(_block.Length, remaining);
        var bytes = MemoryMarshal.AsBytes(_block.AsSpan(0, want));
        _stream.Position = _dataOffset + _recordsRead * PackedTimeTag.SizeBytes;
        int got = StreamReading.ReadFully(_stream, bytes);
        if (got < bytes.Length)
            throw new TimeTagFormatException(_stream.Name, _stream.Position, "file shrank while it was read: expected more records");
        _recordsRead += want;
        _blockStart = 0;
        _blockEnd = want;
        return true;
    }
}
