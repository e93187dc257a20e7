using QdSim.TimeTags;

namespace QdSim.Analysis.Pipeline;

/// <summary>
/// An analysis stage fed the time-tag stream in chunks, in time order, exactly once: this is what keeps the memory
/// of a 12-hour file bounded. A stage that needs a second pass (e.g. g2 restricted to ON periods) takes the first
/// pass's result in its constructor and is run on a second read of the file.
/// </summary>
public interface IStreamingStage
{
    /// <summary>Consumes the next chunk of events (photons, markers, syncs).</summary>
    void Accept(ReadOnlySpan<TimeTagEvent> events);
}

/// <summary>Reads a stream once and feeds every stage, reporting progress as the fraction of bytes consumed.</summary>
public static class StreamPass
{
    /// <summary>Default chunk: 1 Mi events (24 MiB), large enough to amortise calls, small enough to stay in cache budgets.</summary>
    public const int DefaultChunkEvents = 1 << 20;

    public static void Run(ITimeTagReader reader, IReadOnlyList<IStreamingStage> stages,
        IProgress<double>? progress = null, int chunkEvents = DefaultChunkEvents)
    {
        var buffer = new TimeTagEvent[chunkEvents];
        int n;
        while ((n = reader.Read(buffer)) > 0)
        {
            var chunk = new ReadOnlySpan<TimeTagEvent>(buffer, 0, n);
            foreach (var stage in stages) stage.Accept(chunk);
            if (progress is not null)
            {
                var (done, total) = reader.Position;
                if (total > 0) progress.Report((double)done / total);
            }
        }
    }
}
