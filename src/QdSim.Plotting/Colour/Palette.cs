namespace QdSim.Plotting.Colour;

/// <summary>
/// Qualitative colours for series, distinguishable with the common colour-vision deficiencies
/// (Okabe &amp; Ito, "Color Universal Design", 2008), ordered so the first two contrast most.
/// </summary>
public static class Palette
{
    private static readonly string[] Colours = ["#0072b2", "#d55e00", "#009e73", "#e69f00", "#56b4e9", "#cc79a7", "#000000", "#f0e442"];

    /// <summary>Blue, the default data colour.</summary>
    public static string Blue => Colours[0];

    /// <summary>Vermillion, the default fit / model colour.</summary>
    public static string Vermillion => Colours[1];

    /// <summary>Bluish green.</summary>
    public static string Green => Colours[2];

    /// <summary>Orange.</summary>
    public static string Orange => Colours[3];

    /// <summary>Grey for instrument response, guides and reference items.</summary>
    public static string Grey => "#7f7f7f";

    /// <summary>Colour number <paramref name="index"/>, cycling.</summary>
    public static string At(int index) => Colours[((index % Colours.Length) + Colours.Length) % Colours.Length];
}
