namespace QdSim.Plotting.Figures;

/// <summary>Poisson probabilities for the reference curves drawn over measured histograms.</summary>
internal static class PoissonDistribution
{
    /// <summary>P(k; mean) = mean^k e^(−mean) / k!, evaluated in log space so large k and means do not overflow.</summary>
    public static double Probability(int k, double mean)
    {
        if (k < 0 || mean < 0) return 0;
        if (mean == 0) return k == 0 ? 1 : 0;
        return Math.Exp(k * Math.Log(mean) - mean - LogFactorial(k));
    }

    /// <summary>ln k! summed exactly below 256, Stirling series (error &lt; 1e-10) above.</summary>
    public static double LogFactorial(int k)
    {
        if (k < 256)
        {
            double sum = 0;
            for (int i = 2; i <= k; i++) sum += Math.Log(i);
            return sum;
        }
        double n = k;
        return n * Math.Log(n) - n + 0.5 * Math.Log(2 * Math.PI * n) + 1 / (12 * n) - 1 / (360 * n * n * n);
    }
}
