using QdSim.Models;
using QdSim.Models.Parameters;

namespace QdSim.Runner.Configuration;

/// <summary>
/// Fills the dot's kinetic parameters from its physical description (QdSim.Models <see cref="DotPhysics.Derive"/>
/// and <see cref="SurfacePresets"/>) wherever the user did not give a value explicitly. Explicit values win; the
/// source of each value used is recorded ("config file", "--set", …, or the derived quantity's literature source).
/// </summary>
public static class DotDerivation
{
    /// <summary>DerivedDotProperties member → the name of its entry in <see cref="DerivedDotProperties.Quantities"/>.</summary>
    private static readonly Dictionary<string, string> QuantityNames = new()
    {
        ["ExcitonEnergyEv"] = "exciton energy",
        ["BrightSublevelRadiativeRatePerNs"] = "bright sublevel radiative rate k_B",
        ["ExcitonRadiativeRatePerNs"] = "exciton radiative rate k_rad",
        ["DarkRadiativeRatePerNs"] = "dark radiative rate k_D",
        ["BrightDarkSplittingMeV"] = "bright-dark splitting Δ_BD",
        ["BrightFineStructureSplittingMeV"] = "bright fine-structure splitting",
        ["DarkStateFrozen"] = "dark state frozen (1 = yes)",
        ["SpinFlipDownRatePerNs"] = "spin flip bright→dark γ↓",
        ["BiexcitonRadiativeRatePerNs"] = "biexciton radiative rate",
        ["BiexcitonAugerLifetimeNs"] = "biexciton Auger lifetime",
        ["TrionRadiativeRatePerNs"] = "trion radiative rate",
        ["TrionAugerLifetimeNs"] = "trion Auger lifetime",
        ["BiexcitonBindingEnergyMeV"] = "biexciton binding energy",
        ["TrionBindingEnergyMeV"] = "trion binding energy",
        ["LinewidthFwhmMeV"] = "linewidth FWHM",
        ["LineAsymmetry"] = "line asymmetry a",
        ["AbsorptionCrossSectionCm2"] = "absorption cross-section",
    };

