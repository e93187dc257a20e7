using QdSim.Plotting.Figures;

namespace QdSim.Plotting.Tests;

/// <summary>
/// Deterministic stand-in data for drawing tests. Values come from a Weyl sequence (frac(i·φ)), which is evenly
/// spread and needs no random generator; these tests check drawing, not statistics.
/// </summary>
internal static class SyntheticData
{
    private const double GoldenFraction = 0.6180339887498949;

    /// <summary>Evenly spread numbers in (0, 1).</summary>
    public static double Uniform(int i, double offset = 0.5) => (i * GoldenFraction + offset) % 1.0;

    /// <summary>Poisson quantile of <paramref name="u"/> for the given mean (inverse CDF by summation).</summary>
    public static int PoissonQuantile(double u, double mean)
    {
        if (mean > 200) return (int)Math.Max(0, Math.Round(mean + Math.Sqrt(mean) * NormalQuantile(u))); // normal limit: e^(−mean) underflows
        double p = Math.Exp(-mean), cumulative = p;
        int k = 0;
        while (cumulative < u && k < 10_000)
        {
            k++;
            p *= mean / k;
            cumulative += p;
        }
        return k;
    }

    /// <summary>Standard normal quantile from a rational approximation (Abramowitz &amp; Stegun 26.2.23, |error| &lt; 4.5e-4) is plenty for test data.</summary>
    private static double NormalQuantile(double u)
    {
        double p = u < 0.5 ? u : 1 - u;
        double t = Math.Sqrt(-2 * Math.Log(p));
        double z = t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t);
        return u < 0.5 ? -z : z;
    }

    /// <summary>A 120 s trace in 10 ms bins: ON at 45 counts/bin with OFF stretches at 4 counts/bin.</summary>
    public static BlinkingTraceData Blinking()
    {
        const double binWidthS = 0.01;
        var counts = new double[12_000];
        for (int i = 0; i < counts.Length; i++)
        {
            bool off = i % 2000 is > 1700 and < 1820 || i % 777 < 15;
            counts[i] = PoissonQuantile(Uniform(i), off ? 4 : 45);
        }
        double threshold = 0.5 * counts.Max();
        double onFraction = counts.Count(c => c > threshold) / (double)counts.Length;
        double mean = counts.Average(), variance = counts.Select(c => (c - mean) * (c - mean)).Average();
        return new BlinkingTraceData(binWidthS, counts, threshold, onFraction, variance / mean - 1, 45, counts.Count(c => c > threshold), 30, 20);
    }

    /// <summary>Pulsed coincidence histogram: side peaks of 400 counts every 12.5 ns, a zero-delay peak of 6.</summary>
    public static PulsedG2Data PulsedG2()
    {
        const double periodS = 12.5e-9, peakWidthS = 1.0e-9;
        double[] delay = Enumerable.Range(0, 1201).Select(i => (i - 600) * 0.05e-9).ToArray();
        double[] counts = delay.Select(t =>
        {
            int k = (int)Math.Round(t / periodS);
            double height = k == 0 ? 6 : 400;
            double offset = t - k * periodS;
            return height * Math.Exp(-Math.Abs(offset) / peakWidthS);
        }).ToArray();
        return new PulsedG2Data(delay, counts, periodS, 3e-9, 0.015, 0.002);
    }

    /// <summary>Exponential decay of 6 ns on 2 counts background, a 0.3 ns Gaussian IRF and the fit.</summary>
    public static DecayData Decay()
    {
        double[] delay = Enumerable.Range(0, 500).Select(i => i * 0.1e-9).ToArray();
        double[] fit = delay.Select(t => t < 2e-9 ? 2 : 2 + 5000 * Math.Exp(-(t - 2e-9) / 6e-9)).ToArray();
        double[] counts = fit.Select((f, i) => (double)PoissonQuantile(Uniform(i), f)).ToArray();
        double[] irf = delay.Select(t => 1000 * Math.Exp(-0.5 * Math.Pow((t - 2e-9) / 0.3e-9, 2))).ToArray();
        return new DecayData(delay, counts, irf, fit, 6e-9, 0.05e-9);
    }

    /// <summary>FLID cells: a ridge from (2 ns, 5 kcps) to (6 ns, 45 kcps) with counts spanning three decades.</summary>
    public static FlidData Flid()
    {
        double[] lifetimeEdges = Enumerable.Range(0, 41).Select(i => i * 0.25e-9).ToArray();
        double[] intensityEdges = Enumerable.Range(0, 31).Select(i => i * 2000.0).ToArray();
        var cells = new double[40, 30];
        for (int i = 0; i < 40; i++)
            for (int j = 0; j < 30; j++)
            {
                double tauNs = (i + 0.5) * 0.25, kcps = (j + 0.5) * 2;
                double ridge = kcps - (5 + (tauNs - 2) * 10);
                cells[i, j] = Math.Floor(2000 * Math.Exp(-ridge * ridge / 20 - Math.Pow(tauNs - 6, 2) / 2));
            }
        return new FlidData(lifetimeEdges, intensityEdges, cells);
    }
}
