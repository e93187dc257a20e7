using QdSim.Analysis.Fitting;

namespace QdSim.Analysis.Blinking;

/// <summary>How the lower bound t_min of the power-law fit is chosen.</summary>
public enum PowerLawTMinRule
{
    /// <summary>t_min = the shortest resolvable dwell (one bin of the trace, or the smallest value for continuous data).</summary>
    Resolution,
    /// <summary>t_min minimising the Kolmogorov–Smirnov distance between data and fit (Clauset, Shalizi &amp; Newman 2009, §3.3).</summary>
    KsMinimisation,
}

/// <summary>Validated parameters of the power-law fit.</summary>
public sealed record PowerLawFitOptions
{
    public PowerLawTMinRule TMinRule { get; init; } = PowerLawTMinRule.Resolution;

    /// <summary>Upper truncation, seconds; null: the longest dwell.</summary>
    public double? TMaxS { get; init; }

    /// <summary>Bootstrap replicates for the uncertainty (0: analytic error only).</summary>
    public int BootstrapSamples { get; init; } = 200;

    /// <summary>Seed of the deterministic resampling.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Smallest number of dwells at or above t_min for a fit (fewer: no exponent reported).</summary>
    public int MinDwells { get; init; } = 10;

    public void Validate()
    {
        if (BootstrapSamples is < 0 or > 100_000) throw UserInputException.OutOfRange("Blinking:BootstrapSamples", BootstrapSamples, "replicates", "0–100000");
        if (TMaxS is { } t && !(t > 0)) throw UserInputException.OutOfRange("Blinking:TMaxS", t, "s", "> 0");
        if (MinDwells < 2) throw UserInputException.OutOfRange("Blinking:MinDwells", MinDwells, "dwells", "≥ 2");
    }
}

/// <summary>
/// Maximum-likelihood exponent α of a power law p(t) ∝ t^(−α) truncated to [t_min, t_max] (Clauset, Shalizi &amp;
/// Newman, SIAM Rev. 51, 661 (2009), with the upper truncation that finite measurements impose). Continuous data use
/// p(t) = (α−1) t^(−α)/(t_min^(1−α) − t_max^(1−α)). Dwell times measured in bins of width Δ are multiples kΔ of it;
/// they are fitted as binned data (Virkar &amp; Clauset, Ann. Appl. Stat. 8, 89 (2014)): P(k) is the probability of
/// the interval [(k−½)Δ, (k+½)Δ) under the continuous law truncated to [(k_min−½)Δ, (k_max+½)Δ), which avoids the
/// bias of treating kΔ as exact when k is small. Uncertainty: observed information (analytic) and a seeded,
/// deterministic bootstrap.
/// </summary>
public static class TruncatedPowerLaw
{
    private const double AlphaLo = 0.05, AlphaHi = 8.0;
    private const int MaxKsCandidates = 200;

