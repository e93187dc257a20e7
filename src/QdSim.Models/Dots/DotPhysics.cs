namespace QdSim.Models;

/// <summary>
/// From a physical description of a dot to every rate the engine needs (PHYSICS.md §6). Validates at the edge, then
/// composes the pure laws in <see cref="SizingCurve"/>, <see cref="RadiativeRate"/>, <see cref="Auger"/>,
/// <see cref="Energies"/>, <see cref="LineShape"/> and <see cref="AbsorptionCrossSection"/>.
/// </summary>
public static class DotPhysics
{
    /// <summary>Accepted edge lengths, nm: below 1.5 nm there is no data (seed 002's smallest computed dot is 1.8 nm);
    /// above 100 nm the object is no longer a quantum dot.</summary>
    public const double MinEdgeNm = 1.5, MaxEdgeNm = 100;

    /// <summary>Accepted temperatures, K (the laws are fitted between 4 K and room temperature).</summary>
    public const double MaxTemperatureK = 500;

    /// <summary>Derives all properties; user mistakes throw <see cref="UserInputException"/> naming key and unit.</summary>
    public static DerivedDotProperties Derive(DotDescription d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!(d.EdgeNm >= MinEdgeNm && d.EdgeNm <= MaxEdgeNm))
        {
            throw UserInputException.OutOfRange("edge-nm", d.EdgeNm, "nm", $"{MinEdgeNm}–{MaxEdgeNm} nm cube edge length");
        }

        if (!(d.TemperatureK > 0 && d.TemperatureK <= MaxTemperatureK))
        {
            throw UserInputException.OutOfRange("temperature-k", d.TemperatureK, "K", $"> 0 and ≤ {MaxTemperatureK} K");
        }

        if (!(Math.Abs(d.ExcitationWavelengthNm - AbsorptionCrossSection.CalibratedWavelengthNm) <= AbsorptionCrossSection.CalibrationToleranceNm))
        {
            throw UserInputException.OutOfRange("excitation-wavelength-nm", d.ExcitationWavelengthNm, "nm",
                $"{AbsorptionCrossSection.CalibratedWavelengthNm - AbsorptionCrossSection.CalibrationToleranceNm}–" +
                $"{AbsorptionCrossSection.CalibratedWavelengthNm + AbsorptionCrossSection.CalibrationToleranceNm} nm, where the " +
                "cross-section is calibrated; for other wavelengths set the absorption cross-section explicitly");
        }

        var material = Materials.Get(d.Material);
        var surface = d.Ligand is null ? null : SurfacePresets.Get(d.Ligand);
        var p = RadiativeRateParameters.For(d.RadiativeVariant);
        double edge = d.EdgeNm, temperature = d.TemperatureK;

        double roomTemperatureEnergyEv = SizingCurve.EnergyEv(material.Sizing, edge);
        double energyEv = roomTemperatureEnergyEv + SizingCurve.TemperatureShiftEv(temperature);
        double photonEnergyEv = PhysicalConstants.PhotonEnergyEv(d.ExcitationWavelengthNm);
        if (photonEnergyEv <= energyEv)
        {
            throw new UserInputException(
                $"excitation-wavelength-nm: {d.ExcitationWavelengthNm} nm ({photonEnergyEv:0.###} eV) does not exceed the band edge of " +
                $"{material.Name} at {edge} nm ({energyEv:0.###} eV); the dot cannot absorb it");
        }

        bool frozen = RadiativeRate.IsDarkTransferFrozen(p, temperature);
        double brightRate = RadiativeRate.BrightSublevelRatePerNs(p, edge, material.BohrRadiusNm, roomTemperatureEnergyEv);
        double modelRate = RadiativeRate.ThermalRatePerNs(p, edge, material.BohrRadiusNm, roomTemperatureEnergyEv, temperature, frozen);
        var (radiativeRate, radiativeSource) = IodidePlaceholderBlend(material, modelRate, frozen);
        double splitting = RadiativeRate.BrightDarkSplittingMeV(p, edge);

        double xxAugerNs = Auger.BiexcitonAugerLifetimeNs(material.AugerVolumeCoefficientPsPerNm3, edge);
        double xxRadiative = Auger.BiexcitonRadiativeRatePerNs(brightRate);
        double trionRadiative = Auger.TrionRadiativeRatePerNs(brightRate);
        double trionAugerNs = Auger.TrionAugerLifetimeNs(xxAugerNs);

