using System.Globalization;

namespace QdSim.Models;

/// <summary>
/// The material table: lead-halide perovskite compositions by name, with every constant's source. Mixed halides are
/// written "CsPb(Br/Cl)3:x" or "CsPb(Br/I)3:x" with x the Cl or I fraction of the X site; without ":x" the Br/Cl mix is
/// the composition of seed 003's halide-exchanged 30 nm dots (x = 0.25) and the Br/I mix is x = 0.5.
/// </summary>
public static class Materials
{
    private const string MaterialKey = "material";

    /// <summary>Cl fraction of seed 003's CsPb(Br/Cl)3 dots [C]: the 30 nm dot emits at 2.502 eV at 4 K; with the
    /// sizing curve, the 4 K shift of −0.04 eV and a Vegard E∞(x) this gives x = 0.251.</summary>
    public const double Seed003ChlorideFraction = 0.25;

    /// <summary>I fraction used when "CsPb(Br/I)3" is given without a fraction.</summary>
    public const double DefaultIodideFraction = 0.5;

    private static readonly SizingCurveConstants BromideSizing =
        new(2.37, 0.1636, 0.4468, "PHYSICS.md §6 sizing curve [S4 Table 1 → C] (RMS 4.7 meV, max 6.6 meV over 3.6–20 nm)");

    private static readonly SizingCurveConstants IodideSizing =
        new(1.76, 0.0276, 0.9349, "PHYSICS.md §6 sizing curve [S4 Table 1 → C] (RMS 8.9 meV, 5 points only)");

    /// <summary>CsPbBr3, the reference material of every fitted law in PHYSICS.md §6.</summary>
    public static MaterialProperties CsPbBr3 { get; } = new(
        "CsPbBr3", 0, 0, BromideSizing,
        BohrRadiusNm: 3.5, BohrRadiusSource: "PHYSICS.md §6 table [S3]",
        AbsorptionPerVolumeRelativeToBromide: 1.0,
        AugerVolumeCoefficientPsPerNm3: 0.06,
        ReducedMassElectronMasses: 0.126, DielectricConstant: 7.3, KaneEnergyEv: 27.9,
        ElectronicConstantsSource: "not in PHYSICS.md; μ, ε [L] Yang et al. ACS Energy Lett. 2017 (magneto-absorption), " +
                                   "E_P [L] Becker et al. Nature 2018 — reported only, used by no law",
        RoomTemperatureRadiativeLifetimeNs: null);

    /// <summary>CsPbI3: own sizing curve and Bohr radius; room-temperature τ_rad placeholder 25 ns [E].</summary>
    public static MaterialProperties CsPbI3 { get; } = new(
        "CsPbI3", 0, 1, IodideSizing,
        BohrRadiusNm: 6.0, BohrRadiusSource: "PHYSICS.md §6 table [S4]",
        AbsorptionPerVolumeRelativeToBromide: 1.3,
        AugerVolumeCoefficientPsPerNm3: 0.085,
        ReducedMassElectronMasses: 0.114, DielectricConstant: 10.0, KaneEnergyEv: null,
        ElectronicConstantsSource: "not in PHYSICS.md; μ, ε [L] Yang et al. ACS Energy Lett. 2017; no Kane energy given or used",
        RoomTemperatureRadiativeLifetimeNs: 25);

    /// <summary>CsPbCl3: PHYSICS.md gives no constants; bulk gap [L], confinement constants of CsPbBr3 [E].</summary>
    public static MaterialProperties CsPbCl3 { get; } = new(
        "CsPbCl3", 1, 0,
        new SizingCurveConstants(3.03, BromideSizing.QuadraticPerEvPerNm2, BromideSizing.LinearPerEvPerNm,
            "E∞ 3.03 eV [L] (bulk exciton PL ≈ 409 nm); a, b of CsPbBr3 [E] — no sizing data in the seeds"),
        BohrRadiusNm: 2.5, BohrRadiusSource: "[L] Bohr diameter ≈ 5 nm (Protesescu et al. Nano Lett. 2015)",
        AbsorptionPerVolumeRelativeToBromide: 1.0,
        AugerVolumeCoefficientPsPerNm3: 0.06,
        ReducedMassElectronMasses: 0.202, DielectricConstant: 6.56, KaneEnergyEv: null,
        ElectronicConstantsSource: "not in PHYSICS.md; μ, ε [L] Yang et al. ACS Energy Lett. 2017; no Kane energy given or used",
        RoomTemperatureRadiativeLifetimeNs: null);

