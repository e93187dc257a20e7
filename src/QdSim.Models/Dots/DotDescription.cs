namespace QdSim.Models;

/// <summary>
/// A dot as a physicist specifies it. Validation happens in <see cref="DotPhysics.Derive"/>.
/// </summary>
/// <param name="Material">Composition name, see <see cref="Materials.Names"/>.</param>
/// <param name="EdgeNm">Cube edge length L, nm.</param>
/// <param name="TemperatureK">Lattice temperature, K.</param>
/// <param name="Ligand">Surface preset name (<see cref="SurfacePresets.Names"/>), or null for none.</param>
/// <param name="ExcitationWavelengthNm">Excitation wavelength, nm (σ is calibrated at 405 nm).</param>
/// <param name="RadiativeVariant">Which Δ_BD constant set of PHYSICS.md §6 the radiative model uses.</param>
public sealed record DotDescription(
    string Material,
    double EdgeNm,
    double TemperatureK,
    string? Ligand = null,
    double ExcitationWavelengthNm = 405,
    RadiativeModelVariant RadiativeVariant = RadiativeModelVariant.BrightDark3984);
