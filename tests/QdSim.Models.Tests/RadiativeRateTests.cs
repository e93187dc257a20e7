namespace QdSim.Models.Tests;

/// <summary>
/// The radiative model of PHYSICS.md §6 against seed 003's 4 K lifetimes and the [C] numbers quoted there.
/// Tolerance for reproducing quoted [C] numbers: the constants are quoted to 3 significant figures; the most sensitive,
/// L_c = 11.6 ± 0.05 nm, moves V_eff by up to 3 × 0.43% and k_B by up to ≈ 1.0% for L ≥ 14 nm, so 1.3% covers the
/// rounding of all constants (k₀, a_B ≤ 0.2% each).
/// </summary>
public class RadiativeRateTests
{
    private const double ConstantsRoundingRelative = 0.013;
    private static readonly RadiativeRateParameters P = RadiativeRateParameters.Default;

    private static double LifetimePs(string material, double edgeNm, double temperatureK) =>
        1000 * DotPhysics.Derive(new DotDescription(material, edgeNm, temperatureK)).RadiativeLifetimeNs;

    [Theory]
    [InlineData("CsPbBr3", 7, 539)]
    [InlineData("CsPbBr3", 23, 182)]
    [InlineData("CsPbBr3", 30, 173)]
    public void Lifetime_at_4K_reproduces_the_fit_and_lies_inside_seed003_data(string material, double edgeNm, double quotedPs)
    {
        double tau = LifetimePs(material, edgeNm, 4);
        var data = ReferenceData.Rows("lifetime-4K-vs-size.csv")
            .Single(r => r["material"] == material && r.Number("edge_nm") == edgeNm && r["sd_ps"].Length > 0);
        double mean = data.Number("lifetime_ps"), sd = data.Number("sd_ps");
        Assert.True(Math.Abs(tau - quotedPs) <= ConstantsRoundingRelative * quotedPs,
            $"τ({edgeNm} nm, 4 K) = {tau:0.0} ps, PHYSICS.md quotes {quotedPs} ps (±1.3% constants rounding)");
        // The data's error bar is the dot-to-dot standard deviation: the model must reproduce the batch mean within 1 sd.
        Assert.True(Math.Abs(tau - mean) <= sd, $"τ = {tau:0.0} ps vs seed 003 {mean} ± {sd} ps");
    }

    [Fact]
    public void Mixed_halide_30nm_dot_at_4K_is_faster_as_in_seed003()
    {
        double tau = LifetimePs("CsPb(Br/Cl)3", 30, 4);
        // PHYSICS.md quotes 120 ps with the measured 4 K energy 2.502 eV in k_B ∝ E_X; QdSim uses the room-temperature
        // sizing-curve energy (2.541 eV), as the CsPbBr3 fit does, which is 1.6% faster: tolerance 1.3% + 1.6%.
        Assert.True(Math.Abs(tau - 120) <= 120 * (ConstantsRoundingRelative + 0.016), $"τ = {tau:0.0} ps, PHYSICS.md quotes 120 ps");
        Assert.True(Math.Abs(tau - 120) <= 20, $"τ = {tau:0.0} ps vs seed 003 120 ± 20 ps");
        Assert.True(tau < LifetimePs("CsPbBr3", 30, 4), "a smaller Bohr radius must speed up the superradiant decay");
    }

    [Fact]
    public void Lifetime_grows_about_elevenfold_from_4K_to_90K_at_23nm()
    {
        double ratio = LifetimePs("CsPbBr3", 23, 90) / LifetimePs("CsPbBr3", 23, 4);
        // PHYSICS.md: 11 (quoted to 2 digits → ±0.5); seed 003's single dot: 100 ps → 1 ns, i.e. 10.
        Assert.True(Math.Abs(ratio - 11) <= 0.5, $"τ(90 K)/τ(4 K) = {ratio:0.00}");
    }

