using System.Text;

namespace QdSim.Plotting.Svg;

/// <summary>Stroke pattern of lines.</summary>
public enum LineStyle
{
    /// <summary>Continuous line (data).</summary>
    Solid,
    /// <summary>Long dashes (fits, as in the seeds' figures).</summary>
    Dashed,
    /// <summary>Dots (guides).</summary>
    Dotted,
    /// <summary>Dash-dot (a second reference).</summary>
    DashDot,
}

/// <summary>Horizontal alignment of text relative to its anchor point.</summary>
public enum TextAnchor
{
    /// <summary>Text starts at the point.</summary>
    Start,
    /// <summary>Text is centred on the point.</summary>
    Middle,
    /// <summary>Text ends at the point.</summary>
    End,
}

/// <summary>
/// Appends SVG 1.1 elements to a buffer with invariant, two-decimal coordinates. Element ids are numbered in
/// drawing order, so the same figure always gives the same bytes.
/// </summary>
internal sealed class SvgCanvas
{
    /// <summary>Average glyph advance as a fraction of the font size, for layout estimates (sans-serif digits ≈ 0.55 em).</summary>
    public const double GlyphWidthEm = 0.58;

    private readonly StringBuilder _svg = new();
    private readonly string _idPrefix;
    private int _nextId;

    /// <param name="idPrefix">Prefix of every element id, so several figures inlined in one HTML page keep unique ids.</param>
    public SvgCanvas(string idPrefix = "") => _idPrefix = idPrefix;

    public string NextId(string prefix) => $"{_idPrefix}{prefix}{++_nextId}";

    public void Raw(string text) => _svg.Append(text);

    public void Open(string element, string attributes) => _svg.Append('<').Append(element).Append(' ').Append(attributes).Append(">\n");

    public void Close(string element) => _svg.Append("</").Append(element).Append(">\n");

    public void Line(double x1, double y1, double x2, double y2, string stroke, double widthPx, LineStyle style = LineStyle.Solid, string? cssClass = null)
    {
        _svg.Append("<line").Append(Class(cssClass))
            .Append($" x1=\"{SvgText.Px(x1)}\" y1=\"{SvgText.Px(y1)}\" x2=\"{SvgText.Px(x2)}\" y2=\"{SvgText.Px(y2)}\"")
            .Append(StrokeAttributes(stroke, widthPx, style)).Append("/>\n");
    }

    public void Rect(double x, double y, double width, double height, string fill, string? stroke = null, double strokeWidthPx = 1, double fillOpacity = 1, string? cssClass = null)
    {
        _svg.Append("<rect").Append(Class(cssClass))
            .Append($" x=\"{SvgText.Px(x)}\" y=\"{SvgText.Px(y)}\" width=\"{SvgText.Px(Math.Max(0, width))}\" height=\"{SvgText.Px(Math.Max(0, height))}\" fill=\"{fill}\"");
        if (fillOpacity < 1) _svg.Append($" fill-opacity=\"{SvgText.Px(fillOpacity)}\"");
        if (stroke is not null) _svg.Append(StrokeAttributes(stroke, strokeWidthPx, LineStyle.Solid));
        _svg.Append("/>\n");
    }

    public void Path(string data, string? stroke, double widthPx, string fill = "none", double fillOpacity = 1, LineStyle style = LineStyle.Solid, string? cssClass = null)
    {
        _svg.Append("<path").Append(Class(cssClass)).Append($" d=\"{data}\" fill=\"{fill}\"");
        if (fill != "none" && fillOpacity < 1) _svg.Append($" fill-opacity=\"{SvgText.Px(fillOpacity)}\"");
        _svg.Append(stroke is null ? " stroke=\"none\"" : StrokeAttributes(stroke, widthPx, style) + " stroke-linejoin=\"round\"").Append("/>\n");
    }

    public void Circle(double cx, double cy, double radius, string fill, string stroke, double strokeWidthPx)
    {
        _svg.Append($"<circle cx=\"{SvgText.Px(cx)}\" cy=\"{SvgText.Px(cy)}\" r=\"{SvgText.Px(radius)}\" fill=\"{fill}\"")
            .Append(StrokeAttributes(stroke, strokeWidthPx, LineStyle.Solid)).Append("/>\n");
    }

    /// <summary>Text at a point; <paramref name="superscript"/> is drawn raised and smaller after it (for ×10ⁿ).</summary>
    public void Text(double x, double y, string text, double fontSizePx, TextAnchor anchor = TextAnchor.Start, string? superscript = null,
        double rotateDeg = 0, string fill = "#000000", string? cssClass = null, bool bold = false, bool halo = false)
    {
        _svg.Append("<text").Append(Class(cssClass)).Append($" x=\"{SvgText.Px(x)}\" y=\"{SvgText.Px(y)}\" font-size=\"{SvgText.Px(fontSizePx)}\"");
        if (anchor != TextAnchor.Start) _svg.Append(anchor == TextAnchor.Middle ? " text-anchor=\"middle\"" : " text-anchor=\"end\"");
        if (fill != "#000000") _svg.Append($" fill=\"{fill}\"");
        if (bold) _svg.Append(" font-weight=\"bold\"");
        // A white outline painted under the glyphs keeps annotations readable over data (renderers without
        // paint-order draw the outline over the glyphs, which is why it is kept thin).
        if (halo) _svg.Append(" stroke=\"#ffffff\" stroke-width=\"2.5\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        if (rotateDeg != 0) _svg.Append($" transform=\"rotate({SvgText.Px(rotateDeg)} {SvgText.Px(x)} {SvgText.Px(y)})\"");
        _svg.Append('>').Append(SvgText.Escape(text));
        if (superscript is not null)
        {
            // dy instead of baseline-shift: every SVG 1.1 renderer (browsers, rsvg) honours it.
            _svg.Append($"<tspan dy=\"{SvgText.Px(-0.4 * fontSizePx)}\" font-size=\"{SvgText.Px(0.72 * fontSizePx)}\">")
                .Append(SvgText.Escape(superscript)).Append("</tspan>");
        }
        _svg.Append("</text>\n");
    }

    public void Label(double x, double y, TickLabel label, double fontSizePx, TextAnchor anchor, string cssClass) =>
        Text(x, y, label.Text, fontSizePx, anchor, label.Superscript, cssClass: cssClass);

    public static double TextWidth(int characters, double fontSizePx) => characters * GlyphWidthEm * fontSizePx;

    public static string DashArray(LineStyle style) => style switch
    {
        LineStyle.Dashed => "6 4",
        LineStyle.Dotted => "1.5 3",
        LineStyle.DashDot => "6 3 1.5 3",
        _ => "",
    };

    public override string ToString() => _svg.ToString();

    private static string Class(string? cssClass) => cssClass is null ? "" : $" class=\"{cssClass}\"";

    private static string StrokeAttributes(string stroke, double widthPx, LineStyle style)
    {
        string dash = DashArray(style);
        return $" stroke=\"{stroke}\" stroke-width=\"{SvgText.Px(widthPx)}\"" + (dash.Length == 0 ? "" : $" stroke-dasharray=\"{dash}\"");
    }
}
