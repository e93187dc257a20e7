namespace QdSim.Runner.Sweeps;

/// <summary>One point of a sweep: its index (row), its seed and the configuration overrides of its axes.</summary>
/// <param name="Index">Position in the sweep's canonical order (first axis group varies slowest).</param>
/// <param name="Seed"><see cref="PointSeeds.ForPoint"/> of the sweep seed and the index.</param>
/// <param name="Inputs">The swept keys and their values at this point, in axis order.</param>
public sealed record SweepPoint(int Index, ulong Seed, IReadOnlyList<KeyValuePair<string, string>> Inputs);

/// <summary>
/// Expansion of a sweep into points: axis groups are crossed (cartesian product, the first group varying slowest,
/// like nested loops written in file order) and the axes inside a group are zipped. Points are computed from their
/// index alone (mixed-radix decomposition), so a shard never needs to enumerate the others' points.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>Refuse sweeps beyond this many points: a typo in a step, not a plan.</summary>
    public const int MaxPoints = 10_000_000;

    private readonly SweepDefinition _definition;
    private readonly int[] _strides;

    public SweepPlan(SweepDefinition definition)
    {
        _definition = definition;
        _strides = new int[definition.Groups.Count];
        long count = 1;
        for (int g = definition.Groups.Count - 1; g >= 0; g--)
        {
            _strides[g] = (int)count;
            count *= definition.Groups[g].Length;
            if (count > MaxPoints)
                throw new UserInputException(
                    $"{definition.SourcePath}: the axes make more than {MaxPoints:N0} points; check the grid steps");
        }
        PointCount = (int)count;
    }

    public SweepDefinition Definition => _definition;

    /// <summary>Number of points (product of the group lengths; 1 for a sweep without axes).</summary>
    public int PointCount { get; }

    /// <summary>The point with index <paramref name="index"/>.</summary>
    public SweepPoint Point(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PointCount);
        var inputs = new List<KeyValuePair<string, string>>();
        for (int g = 0; g < _definition.Groups.Count; g++)
        {
            int position = index / _strides[g] % _definition.Groups[g].Length;
            foreach (var axis in _definition.Groups[g].Axes)
                inputs.Add(new(axis.Key, axis.Values[position].Text));
        }
        return new SweepPoint(index, PointSeeds.ForPoint(_definition.Seed, index), inputs);
    }

    /// <summary>All points in index order.</summary>
    public IEnumerable<SweepPoint> Points()
    {
        for (int i = 0; i < PointCount; i++) yield return Point(i);
    }
}
