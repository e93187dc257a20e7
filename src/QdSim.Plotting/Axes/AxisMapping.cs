namespace QdSim.Plotting.Axes;

/// <summary>
/// Maps data values of one resolved axis to pixels. The ends are exact: <see cref="ToPixel"/>(Min) returns
/// <see cref="PixelAtMin"/> and <see cref="ToPixel"/>(Max) returns <see cref="PixelAtMax"/> bit for bit (the
/// interpolation is written as (1−f)·a + f·b, which is exact at f = 0 and f = 1).
/// </summary>
/// <param name="Scale">Linear or log.</param>
/// <param name="Min">Data value at <paramref name="PixelAtMin"/>.</param>
/// <param name="Max">Data value at <paramref name="PixelAtMax"/>.</param>
/// <param name="PixelAtMin">Pixel coordinate of the lower limit (the bottom edge for a y axis).</param>
/// <param name="PixelAtMax">Pixel coordinate of the upper limit.</param>
public readonly record struct AxisMapping(ScaleKind Scale, double Min, double Max, double PixelAtMin, double PixelAtMax)
{
    /// <summary>Position of <paramref name="value"/> as a fraction of the axis (0 at Min, 1 at Max); NaN when not drawable (≤ 0 on log).</summary>
    public double Fraction(double value)
    {
        if (Scale == ScaleKind.Log)
        {
            if (!(value > 0)) return double.NaN;
            return (Math.Log10(value) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min));
        }
        return (value - Min) / (Max - Min);
    }

    /// <summary>Pixel coordinate of a data value.</summary>
    public double ToPixel(double value)
    {
        double f = Fraction(value);
        return (1 - f) * PixelAtMin + f * PixelAtMax;
    }

    /// <summary>Pixel coordinate of a value given as a fraction of the axis.</summary>
    public double FractionToPixel(double fraction) => (1 - fraction) * PixelAtMin + fraction * PixelAtMax;
}
