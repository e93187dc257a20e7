using System.Globalization;

namespace QdSim.Plotting.Colour;

/// <summary>
/// A sequential colour map computed in the OKLab colour space (B. Ottosson, "A perceptual color space for image
/// processing", 2020): lightness rises linearly with the value, so equal value steps look like equal colour
/// steps, and the hue sweeps from violet through teal to yellow as in viridis (van der Walt &amp; Smith, 2015).
/// Nothing is copied from a table: each colour is computed from the parameters and pulled into the sRGB gamut by
/// lowering its chroma only, which keeps the lightness ramp exact. Looked up through a 256-entry table.
/// </summary>
public sealed class ColourMap
{
    private readonly string[] _table = new string[256];

    /// <summary>Builds a map from its OKLab path.</summary>
    /// <param name="lightnessStart">OKLab lightness at 0 (0..1).</param>
    /// <param name="lightnessEnd">OKLab lightness at 1.</param>
    /// <param name="hueStartDeg">OKLab hue angle at 0, degrees.</param>
    /// <param name="hueEndDeg">OKLab hue angle at 1, degrees.</param>
    /// <param name="hueBendDeg">Extra hue offset −bend·sin(πt) that bends the path through the middle.</param>
    /// <param name="chroma">Chroma as c0 + c1·t + c2·t² (before gamut clipping).</param>
    public ColourMap(double lightnessStart, double lightnessEnd, double hueStartDeg, double hueEndDeg, double hueBendDeg, (double C0, double C1, double C2) chroma)
    {
        for (int i = 0; i < _table.Length; i++)
        {
            double t = i / 255.0;
            double lightness = lightnessStart + (lightnessEnd - lightnessStart) * t;
            double hueRad = (hueStartDeg + (hueEndDeg - hueStartDeg) * t - hueBendDeg * Math.Sin(Math.PI * t)) * Math.PI / 180;
            double c = Math.Max(0, chroma.C0 + chroma.C1 * t + chroma.C2 * t * t);
            _table[i] = ToHex(InGamut(lightness, c, hueRad));
        }
    }

    /// <summary>
    /// Viridis-like map: lightness 0.285 → 0.918, hue 318° → 102°. Endpoints chosen to match the OKLab lightness
    /// and hue of viridis' end colours; the path between them is computed.
    /// </summary>
    public static ColourMap Viridis { get; } = new(0.285, 0.918, 318, 102, 20, (0.137, -0.217, 0.266));

    /// <summary>Grey ramp from near-black to near-white, linear in OKLab lightness.</summary>
    public static ColourMap Greys { get; } = new(0.2, 0.97, 0, 0, 0, (0, 0, 0));

    /// <summary>Colour for a fraction in [0, 1] (values outside are clamped) as "#rrggbb".</summary>
    public string At(double fraction)
    {
        double clamped = double.IsNaN(fraction) ? 0 : Math.Clamp(fraction, 0, 1);
        return _table[(int)Math.Round(clamped * 255)];
    }

    /// <summary>OKLab lightness of an "#rrggbb" colour (used to check that the ramp is monotonic).</summary>
    public static double Lightness(string hex)
    {
        double r = ToLinear(int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber) / 255.0);
        double g = ToLinear(int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber) / 255.0);
        double b = ToLinear(int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber) / 255.0);
        double l = Math.Cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
        double m = Math.Cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
        double s = Math.Cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
        return 0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s;
    }

    /// <summary>Largest chroma ≤ <paramref name="chroma"/> whose colour lies inside sRGB (bisection).</summary>
    private static (double R, double G, double B) InGamut(double lightness, double chroma, double hueRad)
    {
        var rgb = FromOkLab(lightness, chroma * Math.Cos(hueRad), chroma * Math.Sin(hueRad));
        if (Inside(rgb)) return rgb;
        double low = 0, high = chroma;
        for (int i = 0; i < 30; i++)
        {
            double mid = 0.5 * (low + high);
            if (Inside(FromOkLab(lightness, mid * Math.Cos(hueRad), mid * Math.Sin(hueRad)))) low = mid; else high = mid;
        }
        return FromOkLab(lightness, low * Math.Cos(hueRad), low * Math.Sin(hueRad));
    }

    private static bool Inside((double R, double G, double B) c) => c.R is >= 0 and <= 1 && c.G is >= 0 and <= 1 && c.B is >= 0 and <= 1;

    /// <summary>OKLab → linear sRGB (Ottosson's published matrices).</summary>
    private static (double R, double G, double B) FromOkLab(double lightness, double a, double b)
    {
        double l = Math.Pow(lightness + 0.3963377774 * a + 0.2158037573 * b, 3);
        double m = Math.Pow(lightness - 0.1055613458 * a - 0.0638541728 * b, 3);
        double s = Math.Pow(lightness - 0.0894841775 * a - 1.2914855480 * b, 3);
        return (4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
                -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
                -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s);
    }

    private static double ToLinear(double c) => c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);

    private static double ToGamma(double c) => c <= 0.0031308 ? 12.92 * c : 1.055 * Math.Pow(c, 1 / 2.4) - 0.055;

    private static string ToHex((double R, double G, double B) linear)
    {
        static int Byte(double c) => (int)Math.Round(Math.Clamp(ToGamma(Math.Clamp(c, 0, 1)), 0, 1) * 255);
        return string.Create(CultureInfo.InvariantCulture, $"#{Byte(linear.R):x2}{Byte(linear.G):x2}{Byte(linear.B):x2}");
    }
}
