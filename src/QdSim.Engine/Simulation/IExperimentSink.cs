using QdSim.Engine.Environment;
using QdSim.Engine.Photons;

namespace QdSim.Engine.Simulation;

/// <summary>Receives what a run produces, in time order and in chunks (memory stays bounded whatever the duration).</summary>
public interface IExperimentSink
{
    /// <summary>One interval of constant environment (ground-truth trajectory).</summary>
    void OnEnvironment(in EnvironmentInterval interval);

    /// <summary>Final detector events (after the click processor), time-ordered within and across calls.</summary>
    void OnEvents(ReadOnlySpan<DetectedEvent> events);
}

/// <summary>Fans one stream out to several sinks.</summary>
public sealed class CompositeSink(params IExperimentSink[] sinks) : IExperimentSink
{
    public void OnEnvironment(in EnvironmentInterval interval)
    {
        foreach (var s in sinks) s.OnEnvironment(interval);
    }

    public void OnEvents(ReadOnlySpan<DetectedEvent> events)
    {
        foreach (var s in sinks) s.OnEvents(events);
    }
}
