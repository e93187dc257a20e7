namespace QdSim.Models.Tests;

public class AbsorptionCrossSectionTests
{
    [Fact]
    public void Volume_law_reproduces_the_seed001_calibration()
    {
        double sigma = AbsorptionCrossSection.At405NmCm2(4.3, 1.0);
        // PHYSICS.md §6: σ(4.3 nm) = 7.16e-15 cm² (3 digits → ±0.005e-15).
        Assert.True(Math.Abs(sigma - 7.16e-15) <= 0.005e-15, $"σ(4.3 nm) = {sigma:E3} cm²");
        // Seed 001 Methods: ⟨N⟩ = 0.2 at 13.7 µJ cm⁻² (405 nm); 13.7 has 3 digits → ±0.4% → ±0.001 in ⟨N⟩, plus the
        // 2-digit coefficient 9.0e-17 (±0.6%): ±0.002.
        double n = AbsorptionCrossSection.MeanExcitonsPerPulse(sigma, 13.7, 405);
        Assert.True(Math.Abs(n - 0.2) <= 0.002, $"⟨N⟩ = {n:0.0000} at 13.7 µJ cm⁻²");
    }

    [Theory]
    [InlineData(3.5, 127, 0.5)]
    [InlineData(4.5, 60, 0.5)]
    [InlineData(5.5, 33, 0.5)]
    [InlineData(7, 16, 0.5)]
    [InlineData(10, 5.4, 0.05)]
    [InlineData(14, 2.0, 0.05)]
    public void Fluence_for_one_exciton_matches_PHYSICS(double edgeNm, double quotedMicroJoulePerCm2, double halfLastDigit)
    {
        var d = DotPhysics.Derive(new DotDescription("CsPbBr3", edgeNm, 295));
        Assert.True(Math.Abs(d.FluenceForOneExcitonMicroJoulePerCm2 - quotedMicroJoulePerCm2) <= halfLastDigit,
            $"fluence for ⟨N⟩ = 1 at {edgeNm} nm: {d.FluenceForOneExcitonMicroJoulePerCm2:0.00} µJ cm⁻², PHYSICS.md: {quotedMicroJoulePerCm2}");
    }

    [Fact]
    public void Iodide_absorbs_1_3_times_more_per_volume()
    {
        double ratio = DotPhysics.Derive(new DotDescription("CsPbI3", 7, 295)).AbsorptionCrossSectionCm2
                       / DotPhysics.Derive(new DotDescription("CsPbBr3", 7, 295)).AbsorptionCrossSectionCm2;
        Assert.Equal(1.3, ratio, 12);
    }

    [Fact]
    public void CW_absorption_rate_is_sigma_I_over_h_nu()
    {
        // 1 W cm⁻² of 405 nm photons (3.0614 eV) on 1e-14 cm²: 1e-14 / 4.905e-19 J = 2.0388e4 s⁻¹.
        double rate = AbsorptionCrossSection.AbsorptionRatePerS(1e-14, 1, 405);
        Assert.Equal(1e-14 / (PhysicalConstants.PlanckTimesLightSpeedEvNm / 405 * PhysicalConstants.JoulePerEv), rate, 6);
        Assert.InRange(rate, 2.038e4, 2.040e4);
    }
}
