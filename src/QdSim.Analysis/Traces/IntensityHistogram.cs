namespace QdSim.Analysis.Traces;

/// <summary>
/// Histogram of counts per bin with a Poisson fit (maximum likelihood: λ = mean) and, where the data are multimodal
/// (blinking between ON, grey and OFF), a Poisson mixture fitted by expectation–maximisation with the number of
/// components (1–<see cref="MaxComponents"/>) chosen by the Bayesian information criterion.
/// </summary>
public sealed record IntensityHistogram(
    double BinWidthS,
    long[] BinsWithCounts,
    double PoissonMeanCounts,
    double[] PoissonExpectedBins,
    double PoissonChiSquarePerDof,
    IReadOnlyList<PoissonComponent> Mixture)
{
    public const int MaxComponents = 3;

    public static IntensityHistogram Of(ReadOnlySpan<int> counts, double binWidthS)
    {
        int max = 0;
        foreach (int c in counts) max = Math.Max(max, c);
        var histogram = new long[max + 1];
        foreach (int c in counts) histogram[c]++;
        long bins = counts.Length;
        double mean = 0;
        for (int k = 0; k <= max; k++) mean += (double)k * histogram[k];
        mean /= Math.Max(1, bins);

        var expected = new double[max + 1];
        for (int k = 0; k <= max; k++) expected[k] = bins * Math.Exp(PoissonLogPmf(k, mean));
        // χ² over classes with ≥ 5 expected bins (the usual validity condition), one fitted parameter.
        double chi2 = 0;
        int classes = 0;
        for (int k = 0; k <= max; k++)
        {
            if (expected[k] < 5) continue;
            chi2 += (histogram[k] - expected[k]) * (histogram[k] - expected[k]) / expected[k];
            classes++;
        }
        double chi2PerDof = classes > 2 ? chi2 / (classes - 2) : double.NaN;
        return new IntensityHistogram(binWidthS, histogram, mean, expected, chi2PerDof, FitMixture(histogram, binWidthS));
    }

    internal static double PoissonLogPmf(int k, double mean) =>
        mean <= 0 ? (k == 0 ? 0 : double.NegativeInfinity) : k * Math.Log(mean) - mean - LogFactorial(k);

    private static double LogFactorial(int k) => MathNet.Numerics.SpecialFunctions.FactorialLn(k);

    /// <summary>EM for 1…3 Poisson components on the histogram; keeps the model with the largest BIC = 2 lnL − p ln N.</summary>
    private static IReadOnlyList<PoissonComponent> FitMixture(long[] histogram, double binWidthS)
    {
        long n = histogram.Sum();
        if (n == 0) return [];
        IReadOnlyList<PoissonComponent> best = [];
        double bestBic = double.NegativeInfinity;
        for (int g = 1; g <= MaxComponents; g++)
        {
            var (weights, means, logL) = Em(histogram, g);
            double bic = 2 * logL - (2 * g - 1) * Math.Log(n);
            if (bic > bestBic + 1e-9)
            {
                bestBic = bic;
                best = Enumerable.Range(0, g).OrderBy(i => means[i])
                    .Select(i => new PoissonComponent(weights[i], means[i], means[i] / binWidthS)).ToArray();
            }
        }
        return best;
    }

    private static (double[] Weights, double[] Means, double LogL) Em(long[] histogram, int g)
    {
        int max = histogram.Length - 1;
        long n = histogram.Sum();
        // Start at quantiles of the distribution so components begin spread over the observed range.
        var means = new double[g];
        var weights = new double[g];
        for (int j = 0; j < g; j++)
        {
            double target = (j + 0.5) / g * n;
            long seen = 0;
            int k = 0;
            for (; k <= max; k++) { seen += histogram[k]; if (seen >= target) break; }
            means[j] = Math.Max(0.5, k);
            weights[j] = 1.0 / g;
        }
        var resp = new double[g];
        double logL = double.NegativeInfinity;
        for (int iteration = 0; iteration < 500; iteration++)
        {
            var sumW = new double[g];
            var sumWk = new double[g];
            double newLogL = 0;
            for (int k = 0; k <= max; k++)
            {
                if (histogram[k] == 0) continue;
                double maxLog = double.NegativeInfinity;
                for (int j = 0; j < g; j++)
                {
                    resp[j] = Math.Log(weights[j]) + PoissonLogPmf(k, means[j]);
                    maxLog = Math.Max(maxLog, resp[j]);
                }
                double sum = 0;
                for (int j = 0; j < g; j++) { resp[j] = Math.Exp(resp[j] - maxLog); sum += resp[j]; }
                newLogL += histogram[k] * (maxLog + Math.Log(sum));
                for (int j = 0; j < g; j++)
                {
                    double r = histogram[k] * resp[j] / sum;
                    sumW[j] += r;
                    sumWk[j] += r * k;
                }
            }
            for (int j = 0; j < g; j++)
            {
                weights[j] = Math.Max(sumW[j] / n, 1e-12);
                means[j] = sumW[j] > 0 ? Math.Max(sumWk[j] / sumW[j], 1e-9) : means[j];
            }
            if (Math.Abs(newLogL - logL) < 1e-8 * Math.Max(1, Math.Abs(newLogL))) { logL = newLogL; break; }
            logL = newLogL;
        }
        return (weights, means, logL);
    }
}

/// <summary>One Poisson component of the intensity histogram: weight (fraction of bins), mean counts per bin and rate.</summary>
public sealed record PoissonComponent(double Weight, double MeanCounts, double RateCps);
