using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Runner.Sweeps.Evaluation;

/// <summary>
/// A time-tag "writer" that hands each chunk straight to analysis stages instead of a file: the engine's tagger output
/// is analysed as it is produced, so a sweep point needs no file and memory stays bounded by one chunk.
/// </summary>
internal sealed class StageFeedWriter(IReadOnlyList<IStreamingStage> stages) : ITimeTagWriter
{
    public double AcquisitionTimeS { get; private set; }

    public void Write(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (var stage in stages) stage.Accept(events);
    }

    public void Complete(double acquisitionTimeS) => AcquisitionTimeS = acquisitionTimeS;

    public void Dispose()
    {
    }
}
