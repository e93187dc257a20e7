namespace QdSim.Plotting.Elements;

/// <summary>
/// Text placed in the plot area, either at a fraction of the plot area (0,0 = bottom left, 1,1 = top right) or
/// at data coordinates. Lines are separated by '\n'.
/// </summary>
public sealed class TextAnnotation : PlotElement
{
    /// <summary>Creates text at (x, y): fractions of the plot area, or data coordinates when <paramref name="inData"/> is true.</summary>
    public TextAnnotation(string text, double x, double y, bool inData = false)
    {
        Text = text;
        X = x;
        Y = y;
        InDataCoordinates = inData;
        Colour = "#000000";
    }

    /// <summary>Text placed at a fraction of the plot area, e.g. (0.97, 0.93) near the top right corner.</summary>
    public static TextAnnotation AtFraction(string text, double xFraction, double yFraction, TextAnchor anchor = TextAnchor.End) =>
        new(text, xFraction, yFraction, false) { Anchor = anchor };

    /// <summary>Text placed at data coordinates.</summary>
    public static TextAnnotation AtData(string text, double x, double y, TextAnchor anchor = TextAnchor.Start) =>
        new(text, x, y, true) { Anchor = anchor };

    /// <summary>The text; '\n' starts a new line.</summary>
    public string Text { get; }

    /// <summary>x position (fraction or data value).</summary>
    public double X { get; }

    /// <summary>y position (fraction or data value) of the first line's baseline.</summary>
    public double Y { get; }

    /// <summary>True when <see cref="X"/>, <see cref="Y"/> are data coordinates.</summary>
    public bool InDataCoordinates { get; }

    /// <summary>Horizontal alignment.</summary>
    public TextAnchor Anchor { get; init; }

    /// <summary>Font size in px.</summary>
    public double FontSizePx { get; init; } = 10;

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        double px = InDataCoordinates ? x.ToPixel(X) : x.FractionToPixel(X);
        double py = InDataCoordinates ? y.ToPixel(Y) : y.FractionToPixel(Y);
        if (!double.IsFinite(px) || !double.IsFinite(py)) return;
        string[] lines = Text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            canvas.Text(px, py + i * 1.25 * FontSizePx, lines[i], FontSizePx, Anchor, fill: Colour, cssClass: "annotation", halo: true);
    }
}
