namespace QdSim.Plotting.Elements;

/// <summary>
/// A 2-D histogram drawn as coloured cells (FLID, spectral time series). The panel draws a colour bar for it.
/// Cells that are NaN, or ≤ 0 on a log colour scale, are left blank (white), as empty FLID bins usually are.
/// </summary>
public sealed class Heatmap : PlotElement
{
    /// <summary>Creates a map with <paramref name="values"/>[i, j] in the cell [xEdges[i], xEdges[i+1]) × [yEdges[j], yEdges[j+1]).</summary>
    public Heatmap(IReadOnlyList<double> xEdges, IReadOnlyList<double> yEdges, double[,] values)
    {
        RequireSameLength(values.GetLength(0) + 1, xEdges.Count, nameof(xEdges));
        RequireSameLength(values.GetLength(1) + 1, yEdges.Count, nameof(yEdges));
        XEdges = xEdges;
        YEdges = yEdges;
        Values = values;
    }

    /// <summary>Cell edges along x.</summary>
    public IReadOnlyList<double> XEdges { get; }

    /// <summary>Cell edges along y.</summary>
    public IReadOnlyList<double> YEdges { get; }

    /// <summary>Cell values [x index, y index].</summary>
    public double[,] Values { get; }

    /// <summary>Colour map (default viridis-like).</summary>
    public ColourMap Map { get; init; } = ColourMap.Viridis;

    /// <summary>Logarithmic colour scale (for counts spanning decades).</summary>
    public bool LogColour { get; init; }

    /// <summary>Value at the bottom of the colour scale; null = smallest drawable value.</summary>
    public double? ColourMin { get; init; }

    /// <summary>Value at the top of the colour scale; null = largest value.</summary>
    public double? ColourMax { get; init; }

    /// <summary>Label of the colour bar, with unit, e.g. "Occurrences".</summary>
    public string ColourBarLabel { get; init; } = "";

    /// <summary>The colour axis: scale and resolved limits.</summary>
    public AxisMapping ColourScale(double pixelAtMin, double pixelAtMax)
    {
        var extent = new Extent(LogColour ? ScaleKind.Log : ScaleKind.Linear);
        foreach (double v in Values) extent.Include(v);
        double min = ColourMin ?? (extent.IsEmpty ? (LogColour ? 1 : 0) : extent.Min);
        double max = ColourMax ?? (extent.IsEmpty ? min * 10 + 1 : extent.Max);
        if (!(max > min)) max = LogColour ? min * 10 : min + 1;
        return new AxisMapping(LogColour ? ScaleKind.Log : ScaleKind.Linear, min, max, pixelAtMin, pixelAtMax);
    }

    internal override void AddExtent(Extent x, Extent y)
    {
        x.Include(XEdges);
        y.Include(YEdges);
    }

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        var colour = ColourScale(0, 1);
        canvas.Open("g", "class=\"heatmap\" shape-rendering=\"crispEdges\"");
        for (int i = 0; i < Values.GetLength(0); i++)
        {
            double left = x.ToPixel(XEdges[i]), right = x.ToPixel(XEdges[i + 1]);
            for (int j = 0; j < Values.GetLength(1); j++)
            {
                double f = colour.Fraction(Values[i, j]);
                if (!double.IsFinite(f)) continue;
                double top = y.ToPixel(YEdges[j + 1]), bottom = y.ToPixel(YEdges[j]);
                // Overlap neighbours by a hair so anti-aliasing leaves no white seams between cells.
                canvas.Rect(Math.Min(left, right), Math.Min(top, bottom), Math.Abs(right - left) + 0.3, Math.Abs(bottom - top) + 0.3, Map.At(f));
            }
        }
        canvas.Close("g");
    }
}
