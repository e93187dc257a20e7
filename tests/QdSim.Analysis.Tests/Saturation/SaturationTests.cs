using QdSim.Analysis.Saturation;
using QdSim.Analysis.Tests.Support;

namespace QdSim.Analysis.Tests.Saturation;

public class SaturationTests
{
    private const double SaturatedCps = 120_000, CrossSectionCm2 = 7.16e-15; // σ(4.3 nm) at 405 nm, PHYSICS.md §6

    private static SaturationPoint[] Series(ulong seed)
    {
        var random = new TestRandom(seed);
        // Photon fluences giving ⟨N⟩ = 0.05 … 4; 1% Gaussian noise on each rate (≈ 10⁴ counts per point).
        return [.. new[] { 0.05, 0.1, 0.2, 0.4, 0.7, 1.0, 1.5, 2.0, 3.0, 4.0 }.Select(n =>
        {
            double fluence = n / CrossSectionCm2, rate = SaturatedCps * (1 - Math.Exp(-n)), sigma = 0.01 * rate;
            return new SaturationPoint(fluence, rate + sigma * random.Gaussian(), sigma);
        })];
    }

    [Fact]
    public void Fit_with_cross_section_recovers_saturated_rate_and_mean_excitons()
    {
        var points = Series(101);
        var fit = SaturationFit.FitCrossSection(points);
        Assert.True(Math.Abs(fit.SaturatedRateCps - SaturatedCps) < 4 * fit.SaturatedRateSigmaCps,
            $"A = {fit.SaturatedRateCps:F0} vs {SaturatedCps} ± 4·{fit.SaturatedRateSigmaCps:F0}");
        Assert.True(Math.Abs(fit.CrossSectionCm2!.Value - CrossSectionCm2) < 4 * fit.CrossSectionSigmaCm2!.Value,
            $"σ = {fit.CrossSectionCm2:E4} vs {CrossSectionCm2:E4} ± 4·{fit.CrossSectionSigmaCm2:E3} cm²");
        // ⟨N⟩ at the ⟨N⟩ = 1 point follows with the relative error of σ.
        double meanExcitons = fit.MeanExcitons(1 / CrossSectionCm2);
        Assert.True(Math.Abs(meanExcitons - 1) < 4 * fit.CrossSectionSigmaCm2!.Value / CrossSectionCm2, $"⟨N⟩ = {meanExcitons:F4} vs 1");
        // χ² of a correct model with honest errors: mean dof, σ = √(2 dof).
        Assert.True(Math.Abs(fit.ChiSquare - fit.DegreesOfFreedom) < 4 * Math.Sqrt(2.0 * fit.DegreesOfFreedom), $"χ² = {fit.ChiSquare:F2}, dof {fit.DegreesOfFreedom}");
    }

    [Fact]
    public void Fit_with_known_mean_excitons_recovers_the_saturated_rate()
    {
        var points = Series(102).Select(p => p with { Excitation = p.Excitation * CrossSectionCm2 }).ToArray();
        var fit = SaturationFit.FitMeanExcitons(points);
        Assert.Null(fit.CrossSectionCm2);
        Assert.True(Math.Abs(fit.SaturatedRateCps - SaturatedCps) < 4 * fit.SaturatedRateSigmaCps,
            $"A = {fit.SaturatedRateCps:F0} vs {SaturatedCps} ± 4·{fit.SaturatedRateSigmaCps:F0}");
    }

    [Fact]
    public void Photon_fluence_from_energy_fluence_uses_the_photon_energy()
    {
        // 1 µJ/cm² at 405 nm: photon energy hc/λ = 4.905e-19 J → 2.039e12 photons/cm².
        Assert.Equal(2.0388e12, SaturationFit.PhotonFluencePerCm2(1, 405), 0.0005e12);
    }
}
