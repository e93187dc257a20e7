using QdSim.Plotting.Reports;

namespace QdSim.Plotting.Layout;

/// <summary>A panel's place in the figure grid.</summary>
/// <param name="Panel">The panel.</param>
/// <param name="Row">First grid row (0 = top).</param>
/// <param name="Column">First grid column (0 = left).</param>
/// <param name="RowSpan">Rows covered.</param>
/// <param name="ColumnSpan">Columns covered.</param>
public sealed record PanelPlacement(Panel Panel, int Row, int Column, int RowSpan, int ColumnSpan);

/// <summary>
/// A figure: a grid of panels (rows × columns with relative sizes) rendered to one standalone SVG 1.1 document.
/// Plot areas of panels in the same grid column or row are aligned. Rendering is deterministic: the same
/// figure gives the same bytes.
/// </summary>
public sealed class Figure
{
    /// <summary>Creates an empty figure of the given size in CSS pixels with an equal-sized grid.</summary>
    public Figure(double widthPx, double heightPx, int rows = 1, int columns = 1)
    {
        if (!(widthPx > 0) || !(heightPx > 0)) throw new ArgumentOutOfRangeException(nameof(widthPx), "figure size must be positive");
        if (rows < 1 || columns < 1) throw new ArgumentOutOfRangeException(nameof(rows), "a figure needs at least one row and one column");
        WidthPx = widthPx;
        HeightPx = heightPx;
        RowWeights = Enumerable.Repeat(1.0, rows).ToArray();
        ColumnWeights = Enumerable.Repeat(1.0, columns).ToArray();
    }

    /// <summary>Width in CSS pixels.</summary>
    public double WidthPx { get; }

    /// <summary>Height in CSS pixels.</summary>
    public double HeightPx { get; }

    /// <summary>Relative row heights (top to bottom).</summary>
    public double[] RowWeights { get; }

    /// <summary>Relative column widths (left to right).</summary>
    public double[] ColumnWeights { get; }

    /// <summary>Figure title above all panels, or null.</summary>
    public string? Title { get; set; }

    /// <summary>Base font size in px for tick labels; titles are scaled from it.</summary>
    public double FontSizePx { get; set; } = 11;

    /// <summary>Panels and their grid positions.</summary>
    public List<PanelPlacement> Panels { get; } = [];

    /// <summary>Places a panel in the grid and returns it.</summary>
    public Panel Add(Panel panel, int row = 0, int column = 0, int rowSpan = 1, int columnSpan = 1)
    {
        if (row < 0 || column < 0 || rowSpan < 1 || columnSpan < 1 || row + rowSpan > RowWeights.Length || column + columnSpan > ColumnWeights.Length)
            throw new ArgumentOutOfRangeException(nameof(row), $"cell ({row}, {column}) span ({rowSpan}, {columnSpan}) is outside the {RowWeights.Length}×{ColumnWeights.Length} grid");
        Panels.Add(new PanelPlacement(panel, row, column, rowSpan, columnSpan));
        return panel;
    }

    /// <summary>Renders the figure as a standalone SVG 1.1 document (UTF-8 text, no external resources).</summary>
    /// <param name="idPrefix">Prefix for element ids (clip paths, gradients); give each figure inlined in one page its own.</param>
    public string ToSvg(string idPrefix = "") => FigureRenderer.Render(this, idPrefix);

    /// <summary>Writes the SVG to <paramref name="path"/> atomically (temporary name, then rename).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToSvg());
}