    [Fact]
    public void Arrhenius_refit_of_the_model_gives_seed003_activation_energy()
    {
        // Seed 003 fits the decay rate Γ(T) = Γ(4 K)/(1 + A e^(−E_a/kT)); linearised: ln(Γ₄/Γ − 1) = ln A − E_a/kT.
        // Least squares over 10–90 K in 10 K steps (the span of seed 003's series).
        double gamma4 = 1 / LifetimePs("CsPbBr3", 23, 4);
        var points = Enumerable.Range(1, 9).Select(i => 10.0 * i)
            .Select(t => (X: 1 / PhysicalConstants.ThermalEnergyMeV(t), Y: Math.Log(gamma4 * LifetimePs("CsPbBr3", 23, t) - 1))).ToList();
        double mx = points.Average(p => p.X), my = points.Average(p => p.Y);
        double slope = points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
        double activationMeV = -slope;
        Assert.True(Math.Abs(activationMeV - 9) <= 1, $"Arrhenius refit E_a = {activationMeV:0.00} meV; seed 003: 9 ± 1 meV");
    }

    private static double RoomTemperatureMaximumEdgeNm(RadiativeModelVariant variant)
    {
        // Grid search of k_rad(295 K) over 3–8 nm with 1 pm steps (finer than the quoted 0.01 nm).
        double best = 0, bestEdge = 0;
        for (double edge = 3.0; edge <= 8.0; edge += 0.001)
        {
            double k = DotPhysics.Derive(new DotDescription("CsPbBr3", edge, 295, RadiativeVariant: variant)).ExcitonRadiativeRatePerNs;
            if (k > best)
            {
                (best, bestEdge) = (k, edge);
            }
        }

        return bestEdge;
    }

    [Fact]
    public void Room_temperature_rate_peaks_at_4_49nm()
    {
        double edge = RoomTemperatureMaximumEdgeNm(RadiativeModelVariant.BrightDark3984);
        Assert.True(Math.Abs(edge - 4.49) <= 0.005, $"maximum of k_rad(295 K) at {edge:0.000} nm, PHYSICS.md: 4.49 nm (±half a quoted digit)");
    }

    [Theory]
    [InlineData(RadiativeModelVariant.BrightDark2500, 4.0)]
    [InlineData(RadiativeModelVariant.BrightDark1400, 3.4)]
    public void Alternative_bright_dark_sets_move_the_maximum(RadiativeModelVariant variant, double quotedEdgeNm)
    {
        double edge = RoomTemperatureMaximumEdgeNm(variant);
        Assert.True(Math.Abs(edge - quotedEdgeNm) <= 0.05, $"{variant}: maximum at {edge:0.000} nm, PHYSICS.md: {quotedEdgeNm} nm (±0.05)");
    }

    [Theory]
    [InlineData(3.6, 14.1)]
    [InlineData(4.5, 8.4)]
    [InlineData(5.7, 9.7)]
    [InlineData(7, 11.6)]
    [InlineData(9.3, 14.4)]
    [InlineData(12, 17.8)]
    [InlineData(14, 20.9)]
    public void Room_temperature_lifetimes_match_the_quoted_predictions(double edgeNm, double quotedNs)
    {
        double tau = DotPhysics.Derive(new DotDescription("CsPbBr3", edgeNm, 295)).RadiativeLifetimeNs;
        Assert.True(Math.Abs(tau - quotedNs) <= ConstantsRoundingRelative * quotedNs,
            $"τ_rad({edgeNm} nm, 295 K) = {tau:0.00} ns, PHYSICS.md predicts {quotedNs} ns (±1.3% constants rounding)");
    }

    [Theory]
    [InlineData(4.5)]
    [InlineData(23)]
    public void Boltzmann_limit_T_to_zero_puts_every_exciton_in_the_dark_ground_state(double edgeNm)
    {
        // Unfrozen, Z/3 → e^(Δ/kT)/3 as T → 0 (the other terms vanish). At kT = Δ/40 the bright term is 3e^(−40) ≈ 1e-17
        // of the dark one and the dim and parity-forbidden terms are smaller still: ratio 1 to 1e-9.
        double delta = RadiativeRate.BrightDarkSplittingMeV(P, edgeNm);
        double t = delta / (40 * PhysicalConstants.BoltzmannMeVPerK);
        double z = RadiativeRate.PartitionPerBrightSublevel(P, edgeNm, t, darkTransferFrozen: false);
        double darkTerm = Math.Exp(delta / PhysicalConstants.ThermalEnergyMeV(t)) / 3;
        Assert.Equal(1, z / darkTerm, 9);
        // Frozen, only the bright level is populated: k_rad → k_B (at 0.5 K the dim term is 28.7 e^(−209) ≈ 0).
        Assert.Equal(1, RadiativeRate.PartitionPerBrightSublevel(P, edgeNm, 0.5, darkTransferFrozen: true), 12);
    }

