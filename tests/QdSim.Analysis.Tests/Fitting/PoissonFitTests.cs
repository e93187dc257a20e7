using QdSim.Analysis.Fitting;

namespace QdSim.Analysis.Tests.Fitting;

public sealed class PoissonFitTests
{
    private static readonly double[] Counts = [3, 0, 7, 4, 5, 2, 6, 1, 4, 8];

    [Fact]
    public void Constant_rate_fit_is_the_sample_mean_with_the_Cramer_Rao_error()
    {
        // Poisson ML of a common mean μ over n bins: μ̂ = mean of the counts exactly, σ = √(μ̂/n) from the Fisher information.
        var fit = PoissonFit.Fit(p => Enumerable.Repeat(p[0], Counts.Length).ToArray(), Counts, [1.0], [ParameterDomain.Positive]);
        double mean = Counts.Average();
        Assert.True(fit.Converged);
        Assert.Equal(mean, fit.Parameters[0], 6);
        Assert.Equal(Math.Sqrt(mean / Counts.Length), fit.StandardErrors[0], 4);
    }

    [Fact]
    public void A_start_with_negative_expected_counts_moves_into_the_valid_region()
    {
        // μ_i = a + b·i started at b = −2 (negative μ in most bins): −ln L there is +∞, so the first valid step is taken.
        var fit = PoissonFit.Fit(p => Enumerable.Range(0, Counts.Length).Select(i => p[0] + p[1] * i).ToArray(), Counts, [3.0, -2.0],
            [ParameterDomain.Free, ParameterDomain.Free]);
        Assert.True(fit.Converged);
        Assert.True(double.IsFinite(fit.ReducedChiSquare));
        // Σ(c_i − μ_i) = 0 at the optimum of a model with an intercept: the fitted line keeps the total counts.
        double total = Enumerable.Range(0, Counts.Length).Sum(i => fit.Parameters[0] + fit.Parameters[1] * i);
        Assert.Equal(Counts.Sum(), total, 4);
    }

    [Fact]
    public void A_model_without_valid_expected_counts_is_not_reported_as_converged()
    {
        var fit = PoissonFit.Fit(p => Enumerable.Repeat(-1 - p[0] * p[0], Counts.Length).ToArray(), Counts, [1.0], [ParameterDomain.Free], maxIterations: 20);
        Assert.False(fit.Converged);
    }
}
