namespace QdSim.Analysis.Correlation;

/// <summary>
/// A queue of sorted time tags that drops from the front and appends at the back without reallocating once warm:
/// the correlators keep only the photons that can still pair with photons yet to come (bounded memory).
/// </summary>
internal sealed class TimeBuffer
{
    private long[] _data = new long[1024];
    private int _start;

    public int Count { get; private set; }

    /// <summary>Backing array and the offset of element 0, for tight loops.</summary>
    public long[] Data => _data;
    public int Start => _start;

    public long this[int index] => _data[_start + index];

    public void Add(long timeTicks)
    {
        if (_start + Count == _data.Length)
        {
            // Full at the back: slide the live part to the front when at least half is dead, else grow.
            var target = _start >= _data.Length / 2 ? _data : new long[_data.Length * 2];
            Array.Copy(_data, _start, target, 0, Count);
            _data = target;
            _start = 0;
        }
        _data[_start + Count] = timeTicks;
        Count++;
    }

    public void DropFirst(int n)
    {
        _start += n;
        Count -= n;
        if (Count == 0) _start = 0;
    }

    public void Clear()
    {
        _start = 0;
        Count = 0;
    }
}
