namespace QdSim.Models.Tests;

public class EnergiesTests
{
    [Fact]
    public void Binding_energies_fall_with_size_to_their_bulk_values()
    {
        double previousXx = double.PositiveInfinity, previousTrion = double.PositiveInfinity;
        for (double edge = 7; edge <= 60; edge += 1)
        {
            double xx = Energies.BiexcitonBindingMeV(edge), trion = Energies.TrionBindingMeV(edge);
            Assert.True(xx < previousXx && trion < previousTrion && xx > trion, $"at {edge} nm: XX {xx}, X* {trion}");
            (previousXx, previousTrion) = (xx, trion);
        }

        // 1370/L² and 780/L² vanish as L → ∞ (1e-5 meV at 10⁴ nm).
        Assert.Equal(Energies.BiexcitonBindingBulkMeV, Energies.BiexcitonBindingMeV(1e4), 4);
        Assert.Equal(10, Energies.TrionBindingMeV(1e4), 4);
        // Below 7 nm the [L] law is out of range and held at its 7 nm value.
        Assert.Equal(Energies.BiexcitonBindingMeV(7), Energies.BiexcitonBindingMeV(4), 12);
    }

    [Fact]
    public void Biexciton_binding_at_30nm_matches_seed003()
    {
        // Seed 003 quotes 14 meV (whole meV → ± 0.5 meV). PHYSICS.md's [L] offset 16.5 gave 18.0 meV; the offset is anchored
        // to this measurement (Energies.BiexcitonBindingBulkMeV), the [L] size term kept.
        double xx = Energies.BiexcitonBindingMeV(30);
        Assert.True(Math.Abs(xx - 14) <= 0.5, $"XX binding {xx:0.0} meV at 30 nm vs seed 003 14 meV");
    }

    [Fact]
    public void Fine_structure_splitting_at_30nm_matches_seed003_within_the_per_dot_spread()
    {
        // PHYSICS.md §6: 1.0 + 256/L³ meV with ±50% dot-to-dot spread; seed 003: 1.06 meV at 30 nm.
        double fss = Energies.BrightFineStructureSplittingMeV(30);
        Assert.True(Math.Abs(1.06 / fss - 1) <= Energies.FineStructureRelativeSpread, $"FSS {fss:0.000} meV");
        Assert.True(Energies.BrightFineStructureSplittingMeV(5) > Energies.BrightFineStructureSplittingMeV(10));
    }

    [Fact]
    public void Bright_dark_splitting_follows_the_selected_constant_set()
    {
        // Δ_BD = 2.0 + C_BD/L³ meV; at L = 10 nm, C_BD/1000.
        Assert.Equal(2.0 + 3.984, DotPhysics.Derive(new DotDescription("CsPbBr3", 10, 295)).BrightDarkSplittingMeV, 9);
        Assert.Equal(2.0 + 1.4, DotPhysics.Derive(new DotDescription("CsPbBr3", 10, 295, RadiativeVariant: RadiativeModelVariant.BrightDark1400)).BrightDarkSplittingMeV, 9);
        // The tension PHYSICS.md names: Δ_BD(3.6 nm) ≈ 87 meV for the default set (2 digits → ±0.5).
        Assert.True(Math.Abs(RadiativeRate.BrightDarkSplittingMeV(RadiativeRateParameters.Default, 3.6) - 87) <= 0.5);
    }
}
