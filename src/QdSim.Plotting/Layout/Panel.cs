namespace QdSim.Plotting.Layout;

/// <summary>Corner of the plot area where the legend box goes.</summary>
public enum LegendPosition
{
    /// <summary>No legend.</summary>
    None,
    /// <summary>Top right corner.</summary>
    TopRight,
    /// <summary>Top left corner.</summary>
    TopLeft,
    /// <summary>Bottom right corner.</summary>
    BottomRight,
    /// <summary>Bottom left corner.</summary>
    BottomLeft,
}

/// <summary>An inset panel placed inside a parent's plot area, in fractions of that area (0,0 = bottom left).</summary>
/// <param name="Panel">The inset's own panel (own axes).</param>
/// <param name="LeftFraction">Left edge of the inset's plot area.</param>
/// <param name="BottomFraction">Bottom edge of the inset's plot area.</param>
/// <param name="WidthFraction">Width of the inset's plot area.</param>
/// <param name="HeightFraction">Height of the inset's plot area.</param>
public sealed record Inset(Panel Panel, double LeftFraction, double BottomFraction, double WidthFraction, double HeightFraction);

/// <summary>
/// One set of axes with its plot elements, legend, panel letter and insets. Panels that hold the same
/// <see cref="Axis"/> instance share its range; hide the repeated tick labels with <see cref="ShowYTickLabels"/>.
/// </summary>
public sealed class Panel
{
    /// <summary>Creates a panel on the given axes.</summary>
    public Panel(Axis xAxis, Axis yAxis)
    {
        XAxis = xAxis;
        YAxis = yAxis;
    }

    /// <summary>Horizontal axis.</summary>
    public Axis XAxis { get; }

    /// <summary>Vertical axis.</summary>
    public Axis YAxis { get; }

    /// <summary>Panel letter printed bold at the top left ("a", "b", … as in the seeds' figures), or null.</summary>
    public string? Letter { get; set; }

    /// <summary>Short title above the plot area, or null.</summary>
    public string? Title { get; set; }

    /// <summary>Elements in drawing order (within a layer: maps, spans, bands, histograms, lines, markers, references, text).</summary>
    public List<PlotElement> Elements { get; } = [];

    /// <summary>Insets drawn over the plot area.</summary>
    public List<Inset> Insets { get; } = [];

    /// <summary>Legend placement.</summary>
    public LegendPosition Legend { get; set; } = LegendPosition.TopRight;

    /// <summary>Draw numbers under the x ticks.</summary>
    public bool ShowXTickLabels { get; set; } = true;

    /// <summary>Draw numbers beside the y ticks.</summary>
    public bool ShowYTickLabels { get; set; } = true;

    /// <summary>Draw the x axis title.</summary>
    public bool ShowXTitle { get; set; } = true;

    /// <summary>Draw the y axis title.</summary>
    public bool ShowYTitle { get; set; } = true;

    /// <summary>Adds an element and returns it.</summary>
    public T Add<T>(T element) where T : PlotElement
    {
        Elements.Add(element);
        return element;
    }

    /// <summary>Places <paramref name="inset"/> over this panel's plot area (fractions of it) and returns the inset panel.</summary>
    public Panel AddInset(Panel inset, double leftFraction, double bottomFraction, double widthFraction, double heightFraction)
    {
        Insets.Add(new Inset(inset, leftFraction, bottomFraction, widthFraction, heightFraction));
        return inset;
    }

    /// <summary>This panel and its insets, recursively.</summary>
    internal IEnumerable<Panel> SelfAndInsets() => Insets.SelectMany(i => i.Panel.SelfAndInsets()).Prepend(this);
}
