namespace QdSim.Plotting.Elements;

/// <summary>A line across the whole plot area at a constant value (threshold, expected value, zero delay).</summary>
public sealed class ReferenceLine : PlotElement
{
    /// <summary>Creates a horizontal line at y = value or a vertical line at x = value.</summary>
    public ReferenceLine(Orientation orientation, double value)
    {
        Orientation = orientation;
        Value = value;
        Colour = QdSim.Plotting.Colour.Palette.Grey;
    }

    /// <summary>Horizontal (constant y) or vertical (constant x).</summary>
    public Orientation Orientation { get; }

    /// <summary>Position in data units of the perpendicular axis.</summary>
    public double Value { get; }

    /// <summary>Stroke pattern.</summary>
    public LineStyle Style { get; init; } = LineStyle.Dashed;

    /// <summary>Line width in px.</summary>
    public double WidthPx { get; init; } = 1;

    /// <summary>Text written along the line near its end (not the legend), or null.</summary>
    public string? Annotation { get; init; }

    internal override void AddExtent(Extent x, Extent y) => (Orientation == Orientation.Horizontal ? y : x).Include(Value);

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        if (Orientation == Orientation.Horizontal)
        {
            double py = y.ToPixel(Value);
            if (!double.IsFinite(py)) return;
            canvas.Line(x.PixelAtMin, py, x.PixelAtMax, py, Colour, WidthPx, Style, "reference");
            if (Annotation is not null) canvas.Text(x.PixelAtMax - 3, py - 3, Annotation, 9, TextAnchor.End, fill: Colour, halo: true);
        }
        else
        {
            double px = x.ToPixel(Value);
            if (!double.IsFinite(px)) return;
            canvas.Line(px, y.PixelAtMin, px, y.PixelAtMax, Colour, WidthPx, Style, "reference");
            if (Annotation is not null) canvas.Text(px + 3, y.PixelAtMax + 10, Annotation, 9, fill: Colour, halo: true);
        }
    }

    internal override void RenderLegendSymbol(SvgCanvas canvas, double x, double y) => canvas.Line(x, y, x + 20, y, Colour, 1.5, Style);
}

/// <summary>A shaded band between two values across the plot area (zoom window, g2 peak window, fit range).</summary>
public sealed class Span : PlotElement
{
    /// <summary>Creates a span of x values (<see cref="Orientation.Vertical"/>) or y values (<see cref="Orientation.Horizontal"/>).</summary>
    public Span(Orientation orientation, double from, double to)
    {
        Orientation = orientation;
        From = Math.Min(from, to);
        To = Math.Max(from, to);
        Colour = QdSim.Plotting.Colour.Palette.Grey;
    }

    /// <summary>Vertical band (range of x) or horizontal band (range of y).</summary>
    public Orientation Orientation { get; }

    /// <summary>Lower end in data units.</summary>
    public double From { get; }

    /// <summary>Upper end in data units.</summary>
    public double To { get; }

    /// <summary>Fill opacity.</summary>
    public double Opacity { get; init; } = 0.18;

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        if (Orientation == Orientation.Vertical)
        {
            double a = PixelOrBase(x, From), b = x.ToPixel(To);
            canvas.Rect(Math.Min(a, b), y.PixelAtMax, Math.Abs(b - a), y.PixelAtMin - y.PixelAtMax, Colour, fillOpacity: Opacity, cssClass: "span");
        }
        else
        {
            double a = PixelOrBase(y, From), b = y.ToPixel(To);
            canvas.Rect(x.PixelAtMin, Math.Min(a, b), x.PixelAtMax - x.PixelAtMin, Math.Abs(b - a), Colour, fillOpacity: Opacity, cssClass: "span");
        }
    }

    internal override void RenderLegendSymbol(SvgCanvas canvas, double x, double y) => canvas.Rect(x, y - 5, 20, 10, Colour, fillOpacity: Math.Max(Opacity, 0.3));
}

/// <summary>A shaded region between a lower and an upper curve over x (tolerance band, confidence band).</summary>
public sealed class Band : PlotElement
{
    /// <summary>Creates the region lower[i] ≤ y ≤ upper[i] over x[i].</summary>
    public Band(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper)
    {
        RequireSameLength(x.Count, lower.Count, nameof(lower));
        RequireSameLength(x.Count, upper.Count, nameof(upper));
        X = x;
        Lower = lower;
        Upper = upper;
    }

    /// <summary>x values.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Lower edge.</summary>
    public IReadOnlyList<double> Lower { get; }

    /// <summary>Upper edge.</summary>
    public IReadOnlyList<double> Upper { get; }

    /// <summary>Fill opacity.</summary>
    public double Opacity { get; init; } = 0.2;

    internal override void AddExtent(Extent x, Extent y)
    {
        x.Include(X);
        y.Include(Lower);
        y.Include(Upper);
    }

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        var upper = Enumerable.Range(0, X.Count).Select(i => (x.ToPixel(X[i]), PixelOrBase(y, Upper[i])));
        var lower = Enumerable.Range(0, X.Count).Reverse().Select(i => (x.ToPixel(X[i]), PixelOrBase(y, Lower[i])));
        canvas.Path(Polyline(upper.Concat(lower)) + "Z", null, 0, Colour, Opacity, cssClass: "band");
    }

    internal override void RenderLegendSymbol(SvgCanvas canvas, double x, double y) => canvas.Rect(x, y - 5, 20, 10, Colour, fillOpacity: Math.Max(Opacity, 0.3));
}
