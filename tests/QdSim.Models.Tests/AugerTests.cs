namespace QdSim.Models.Tests;

public class AugerTests
{
    private static DerivedDotProperties At(double edgeNm) => DotPhysics.Derive(new DotDescription("CsPbBr3", edgeNm, 295));

    [Theory]
    [InlineData(4.5, 0.020)]
    [InlineData(5.5, 0.043)]
    public void G2_zero_estimate_matches_PHYSICS_and_seed001_range(double edgeNm, double quoted)
    {
        double g2 = At(edgeNm).G2ZeroEstimate;
        // Quoted to 2 significant figures → ±half a unit (0.0005); seed 001 measured 1.3–5.4% on single dots.
        Assert.True(Math.Abs(g2 - quoted) <= 0.0005, $"g2(0) ≈ k_r,XX τ_A,XX = {g2:0.0000} at {edgeNm} nm, PHYSICS.md: {quoted}");
        Assert.InRange(g2, 0.013, 0.054);
    }

    [Theory]
    [InlineData(4.5, 0.04)]
    [InlineData(5.5, 0.08)]
    public void Trion_quantum_yield_matches_PHYSICS(double edgeNm, double quoted)
    {
        double qy = At(edgeNm).TrionQuantumYield;
        // Quoted as whole percent → ±0.5 percentage point.
        Assert.True(Math.Abs(qy - quoted) <= 0.005, $"trion QY {qy:P2} at {edgeNm} nm, PHYSICS.md: {quoted:P0}");
    }

    [Fact]
    public void Trion_quantum_yield_at_7_nm_agrees_with_PHYSICS_within_the_error_of_its_anchoring_lifetime()
    {
        // The §6 laws give 18.6% (k_r,X* = 1.5 k_B, k_B(7 nm) = 1.86 ns⁻¹; τ_A,X* = 4·0.06 ps nm⁻³·343 nm³ = 82 ps), PHYSICS.md
        // quotes 17%. k_B(7 nm) is anchored to seed 003's τ(4 K, 7 nm) = 540 ± 100 ps (the model gives 539 ps): scaling k_B by
        // 540/640 … 540/440 moves the trion QY over the interval below. The quoted 17% (± 0.5 point, whole percent) must lie in
        // it, and so must the model's value; a law error (e.g. a factor 2 in k_r,X* or τ_A,X*) would leave it.
        var d = At(7);
        double kA = 1 / d.TrionAugerLifetimeNs;
        double Qy(double scale) => scale * d.TrionRadiativeRatePerNs / (scale * d.TrionRadiativeRatePerNs + kA);
        double low = Qy(540.0 / 640), high = Qy(540.0 / 440);
        Assert.InRange(d.TrionQuantumYield, low, high);
        Assert.True(0.17 + 0.005 >= low && 0.17 - 0.005 <= high,
            $"trion QY at 7 nm: model {d.TrionQuantumYield:P1}, allowed by τ(4 K) = 540 ± 100 ps: {low:P1}–{high:P1}; PHYSICS.md 17%");
    }

    [Fact]
    public void Auger_lifetime_is_proportional_to_volume()
    {
        // τ_A,XX = γ L³ exactly: doubling the edge multiplies it by 8 for every edge.
        foreach (double edge in new[] { 3.0, 4.5, 7, 12 })
        {
            Assert.Equal(8, Auger.BiexcitonAugerLifetimeNs(0.06, 2 * edge) / Auger.BiexcitonAugerLifetimeNs(0.06, edge), 12);
        }

        Assert.Equal(4, At(6).TrionAugerLifetimeNs / At(6).BiexcitonAugerLifetimeNs, 12);
    }

    [Fact]
    public void Multiexciton_rates_follow_statistical_scaling_normalised_to_the_biexciton()
    {
        Assert.Equal(1.0, Auger.MultiexcitonAugerRatePerNs(2, 1.0), 12);     // n²(n−1)/4 = 1 at n = 2
        Assert.Equal(4.5, Auger.MultiexcitonAugerRatePerNs(3, 1.0), 12);     // 9·2/4
        Assert.Equal(12.0, Auger.MultiexcitonAugerRatePerNs(4, 1.0), 12);    // 16·3/4
        Assert.Equal(1.0, Auger.MultiexcitonRadiativeRatePerNs(2, 1.0), 12); // n²/4
        Assert.Equal(2.25, Auger.MultiexcitonRadiativeRatePerNs(3, 1.0), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => Auger.MultiexcitonAugerRatePerNs(1, 1.0));
    }

    [Fact]
    public void Biexciton_radiative_rate_is_four_times_the_equally_populated_exciton_rate()
    {
        // PHYSICS.md §6: k_r,XX = 3k_B = 4 × k_r,X when all four exciton sublevels are equally populated (k_r,X = 3k_B/4).
        var d = At(5);
        Assert.Equal(4 * (3 * d.BrightSublevelRadiativeRatePerNs / 4), d.BiexcitonRadiativeRatePerNs, 12);
        Assert.Equal(1.5 * d.BrightSublevelRadiativeRatePerNs, d.TrionRadiativeRatePerNs, 12);
    }
}