    public static (DotKineticsParameters Dot, ExcitationParameters Excitation) Apply(
        DotKineticsParameters explicitDot, ExcitationParameters excitation, DotDescriptionSection description,
        Func<string, bool> userGave, IDictionary<string, string> sources)
    {
        if (string.IsNullOrWhiteSpace(description.Material) || description.EdgeNm is not { } edge) return (explicitDot, excitation);
        var d = DotPhysics.Derive(new DotDescription(description.Material, edge, explicitDot.TemperatureK,
            string.IsNullOrWhiteSpace(description.Ligand) ? null : description.Ligand, excitation.WavelengthNm));
        var byName = d.Quantities.GroupBy(q => q.Name).ToDictionary(g => g.Key, g => g.First().Source, StringComparer.Ordinal);
        var sourceOf = QuantityNames.Where(kv => byName.ContainsKey(kv.Value))
            .ToDictionary(kv => kv.Key, kv => byName[kv.Value], StringComparer.Ordinal);
        var dot = explicitDot;
        void Take(string key, string quantity, Action apply)
        {
            if (userGave($"Dot:{key}")) return;
            apply();
            sources[$"Dot:{key}"] = $"derived (DotPhysics {quantity}: {sourceOf.GetValueOrDefault(quantity, "QdSim.Models")})";
        }
        Take(nameof(dot.ExcitonRadiativeRatePerNs), nameof(d.ExcitonRadiativeRatePerNs), () => dot = dot with { ExcitonRadiativeRatePerNs = d.ExcitonRadiativeRatePerNs });
        Take(nameof(dot.BrightSublevelRadiativeRatePerNs), nameof(d.BrightSublevelRadiativeRatePerNs), () => dot = dot with { BrightSublevelRadiativeRatePerNs = d.BrightSublevelRadiativeRatePerNs });
        Take(nameof(dot.DarkRadiativeRatePerNs), nameof(d.DarkRadiativeRatePerNs), () => dot = dot with { DarkRadiativeRatePerNs = d.DarkRadiativeRatePerNs });
        Take(nameof(dot.BrightDarkSplittingMeV), nameof(d.BrightDarkSplittingMeV), () => dot = dot with { BrightDarkSplittingMeV = d.BrightDarkSplittingMeV });
        Take(nameof(dot.BrightFineStructureSplittingMeV), nameof(d.BrightFineStructureSplittingMeV), () => dot = dot with { BrightFineStructureSplittingMeV = d.BrightFineStructureSplittingMeV });
        Take(nameof(dot.SpinFlipDownRatePerNs), nameof(d.SpinFlipDownRatePerNs), () => dot = dot with { SpinFlipDownRatePerNs = d.SpinFlipDownRatePerNs });
        Take(nameof(dot.Regime), nameof(d.DarkStateFrozen), () => dot = dot with { Regime = d.DarkStateFrozen ? FineStructureRegime.ExplicitSpinFlip : FineStructureRegime.FastRelaxation });
        Take(nameof(dot.BiexcitonRadiativeRatePerNs), nameof(d.BiexcitonRadiativeRatePerNs), () => dot = dot with { BiexcitonRadiativeRatePerNs = d.BiexcitonRadiativeRatePerNs });
        Take(nameof(dot.BiexcitonAugerLifetimeNs), nameof(d.BiexcitonAugerLifetimeNs), () => dot = dot with { BiexcitonAugerLifetimeNs = d.BiexcitonAugerLifetimeNs });
        Take(nameof(dot.TrionRadiativeRatePerNs), nameof(d.TrionRadiativeRatePerNs), () => dot = dot with { TrionRadiativeRatePerNs = d.TrionRadiativeRatePerNs });
        Take(nameof(dot.NegativeTrionAugerLifetimeNs), nameof(d.TrionAugerLifetimeNs), () => dot = dot with { NegativeTrionAugerLifetimeNs = d.TrionAugerLifetimeNs });
        Take(nameof(dot.PositiveTrionAugerLifetimeNs), nameof(d.TrionAugerLifetimeNs), () => dot = dot with { PositiveTrionAugerLifetimeNs = d.TrionAugerLifetimeNs });
        Take(nameof(dot.ExcitonEnergyEv), nameof(d.ExcitonEnergyEv), () => dot = dot with { ExcitonEnergyEv = d.ExcitonEnergyEv });
        Take(nameof(dot.BiexcitonBindingEnergyMeV), nameof(d.BiexcitonBindingEnergyMeV), () => dot = dot with { BiexcitonBindingEnergyMeV = d.BiexcitonBindingEnergyMeV });
        Take(nameof(dot.TrionBindingEnergyMeV), nameof(d.TrionBindingEnergyMeV), () => dot = dot with { TrionBindingEnergyMeV = d.TrionBindingEnergyMeV });
        Take(nameof(dot.LinewidthFwhmMeV), nameof(d.LinewidthFwhmMeV), () => dot = dot with { LinewidthFwhmMeV = d.LinewidthFwhmMeV });
        Take(nameof(dot.LineAsymmetry), nameof(d.LineAsymmetry), () => dot = dot with { LineAsymmetry = d.LineAsymmetry });
        if (d.Surface is { } surface && !userGave("Dot:ExcitonQuantumYield"))
        {
            dot = dot with { ExcitonQuantumYield = surface.ExcitonQuantumYield };
            sources["Dot:ExcitonQuantumYield"] = $"surface preset {surface.Name}: {surface.Source}";
        }
        var ex = excitation;
        if (!userGave("Excitation:AbsorptionCrossSectionCm2"))
        {
            ex = ex with { AbsorptionCrossSectionCm2 = d.AbsorptionCrossSectionCm2 };
            sources["Excitation:AbsorptionCrossSectionCm2"] = $"derived (DotPhysics AbsorptionCrossSectionCm2: {sourceOf.GetValueOrDefault(nameof(d.AbsorptionCrossSectionCm2), "QdSim.Models")})";
        }
        return (dot, ex);
    }
}