    [Fact]
    public void Boltzmann_limit_at_high_temperature_weights_every_level_by_its_degeneracy()
    {
        const double edge = 7;
        double highT = 1e10; // kT = 8.6e8 meV ≫ every splitting (≤ 60 meV): each exponential is 1 within 1e-7.
        double expected = 1 + 1.0 / 3
                          + P.DimStateWeight * RadiativeRate.CoherenceVolumeNm3(edge, P.CoherenceLengthNm)
                          / RadiativeRate.CoherenceVolumeNm3(P.DimStateReferenceEdgeNm, P.CoherenceLengthNm)
                          + P.ParityForbiddenWeight * Math.Pow(edge / P.ParityForbiddenReferenceEdgeNm, P.ParityForbiddenExponent);
        double ratio = RadiativeRate.PartitionPerBrightSublevel(P, edge, highT, darkTransferFrozen: false) / expected;
        Assert.True(Math.Abs(ratio - 1) <= 1e-6, $"Z/3 over its high-T limit = {ratio}");
    }

    [Fact]
    public void Bright_rate_grows_with_size_and_saturates_at_the_coherence_volume()
    {
        double previous = 0;
        for (double edge = 3; edge <= 60; edge += 1)
        {
            double k = RadiativeRate.BrightSublevelRatePerNs(P, edge, 3.5, 2.4);
            Assert.True(k > previous, $"k_B({edge} nm) = {k} not above {previous}");
            previous = k;
        }

        // L → ∞: V_eff → L_c³, so k_B → k₀(1 + (8/π²)³ L_c³/(π a_B³)).
        double limit = P.BrightRatePrefactorPerNs * (1 + Math.Pow(8 / (Math.PI * Math.PI), 3) * Math.Pow(P.CoherenceLengthNm, 3) / (Math.PI * Math.Pow(3.5, 3)));
        Assert.Equal(1, RadiativeRate.BrightSublevelRatePerNs(P, 1e4, 3.5, 2.4) / limit, 6);
    }

    [Fact]
    public void Spin_flip_rates_obey_detailed_balance()
    {
        const double delta = 20, t = 50;
        double down = RadiativeRate.SpinFlipDownRatePerNs(P, delta, t), up = RadiativeRate.SpinFlipUpRatePerNs(P, delta, t);
        // γ↑/γ↓ = 3 e^(−Δ/kT): the threefold bright level above the dark singlet.
        Assert.Equal(3 * Math.Exp(-delta / PhysicalConstants.ThermalEnergyMeV(t)), up / down, 12);
        // γ↓ at T → 0 is the spontaneous rate 0.1 ns⁻¹ (Δ/10 meV)³.
        Assert.Equal(0.8, RadiativeRate.SpinFlipDownRatePerNs(P, delta, 0.1), 9);
    }

    [Fact]
    public void Dark_transfer_is_frozen_only_at_cryogenic_temperatures()
    {
        Assert.True(DotPhysics.Derive(new DotDescription("CsPbBr3", 7, 4)).DarkStateFrozen);
        Assert.False(DotPhysics.Derive(new DotDescription("CsPbBr3", 7, 295)).DarkStateFrozen);
    }

    [Fact]
    public void Iodide_room_temperature_lifetime_is_the_placeholder()
    {
        var d = DotPhysics.Derive(new DotDescription("CsPbI3", 7, 295));
        Assert.Equal(25, d.RadiativeLifetimeNs, 9);
        Assert.Contains("placeholder", d.Quantities.Single(q => q.Name == "radiative lifetime").Source, StringComparison.Ordinal);
    }
}
