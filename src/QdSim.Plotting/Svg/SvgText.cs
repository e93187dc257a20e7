using System.Globalization;
using System.Text;

namespace QdSim.Plotting.Svg;

/// <summary>
/// Invariant-culture number formatting and XML escaping for SVG output. Coordinates are written with at most
/// two decimals (0.01 px is far below what a screen or printer resolves), so the same input always gives the
/// same bytes on every machine and culture.
/// </summary>
public static class SvgText
{
    /// <summary>Formats a pixel coordinate with at most two decimals, invariant culture, no "-0".</summary>
    public static string Px(double value)
    {
        double rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // turns -0 into 0 so equal pictures give equal bytes
        return rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes the five XML special characters for element text and attribute values.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
