namespace QdSim.Runner.Sweeps;

/// <summary>One dot of a finished point: its seed, the parameters drawn for it and its result.</summary>
public sealed record DotRecord(int Dot, ulong Seed, IReadOnlyList<KeyValuePair<string, string>> Drawn, DotResult Result);

/// <summary>
/// A finished point, as stored in <c>points/point-NNNNNN.json</c> and as one row of the results: the point's inputs,
/// the mean of the derived values over its dots, the observables combined over dots and the dots themselves.
/// </summary>
public sealed record PointResult(
    int Index,
    ulong Seed,
    IReadOnlyList<KeyValuePair<string, string>> Inputs,
    IReadOnlyList<NamedValue> Derived,
    IReadOnlyList<Observable> Observables,
    IReadOnlyList<DotRecord> Dots)
{
    /// <summary>
    /// Combines the dots of a point. One dot: its values and uncertainties as they are. Several dots: the mean over
    /// dots, with the standard error of that mean from the dot-to-dot scatter (s/√n, which contains both the
    /// statistical noise of each run and any ensemble spread) — or, when larger, the propagated in-run error
    /// √(Σσᵢ²)/n, so that a few nearly equal dots never claim a smaller error than their runs support.
    /// </summary>
    public static PointResult Combine(SweepPoint point, IReadOnlyList<DotRecord> dots)
    {
        ArgumentOutOfRangeException.ThrowIfZero(dots.Count);
        var first = dots[0].Result;
        var derived = first.Derived.Select((d, i) => new NamedValue(d.Name, dots.Average(r => r.Result.Derived[i].Value))).ToList();
        var observables = new List<Observable>(first.Observables.Count);
        for (int i = 0; i < first.Observables.Count; i++)
        {
            var values = dots.Select(r => r.Result.Observables[i]).ToList();
            if (values.Count == 1)
            {
                observables.Add(values[0]);
                continue;
            }
            int n = values.Count;
            double mean = values.Average(v => v.Value);
            double scatter = Math.Sqrt(values.Sum(v => (v.Value - mean) * (v.Value - mean)) / (n - 1) / n);
            double propagated = Math.Sqrt(values.Sum(v => v.Uncertainty * v.Uncertainty)) / n;
            observables.Add(new Observable(first.Observables[i].Name, mean, Math.Max(scatter, propagated)));
        }
        foreach (var dot in dots)
        {
            if (!dot.Result.Derived.Select(d => d.Name).SequenceEqual(first.Derived.Select(d => d.Name)) ||
                !dot.Result.Observables.Select(o => o.Name).SequenceEqual(first.Observables.Select(o => o.Name)))
                throw new InvalidOperationException($"point {point.Index}: dots returned different result columns");
        }
        return new PointResult(point.Index, point.Seed, point.Inputs, derived, observables, dots);
    }
}
