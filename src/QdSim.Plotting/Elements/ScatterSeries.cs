namespace QdSim.Plotting.Elements;

/// <summary>Marker shapes for scatter series.</summary>
public enum MarkerShape
{
    /// <summary>Circle.</summary>
    Circle,
    /// <summary>Square.</summary>
    Square,
    /// <summary>Upward triangle.</summary>
    Triangle,
    /// <summary>Diamond.</summary>
    Diamond,
}

/// <summary>Markers at (x, y) with optional symmetric error bars in x and/or y (one standard error each way).</summary>
public sealed class ScatterSeries : PlotElement
{
    /// <summary>Creates markers at the points (x[i], y[i]).</summary>
    public ScatterSeries(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double>? yErrors = null, IReadOnlyList<double>? xErrors = null)
    {
        RequireSameLength(x.Count, y.Count, nameof(y));
        if (yErrors is not null) RequireSameLength(x.Count, yErrors.Count, nameof(yErrors));
        if (xErrors is not null) RequireSameLength(x.Count, xErrors.Count, nameof(xErrors));
        X = x;
        Y = y;
        YErrors = yErrors;
        XErrors = xErrors;
    }

    /// <summary>x values.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>y values.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Half-lengths of the vertical error bars, or null.</summary>
    public IReadOnlyList<double>? YErrors { get; }

    /// <summary>Half-lengths of the horizontal error bars, or null.</summary>
    public IReadOnlyList<double>? XErrors { get; }

    /// <summary>Marker shape.</summary>
    public MarkerShape Shape { get; init; } = MarkerShape.Circle;

    /// <summary>Marker size (diameter) in px.</summary>
    public double SizePx { get; init; } = 5;

    /// <summary>Filled markers when true, hollow otherwise.</summary>
    public bool Filled { get; init; } = true;

    internal override void AddExtent(Extent x, Extent y)
    {
        for (int i = 0; i < X.Count; i++)
        {
            double dx = XErrors?[i] ?? 0, dy = YErrors?[i] ?? 0;
            x.Include(X[i] - dx);
            x.Include(X[i] + dx);
            y.Include(Y[i] - dy);
            y.Include(Y[i] + dy);
            x.Include(X[i]);
            y.Include(Y[i]);
        }
    }

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        const double capPx = 2.5;
        canvas.Open("g", $"class=\"series scatter\" fill=\"{(Filled ? Colour : "#ffffff")}\" stroke=\"{Colour}\"");
        for (int i = 0; i < X.Count; i++)
        {
            double px = x.ToPixel(X[i]), py = y.ToPixel(Y[i]);
            if (!double.IsFinite(px) || !double.IsFinite(py)) continue;
            if (YErrors is { } ye && ye[i] > 0)
            {
                double low = PixelOrBase(y, Y[i] - ye[i]), high = y.ToPixel(Y[i] + ye[i]);
                canvas.Line(px, low, px, high, Colour, 0.8);
                canvas.Line(px - capPx, low, px + capPx, low, Colour, 0.8);
                canvas.Line(px - capPx, high, px + capPx, high, Colour, 0.8);
            }
            if (XErrors is { } xe && xe[i] > 0)
            {
                double low = PixelOrBase(x, X[i] - xe[i]), high = x.ToPixel(X[i] + xe[i]);
                canvas.Line(low, py, high, py, Colour, 0.8);
                canvas.Line(low, py - capPx, low, py + capPx, Colour, 0.8);
                canvas.Line(high, py - capPx, high, py + capPx, Colour, 0.8);
            }
            Marker(canvas, px, py);
        }
        canvas.Close("g");
    }

    internal override void RenderLegendSymbol(SvgCanvas canvas, double x, double y)
    {
        canvas.Open("g", $"fill=\"{(Filled ? Colour : "#ffffff")}\" stroke=\"{Colour}\"");
        Marker(canvas, x + 10, y);
        canvas.Close("g");
    }

    private void Marker(SvgCanvas canvas, double px, double py)
    {
        double r = SizePx / 2;
        string fill = Filled ? Colour : "#ffffff";
        switch (Shape)
        {
            case MarkerShape.Circle:
                canvas.Circle(px, py, r, fill, Colour, 0.8);
                break;
            case MarkerShape.Square:
                canvas.Rect(px - r, py - r, 2 * r, 2 * r, fill, Colour, 0.8);
                break;
            case MarkerShape.Triangle:
                canvas.Path(Polyline([(px, py - 1.2 * r), (px + 1.1 * r, py + 0.8 * r), (px - 1.1 * r, py + 0.8 * r)]) + "Z", Colour, 0.8, fill);
                break;
            default:
                canvas.Path(Polyline([(px, py - 1.3 * r), (px + 1.3 * r, py), (px, py + 1.3 * r), (px - 1.3 * r, py)]) + "Z", Colour, 0.8, fill);
                break;
        }
    }
}
