using QdSim.Analysis.Fitting;

namespace QdSim.Analysis.Traces;

/// <summary>
/// Mandel's Q = Var(n)/⟨n⟩ − 1 of the counts per bin (Mandel, Opt. Lett. 4, 205 (1979)): 0 for a Poisson
/// (coherent, non-blinking) source, &gt; 0 for intensity fluctuations such as blinking. It depends on bin width and
/// count rate: Q = ⟨n⟩·Var(I)/⟨I⟩² for a fluctuating intensity I.
/// </summary>
/// <param name="Q">Mandel Q.</param>
/// <param name="StandardError">Standard error under the Poisson null, √(2/N_bins): to leading order the sample
/// variance-to-mean ratio of N Poisson counts has variance 2/N (Var s² = (μ + 2μ²)/N, Cov(s², x̄) = μ/N).</param>
/// <param name="MeanCounts">Mean counts per bin.</param>
/// <param name="Bins">Number of bins used.</param>
public sealed record MandelQ(double Q, double StandardError, double MeanCounts, int Bins)
{
    public static MandelQ Of(ReadOnlySpan<int> counts)
    {
        var (mean, variance) = Statistics.MeanVariance<int>(counts);
        double q = mean > 0 ? variance / mean - 1 : double.NaN;
        return new MandelQ(q, Math.Sqrt(2.0 / Math.Max(1, counts.Length)), mean, counts.Length);
    }
}
