using System.Collections.Concurrent;
using QdSim.TimeTags;

namespace QdSim.Runner.Sweeps.Evaluation;

/// <summary>
/// A bounded in-memory pipe from the engine's time-tag writer side to an <see cref="ITimeTagReader"/>, so a point is
/// analysed by the very <c>qdsim analyze</c> pipeline (which pulls from a reader) while the engine produces it, with no
/// file and at most <see cref="Capacity"/> chunks in memory. The writer blocks when the reader falls behind.
/// </summary>
internal sealed class TimeTagPipe : IDisposable
{
    /// <summary>Chunks in flight between the threads: enough to overlap simulation and analysis, few enough to stay small.</summary>
    public const int Capacity = 4;

    private readonly BlockingCollection<TimeTagEvent[]> _chunks = new(Capacity);
    private readonly CancellationToken _cancellation;

    public TimeTagPipe(TimeTagStreamInfo info, CancellationToken cancellation)
    {
        _cancellation = cancellation;
        Writer = new PipeWriter(this);
        Reader = new PipeReader(this, info);
    }

    public ITimeTagWriter Writer { get; }

    public ITimeTagReader Reader { get; }

    /// <summary>Ends the stream (also after a failure of the producer, so the reader never waits forever).</summary>
    public void CompleteAdding() => _chunks.CompleteAdding();

    public void Dispose() => _chunks.Dispose();

    private sealed class PipeWriter(TimeTagPipe pipe) : ITimeTagWriter
    {
        public void Write(ReadOnlySpan<TimeTagEvent> events)
        {
            if (events.Length > 0) pipe._chunks.Add(events.ToArray(), pipe._cancellation);
        }

        public void Complete(double acquisitionTimeS) => pipe.CompleteAdding();

        public void Dispose()
        {
        }
    }

    private sealed class PipeReader(TimeTagPipe pipe, TimeTagStreamInfo info) : ITimeTagReader
    {
        private TimeTagEvent[] _current = [];
        private int _offset;

        public TimeTagStreamInfo Info => info;

        /// <summary>No byte positions in a pipe; the sweep reports progress over points instead.</summary>
        public (long Done, long Total) Position => (0, 0);

        public int Read(Span<TimeTagEvent> buffer)
        {
            while (_offset == _current.Length)
            {
                if (!pipe._chunks.TryTake(out var next, Timeout.Infinite, pipe._cancellation)) return 0;
                _current = next;
                _offset = 0;
            }
            int count = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsSpan(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public void Dispose()
        {
        }
    }
}
