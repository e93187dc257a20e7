using System.Runtime.InteropServices;

namespace QdSim.TimeTags.IO;

/// <summary>
/// Common part of the QdSim binary and .npy writers: a header (written by the subclass, rewritten with the final
/// count and acquisition time on <see cref="Complete"/>) followed by <see cref="PackedTimeTag"/> records, all through
/// an <see cref="AtomicFile"/>.
/// </summary>
public abstract class PackedRecordWriter : ITimeTagWriter
{
    private const int BufferRecords = 1 << 15;

    private readonly PackedTimeTag[] _buffer = new PackedTimeTag[BufferRecords];
    private int _buffered;
    private long _lastOrderKey = long.MinValue;
    private bool _finished;

    protected PackedRecordWriter(string path, TimeTagStreamInfo info)
    {
        WriterGuards.CheckTickResolution(info);
        Info = info;
        File = AtomicFile.Create(path);
    }

    /// <summary>Stream description written into the header.</summary>
    public TimeTagStreamInfo Info { get; }

    /// <summary>Events written so far.</summary>
    public long RecordsWritten { get; private set; }

    protected AtomicFile File { get; }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<TimeTagEvent> events)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        bool t3 = Info.Mode == MeasurementMode.T3;
        foreach (ref readonly TimeTagEvent e in events)
        {
            // T3 order is by sync index (within one sync period, hardware order need not follow the micro time).
            long orderKey = t3 ? e.SyncIndex : e.TimeTicks;
            if (orderKey < _lastOrderKey)
                throw new ArgumentException($"Event {e} is earlier than the previous one ({(t3 ? "sync index" : "time")} {_lastOrderKey}); time tags must be written in non-decreasing time order.", nameof(events));
            _lastOrderKey = orderKey;
            _buffer[_buffered++] = PackedTimeTag.From(e);
            if (_buffered == _buffer.Length)
                FlushRecords();
        }
    }

    /// <inheritdoc/>
    public void Complete(double acquisitionTimeS)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        WriterGuards.CheckAcquisitionTime(acquisitionTimeS);
        FlushRecords();
        long end = File.Stream.Position;
        File.Stream.Position = 0;
        WriteHeader(File.Stream, RecordsWritten, acquisitionTimeS);
        File.Stream.Position = end;
        CommitFiles(acquisitionTimeS);
        _finished = true;
    }

    /// <summary>Without <see cref="Complete"/>, deletes the temporary file(s).</summary>
    public void Dispose()
    {
        _finished = true;
        File.Dispose();
        DisposeExtra();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes the header at the stream's position; the same length whatever the count (it is rewritten at the end).</summary>
    protected abstract void WriteHeader(Stream stream, long recordCount, double acquisitionTimeS);

    /// <summary>Commits the data file (subclasses commit companion files first).</summary>
    protected virtual void CommitFiles(double acquisitionTimeS) => File.Commit();

    /// <summary>Releases companion files.</summary>
    protected virtual void DisposeExtra()
    {
    }

    private void FlushRecords()
    {
        File.Stream.Write(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _buffered)));
        RecordsWritten += _buffered;
        _buffered = 0;
    }
}
