namespace QdSim.Analysis.Blinking;

/// <summary>
/// Probability density of dwell times for log-log plots, normalised as in Kuno et al., J. Chem. Phys. 115, 1028
/// (2001): P(tᵢ) = N(tᵢ)/(N_total · Δt_avg,ᵢ), with N(tᵢ) the number of dwells of length tᵢ and Δt_avg,ᵢ the mean of
/// the distances to the neighbouring occupied dwell lengths (one-sided at the ends). Where every bin length is
/// occupied this is the histogram density; in the sparse tail it spreads single events over their neighbourhood, so a
/// power law keeps slope −α instead of flattening at 1/N.
/// </summary>
public static class LogLogDensity
{
    public static IReadOnlyList<DensityPoint> Of(IReadOnlyList<double> dwellsS)
    {
        var groups = dwellsS.Where(t => t > 0).GroupBy(t => t).OrderBy(g => g.Key).Select(g => (T: g.Key, N: g.Count())).ToArray();
        long total = groups.Sum(g => (long)g.N);
        var points = new List<DensityPoint>(groups.Length);
        if (groups.Length < 2) return points;
        for (int i = 0; i < groups.Length; i++)
        {
            double dt = i == 0 ? groups[1].T - groups[0].T
                : i == groups.Length - 1 ? groups[i].T - groups[i - 1].T
                : 0.5 * (groups[i + 1].T - groups[i - 1].T);
            points.Add(new DensityPoint(groups[i].T, groups[i].N / (total * dt), groups[i].N));
        }
        return points;
    }
}

/// <summary>One point of the dwell-time density: dwell time (s), density (1/s) and the number of dwells behind it.</summary>
public sealed record DensityPoint(double DwellS, double DensityPerS, int Count);
