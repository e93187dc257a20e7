using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Tests.Correlation;

namespace QdSim.Analysis.Tests.Lifetimes;

public class DecayFitTests
{
    /// <summary>Histogram of N photons: delay = IRF centre + Gaussian + exponential component, folded into the period (pile-up), plus uniform background.</summary>
    private static DecayHistogram Synthetic(TestRng rng, int photons, double periodS, double binS, double irfCentreS, double irfSigmaS,
        (double Fraction, double LifetimeS)[] components, int backgroundPhotons)
    {
        int n = (int)Math.Round(periodS / binS);
        var counts = new long[n];
        for (int p = 0; p < photons; p++)
        {
            double u = rng.NextDouble(), tau = components[^1].LifetimeS;
            foreach (var (fraction, lifetime) in components) { if (u < fraction) { tau = lifetime; break; } u -= fraction; }
            double delay = irfCentreS + irfSigmaS * rng.Gaussian() + rng.Exponential(tau);
            delay -= Math.Floor(delay / periodS) * periodS; // photons from earlier pulses land in this period
            counts[Math.Min(n - 1, (int)(delay / binS))]++;
        }
        for (int b = 0; b < backgroundPhotons; b++) counts[(int)(rng.NextDouble() * n)]++;
        return new DecayHistogram { BinWidthS = binS, LaserPeriodS = periodS, Counts = counts };
    }

    [Fact]
    public void MonoExponential_GaussianIrf_PileUp_RecoveredWithinFisherError()
    {
        // τ = 4 ns at 80 MHz (12.5 ns): e^(−P/τ) = 4% of each decay spills into the next period, the model must include it.
        const double tauS = 4e-9, fwhmS = 300e-12;
        var rng = new TestRng(4);
        var histogram = Synthetic(rng, 200_000, 12.5e-9, 50e-12, 1.5e-9, fwhmS / 2.3548, [(1.0, tauS)], backgroundPhotons: 4000);
        var fit = DecayFit.Fit(histogram, new DecayFitOptions { Irf = new GaussianIrf(fwhmS) });

        double pull = Math.Abs(fit.LifetimesS[0] - tauS) / fit.LifetimeErrorsS[0];
        Assert.True(fit.Converged, "fit did not converge");
        Assert.True(pull < 4, $"τ = {fit.LifetimesS[0] * 1e9:F4} ± {fit.LifetimeErrorsS[0] * 1e9:F4} ns vs true 4 ns: pull {pull:F2} (limit 4 Fisher sigma)");
        // The Fisher error of an exponential's mean from N photons is ≈ τ/√N; a much larger σ would make the pull test vacuous.
        // With the decay spread over only ~3τ and background, σ is a few τ/√N; it must stay below 1% of τ so that the
        // 4σ pull limit would catch a few-percent bias (else the test is vacuous).
        Assert.True(fit.LifetimeErrorsS[0] < 0.01 * tauS, $"σ_τ = {fit.LifetimeErrorsS[0]:E3} s exceeds 1% of τ");
        Assert.True(Math.Abs(fit.BackgroundFraction - 4000.0 / 204_000) < 4 * fit.BackgroundPerBinError * histogram.Counts.Length / 204_000.0,
            $"background fraction {fit.BackgroundFraction:F4} vs true {4000.0 / 204_000:F4}");
        Assert.True(fit.ReducedChiSquare < 1 + 4 * Math.Sqrt(2.0 / histogram.Counts.Length), $"reduced χ² = {fit.ReducedChiSquare:F3}: model does not describe the data (limit 1 + 4√(2/bins))");
    }

    [Fact]
    public void BiExponential_MeasuredIrf_RecoveredWithinFisherErrors()
    {
        const double tau1S = 0.6e-9, tau2S = 6e-9, fraction1 = 0.4, periodS = 50e-9, binS = 100e-12, sigmaS = 0.15e-9, centreS = 2e-9;
        var rng = new TestRng(5);
        var histogram = Synthetic(rng, 400_000, periodS, binS, centreS, sigmaS, [(fraction1, tau1S), (1 - fraction1, tau2S)], backgroundPhotons: 5000);
        // The IRF measured with 10⁵ scattered-light photons on the same bins.
        var irfCounts = new double[histogram.Counts.Length];
        for (int p = 0; p < 100_000; p++) irfCounts[(int)((centreS + sigmaS * rng.Gaussian()) / binS)]++;
        var fit = DecayFit.Fit(histogram, new DecayFitOptions { Irf = new MeasuredIrf(irfCounts), Components = 2 });

        Assert.True(fit.Converged, $"fit did not converge: τ = {fit.LifetimesS[0]:E3}, {fit.LifetimesS[1]:E3} s, f1 = {fit.PhotonFractions[0]:F3}, χ²r = {fit.ReducedChiSquare:F2}");
        foreach (var (name, value, error, truth) in new[]
                 {
                     ("τ1", fit.LifetimesS[0], fit.LifetimeErrorsS[0], tau1S), ("τ2", fit.LifetimesS[1], fit.LifetimeErrorsS[1], tau2S),
                     ("f1", fit.PhotonFractions[0], fit.PhotonFractionErrors[0], fraction1),
                     ("τ_int", fit.IntensityWeightedLifetimeS, fit.IntensityWeightedLifetimeErrorS, fraction1 * tau1S + (1 - fraction1) * tau2S),
                 })
        {
            double pull = Math.Abs(value - truth) / error;
            Assert.True(pull < 4, $"{name} = {value:E4} ± {error:E3} vs true {truth:E4}: pull {pull:F2} (limit 4 Fisher sigma); fit τ = {fit.LifetimesS[0]:E3}, {fit.LifetimesS[1]:E3} s, f1 = {fit.PhotonFractions[0]:F3}, offset {fit.IrfOffsetS:E3} s, χ²r = {fit.ReducedChiSquare:F2}");
            Assert.True(error < 0.1 * truth, $"{name}: σ = {error:E3} is over 10% of the value; the recovery test would be vacuous");
        }
    }