    /// <summary>FAPbBr3: PHYSICS.md recommends no sizing fit (non-monotonic data); the fit here is this project's [C].</summary>
    public static MaterialProperties FAPbBr3 { get; } = new(
        "FAPbBr3", 0, 0,
        new SizingCurveConstants(2.30, 0.10, 0.75,
            "[C] this project: least squares to S4 Table 1 FAPbBr3 range midpoints with E∞ held at 2.30 eV [L] " +
            "(RMS 3.6 nm, max 6.6 nm in wavelength); PHYSICS.md §6 recommends no fit — indicative only"),
        BohrRadiusNm: 4.0, BohrRadiusSource: "[L] Bohr diameter ≈ 8 nm (Protesescu et al. ACS Nano 2016)",
        AbsorptionPerVolumeRelativeToBromide: 1.0,
        AugerVolumeCoefficientPsPerNm3: 0.06,
        ReducedMassElectronMasses: 0.115, DielectricConstant: null, KaneEnergyEv: null,
        ElectronicConstantsSource: "not in PHYSICS.md; μ [L] Galkowski et al. Energy Environ. Sci. 2016; ε and E_P not given or used",
        RoomTemperatureRadiativeLifetimeNs: null);

    /// <summary>Names accepted by <see cref="Get"/> (mixed halides also take ":x").</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["CsPbBr3", "CsPbI3", "CsPbCl3", "CsPb(Br/Cl)3[:x]", "CsPb(Br/I)3[:x]", "FAPbBr3"];

