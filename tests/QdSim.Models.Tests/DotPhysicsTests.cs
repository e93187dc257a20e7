namespace QdSim.Models.Tests;

public class DotPhysicsTests
{
    [Theory]
    [InlineData(-4.5, 295, "edge-nm", "nm")]
    [InlineData(0, 295, "edge-nm", "nm")]
    [InlineData(double.NaN, 295, "edge-nm", "nm")]
    [InlineData(4.5, 0, "temperature-k", "K")]
    [InlineData(4.5, -10, "temperature-k", "K")]
    public void Invalid_size_or_temperature_is_a_user_error_naming_key_and_unit(double edgeNm, double temperatureK, string key, string unit)
    {
        var e = Assert.Throws<UserInputException>(() => DotPhysics.Derive(new DotDescription("CsPbBr3", edgeNm, temperatureK)));
        Assert.StartsWith(key + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains($" {unit} ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CsPbF3", "material")]
    [InlineData("CsPb(Br/Cl)3:1.5", "material")]
    [InlineData("CsPb(Br/I)3:abc", "material")]
    public void Unknown_material_is_a_user_error(string material, string key)
    {
        var e = Assert.Throws<UserInputException>(() => DotPhysics.Derive(new DotDescription(material, 5, 295)));
        Assert.StartsWith(key, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_ligand_lists_the_presets()
    {
        var e = Assert.Throws<UserInputException>(() => DotPhysics.Derive(new DotDescription("CsPbBr3", 5, 295, "OA")));
        Assert.Contains("PEA-earlier", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uncalibrated_or_sub_gap_excitation_is_a_user_error()
    {
        var far = Assert.Throws<UserInputException>(() => DotPhysics.Derive(new DotDescription("CsPbBr3", 5, 295, ExcitationWavelengthNm: 532)));
        Assert.StartsWith("excitation-wavelength-nm:", far.Message, StringComparison.Ordinal);
        // A 3 nm CsPbCl3 dot emits above 3.06 eV: a 405 nm photon cannot create an exciton.
        var subGap = Assert.Throws<UserInputException>(() => DotPhysics.Derive(new DotDescription("CsPbCl3", 3, 295)));
        Assert.Contains("band edge", subGap.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_quantity_has_a_unit_and_a_source_and_matches_its_property()
    {
        var d = DotPhysics.Derive(new DotDescription("CsPbBr3", 4.5, 295, "PEA"));
        Assert.All(d.Quantities, q =>
        {
            Assert.False(string.IsNullOrWhiteSpace(q.Unit), q.Name);
            Assert.False(string.IsNullOrWhiteSpace(q.Source), q.Name);
        });
        Assert.Equal(d.RadiativeLifetimeNs, d.Quantities.Single(q => q.Name == "radiative lifetime").Value);
        Assert.Equal(d.AbsorptionCrossSectionCm2, d.Quantities.Single(q => q.Name == "absorption cross-section").Value);
        Assert.Equal(1 / d.ExcitonRadiativeRatePerNs, d.RadiativeLifetimeNs, 12);
        Assert.Equal(PhysicalConstants.PlanckTimesLightSpeedEvNm / d.ExcitonEnergyEv, d.EmissionWavelengthNm, 9);
        Assert.Equal(d.LinewidthFwhmMeV, d.LineHighEnergyHwhmMeV + d.LineLowEnergyHwhmMeV, 9);
        Assert.Same(SurfacePresets.Get("pea"), d.Surface);
    }

    [Theory]
    [InlineData("CsPbBr3")]
    [InlineData("CsPbI3")]
    [InlineData("CsPbCl3")]
    [InlineData("CsPb(Br/Cl)3")]
    [InlineData("CsPb(Br/I)3:0.3")]
    [InlineData("FAPbBr3")]
    public void Every_material_derives_finite_positive_rates(string material)
    {
        // 20 nm: large enough that even CsPbCl3 (E∞ 3.03 eV) absorbs the 405 nm (3.061 eV) photon.
        var d = DotPhysics.Derive(new DotDescription(material, 20, 295));
        Assert.All(new[] { d.ExcitonRadiativeRatePerNs, d.BrightSublevelRadiativeRatePerNs, d.BiexcitonAugerLifetimeNs, d.AbsorptionCrossSectionCm2, d.LinewidthFwhmMeV },
            v => Assert.True(double.IsFinite(v) && v > 0, $"{material}: {v}"));
    }

    [Fact]
    public void Mixed_halides_interpolate_between_their_end_members()
    {
        var seed003 = Materials.Get("CsPb(Br/Cl)3");
        Assert.Equal(3.11, seed003.BohrRadiusNm, 12);
        Assert.Equal(Materials.CsPbBr3.BohrRadiusNm, Materials.Get("CsPb(Br/Cl)3:0").BohrRadiusNm, 12);
        Assert.Equal(Materials.CsPbCl3.BohrRadiusNm, Materials.Get("CsPb(Br/Cl)3:1").BohrRadiusNm, 12);
        Assert.Equal(Materials.CsPbI3.Sizing.BulkLimitEv, Materials.Get("CsPb(Br/I)3:1").Sizing.BulkLimitEv, 12);
        double mid = Materials.Get("CsPb(Br/I)3:0.5").Sizing.BulkLimitEv;
        Assert.Equal((2.37 + 1.76) / 2, mid, 12);
    }
}
