using QdSim.Engine.Environment;
using QdSim.Engine.Photons;
using QdSim.Engine.Simulation;
using QdSim.Engine.Tagging;
using QdSim.TimeTags;

namespace QdSim.Engine.Output;

/// <summary>Final detector events → time tagger → time-tag writer, one chunk at a time (reuses its buffer).</summary>
public sealed class TimeTagSink(TimeTagger tagger, ITimeTagWriter writer) : IExperimentSink
{
    private readonly List<TimeTagEvent> _buffer = new(1 << 16);

    /// <summary>Records written (photons and syncs).</summary>
    public long RecordsWritten { get; private set; }

    public void OnEnvironment(in EnvironmentInterval interval)
    {
    }

    public void OnEvents(ReadOnlySpan<DetectedEvent> events)
    {
        _buffer.Clear();
        tagger.Convert(events, _buffer);
        Flush();
    }

    /// <summary>Adds the trailing syncs and completes the file.</summary>
    public void Complete(long endPs)
    {
        _buffer.Clear();
        tagger.Finish(endPs, _buffer);
        Flush();
        writer.Complete(endPs * 1e-12);
    }

    private void Flush()
    {
        if (_buffer.Count == 0) return;
        writer.Write(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_buffer));
        RecordsWritten += _buffer.Count;
    }
}
