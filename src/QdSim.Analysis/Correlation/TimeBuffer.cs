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
        if (_start + Count == _data.Length) MakeRoom(1);
        _data[_start + Count] = timeTicks;
        Count++;
    }

    /// <summary>
    /// Fills the <paramref name="count"/> slots after the last element with <paramref name="value"/> (not elements:
    /// the next <see cref="Add"/> overwrites them), so that a loop can read a few entries past the end without a bounds
    /// test. <see cref="Data"/> may change.
    /// </summary>
    public void PadEnd(int count, long value)
    {
        if (_start + Count + count > _data.Length) MakeRoom(count);
        Array.Fill(_data, value, _start + Count, count);
    }

    /// <summary>Full at the back: slide the live part to the front when at least half is dead (and that is enough), else grow.</summary>
    private void MakeRoom(int extra)
    {
        int length = _data.Length;
        if (!(_start >= length / 2 && Count + extra <= length))
            while (Count + extra > length / 2) length *= 2;
        var target = length == _data.Length ? _data : new long[length];
        Array.Copy(_data, _start, target, 0, Count);
        _data = target;
        _start = 0;
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
