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
/// <param name="BlockStandardError">Standard error of Q for the trace as it is (batch means): the spread of Q over
/// <see cref="Blocks"/> equal consecutive blocks / √Blocks. Unlike <paramref name="StandardError"/> it includes the
/// intensity fluctuations (blinking) that make Q large; it is still low when single dwells last a good part of a block.
/// NaN with fewer than <see cref="Blocks"/> × <see cref="MinBinsPerBlock"/> bins.</param>
public sealed record MandelQ(double Q, double StandardError, double MeanCounts, int Bins, double BlockStandardError = double.NaN)
{
    /// <summary>Blocks of the batch-means error.</summary>
    public const int Blocks = 10;

    /// <summary>Fewest bins per block for <see cref="BlockStandardError"/>.</summary>
    public const int MinBinsPerBlock = 10;

    public static MandelQ Of(ReadOnlySpan<int> counts)
    {
        double q = QOf(counts, out double mean);
        return new MandelQ(q, Math.Sqrt(2.0 / Math.Max(1, counts.Length)), mean, counts.Length, BlockError(counts));
    }

    private static double QOf(ReadOnlySpan<int> counts, out double mean)
    {
        (mean, double variance) = Statistics.MeanVariance<int>(counts);
        return mean > 0 ? variance / mean - 1 : double.NaN;
    }

    private static double BlockError(ReadOnlySpan<int> counts)
    {
        int perBlock = counts.Length / Blocks;
        if (perBlock < MinBinsPerBlock) return double.NaN;
        Span<double> q = stackalloc double[Blocks];
        for (int b = 0; b < Blocks; b++)
        {
            q[b] = QOf(counts.Slice(b * perBlock, perBlock), out _);
            if (double.IsNaN(q[b])) return double.NaN; // a dark block has no Q
        }
        var (_, variance) = Statistics.MeanVariance<double>(q);
        return Math.Sqrt(variance / Blocks);
    }
}
