namespace QdSim.Models;

/// <summary>
/// Absorption cross-section at 405 nm, σ = 9.0×10⁻¹⁷ cm² · (L/nm)³ · (σ/V relative to CsPbBr3) (PHYSICS.md §6,
/// calibrated on seed 001 Methods: a 4.3 nm CsPbBr3 dot reaches ⟨N⟩ = 0.2 at 13.7 µJ cm⁻² → 7.16×10⁻¹⁵ cm² [S1 → C]).
/// Valid above the band edge; below ~3.6 nm the volume law overestimates σ because 405 nm nears the band edge.
/// </summary>
public static class AbsorptionCrossSection
{
    /// <summary>The only calibrated excitation wavelength, nm.</summary>
    public const double CalibratedWavelengthNm = 405;

    /// <summary>Wavelengths within this distance of 405 nm use the calibration unchanged (σ varies slowly there), nm.</summary>
    public const double CalibrationToleranceNm = 10;

    /// <summary>σ per nm³ of CsPbBr3 at 405 nm, cm² (PHYSICS.md §6 [C]).</summary>
    public const double BromideCrossSectionPerNm3Cm2 = 9.0e-17;

    /// <summary>σ in cm² at 405 nm of a cube of edge <paramref name="edgeNm"/>.</summary>
    public static double At405NmCm2(double edgeNm, double absorptionPerVolumeRelativeToBromide) =>
        BromideCrossSectionPerNm3Cm2 * absorptionPerVolumeRelativeToBromide * edgeNm * edgeNm * edgeNm;

    /// <summary>Mean absorbed photons per pulse ⟨N⟩ = σ j with j = fluence/hν (PHYSICS.md §3).</summary>
    public static double MeanExcitonsPerPulse(double crossSectionCm2, double fluenceMicroJoulePerCm2, double wavelengthNm)
    {
        double photonEnergyJ = PhysicalConstants.PhotonEnergyEv(wavelengthNm) * PhysicalConstants.JoulePerEv;
        return crossSectionCm2 * fluenceMicroJoulePerCm2 * 1e-6 / photonEnergyJ;
    }

    /// <summary>Pulse fluence in µJ cm⁻² giving ⟨N⟩ = 1: hν/σ.</summary>
    public static double FluenceForOneExcitonMicroJoulePerCm2(double crossSectionCm2, double wavelengthNm) =>
        1.0 / MeanExcitonsPerPulse(crossSectionCm2, 1.0, wavelengthNm);

    /// <summary>CW absorption rate G = σ I/hν in photons per second for an intensity in W cm⁻² (PHYSICS.md §3).</summary>
    public static double AbsorptionRatePerS(double crossSectionCm2, double intensityWattPerCm2, double wavelengthNm) =>
        crossSectionCm2 * intensityWattPerCm2 / (PhysicalConstants.PhotonEnergyEv(wavelengthNm) * PhysicalConstants.JoulePerEv);
}
