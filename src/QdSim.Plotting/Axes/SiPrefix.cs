using System.Globalization;

namespace QdSim.Plotting.Axes;

/// <summary>
/// SI prefixes for display: figure builders receive values in base units (s, Hz, W) and pick the prefix that
/// keeps the numbers on an axis between 1 and 1000 (e.g. delays in s shown in ns).
/// </summary>
public static class SiPrefix
{
    private static readonly (string Prefix, int Exponent)[] Prefixes =
        [("f", -15), ("p", -12), ("n", -9), ("µ", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12)];

    /// <summary>The prefix and the factor to multiply base-unit values by, chosen so |<paramref name="typicalValue"/>| × factor lies in [1, 1000).</summary>
    public static (string Prefix, double Factor) For(double typicalValue)
    {
        double magnitude = Math.Abs(typicalValue);
        if (!(magnitude > 0) || !double.IsFinite(magnitude)) return ("", 1);
        int exponent = (int)Math.Floor(Math.Log10(magnitude) / 3 + 1e-9) * 3;
        exponent = Math.Clamp(exponent, Prefixes[0].Exponent, Prefixes[^1].Exponent);
        var chosen = Prefixes.First(p => p.Exponent == exponent);
        return (chosen.Prefix, TickGenerator.Pow10(-exponent));
    }

    /// <summary>Formats a value in base units with a prefix, e.g. (3.2e-9, "s") → "3.2 ns".</summary>
    public static string Format(double value, string unit, int significantDigits = 3)
    {
        var (prefix, factor) = For(value);
        double scaled = value * factor;
        int decimals = scaled == 0 ? 0 : Math.Max(0, significantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(scaled)) + 1e-9));
        string number = TickFormatter.Number(scaled, decimals);
        return unit.Length == 0 && prefix.Length == 0 ? number : $"{number} {prefix}{unit}";
    }

    /// <summary>Formats a plain number with the given significant digits (invariant culture, real minus sign).</summary>
    public static string Significant(double value, int significantDigits = 3)
    {
        if (value == 0 || !double.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        int decimals = Math.Max(0, significantDigits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value)) + 1e-9));
        return TickFormatter.Number(value, decimals);
    }
}
