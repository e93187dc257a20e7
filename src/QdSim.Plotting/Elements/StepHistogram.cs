namespace QdSim.Plotting.Elements;

/// <summary>
/// A histogram drawn as a step outline over bin edges, optionally filled. <see cref="Orientation.Vertical"/>
/// bars grow upwards (bins along x); <see cref="Orientation.Horizontal"/> bars grow to the right (bins along y),
/// as for the intensity histogram beside a blinking trace.
/// </summary>
public sealed class StepHistogram : PlotElement
{
    /// <summary>Creates a histogram with <paramref name="counts"/>[i] in the bin [edges[i], edges[i+1]).</summary>
    public StepHistogram(IReadOnlyList<double> edges, IReadOnlyList<double> counts, Orientation orientation = Orientation.Vertical)
    {
        RequireSameLength(counts.Count + 1, edges.Count, nameof(edges));
        Edges = edges;
        Counts = counts;
        Orientation = orientation;
    }

    /// <summary>Bin edges, ascending (one more than counts).</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary>Bin contents.</summary>
    public IReadOnlyList<double> Counts { get; }

    /// <summary>Direction in which bars grow.</summary>
    public Orientation Orientation { get; }

    /// <summary>Fill under the outline (with <see cref="FillOpacity"/>).</summary>
    public bool Filled { get; init; } = true;

    /// <summary>Opacity of the fill.</summary>
    public double FillOpacity { get; init; } = 0.35;

    /// <summary>Outline width in px.</summary>
    public double WidthPx { get; init; } = 1;

    internal override void AddExtent(Extent x, Extent y)
    {
        var (bins, values) = Orientation == Orientation.Vertical ? (x, y) : (y, x);
        bins.Include(Edges);
        values.Include(Counts);
    }

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        var (bins, values) = Orientation == Orientation.Vertical ? (x, y) : (y, x);
        var outline = new List<(double Bin, double Value)> { (bins.ToPixel(Edges[0]), values.PixelAtMin) };
        for (int i = 0; i < Counts.Count; i++)
        {
            double v = PixelOrBase(values, Counts[i]);
            outline.Add((bins.ToPixel(Edges[i]), v));
            outline.Add((bins.ToPixel(Edges[i + 1]), v));
        }
        outline.Add((bins.ToPixel(Edges[^1]), values.PixelAtMin));
        var pixels = outline.Select(p => Orientation == Orientation.Vertical ? (p.Bin, p.Value) : (p.Value, p.Bin));
        string d = Polyline(pixels);
        canvas.Path(Filled ? d + "Z" : d, Colour, WidthPx, Filled ? Colour : "none", FillOpacity, cssClass: "series histogram");
    }

    internal override void RenderLegendSymbol(SvgCanvas canvas, double x, double y) =>
        canvas.Rect(x, y - 5, 20, 10, Filled ? Colour : "none", Colour, WidthPx, Filled ? FillOpacity : 1);
}
