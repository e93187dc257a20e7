using System.Collections.Concurrent;
using QdSim.Analysis.Fitting;

namespace QdSim.Analysis.ChangePoint;

/// <summary>
/// The generalised likelihood-ratio test for one intensity change in a stretch of photon arrival times (Watkins &amp;
/// Yang, J. Phys. Chem. B 109, 617 (2005), eqs. 3–6). For the inter-photon intervals between photons s and e
/// (n = e − s intervals over time T) and a change at photon k, with V = t_k − t_s:
/// Z_k = 2[(k−s) ln((k−s)/V) + (e−k) ln((e−k)/(T−V)) − n ln(n/T)],
/// i.e. twice the log-likelihood ratio of two constant-rate Poisson processes against one. The change point is the
/// k maximising Z_k; it is accepted when Z_max exceeds the critical value for n intervals at type-I error α.
/// </summary>
public static class PoissonChangePointTest
{
    /// <summary>Largest Z_k over s &lt; k &lt; e, and where it occurs. Times in any unit (ticks); n = e − s ≥ 2.</summary>
    public static (double Z, int K) MaxStatistic(ReadOnlySpan<double> times, int s, int e)
    {
        int n = e - s;
        if (n < 2) return (0, -1);
        double total = times[e] - times[s];
        // Photons on the same tick would give an infinite rate; half a time unit is below the resolution.
        const double MinSpan = 0.5;
        total = Math.Max(total, MinSpan);
        double baseline = n * Math.Log(n / total);
        double best = double.NegativeInfinity;
        int bestK = -1;
        for (int k = s + 1; k < e; k++)
        {
            double left = Math.Max(times[k] - times[s], MinSpan);
            double right = Math.Max(times[e] - times[k], MinSpan);
            int a = k - s, b = e - k;
            double z = a * Math.Log(a / left) + b * Math.Log(b / right);
            if (z > best) { best = z; bestK = k; }
        }
        return (2 * (best - baseline), bestK);
    }

    /// <summary>
    /// Critical value of Z_max for n intervals at type-I error α: the (1−α) quantile of Z_max under a constant rate
    /// (where Z_max depends only on n), from a deterministic Monte Carlo of 8000 null sequences at grid points
    /// n = 2…1024 spaced by √2, interpolated in ln n, as Watkins &amp; Yang did to avoid the slowly converging
    /// asymptotic law. Above 1024 intervals the asymptotic growth of Horváth (Ann. Stat. 21, 671 (1993)),
    /// √Z ≈ (x_α + b(n))/a(n) with a = √(2 ln ln n), b = 2 ln ln n + ½ ln ln ln n − ln Γ(½), x_α = −ln(−½ ln(1−α)),
    /// is added to the simulated value at 1024 (an approximation: the
    /// asymptotic law converges slowly, but only its growth, ≈ 1–2 units of Z per decade of n, is borrowed).
    /// </summary>
    public static double CriticalValue(int intervals, double alpha)
    {
        if (!(alpha > 0 && alpha < 1)) throw UserInputException.OutOfRange("ChangePoint:Alpha", alpha, "(probability)", "0 < α < 1");
        if (intervals < 2) return double.PositiveInfinity;
        if (intervals > MaxSimulatedIntervals)
            return Quantile(MaxSimulatedIntervals, alpha) + Asymptotic(intervals, alpha) - Asymptotic(MaxSimulatedIntervals, alpha);
        double position = 2 * Math.Log2(intervals);
        int lower = (int)Math.Floor(position);
        int nLo = GridIntervals(lower), nHi = GridIntervals(lower + 1);
        if (nLo >= intervals || nHi == nLo) return Quantile(nLo, alpha);
        double f = (Math.Log(intervals) - Math.Log(nLo)) / (Math.Log(nHi) - Math.Log(nLo));
        return (1 - f) * Quantile(nLo, alpha) + f * Quantile(nHi, alpha);
    }

    /// <summary>Grid point j: round(2^(j/2)), so consecutive points differ by √2.</summary>
    private static int GridIntervals(int j) => Math.Max(2, (int)Math.Round(Math.Pow(2, j / 2.0)));

    public const int MaxSimulatedIntervals = 1024;
    public const int NullSamples = 8000;
    private static readonly ConcurrentDictionary<(int, double), double> Cache = new();

    private static double Quantile(int intervals, double alpha) =>
        Cache.GetOrAdd((intervals, alpha), key => SimulateQuantile(key.Item1, key.Item2, NullSamples, seed: 0x5761746B696E73UL));

    /// <summary>(1−α) quantile of Z_max for <paramref name="intervals"/> exponential intervals, by simulation.</summary>
    public static double SimulateQuantile(int intervals, double alpha, int samples, ulong seed)
    {
        var maxima = new double[samples];
        Parallel.For(0, samples, () => new double[intervals + 1], (i, _, times) =>
        {
            var random = new CounterRandom(seed, (ulong)intervals << 32 | (uint)i);
            times[0] = 0;
            for (int j = 1; j <= intervals; j++) times[j] = times[j - 1] + random.Exponential((ulong)j) * 1e6;
            maxima[i] = MaxStatistic(times, 0, intervals).Z;
            return times;
        }, _ => { });
        Array.Sort(maxima);
        return maxima[Math.Min(samples - 1, (int)Math.Ceiling((1 - alpha) * samples) - 1)];
    }

    private static double Asymptotic(int n, double alpha)
    {
        double lnln = Math.Log(Math.Log(n));
        double a = Math.Sqrt(2 * lnln);
        double b = 2 * lnln + 0.5 * Math.Log(lnln) - MathNet.Numerics.SpecialFunctions.GammaLn(0.5);
        double x = -Math.Log(-0.5 * Math.Log(1 - alpha));
        double root = (x + b) / a;
        return root * root;
    }
}
