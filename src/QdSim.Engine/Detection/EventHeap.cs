using QdSim.Engine.Photons;

namespace QdSim.Engine.Detection;

/// <summary>What a pending entry of the click processor stands for.</summary>
internal enum PendingKind : byte
{
    /// <summary>An avalanche to be tested against the dead time (afterpulse, crosstalk, laser background).</summary>
    Avalanche,
    /// <summary>Next dark count of a detector (Poisson generator).</summary>
    DarkGenerator,
    /// <summary>Next uncorrelated background photon of a detector (Poisson generator).</summary>
    BackgroundGenerator,
    /// <summary>Next laser pulse carrying a background photon for a detector (geometric generator).</summary>
    LaserGenerator,
}

/// <summary>An event waiting in <see cref="EventHeap"/>; ordered by (time, sequence number) so ties are deterministic.</summary>
internal struct PendingEvent
{
    public long TimePs;
    public long Sequence;
    public PendingKind Kind;
    public DetectedEvent Event;
}

/// <summary>Binary min-heap of <see cref="PendingEvent"/> by (TimePs, Sequence); grows by doubling, never shrinks, no per-event allocation.</summary>
internal sealed class EventHeap
{
    private PendingEvent[] _items = new PendingEvent[64];
    private long _nextSequence;

    public int Count { get; private set; }

    public long PeekTimePs => Count > 0 ? _items[0].TimePs : long.MaxValue;

    public ref readonly PendingEvent Peek() => ref _items[0];

    public void Push(long timePs, PendingKind kind, in DetectedEvent ev)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        var item = new PendingEvent { TimePs = timePs, Sequence = _nextSequence++, Kind = kind, Event = ev };
        int i = Count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(item, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = item;
    }

    public PendingEvent Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= Count) break;
            if (child + 1 < Count && Less(_items[child + 1], _items[child])) child++;
            if (!Less(_items[child], last)) break;
            _items[i] = _items[child];
            i = child;
        }
        if (Count > 0) _items[i] = last;
        return top;
    }

    private static bool Less(in PendingEvent a, in PendingEvent b) =>
        a.TimePs < b.TimePs || (a.TimePs == b.TimePs && a.Sequence < b.Sequence);
}
