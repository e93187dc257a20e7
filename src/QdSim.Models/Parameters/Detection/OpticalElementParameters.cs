namespace QdSim.Models.Parameters.Detection;

/// <summary>Kind of an element of the optical path that acts on one beam (filters and polarisers).</summary>
public enum OpticalElementKind
{
    /// <summary>Transmits wavelengths above <see cref="OpticalElementParameters.EdgeNm"/>.</summary>
    LongPass,
    /// <summary>Transmits wavelengths below <see cref="OpticalElementParameters.EdgeNm"/>.</summary>
    ShortPass,
    /// <summary>Transmits the band <see cref="OpticalElementParameters.CentreNm"/> ± <see cref="OpticalElementParameters.WidthNm"/>/2.</summary>
    BandPass,
    /// <summary>Blocks the band <see cref="OpticalElementParameters.CentreNm"/> ± <see cref="OpticalElementParameters.WidthNm"/>/2.</summary>
    Notch,
    /// <summary>Linear polariser (Malus law) with transmission axis <see cref="OpticalElementParameters.AngleDeg"/>.</summary>
    Polariser,
}

/// <summary>
/// One element on a beam: a spectral filter with finite edges or a linear polariser. A flat record (one kind field
/// plus the fields that kind reads) so that it binds directly from JSON configuration.
/// </summary>
/// <remarks>
/// Filter edges are logistic in wavelength: T(λ) = T_block + (T_pass − T_block) / (1 + exp(−(λ − λ_edge)/s)) for a
/// long-pass, with s = <see cref="EdgeWidthNm"/> / (2 ln 9) so that EdgeWidthNm is the 10%–90% width; the
/// transmission at the edge is exactly halfway. EdgeWidthNm = 0 is a step (half at the edge itself).
/// Band-pass = long-pass at centre − width/2 times short-pass at centre + width/2; notch = 1 minus that band.
/// A polariser is a linear diattenuator with principal transmission <see cref="PassTransmission"/> and
/// minimum transmission PassTransmission / <see cref="ExtinctionRatio"/>.
/// </remarks>
public sealed record OpticalElementParameters
{
    public OpticalElementKind Kind { get; init; }

    /// <summary>Edge wavelength of a long-pass or short-pass filter, nm.</summary>
    public double EdgeNm { get; init; }

    /// <summary>Centre wavelength of a band-pass or notch filter, nm.</summary>
    public double CentreNm { get; init; }

    /// <summary>Full width of a band-pass or notch filter between its half-transmission points, nm.</summary>
    public double WidthNm { get; init; }

    /// <summary>10%–90% width of each filter edge, nm (0 = sharp step).</summary>
    public double EdgeWidthNm { get; init; } = 2.0;

    /// <summary>Transmission (0–1) in the pass band; for a polariser along its axis.</summary>
    public double PassTransmission { get; init; } = 0.95;

    /// <summary>Transmission (0–1) in the blocked band (optical density 6 → 1e-6).</summary>
    public double BlockTransmission { get; init; } = 1e-6;

    /// <summary>Polariser transmission axis in the sample plane, degrees from the lab x axis.</summary>
    public double AngleDeg { get; init; }

    /// <summary>Polariser extinction ratio T_max/T_min (≥ 1), e.g. 1e5 for a Glan–Thompson prism.</summary>
    public double ExtinctionRatio { get; init; } = 1e5;

    /// <summary>Throws <see cref="UserInputException"/> naming the key when a value is out of range.</summary>
    public void Validate(string key)
    {
        if (!Enum.IsDefined(Kind)) throw Check.Invalid($"{key}:Kind", $"unknown element kind '{Kind}' (LongPass, ShortPass, BandPass, Notch, Polariser)");
        Check.Fraction($"{key}:PassTransmission", PassTransmission);
        switch (Kind)
        {
            case OpticalElementKind.LongPass:
            case OpticalElementKind.ShortPass:
                Check.Positive($"{key}:EdgeNm", EdgeNm, "nm");
                break;
            case OpticalElementKind.BandPass:
            case OpticalElementKind.Notch:
                Check.Positive($"{key}:CentreNm", CentreNm, "nm");
                Check.Positive($"{key}:WidthNm", WidthNm, "nm");
                break;
            case OpticalElementKind.Polariser:
                Check.Finite($"{key}:AngleDeg", AngleDeg, "deg");
                Check.AtLeast($"{key}:ExtinctionRatio", ExtinctionRatio, 1, "(ratio)");
                return;
        }
        Check.Fraction($"{key}:BlockTransmission", BlockTransmission);
        Check.NonNegative($"{key}:EdgeWidthNm", EdgeWidthNm, "nm");
    }
}
