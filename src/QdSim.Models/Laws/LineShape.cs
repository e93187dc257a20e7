namespace QdSim.Models;

/// <summary>One optical-phonon mode coupled to the exciton: energy ħω and Huang–Rhys factor S.</summary>
public sealed record PhononMode(double EnergyMeV, double HuangRhysFactor);

/// <summary>The two half widths of an asymmetric line sharing one peak.</summary>
public readonly record struct LineHalfWidths(double HighEnergyHwhmMeV, double LowEnergyHwhmMeV);

/// <summary>
/// Single-dot emission line width vs size and temperature and its asymmetric shape (PHYSICS.md §6 "Line shapes").
/// <list type="bullet">
/// <item>T ≥ 150 K: FWHM = 2√(2 ln 2)·√(2Λk_BT), Λ(L) = 3.57 + 277/L^1.27 meV ([S2] law, Λ fitted [C]).</item>
/// <item>T &lt; 150 K, L &lt; 7 nm: FWHM = 2√(2 ln 2)σ, σ² = Σ S_ω(ħω)² coth(ħω/2kT) over the 2/7/17 meV modes of
/// seed 002 SI Table 1 (the row nearest in size, scaled so Σ S_ω ħω = Λ(L) [E]); its high-T limit is the law above.</item>
/// <item>T &lt; 150 K, L ≥ 7 nm: Γ(T) = Γ₀ + Γ_LO/(e^(E_LO/kT) − 1) with Γ₀ = 1.2, Γ_LO = 64, E_LO = 16 meV
/// (10.5 meV at 90 K [S3]).</item>
/// </list>
/// The regimes join discontinuously at 150 K (documented in docs/models.md).
/// Shape (seed 001 Fig. 6c–d): two Voigt halves sharing the peak, HWHM_high,low = (FWHM/2)(1 ∓ a), a from 0.25 at
/// 3.6 nm to 0.1 at 14 nm [E]; low-energy side broader (phonon sideband / exciton–polaron tail).
/// </summary>
public static class LineShape
{
    /// <summary>2√(2 ln 2): FWHM of a Gaussian over its standard deviation.</summary>
    public static readonly double GaussianFwhmPerSigma = 2 * Math.Sqrt(2 * Math.Log(2));

    /// <summary>Below this temperature the thermal (classical) law is replaced (PHYSICS.md §6), K.</summary>
    public const double LowTemperatureBelowK = 150;

    /// <summary>From this edge the large-dot Γ(T) law applies at low temperature (seed 003 studied 7–30 nm) [E], nm.</summary>
    public const double LargeDotMinEdgeNm = 7;

    /// <summary>Γ₀ of the large-dot law (instrument-limited 1.2 meV at 4 K [S3]), meV.</summary>
    public const double LargeDotResidualFwhmMeV = 1.2;

    /// <summary>Γ_LO of the large-dot law, meV.</summary>
    public const double LargeDotPhononFwhmMeV = 64;

    /// <summary>E_LO of the large-dot law, meV.</summary>
    public const double LargeDotPhononEnergyMeV = 16;

    /// <summary>Default Lorentzian share f_L/f_V of each Voigt half [E] (thermal Gaussian broadening dominates at 295 K).</summary>
    public const double DefaultLorentzianFraction = 0.3;

    /// <summary>Computed Huang–Rhys factors (seed 002 SI Table 1) by edge length in nm: modes at 2, 7, 17 meV.</summary>
    public static IReadOnlyList<(double EdgeNm, PhononMode[] Modes)> DftHuangRhysTable { get; } =
    [
        (1.8, Modes(29.9, 8.4, 1.2)),
        (2.4, Modes(19.7, 6.6, 0.5)),
        (3.0, Modes(11.0, 4.4, 0.8)),
        (3.6, Modes(7.0, 1.9, 1.7)),
        (4.2, Modes(7.5, 1.0, 1.8)),
    ];

