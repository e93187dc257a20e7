namespace QdSim.Models;

/// <summary>
/// Size dependence of the biexciton and trion binding energies and of the bright-triplet fine-structure splitting
/// (PHYSICS.md §6 "Energies"). Sign convention here: a positive binding energy is a bound complex whose line lies
/// that far below the exciton line (PHYSICS.md writes the same laws as line shifts, −16.5 − 1370/L² meV; the biexciton
/// offset here is re-anchored to seed 003's measurement, see <see cref="BiexcitonBindingMeV"/>).
/// </summary>
public static class Energies
{
    /// <summary>Smallest edge for which the [L] binding-energy laws were given (4 K, L ≳ 7 nm); below it the value
    /// at 7 nm is held [E] — seed 004 even reports a repulsive biexciton near 4 nm in PEABr, not modelled.</summary>
    public const double BindingLawMinEdgeNm = 7;

    /// <summary>Size coefficient of the biexciton binding, meV nm² [L] (PHYSICS.md §6).</summary>
    public const double BiexcitonBindingSizeCoefficientMeVNm2 = 1370;

    /// <summary>
    /// Large-dot limit of the biexciton binding, meV [C]: PHYSICS.md's [L] law has 16.5 meV, which gives 18.0 meV at 30 nm
    /// where seed 003 measured 14 meV (Fig. 5, Extended Data Fig. 7b). The measurement [S3] outranks a recalled law [L];
    /// at 30 nm the size term is only 1.5 meV, so the measured point fixes the offset: 14 − 1370/30² = 12.5 meV.
    /// </summary>
    public const double BiexcitonBindingBulkMeV = 12.5;

    /// <summary>Biexciton binding 12.5 + 1370/L² meV (offset [C] from seed 003's 14 meV at 30 nm, size term [L]).</summary>
    public static double BiexcitonBindingMeV(double edgeNm)
    {
        double l = Math.Max(edgeNm, BindingLawMinEdgeNm);
        return BiexcitonBindingBulkMeV + BiexcitonBindingSizeCoefficientMeVNm2 / (l * l);
    }

    /// <summary>Trion binding 10 + 780/L² meV [L].</summary>
    public static double TrionBindingMeV(double edgeNm)
    {
        double l = Math.Max(edgeNm, BindingLawMinEdgeNm);
        return 10 + 780 / (l * l);
    }

    /// <summary>Bright-triplet fine-structure splitting 1.0 + 256/L³ meV [E] (1.06 meV at 30 nm [S3]); ±50% per dot.</summary>
    public static double BrightFineStructureSplittingMeV(double edgeNm) => 1.0 + 256 / (edgeNm * edgeNm * edgeNm);

    /// <summary>Relative dot-to-dot spread of the fine-structure splitting (±50% [E]).</summary>
    public const double FineStructureRelativeSpread = 0.5;
}