        double fwhm = LineShape.FwhmMeV(edge, temperature);
        double asymmetry = LineShape.Asymmetry(edge);
        var halves = LineShape.HalfWidths(fwhm, asymmetry);
        double sigma = AbsorptionCrossSection.At405NmCm2(edge, material.AbsorptionPerVolumeRelativeToBromide);

        var result = new DerivedDotProperties
        {
            Description = d,
            Material = material,
            Surface = surface,
            ExcitonEnergyEv = energyEv,
            EmissionWavelengthNm = PhysicalConstants.PlanckTimesLightSpeedEvNm / energyEv,
            BohrRadiusNm = material.BohrRadiusNm,
            BrightSublevelRadiativeRatePerNs = brightRate,
            CoherentEnhancement = RadiativeRate.CoherentEnhancement(edge, material.BohrRadiusNm, p.CoherenceLengthNm),
            ExcitonRadiativeRatePerNs = radiativeRate,
            RadiativeLifetimeNs = 1 / radiativeRate,
            DarkRadiativeRatePerNs = p.DarkRadiativeRatePerNs,
            BrightDarkSplittingMeV = splitting,
            BrightFineStructureSplittingMeV = Energies.BrightFineStructureSplittingMeV(edge),
            SpinFlipDownRatePerNs = RadiativeRate.SpinFlipDownRatePerNs(p, splitting, temperature),
            SpinFlipUpRatePerNs = RadiativeRate.SpinFlipUpRatePerNs(p, splitting, temperature),
            DarkStateFrozen = frozen,
            BiexcitonRadiativeRatePerNs = xxRadiative,
            BiexcitonAugerLifetimeNs = xxAugerNs,
            TrionRadiativeRatePerNs = trionRadiative,
            TrionAugerLifetimeNs = trionAugerNs,
            TrionQuantumYield = Auger.QuantumYield(trionRadiative, trionAugerNs),
            G2ZeroEstimate = Auger.G2ZeroEstimate(xxRadiative, xxAugerNs),
            BiexcitonBindingEnergyMeV = Energies.BiexcitonBindingMeV(edge),
            TrionBindingEnergyMeV = Energies.TrionBindingMeV(edge),
            LinewidthFwhmMeV = fwhm,
            LineAsymmetry = asymmetry,
            LineHighEnergyHwhmMeV = halves.HighEnergyHwhmMeV,
            LineLowEnergyHwhmMeV = halves.LowEnergyHwhmMeV,
            LineLorentzianFraction = LineShape.DefaultLorentzianFraction,
            AbsorptionCrossSectionCm2 = sigma,
            FluenceForOneExcitonMicroJoulePerCm2 = AbsorptionCrossSection.FluenceForOneExcitonMicroJoulePerCm2(sigma, d.ExcitationWavelengthNm),
            Quantities = [],
        };
        return result with { Quantities = DerivedQuantities.List(result, p, radiativeSource) };
    }

    /// <summary>
    /// The thermal model was fitted to CsPbBr3; for iodide, PHYSICS.md §6 gives only a room-temperature placeholder
    /// τ_rad ≈ 25 ns [E]. Above the frozen threshold the rate is blended with it by iodide fraction [E]; at cryogenic
    /// temperatures the superradiance model (with the iodide Bohr radius) is kept.
    /// </summary>
    private static (double RatePerNs, string Source) IodidePlaceholderBlend(MaterialProperties material, double modelRatePerNs, bool frozen)
    {
        const string modelSource = "PHYSICS.md §6 radiative rate k_B/(Z/3) [C fit to S3 4 K lifetimes and S1 Fig. 6b]";
        if (frozen || material.IodideFraction <= 0)
        {
            return (modelRatePerNs, frozen ? modelSource + "; cryogenic: bright→dark transfer frozen [S3], dark term dropped" : modelSource);
        }

        double placeholderRate = 1 / Materials.CsPbI3.RoomTemperatureRadiativeLifetimeNs!.Value;
        double x = material.IodideFraction;
        return ((1 - x) * modelRatePerNs + x * placeholderRate,
            $"PHYSICS.md §6 CsPbI3 τ_rad ≈ 25 ns placeholder [E], weighted {x:0.##} by iodide fraction with the CsPbBr3 model [E]");
    }
}
