namespace QdSim.Models;

/// <summary>CODATA constants in the units the laws use (meV, eV, nm, K).</summary>
public static class PhysicalConstants
{
    /// <summary>Boltzmann constant k_B in meV per kelvin (CODATA 2018: 8.617333262e-5 eV/K).</summary>
    public const double BoltzmannMeVPerK = 0.08617333262;

    /// <summary>h c in eV nm: photon energy (eV) = 1239.84198 / wavelength (nm).</summary>
    public const double PlanckTimesLightSpeedEvNm = 1239.841984;

    /// <summary>One electronvolt in joule (exact, SI 2019).</summary>
    public const double JoulePerEv = 1.602176634e-19;

    /// <summary>Photon energy in eV of light of the given vacuum wavelength in nm.</summary>
    public static double PhotonEnergyEv(double wavelengthNm) => PlanckTimesLightSpeedEvNm / wavelengthNm;

    /// <summary>Thermal energy k_B T in meV.</summary>
    public static double ThermalEnergyMeV(double temperatureK) => BoltzmannMeVPerK * temperatureK;
}
