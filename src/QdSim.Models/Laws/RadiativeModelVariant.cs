namespace QdSim.Models;

/// <summary>
/// The three Δ_BD constant sets of PHYSICS.md §6. The default reproduces the room-temperature maximum of k_rad at
/// 4.5 nm but needs Δ_BD(3.6 nm) ≈ 87 meV, above the 32 meV measured for 2-monolayer platelets [L]; the others
/// trade that tension for a maximum at a smaller size.
/// </summary>
public enum RadiativeModelVariant
{
    /// <summary>C_BD = 3984 meV nm³, g_D = 366, p_D = 2.19 (maximum at 4.49 nm) [C].</summary>
    BrightDark3984 = 0,

    /// <summary>C_BD = 2500 meV nm³, g_D = 283, p_D = 2.06 (maximum at 4.0 nm) [C].</summary>
    BrightDark2500 = 1,

    /// <summary>C_BD = 1400 meV nm³, g_D = 278, p_D = 2.18 (maximum at 3.4 nm) [C].</summary>
    BrightDark1400 = 2,
}

/// <summary>Lookup of a <see cref="RadiativeModelVariant"/> by its C_BD constant, as the CLI and configuration give it.</summary>
public static class RadiativeModelVariants
{
    /// <summary>3984, 2500 or 1400 (meV nm³) → variant; anything else throws <see cref="UserInputException"/>.</summary>
    public static RadiativeModelVariant FromBrightDarkConstant(double constantMeVNm3) => constantMeVNm3 switch
    {
        3984 => RadiativeModelVariant.BrightDark3984,
        2500 => RadiativeModelVariant.BrightDark2500,
        1400 => RadiativeModelVariant.BrightDark1400,
        _ => throw UserInputException.OutOfRange("delta-bd-constant", constantMeVNm3, "meV nm^3", "3984, 2500 or 1400 (PHYSICS.md §6)"),
    };
}