    /// <param name="dwellsS">Dwell times, seconds.</param>
    /// <param name="binWidthS">Bin width when the dwells are whole numbers of bins; null for continuous data.</param>
    /// <param name="options">t_min rule, t_max, bootstrap.</param>
    public static PowerLawFit? Fit(IReadOnlyList<double> dwellsS, double? binWidthS, PowerLawFitOptions options)
    {
        options.Validate();
        var sorted = dwellsS.Where(t => t > 0).Order().ToArray();
        if (sorted.Length < options.MinDwells) return null;
        double tMax = options.TMaxS ?? sorted[^1];

        double tMin = sorted[0];
        double ks;
        if (options.TMinRule == PowerLawTMinRule.KsMinimisation)
        {
            double bestKs = double.PositiveInfinity, bestTMin = tMin;
            // Candidates: the distinct values, thinned to at most MaxKsCandidates spread evenly over them (a full
            // scan is O(n²) fits; the KS curve is smooth on that scale).
            var distinct = sorted.Distinct().ToArray();
            int stride = Math.Max(1, distinct.Length / MaxKsCandidates);
            foreach (double candidate in distinct.Where((_, i) => i % stride == 0))
            {
                var tail = sorted.Where(t => t >= candidate && t <= tMax).ToArray();
                if (tail.Length < options.MinDwells) break;
                double a = MaximumLikelihood(tail, candidate, tMax, binWidthS);
                double d = KsDistance(tail, a, candidate, tMax, binWidthS);
                if (d < bestKs) { bestKs = d; bestTMin = candidate; }
            }
            tMin = bestTMin;
        }
        var data = sorted.Where(t => t >= tMin && t <= tMax).ToArray();
        // A single distinct value (e.g. every dwell one bin long) carries no information on the exponent.
        if (data.Length < options.MinDwells || data[0] == data[^1] || !(tMax > tMin)) return null;
        var sample = WeightedSample.Of(data);
        double alpha = MaximumLikelihood(sample, tMin, tMax, binWidthS);
        ks = KsDistance(data, alpha, tMin, tMax, binWidthS);
        double analytic = ScalarMaximizer.StandardError(a => LogLikelihood(sample, a, tMin, tMax, binWidthS), alpha);

        double? bootstrap = null;
        if (options.BootstrapSamples > 1)
        {
            // Resampling with replacement only changes the multiplicity of each distinct value: refit on weights.
            var random = new CounterRandom(options.Seed, 0x506F7765724C6177UL);
            var estimates = new double[options.BootstrapSamples];
            for (int b = 0; b < options.BootstrapSamples; b++)
            {
                var weights = new double[sample.Values.Length];
                for (int i = 0; i < data.Length; i++)
                    weights[sample.GroupOf[random.NextIndex((ulong)b * (ulong)data.Length + (ulong)i, data.Length)]]++;
                estimates[b] = MaximumLikelihood(sample with { Weights = weights }, tMin, tMax, binWidthS);
            }
            bootstrap = Math.Sqrt(Statistics.MeanVariance<double>(estimates).Variance);
        }
        return new PowerLawFit(alpha, analytic, bootstrap, tMin, tMax, data.Length, ks, binWidthS is not null);
    }

    /// <summary>Log-likelihood of α for dwells in [t_min, t_max] (continuous, or binned when a bin width is given).</summary>
    public static double LogLikelihood(IReadOnlyList<double> data, double alpha, double tMinS, double tMaxS, double? binWidthS) =>
        LogLikelihood(WeightedSample.Of(data.Order().ToArray()), alpha, tMinS, tMaxS, binWidthS);

    private static double LogLikelihood(WeightedSample sample, double alpha, double tMinS, double tMaxS, double? binWidthS)
    {
        double total = 0;
        foreach (double w in sample.Weights) total += w;
        if (binWidthS is { } width)
        {
            double logNorm = Math.Log(Integral(alpha, tMinS - 0.5 * width, tMaxS + 0.5 * width));
            double sum = 0;
            for (int i = 0; i < sample.Values.Length; i++)
            {
                if (sample.Weights[i] == 0) continue;
                double t = sample.Values[i];
                sum += sample.Weights[i] * Math.Log(Integral(alpha, t - 0.5 * width, t + 0.5 * width));
            }
            return sum - total * logNorm;
        }
        double logSum = 0;
        for (int i = 0; i < sample.Values.Length; i++) logSum += sample.Weights[i] * Math.Log(sample.Values[i]);
        return -alpha * logSum - total * Math.Log(Integral(alpha, tMinS, tMaxS));
    }

    private static double MaximumLikelihood(IReadOnlyList<double> data, double tMin, double tMax, double? binWidthS) =>
        MaximumLikelihood(WeightedSample.Of(data.Order().ToArray()), tMin, tMax, binWidthS);

