namespace QdSim.Analysis.ChangePoint;

/// <summary>
/// Finds all intensity change points in a stretch of photon times by recursive binary segmentation with the
/// likelihood-ratio test of <see cref="PoissonChangePointTest"/>, then re-tests every accepted change point between its
/// two neighbours and drops (or re-locates) those no longer significant — the two passes of Watkins &amp; Yang (2005).
/// </summary>
public static class ChangePointDetector
{
    /// <summary>Indices of photons at which a new intensity level starts, ascending (exclusive of 0 and the last photon).</summary>
    public static List<int> Detect(ReadOnlySpan<double> times, double alpha)
    {
        var found = new List<int>();
        if (times.Length < 3) return found;
        var pending = new Stack<(int S, int E)>();
        pending.Push((0, times.Length - 1));
        while (pending.Count > 0)
        {
            var (s, e) = pending.Pop();
            var (z, k) = PoissonChangePointTest.MaxStatistic(times, s, e);
            if (k < 0 || z <= PoissonChangePointTest.CriticalValue(e - s, alpha)) continue;
            found.Add(k);
            pending.Push((s, k));
            pending.Push((k, e));
        }
        found.Sort();
        return Refine(times, found, alpha);
    }

    private static List<int> Refine(ReadOnlySpan<double> times, List<int> points, double alpha)
    {
        for (int round = 0; round < 20; round++)
        {
            bool changed = false;
            var kept = new List<int>(points.Count);
            for (int i = 0; i < points.Count; i++)
            {
                int s = kept.Count > 0 ? kept[^1] : 0;
                int e = i + 1 < points.Count ? points[i + 1] : times.Length - 1;
                var (z, k) = PoissonChangePointTest.MaxStatistic(times, s, e);
                if (k < 0 || z <= PoissonChangePointTest.CriticalValue(e - s, alpha)) { changed = true; continue; }
                if (k != points[i]) changed = true;
                kept.Add(k);
            }
            points = kept;
            if (!changed) break;
        }
        return points;
    }
}