    /// <summary>Λ(L) = 3.57 + 277/L^1.27 meV [C]: the exciton–phonon coupling (reorganisation) energy Σ S_ω ħω.</summary>
    public static double CouplingEnergyMeV(double edgeNm) => 3.57 + 277 / Math.Pow(edgeNm, 1.27);

    /// <summary>Λ = Σ S_ω ħω of a set of modes, meV.</summary>
    public static double CouplingEnergyMeV(IEnumerable<PhononMode> modes) => modes.Sum(m => m.HuangRhysFactor * m.EnergyMeV);

    /// <summary>Classical (high-T) FWHM 2√(2 ln 2)·√(2Λk_BT) in meV [S2].</summary>
    public static double ThermalFwhmMeV(double couplingEnergyMeV, double temperatureK) =>
        GaussianFwhmPerSigma * Math.Sqrt(2 * couplingEnergyMeV * PhysicalConstants.ThermalEnergyMeV(temperatureK));

    /// <summary>FWHM from σ² = Σ S_ω (ħω)² coth(ħω/2kT) in meV (quantum phonon sum, seed 002 SI).</summary>
    public static double PhononSumFwhmMeV(IEnumerable<PhononMode> modes, double temperatureK)
    {
        double kT = PhysicalConstants.ThermalEnergyMeV(temperatureK);
        double variance = modes.Sum(m => m.HuangRhysFactor * m.EnergyMeV * m.EnergyMeV / Math.Tanh(m.EnergyMeV / (2 * kT)));
        return GaussianFwhmPerSigma * Math.Sqrt(variance);
    }

    /// <summary>Large-dot Γ(T) = Γ₀ + Γ_LO/(e^(E_LO/kT) − 1) in meV [S3 fit → C].</summary>
    public static double LargeDotFwhmMeV(double temperatureK) =>
        LargeDotResidualFwhmMeV + LargeDotPhononFwhmMeV * RadiativeRate.PhononOccupation(LargeDotPhononEnergyMeV, temperatureK);

    /// <summary>Modes of the table row nearest in size, scaled so that their Λ equals Λ(L) [E].</summary>
    public static IReadOnlyList<PhononMode> ModesForEdge(double edgeNm)
    {
        var nearest = DftHuangRhysTable.MinBy(row => Math.Abs(row.EdgeNm - edgeNm)).Modes;
        double scale = CouplingEnergyMeV(edgeNm) / CouplingEnergyMeV(nearest);
        return nearest.Select(m => m with { HuangRhysFactor = m.HuangRhysFactor * scale }).ToArray();
    }

    /// <summary>Single-dot FWHM in meV at edge L and temperature T (regimes in the class remarks).</summary>
    public static double FwhmMeV(double edgeNm, double temperatureK)
    {
        if (temperatureK >= LowTemperatureBelowK)
        {
            return ThermalFwhmMeV(CouplingEnergyMeV(edgeNm), temperatureK);
        }

        return edgeNm >= LargeDotMinEdgeNm ? LargeDotFwhmMeV(temperatureK) : PhononSumFwhmMeV(ModesForEdge(edgeNm), temperatureK);
    }

    /// <summary>Asymmetry a(L): linear from 0.25 at 3.6 nm to 0.10 at 14 nm, held outside [E] (seed 001 Fig. 6d).</summary>
    public static double Asymmetry(double edgeNm)
    {
        const double smallEdgeNm = 3.6, largeEdgeNm = 14, smallA = 0.25, largeA = 0.10;
        double t = Math.Clamp((edgeNm - smallEdgeNm) / (largeEdgeNm - smallEdgeNm), 0, 1);
        return smallA + (largeA - smallA) * t;
    }

    /// <summary>HWHM_high = (FWHM/2)(1 − a), HWHM_low = (FWHM/2)(1 + a).</summary>
    public static LineHalfWidths HalfWidths(double fwhmMeV, double asymmetry) =>
        new(fwhmMeV / 2 * (1 - asymmetry), fwhmMeV / 2 * (1 + asymmetry));

