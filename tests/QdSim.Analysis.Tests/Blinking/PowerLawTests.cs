using QdSim.Analysis.Blinking;
using QdSim.Analysis.Fitting;
using QdSim.Analysis.Tests.Support;

namespace QdSim.Analysis.Tests.Blinking;

public class PowerLawTests
{
    private const double BinS = 0.010;

    [Theory]
    [InlineData(1.5, 31UL)]
    [InlineData(2.0, 32UL)]
    public void Continuous_truncated_power_law_exponent_is_recovered_within_its_uncertainty(double alpha, ulong seed)
    {
        var random = new TestRandom(seed);
        const double TMin = 0.01, TMax = 10;
        var dwells = Enumerable.Range(0, 2000).Select(_ => random.PowerLaw(alpha, TMin, TMax)).ToArray();
        var fit = TruncatedPowerLaw.Fit(dwells, binWidthS: null, new PowerLawFitOptions { TMaxS = TMax, BootstrapSamples = 200, Seed = 5 })!;

        Assert.True(Math.Abs(fit.Exponent - alpha) < 4 * fit.AnalyticSigma, $"α̂ = {fit.Exponent:F4} vs {alpha}, 4σ = {4 * fit.AnalyticSigma:F4}");
        // Untruncated analytic error (Clauset et al. eq. 3.2): (α − 1)/√n; truncation only changes it mildly.
        Assert.InRange(fit.AnalyticSigma, 0.5 * (alpha - 1) / Math.Sqrt(2000), 2 * (alpha - 1) / Math.Sqrt(2000));
        // The bootstrap estimates the same σ; its own relative error is ≈ 1/√(2B) = 5% for B = 200, so 4σ = 20%.
        Assert.InRange(fit.BootstrapSigma!.Value, 0.8 * fit.AnalyticSigma, 1.2 * fit.AnalyticSigma);
        // Deterministic: the same seed gives the same bootstrap.
        var again = TruncatedPowerLaw.Fit(dwells, null, new PowerLawFitOptions { TMaxS = TMax, BootstrapSamples = 200, Seed = 5 })!;
        Assert.Equal(fit.BootstrapSigma, again.BootstrapSigma);
    }

    /// <summary>Dwells in whole bins as a trace measures them: k = round(t/Δ) for t from the law on [(k_min−½)Δ, (k_max+½)Δ).</summary>
    private static double[] BinnedDwells(TestRandom random, double alpha, int count, int kMax) =>
        Enumerable.Range(0, count).Select(_ => Math.Round(random.PowerLaw(alpha, 0.5 * BinS, (kMax + 0.5) * BinS) / BinS) * BinS).ToArray();

    [Theory]
    [InlineData(1.5, 41UL)]
    [InlineData(2.0, 42UL)]
    public void Binned_dwells_from_one_bin_up_give_the_exponent_without_discretisation_bias(double alpha, ulong seed)
    {
        var dwells = BinnedDwells(new TestRandom(seed), alpha, 3000, kMax: 1000);
        var fit = TruncatedPowerLaw.Fit(dwells, BinS, new PowerLawFitOptions { TMaxS = 1000 * BinS, BootstrapSamples = 100, Seed = 7 })!;
        Assert.True(fit.Binned);
        Assert.Equal(BinS, fit.TMinS, 12);
        Assert.True(Math.Abs(fit.Exponent - alpha) < 4 * fit.AnalyticSigma, $"α̂ = {fit.Exponent:F4} vs {alpha}, 4σ = {4 * fit.AnalyticSigma:F4}");

        // Contrast: the naive continuous fit of the same multiples of Δ with t_min = Δ is biased far beyond its σ at
        // these exponents (that is why the binned likelihood is used).
        var naive = TruncatedPowerLaw.Fit(dwells, null, new PowerLawFitOptions { TMaxS = 1000 * BinS, BootstrapSamples = 0 })!;
        Assert.True(Math.Abs(naive.Exponent - alpha) > 4 * naive.AnalyticSigma, $"naive α̂ = {naive.Exponent:F4} unexpectedly unbiased");
    }

    [Fact]
    public void Ks_minimisation_finds_the_start_of_the_power_law_above_an_exponential_head()
    {
        // Below 0.1 s the dwells are uniform (not a power law), above it α = 1.7: t_min should land near 0.1 s.
        var random = new TestRandom(51);
        var dwells = Enumerable.Range(0, 1500).Select(_ => random.PowerLaw(1.7, 0.1, 20))
            .Concat(Enumerable.Range(0, 1500).Select(_ => 0.01 + 0.09 * random.Uniform())).ToArray();
        var fit = TruncatedPowerLaw.Fit(dwells, null, new PowerLawFitOptions
        {
            TMinRule = PowerLawTMinRule.KsMinimisation, TMaxS = 20, BootstrapSamples = 0,
        })!;
        Assert.InRange(fit.TMinS, 0.08, 0.13);
        Assert.True(Math.Abs(fit.Exponent - 1.7) < 4 * fit.AnalyticSigma, $"α̂ = {fit.Exponent:F4} vs 1.7 ± 4·{fit.AnalyticSigma:F4}");
    }

    [Fact]
    public void Kuno_log_log_density_of_a_power_law_has_slope_minus_alpha()
    {
        const double Alpha = 1.5;
        var dwells = BinnedDwells(new TestRandom(61), Alpha, 20_000, kMax: 2000);
        var points = LogLogDensity.Of(dwells);
        // Normalisation: where every bin length is occupied Δt_avg = Δ and Σ P·Δ over those points ≤ 1.
        Assert.True(points.Where(p => p.DwellS < 10 * BinS).Sum(p => p.DensityPerS * BinS) <= 1 + 1e-12);

        // From k = 5 on: the density of the binned law differs from p(kΔ) by a factor 1 + α(α+1)/(24k²) (< 0.7% at
        // k ≥ 5), which would otherwise bend the small-k end. Weighted fit with Poisson weights N(t), errors scaled by
        // the reduced χ² (the Kuno spacing adds scatter in the sparse tail).
        var used = points.Where(p => p.DwellS >= 5 * BinS).ToArray();
        var x = used.Select(p => Math.Log(p.DwellS)).ToArray();
        var y = used.Select(p => Math.Log(p.DensityPerS)).ToArray();
        var w = used.Select(p => (double)p.Count).ToArray();
        var line = WeightedLine.Fit(x, y, w);
        double chi2 = used.Select((p, i) => w[i] * Math.Pow(y[i] - line.Intercept - line.Slope * x[i], 2)).Sum();
        double sigma = line.SlopeSigma * Math.Sqrt(Math.Max(1, chi2 / (used.Length - 2)));
        Assert.True(Math.Abs(line.Slope + Alpha) < 4 * sigma, $"slope {line.Slope:F4} vs −{Alpha}, 4σ = {4 * sigma:F4}");
    }
}
