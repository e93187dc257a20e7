using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.Traces;

/// <summary>Counts per channel, markers and syncs, and the time of the last event: what every report starts with.</summary>
public sealed class StreamSummaryStage(TimeTagStreamInfo info) : IStreamingStage
{
    private readonly SortedDictionary<short, long> _photons = new();
    private readonly SortedDictionary<short, long> _markers = new();
    private long _syncEvents;
    private long _lastTicks;
    private long _lastSyncIndex = -1;
    private long _events;

    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            switch (e.Kind)
            {
                case TimeTagKind.Photon:
                    _photons[e.Channel] = _photons.GetValueOrDefault(e.Channel) + 1;
                    break;
                case TimeTagKind.Marker:
                    _markers[e.Channel] = _markers.GetValueOrDefault(e.Channel) + 1;
                    break;
                case TimeTagKind.Sync:
                    _syncEvents++;
                    break;
            }
            if (e.TimeTicks > _lastTicks) _lastTicks = e.TimeTicks;
            if (e.SyncIndex > _lastSyncIndex) _lastSyncIndex = e.SyncIndex;
        }
        _events += events.Length;
    }

    /// <summary>The summary after the pass. Duration is the time of the last event of any kind from the file start.</summary>
    public StreamSummary Result()
    {
        var channels = new SortedSet<short>(_photons.Keys);
        foreach (var c in info.PhotonChannels) channels.Add(c);
        return new StreamSummary(
            DurationS: _lastTicks * info.TickResolutionS,
            Events: _events,
            PhotonsPerChannel: channels.ToDictionary(c => c, c => _photons.GetValueOrDefault(c)),
            MarkersPerMask: new Dictionary<short, long>(_markers),
            SyncEvents: _syncEvents,
            LastSyncIndex: _lastSyncIndex);
    }
}

/// <summary>Totals of one stream.</summary>
/// <param name="DurationS">Time of the last event of any kind from the start of the file, seconds.</param>
/// <param name="Events">Events of every kind.</param>
/// <param name="PhotonsPerChannel">Photon counts by channel.</param>
/// <param name="MarkersPerMask">Marker counts by marker bit mask.</param>
/// <param name="SyncEvents">Sync events (T2 with a sync channel).</param>
/// <param name="LastSyncIndex">Largest T3 sync index seen; −1 in T2.</param>
public sealed record StreamSummary(
    double DurationS,
    long Events,
    IReadOnlyDictionary<short, long> PhotonsPerChannel,
    IReadOnlyDictionary<short, long> MarkersPerMask,
    long SyncEvents,
    long LastSyncIndex)
{
    public long TotalPhotons => PhotonsPerChannel.Values.Sum();
}