    /// <summary>
    /// Draws the offset in meV of one photon's energy from the line peak (positive = higher energy) from the two-half
    /// Voigt line. The side is chosen with probability HWHM_side/(HWHM_high + HWHM_low) (halves share the peak height, so
    /// their areas scale with their widths); the magnitude is |G + L| of a Voigt with unit HWHM (Gaussian and Lorentzian
    /// widths from Olivero &amp; Longbothum, JQSRT 17, 233 (1977)), truncated at 50 HWHM, times the side's HWHM.
    /// </summary>
    /// <param name="fwhmMeV">Total FWHM (sum of the two HWHMs).</param>
    /// <param name="asymmetry">a in [0, 1).</param>
    /// <param name="lorentzianFraction">f_L/f_V in [0, 1].</param>
    /// <param name="uniform">Source of independent uniform numbers in [0, 1) (the caller's random stream).</param>
    public static double SampleOffsetMeV(double fwhmMeV, double asymmetry, double lorentzianFraction, Func<double> uniform)
    {
        ArgumentNullException.ThrowIfNull(uniform);
        var halves = HalfWidths(fwhmMeV, asymmetry);
        bool highSide = uniform() < halves.HighEnergyHwhmMeV / (halves.HighEnergyHwhmMeV + halves.LowEnergyHwhmMeV);
        double magnitude = SampleUnitHalfVoigt(lorentzianFraction, uniform);
        return highSide ? magnitude * halves.HighEnergyHwhmMeV : -magnitude * halves.LowEnergyHwhmMeV;
    }

    /// <summary>Photon energy in eV drawn from the line around <paramref name="peakEv"/>.</summary>
    public static double SampleEnergyEv(double peakEv, double fwhmMeV, double asymmetry, double lorentzianFraction, Func<double> uniform) =>
        peakEv + 1e-3 * SampleOffsetMeV(fwhmMeV, asymmetry, lorentzianFraction, uniform);

    /// <summary>Gaussian standard deviation and Lorentzian HWHM of a Voigt with HWHM 1 and the given Lorentzian share.</summary>
    public static (double GaussianSigma, double LorentzianHwhm) UnitVoigtWidths(double lorentzianFraction)
    {
        if (!(lorentzianFraction >= 0 && lorentzianFraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lorentzianFraction), lorentzianFraction, "expected 0..1");
        }

        const double voigtFwhm = 2.0;
        double lorentzFwhm = lorentzianFraction * voigtFwhm;
        double gaussFwhm = Math.Sqrt(Math.Max(0, Math.Pow(voigtFwhm - 0.5346 * lorentzFwhm, 2) - 0.2166 * lorentzFwhm * lorentzFwhm));
        return (gaussFwhm / GaussianFwhmPerSigma, lorentzFwhm / 2);
    }

    private static double SampleUnitHalfVoigt(double lorentzianFraction, Func<double> uniform)
    {
        const double truncationHwhm = 50;
        var (sigma, gamma) = UnitVoigtWidths(lorentzianFraction);
        while (true)
        {
            // Box–Muller: 1 − u lies in (0, 1], so the logarithm is finite.
            double gaussian = Math.Sqrt(-2 * Math.Log(1 - uniform())) * Math.Cos(2 * Math.PI * uniform());
            double lorentzian = gamma > 0 ? gamma * Math.Tan(Math.PI * (uniform() - 0.5)) : 0;
            double x = Math.Abs(sigma * gaussian + lorentzian);
            if (x <= truncationHwhm)
            {
                return x;
            }
        }
    }

    private static PhononMode[] Modes(double s2, double s7, double s17) =>
        [new PhononMode(2, s2), new PhononMode(7, s7), new PhononMode(17, s17)];
}
