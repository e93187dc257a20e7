namespace QdSim.Plotting.Elements;

/// <summary>
/// A polyline through (x, y) points; NaN breaks the line. Long series sorted by x (e.g. a 10-min blinking trace
/// of 60 000 bins) are reduced per pixel column to first/min/max/last, which draws the same envelope with a
/// bounded number of points.
/// </summary>
public sealed class LineSeries : PlotElement
{
    /// <summary>Creates a line through the points (x[i], y[i]).</summary>
    public LineSeries(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        RequireSameLength(x.Count, y.Count, nameof(y));
        X = x;
        Y = y;
    }

    /// <summary>x values in the x axis' unit.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>y values in the y axis' unit.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Line width in px.</summary>
    public double WidthPx { get; init; } = 1.2;

    /// <summary>Stroke pattern.</summary>
    public LineStyle Style { get; init; } = LineStyle.Solid;

    internal override void AddExtent(Extent x, Extent y)
    {
        for (int i = 0; i < X.Count; i++)
        {
            if (!double.IsFinite(X[i]) || !double.IsFinite(Y[i])) continue;
            x.Include(X[i]);
            y.Include(Y[i]);
        }
    }

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y) =>
        canvas.Path(Polyline(Points(x, y)), Colour, WidthPx, style: Style, cssClass: "series line");

    internal override void RenderLegendSymbol(SvgCanvas canvas, double x, double y) =>
        canvas.Line(x, y, x + 20, y, Colour, Math.Max(WidthPx, 1.5), Style);

    private IEnumerable<(double X, double Y)> Points(AxisMapping x, AxisMapping y)
    {
        double widthPx = Math.Abs(x.PixelAtMax - x.PixelAtMin);
        if (X.Count <= 4 * widthPx || !IsSorted()) return Enumerable.Range(0, X.Count).Select(i => (x.ToPixel(X[i]), y.ToPixel(Y[i])));
        return Decimated(x, y);
    }

    private bool IsSorted()
    {
        for (int i = 1; i < X.Count; i++) if (X[i] < X[i - 1]) return false;
        return true;
    }

    /// <summary>Per whole-pixel column: first, min, max and last point, in x order.</summary>
    private IEnumerable<(double X, double Y)> Decimated(AxisMapping x, AxisMapping y)
    {
        int i = 0;
        while (i < X.Count)
        {
            double column = Math.Floor(x.ToPixel(X[i]));
            int start = i, minAt = i, maxAt = i;
            do
            {
                if (Y[i] < Y[minAt]) minAt = i;
                if (Y[i] > Y[maxAt]) maxAt = i;
                i++;
            }
            while (i < X.Count && Math.Floor(x.ToPixel(X[i])) == column); // an undrawable x (NaN) forms a column of its own
            int end = Math.Max(start, i - 1);
            foreach (int k in new[] { start, minAt, maxAt, end }.Distinct().Order())
                yield return (x.ToPixel(X[k]), y.ToPixel(Y[k]));
        }
    }
}
