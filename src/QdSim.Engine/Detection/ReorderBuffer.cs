using QdSim.Engine.Photons;

namespace QdSim.Engine.Detection;

/// <summary>
/// Events sorted by <see cref="DetectedEvent.DetectionTimePs"/> in a circular buffer, filled by insertion from the
/// back. Jitter displaces clicks by less than a few IRF widths, so almost every insert lands at the end: O(1) per
/// event, against O(log n) sifts of a heap. Equal times keep their insertion order (stable), so the output does not
/// depend on how the input was chunked.
/// </summary>
internal sealed class ReorderBuffer
{
    private DetectedEvent[] _items = new DetectedEvent[256]; // capacity: a power of two
    private int _head, _count;

    public int Count => _count;

    public long PeekTimePs => _count > 0 ? _items[_head].DetectionTimePs : long.MaxValue;

    public void Insert(in DetectedEvent ev)
    {
        if (_count == _items.Length) Grow();
        int mask = _items.Length - 1;
        int i = _count++;
        long t = ev.DetectionTimePs;
        // Shift later events one slot back until the insertion point (stable: stop at an equal time).
        while (i > 0)
        {
            ref var previous = ref _items[(_head + i - 1) & mask];
            if (previous.DetectionTimePs <= t) break;
            _items[(_head + i) & mask] = previous;
            i--;
        }
        _items[(_head + i) & mask] = ev;
    }

    public DetectedEvent RemoveFirst()
    {
        var first = _items[_head];
        _head = (_head + 1) & (_items.Length - 1);
        _count--;
        return first;
    }

    private void Grow()
    {
        var larger = new DetectedEvent[_items.Length * 2];
        for (int i = 0; i < _count; i++) larger[i] = _items[(_head + i) & (_items.Length - 1)];
        _items = larger;
        _head = 0;
    }
}