    /// <summary>Looks a material up by name (case-insensitive); unknown names and bad fractions throw
    /// <see cref="UserInputException"/> naming the key.</summary>
    public static MaterialProperties Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var trimmed = name.Trim();
        var (baseName, fraction) = SplitFraction(trimmed);
        return baseName.ToUpperInvariant() switch
        {
            "CSPBBR3" when fraction is null => CsPbBr3,
            "CSPBI3" when fraction is null => CsPbI3,
            "CSPBCL3" when fraction is null => CsPbCl3,
            "FAPBBR3" when fraction is null => FAPbBr3,
            "CSPB(BR/CL)3" => BromideChloride(fraction ?? Seed003ChlorideFraction),
            "CSPB(BR/I)3" => BromideIodide(fraction ?? DefaultIodideFraction),
            _ => throw new UserInputException(
                $"{MaterialKey}: '{name}' is unknown (expected one of {string.Join(", ", Names)}; x = halide fraction 0..1)"),
        };
    }

    /// <summary>
    /// CsPb(Br₁₋ₓClₓ)₃. E∞ linear in x between CsPbBr3 and CsPbCl3 (Vegard's law, bowing neglected [E]); confinement
    /// constants of CsPbBr3 [E]; a_B piecewise linear through 3.5 nm (x = 0), 3.11 nm (x = 0.25, PHYSICS.md §6 [C]) and
    /// 2.5 nm (x = 1 [L]).
    /// </summary>
    public static MaterialProperties BromideChloride(double chlorideFraction)
    {
        ValidateFraction(chlorideFraction);
        double x = chlorideFraction;
        double bohrRadiusNm = x <= Seed003ChlorideFraction
            ? Lerp(CsPbBr3.BohrRadiusNm, 3.11, x / Seed003ChlorideFraction)
            : Lerp(3.11, CsPbCl3.BohrRadiusNm, (x - Seed003ChlorideFraction) / (1 - Seed003ChlorideFraction));
        return new MaterialProperties(
            $"CsPb(Br/Cl)3:{x.ToString("0.###", CultureInfo.InvariantCulture)}", x, 0,
            new SizingCurveConstants(Lerp(BromideSizing.BulkLimitEv, CsPbCl3.Sizing.BulkLimitEv, x),
                BromideSizing.QuadraticPerEvPerNm2, BromideSizing.LinearPerEvPerNm,
                "E∞ Vegard interpolation CsPbBr3–CsPbCl3 [E]; a, b of CsPbBr3 [E]"),
            bohrRadiusNm, "PHYSICS.md §6 table: 3.11 nm at seed 003's composition [C]; interpolated in x [E]",
            AbsorptionPerVolumeRelativeToBromide: 1.0,
            AugerVolumeCoefficientPsPerNm3: CsPbBr3.AugerVolumeCoefficientPsPerNm3,
            ReducedMassElectronMasses: Lerp(0.126, 0.202, x), DielectricConstant: Lerp(7.3, 6.56, x), KaneEnergyEv: null,
            ElectronicConstantsSource: "μ, ε interpolated between the [L] end members (reported only, used by no law)",
            RoomTemperatureRadiativeLifetimeNs: null);
    }

    /// <summary>
    /// CsPb(Br₁₋ₓIₓ)₃: E∞, a, b, a_B, σ/V and γ linear in x between CsPbBr3 and CsPbI3 [E] (PHYSICS.md gives no mixed
    /// Br/I constants).
    /// </summary>
    public static MaterialProperties BromideIodide(double iodideFraction)
    {
        ValidateFraction(iodideFraction);
        double x = iodideFraction;
        return new MaterialProperties(
            $"CsPb(Br/I)3:{x.ToString("0.###", CultureInfo.InvariantCulture)}", 0, x,
            new SizingCurveConstants(Lerp(BromideSizing.BulkLimitEv, IodideSizing.BulkLimitEv, x),
                Lerp(BromideSizing.QuadraticPerEvPerNm2, IodideSizing.QuadraticPerEvPerNm2, x),
                Lerp(BromideSizing.LinearPerEvPerNm, IodideSizing.LinearPerEvPerNm, x),
                "E∞, a, b interpolated linearly between the CsPbBr3 and CsPbI3 fits [E]"),
            Lerp(CsPbBr3.BohrRadiusNm, CsPbI3.BohrRadiusNm, x), "interpolated between [S3] and [S4] end members [E]",
            AbsorptionPerVolumeRelativeToBromide: Lerp(1.0, CsPbI3.AbsorptionPerVolumeRelativeToBromide, x),
            AugerVolumeCoefficientPsPerNm3: Lerp(CsPbBr3.AugerVolumeCoefficientPsPerNm3, CsPbI3.AugerVolumeCoefficientPsPerNm3, x),
            ReducedMassElectronMasses: Lerp(0.126, 0.114, x), DielectricConstant: Lerp(7.3, 10.0, x), KaneEnergyEv: null,
            ElectronicConstantsSource: "μ, ε interpolated between the [L] end members (reported only, used by no law)",
            RoomTemperatureRadiativeLifetimeNs: null);
    }

    private static (string BaseName, double? Fraction) SplitFraction(string name)
    {
        int colon = name.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (name, null);
        }

        var text = name[(colon + 1)..].Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction))
        {
            throw new UserInputException($"{MaterialKey}: halide fraction '{text}' in '{name}' is not a number (expected 0..1)");
        }

        return (name[..colon].Trim(), fraction);
    }

    private static void ValidateFraction(double fraction)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw UserInputException.OutOfRange($"{MaterialKey} halide fraction", fraction, "(mole fraction)", "0..1");
        }
    }

    private static double Lerp(double at0, double at1, double t) => at0 + (at1 - at0) * t;
}