    private static double MaximumLikelihood(WeightedSample sample, double tMin, double tMax, double? binWidthS)
    {
        if (binWidthS is not null)
            return ScalarMaximizer.Maximize(a => LogLikelihood(sample, a, tMin, tMax, binWidthS), AlphaLo, AlphaHi, 1e-6);
        // Continuous: Σ ln t and n are sufficient statistics, computed once.
        double logSum = 0, total = 0;
        for (int i = 0; i < sample.Values.Length; i++) { logSum += sample.Weights[i] * Math.Log(sample.Values[i]); total += sample.Weights[i]; }
        return ScalarMaximizer.Maximize(a => -a * logSum - total * Math.Log(Integral(a, tMin, tMax)), AlphaLo, AlphaHi, 1e-6);
    }

    /// <summary>Distinct sorted values with multiplicities, and for each original element the index of its value.</summary>
    private sealed record WeightedSample(double[] Values, double[] Weights, int[] GroupOf)
    {
        public static WeightedSample Of(double[] sorted)
        {
            var values = new List<double>();
            var weights = new List<double>();
            var groupOf = new int[sorted.Length];
            for (int i = 0; i < sorted.Length; i++)
            {
                if (values.Count == 0 || sorted[i] != values[^1]) { values.Add(sorted[i]); weights.Add(0); }
                weights[^1]++;
                groupOf[i] = values.Count - 1;
            }
            return new WeightedSample(values.ToArray(), weights.ToArray(), groupOf);
        }
    }

    /// <summary>Model CDF at t for continuous data (t_min ≤ t ≤ t_max).</summary>
    public static double Cdf(double t, double alpha, double tMinS, double tMaxS) =>
        Integral(alpha, tMinS, t) / Integral(alpha, tMinS, tMaxS);

    /// <summary>∫_a^b t^(−α) dt, with the α = 1 limit handled.</summary>
    private static double Integral(double alpha, double a, double b)
    {
        double e = 1 - alpha;
        if (Math.Abs(e) < 1e-9) return Math.Log(b / a);
        return (Math.Pow(b, e) - Math.Pow(a, e)) / e;
    }

    private static double KsDistance(double[] sortedData, double alpha, double tMin, double tMax, double? binWidthS)
    {
        double lo = binWidthS is { } w ? tMin - 0.5 * w : tMin;
        double hi = binWidthS is { } w2 ? tMax + 0.5 * w2 : tMax;
        double max = 0;
        int n = sortedData.Length;
        for (int i = 0; i < n; i++)
        {
            // For binned data compare at the upper edge of each value's bin, after all ties.
            if (binWidthS is { } w3)
            {
                if (i + 1 < n && sortedData[i + 1] == sortedData[i]) continue;
                double model = Cdf(sortedData[i] + 0.5 * w3, alpha, lo, hi);
                max = Math.Max(max, Math.Abs((i + 1.0) / n - model));
            }
            else
            {
                double model = Cdf(sortedData[i], alpha, lo, hi);
                max = Math.Max(max, Math.Max(Math.Abs((i + 1.0) / n - model), Math.Abs((double)i / n - model)));
            }
        }
        return max;
    }
}

/// <summary>Fitted truncated power law.</summary>
/// <param name="Exponent">α of p(t) ∝ t^(−α).</param>
/// <param name="AnalyticSigma">1/√(observed information).</param>
/// <param name="BootstrapSigma">Standard deviation of the bootstrap replicates; null when not run.</param>
/// <param name="TMinS">Lower bound used, seconds.</param>
/// <param name="TMaxS">Upper bound used, seconds.</param>
/// <param name="Dwells">Number of dwells in [t_min, t_max].</param>
/// <param name="KsDistance">Kolmogorov–Smirnov distance between the data and the fit.</param>
/// <param name="Binned">True when fitted as dwells in whole bins.</param>
public sealed record PowerLawFit(double Exponent, double AnalyticSigma, double? BootstrapSigma, double TMinS, double TMaxS,
    int Dwells, double KsDistance, bool Binned);
