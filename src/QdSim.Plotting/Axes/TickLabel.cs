using System.Globalization;

namespace QdSim.Plotting.Axes;

/// <summary>A tick label: plain text, optionally followed by a superscript exponent ("2×10" + "⁵").</summary>
/// <param name="Text">Main text, e.g. "0.5", "10" or "2×10".</param>
/// <param name="Superscript">Exponent drawn raised and smaller, or null.</param>
public readonly record struct TickLabel(string Text, string? Superscript)
{
    /// <summary>Number of characters, for layout estimates.</summary>
    public int Length => Text.Length + (Superscript?.Length ?? 0);

    /// <summary>Plain-text form, e.g. "2×10^5".</summary>
    public override string ToString() => Superscript is null ? Text : $"{Text}^{Superscript}";
}

/// <summary>
/// Formats tick values: fixed decimals matching the tick step for ordinary magnitudes, m×10ⁿ outside
/// [10⁻³, 10⁵), 10ⁿ for decades on log axes. Uses the typographic minus sign (U+2212).
/// </summary>
public static class TickFormatter
{
    private const string Minus = "\u2212";

    /// <summary>Formats the major ticks of a linear axis consistently (same decimals / exponent for all).</summary>
    public static IReadOnlyList<TickLabel> Linear(IReadOnlyList<double> ticks, double step)
    {
        double maxAbs = ticks.Count == 0 ? 0 : ticks.Max(Math.Abs);
        bool scientific = maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3);
        if (!scientific)
        {
            int decimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step) + 1e-9));
            return ticks.Select(v => new TickLabel(Number(v, decimals), null)).ToList();
        }
        int exponent = (int)Math.Floor(Math.Log10(maxAbs) + 1e-9);
        double scale = TickGenerator.Pow10(exponent);
        int mantissaDecimals = Math.Max(0, -(int)Math.Floor(Math.Log10(step / scale) + 1e-9));
        return ticks.Select(v => v == 0
            ? new TickLabel("0", null)
            : new TickLabel(Number(v / scale, mantissaDecimals) + "×10", Integer(exponent))).ToList();
    }

    /// <summary>Formats one tick of a log axis: 10ⁿ for decades, otherwise a plain or m×10ⁿ number.</summary>
    public static TickLabel Log(double value)
    {
        int exponent = (int)Math.Floor(Math.Log10(value) + 1e-9);
        double mantissa = value / TickGenerator.Pow10(exponent);
        if (Math.Abs(mantissa - 1) < 1e-9) return new TickLabel("10", Integer(exponent));
        if (exponent is >= -3 and < 5) return new TickLabel(Number(value, Math.Max(0, -exponent)), null);
        return new TickLabel(Number(mantissa, 0) + "×10", Integer(exponent));
    }

    /// <summary>Invariant fixed-point number with a real minus sign; "-0" never appears.</summary>
    public static string Number(double value, int decimals)
    {
        double rounded = Math.Round(value, Math.Clamp(decimals, 0, 15), MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        string text = rounded.ToString("F" + Math.Clamp(decimals, 0, 15), CultureInfo.InvariantCulture);
        return text.StartsWith('-') ? Minus + text[1..] : text;
    }

    private static string Integer(int value) => value < 0 ? Minus + (-value).ToString(CultureInfo.InvariantCulture) : value.ToString(CultureInfo.InvariantCulture);
}
