using System.Text;

namespace QdSim.Plotting.Elements;

/// <summary>Direction of a reference line, span or histogram.</summary>
public enum Orientation
{
    /// <summary>Horizontal: a line at constant y; a span of y values; histogram bars growing along x.</summary>
    Horizontal,
    /// <summary>Vertical: a line at constant x; a span of x values; histogram bars growing along y.</summary>
    Vertical,
}

/// <summary>Collects the data range an element needs on one axis, ignoring values the scale cannot show.</summary>
public sealed class Extent(ScaleKind scale)
{
    /// <summary>Smallest included value (+∞ when none).</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Largest included value (−∞ when none).</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>True once a drawable value was included.</summary>
    public bool IsEmpty => Min > Max;

    /// <summary>Includes one value (NaN, infinities and, on log scales, values ≤ 0 are ignored).</summary>
    public void Include(double value)
    {
        if (!double.IsFinite(value) || (scale == ScaleKind.Log && value <= 0)) return;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>Includes every value of a sequence.</summary>
    public void Include(IEnumerable<double> values)
    {
        foreach (double v in values) Include(v);
    }
}

/// <summary>
/// Something drawn inside a panel's plot area in data coordinates. Elements hold plain arrays in the axis' units;
/// the panel resolves the axes from all elements' extents and then asks each element to draw itself.
/// </summary>
public abstract class PlotElement
{
    /// <summary>Legend text; null keeps the element out of the legend.</summary>
    public string? Label { get; init; }

    /// <summary>Stroke or fill colour ("#rrggbb").</summary>
    public string Colour { get; init; } = QdSim.Plotting.Colour.Palette.Blue;

    /// <summary>Adds the values this element needs visible to the x and y extents.</summary>
    internal virtual void AddExtent(Extent x, Extent y)
    {
    }

    /// <summary>Draws the element (the canvas is already clipped to the plot area).</summary>
    internal abstract void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y);

    /// <summary>Draws the legend symbol in a box of 20 × 10 px whose left-centre is (x, y).</summary>
    internal virtual void RenderLegendSymbol(SvgCanvas canvas, double x, double y) =>
        canvas.Rect(x, y - 5, 20, 10, Colour, fillOpacity: 0.5);

    /// <summary>Builds an SVG path through pixel points, starting a new sub-path after every undrawable point.</summary>
    internal static string Polyline(IEnumerable<(double X, double Y)> pixels)
    {
        var d = new StringBuilder();
        bool penDown = false;
        foreach (var (px, py) in pixels)
        {
            if (!double.IsFinite(px) || !double.IsFinite(py))
            {
                penDown = false;
                continue;
            }
            d.Append(penDown ? 'L' : 'M').Append(SvgText.Px(px)).Append(' ').Append(SvgText.Px(py));
            penDown = true;
        }
        return d.ToString();
    }

    /// <summary>Pixel of a value, or of the axis' lower end when the value cannot be drawn (zero on a log axis).</summary>
    internal static double PixelOrBase(AxisMapping axis, double value)
    {
        double p = axis.ToPixel(value);
        return double.IsFinite(p) ? p : axis.PixelAtMin;
    }

    /// <summary>Throws when two arrays that pair up have different lengths.</summary>
    internal static void RequireSameLength(int expected, int actual, string name)
    {
        if (expected != actual) throw new ArgumentException($"{name} has {actual} values but {expected} were expected", name);
    }
}
