namespace QdSim.Analysis.ChangePoint;

/// <summary>
/// Groups the constant-intensity segments between change points into a few intensity levels (Watkins &amp; Yang 2005,
/// "clustering"): agglomerative hierarchical clustering by likelihood (each step merges the two clusters whose merger
/// costs the least Poisson log-likelihood, L(c) = n_c ln(n_c/T_c); candidates are clusters adjacent in intensity, which
/// keeps it O(m²) for m segments), then for each number of levels G an expectation–maximisation refinement of the
/// mixture in which segment j (n_j intervals over T_j) has likelihood Σ_g p_g I_g^(n_j) e^(−I_g T_j), and the Schwarz
/// (Bayesian) criterion BIC = 2 ln L_G − (2G − 1) ln m − m ln N chooses G.
/// </summary>
public static class LevelClustering
{
    public const int MaxLevels = 10;

    /// <summary>Clusters segments given as intervals (photon count) and duration (any time unit; rates come out per that unit).</summary>
    public static LevelModel Cluster(IReadOnlyList<(long Intervals, double Duration)> segments)
    {
        int m = segments.Count;
        if (m == 0) return new LevelModel([], [], [], double.NaN);
        long totalIntervals = segments.Sum(s => s.Intervals);

        // Hierarchical clustering: partitions[G] for G = m down to 1 (only G ≤ MaxLevels kept).
        var order = Enumerable.Range(0, m).OrderBy(j => Rate(segments[j].Intervals, segments[j].Duration)).ToList();
        var clusters = order.Select(j => new Group([j], segments[j].Intervals, segments[j].Duration)).ToList();
        var partitions = new Dictionary<int, List<Group>>();
        while (true)
        {
            if (clusters.Count <= MaxLevels) partitions[clusters.Count] = clusters.ToList();
            if (clusters.Count == 1) break;
            int best = 0;
            double bestCost = double.PositiveInfinity;
            for (int i = 0; i + 1 < clusters.Count; i++)
            {
                var (a, b) = (clusters[i], clusters[i + 1]);
                double cost = a.LogL + b.LogL - LogL(a.Intervals + b.Intervals, a.Duration + b.Duration);
                if (cost < bestCost) { bestCost = cost; best = i; }
            }
            clusters[best] = Merge(clusters[best], clusters[best + 1]);
            clusters.RemoveAt(best + 1);
        }

        LevelModel? chosen = null;
        var bics = new List<(int Levels, double Bic)>();
        foreach (var (g, partition) in partitions.OrderBy(p => p.Key))
        {
            var model = Refine(segments, partition, totalIntervals);
            bics.Add((g, model.Bic));
            if (chosen is null || model.Bic > chosen.Bic) chosen = model;
        }
        return chosen! with { BicByLevels = bics.ToArray() };
    }

    private static double Rate(long n, double t) => t > 0 ? n / t : double.PositiveInfinity;

    private static Group Merge(Group a, Group b) => new([.. a.Members, .. b.Members], a.Intervals + b.Intervals, a.Duration + b.Duration);

    private sealed record Group(List<int> Members, long Intervals, double Duration)
    {
        public double LogL => LevelClustering.LogL(Intervals, Duration);
    }

    /// <summary>Maximised Poisson log-likelihood of n intervals over T at one rate, without the constant −n.</summary>
    private static double LogL(long intervals, double duration) => intervals > 0 && duration > 0 ? intervals * Math.Log(intervals / duration) : 0;

    private static LevelModel Refine(IReadOnlyList<(long Intervals, double Duration)> segments, List<Group> start, long totalIntervals)
    {
        int g = start.Count, m = segments.Count;
        var rates = start.Select(c => Math.Max(Rate(c.Intervals, c.Duration), 1e-300)).ToArray();
        var weights = start.Select(c => (double)c.Members.Count / m).ToArray();
        var resp = new double[m, g];
        double logL = double.NegativeInfinity;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double newLogL = 0;
            for (int j = 0; j < m; j++)
            {
                double maxLog = double.NegativeInfinity;
                for (int c = 0; c < g; c++)
                {
                    resp[j, c] = Math.Log(weights[c]) + segments[j].Intervals * Math.Log(rates[c]) - rates[c] * segments[j].Duration;
                    maxLog = Math.Max(maxLog, resp[j, c]);
                }
                double sum = 0;
                for (int c = 0; c < g; c++) { resp[j, c] = Math.Exp(resp[j, c] - maxLog); sum += resp[j, c]; }
                for (int c = 0; c < g; c++) resp[j, c] /= sum;
                newLogL += maxLog + Math.Log(sum);
            }
            for (int c = 0; c < g; c++)
            {
                double r = 0, n = 0, t = 0;
                for (int j = 0; j < m; j++) { r += resp[j, c]; n += resp[j, c] * segments[j].Intervals; t += resp[j, c] * segments[j].Duration; }
                weights[c] = Math.Max(r / m, 1e-12);
                if (t > 0 && n > 0) rates[c] = n / t;
            }
            bool converged = Math.Abs(newLogL - logL) < 1e-9 * Math.Max(1, Math.Abs(newLogL));
            logL = newLogL;
            if (converged) break;
        }
        var assignment = new int[m];
        for (int j = 0; j < m; j++)
        {
            int best = 0;
            for (int c = 1; c < g; c++) if (resp[j, c] > resp[j, best]) best = c;
            assignment[j] = best;
        }
        // Order levels by intensity so level 0 is the dimmest.
        var byRate = Enumerable.Range(0, g).OrderBy(c => rates[c]).ToArray();
        var rank = new int[g];
        for (int i = 0; i < g; i++) rank[byRate[i]] = i;
        double bic = 2 * logL - (2 * g - 1) * Math.Log(m) - m * Math.Log(Math.Max(1, totalIntervals));
        return new LevelModel(byRate.Select(c => rates[c]).ToArray(), byRate.Select(c => weights[c]).ToArray(),
            assignment.Select(a => rank[a]).ToArray(), bic);
    }
}

/// <summary>Intensity levels of a clustering.</summary>
/// <param name="Rates">Level intensities, ascending, per time unit of the input.</param>
/// <param name="Weights">Mixture weights (fraction of segments).</param>
/// <param name="LevelOfSegment">Level index of each input segment.</param>
/// <param name="Bic">Schwarz criterion of the chosen model.</param>
public sealed record LevelModel(double[] Rates, double[] Weights, int[] LevelOfSegment, double Bic)
{
    /// <summary>BIC for each number of levels tried.</summary>
    public (int Levels, double Bic)[] BicByLevels { get; init; } = [];
}