    /// <summary>
    /// The single-seed case above over 20 noise realisations: one seed passing says little. The model that read the IRF
    /// histogram as points / a piecewise-constant density biased τ1 by −1.7 % (mean pull −2.7 over 100 seeds, the same with
    /// a noise-free IRF); it passed seed 5 but fails this test (mean τ1 pull −2.50 with the 10⁵-photon IRF). With an IRF of
    /// 10³ photons its counting noise dominates σ(τ1): left out of the errors, the SD of the τ1 pulls is 2.8 on these seeds
    /// (1.9 over 100 others); with it 1.40, near the band's top by chance (1.02 over 400 other seeds).
    /// </summary>
    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000)]
    public void BiExponential_MeasuredIrf_PullsAreUnbiasedAndUnitWide(int irfPhotons)
    {
        const double tau1S = 0.6e-9, tau2S = 6e-9, fraction1 = 0.4, periodS = 50e-9, binS = 100e-12, sigmaS = 0.15e-9, centreS = 2e-9;
        const int seeds = 20;
        string[] names = ["τ1", "τ2", "f1", "τ_int"];
        double[] truths = [tau1S, tau2S, fraction1, fraction1 * tau1S + (1 - fraction1) * tau2S];
        var pulls = names.Select(_ => new double[seeds]).ToArray();
        for (int s = 0; s < seeds; s++)
        {
            var rng = new TestRng(100 + (ulong)s);
            var histogram = Synthetic(rng, 400_000, periodS, binS, centreS, sigmaS, [(fraction1, tau1S), (1 - fraction1, tau2S)], backgroundPhotons: 5000);
            var irfCounts = new double[histogram.Counts.Length];
            for (int p = 0; p < irfPhotons; p++) irfCounts[(int)((centreS + sigmaS * rng.Gaussian()) / binS)]++;
            var fit = DecayFit.Fit(histogram, new DecayFitOptions { Irf = new MeasuredIrf(irfCounts), Components = 2 });
            Assert.True(fit.Converged, $"seed {100 + s}: fit did not converge");
            double[] values = [fit.LifetimesS[0], fit.LifetimesS[1], fit.PhotonFractions[0], fit.IntensityWeightedLifetimeS];
            double[] errors = [fit.LifetimeErrorsS[0], fit.LifetimeErrorsS[1], fit.PhotonFractionErrors[0], fit.IntensityWeightedLifetimeErrorS];
            for (int k = 0; k < names.Length; k++) pulls[k][s] = (values[k] - truths[k]) / errors[k];
        }
        // Unbiased estimates with correct errors give pulls ~ N(0, 1). Their mean then has standard error 1/√n: allowed 3/√n.
        // Their sample variance s² has (n − 1)s² ~ χ²(n − 1): allowed SD the central 99.73 % (±3σ-equivalent) of that law,
        // √(χ²_{0.00135}/(n − 1)) … √(χ²_{0.99865}/(n − 1)) = 0.54 … 1.50 for n = 20. An SD above it means the errors are too
        // small (e.g. noise left out), below it too large.
        double meanLimit = 3 / Math.Sqrt(seeds);
        double sdLow = Math.Sqrt(MathNet.Numerics.Distributions.ChiSquared.InvCDF(seeds - 1, 0.00135) / (seeds - 1));
        double sdHigh = Math.Sqrt(MathNet.Numerics.Distributions.ChiSquared.InvCDF(seeds - 1, 0.99865) / (seeds - 1));
        for (int k = 0; k < names.Length; k++)
        {
            double mean = pulls[k].Average(), sd = Math.Sqrt(pulls[k].Sum(x => (x - mean) * (x - mean)) / (seeds - 1));
            string summary = $"IRF of {irfPhotons} photons, {names[k]}: pulls over {seeds} seeds mean {mean:F2} (limit ±{meanLimit:F2}), SD {sd:F2} (band {sdLow:F2}–{sdHigh:F2})";
            Assert.True(Math.Abs(mean) < meanLimit, summary);
            Assert.True(sd > sdLow && sd < sdHigh, summary);
        }
    }
}
