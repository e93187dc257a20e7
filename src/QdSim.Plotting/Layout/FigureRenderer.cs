namespace QdSim.Plotting.Layout;

/// <summary>
/// Turns a <see cref="Figure"/> into SVG: resolves every axis once over the data of all panels that share it,
/// lays the grid out with aligned plot areas, then draws each panel (clipped data, frame, ticks, labels,
/// legend, colour bar, insets).
/// </summary>
internal static class FigureRenderer
{
    private const string FontFamily = "DejaVu Sans, Helvetica, Arial, sans-serif";
    private const double MajorTickPx = 4, MinorTickPx = 2, ColourBarWidthPx = 12;

    private sealed record ResolvedAxis(ScaleKind Scale, double Min, double Max, TickSet Ticks, IReadOnlyList<TickLabel> Labels)
    {
        public int WidestLabel => Labels.Count == 0 ? 0 : Labels.Max(l => l.Length);
    }

    private readonly record struct Margins(double Left, double Top, double Right, double Bottom);

    public static string Render(Figure figure, string idPrefix)
    {
        var axes = ResolveAxes(figure);
        var canvas = new SvgCanvas(idPrefix);
        string w = SvgText.Px(figure.WidthPx), h = SvgText.Px(figure.HeightPx);
        canvas.Raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        canvas.Open("svg", $"xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FontFamily}\"");
        canvas.Raw($"<title>{SvgText.Escape(figure.Title ?? "QdSim figure")}</title>\n");
        canvas.Rect(0, 0, figure.WidthPx, figure.HeightPx, "#ffffff", cssClass: "background");
        double gridTop = 0;
        if (figure.Title is not null)
        {
            gridTop = 1.6 * figure.FontSizePx + 6;
            canvas.Text(figure.WidthPx / 2, 1.3 * figure.FontSizePx + 2, figure.Title, 1.25 * figure.FontSizePx, TextAnchor.Middle, cssClass: "figure-title");
        }
        var cells = Cells(figure, gridTop);
        var margins = AlignedMargins(figure, axes);
        for (int i = 0; i < figure.Panels.Count; i++)
        {
            var (cellLeft, cellTop, cellRight, cellBottom) = cells[i];
            var m = margins[i];
            RenderPanel(canvas, figure.Panels[i].Panel, axes, cellLeft + m.Left, cellTop + m.Top, cellRight - m.Right, cellBottom - m.Bottom, figure.FontSizePx, cellLeft, cellTop);
        }
        canvas.Close("svg");
        return canvas.ToString();
    }

    private static Dictionary<Axis, ResolvedAxis> ResolveAxes(Figure figure)
    {
        var extents = new Dictionary<Axis, Extent>(ReferenceEqualityComparer.Instance);
        Extent ExtentOf(Axis axis) => extents.TryGetValue(axis, out var e) ? e : extents[axis] = new Extent(axis.Scale);
        foreach (var panel in figure.Panels.SelectMany(p => p.Panel.SelfAndInsets()))
        {
            var x = ExtentOf(panel.XAxis);
            var y = ExtentOf(panel.YAxis);
            foreach (var element in panel.Elements) element.AddExtent(x, y);
        }
        return extents.ToDictionary(kv => kv.Key, kv => Resolve(kv.Key, kv.Value), (IEqualityComparer<Axis>)ReferenceEqualityComparer.Instance);
    }

    /// <summary>Limits and ticks of one axis: fixed limits win; automatic ones come from the data, widened to nice values unless tight.</summary>
    private static ResolvedAxis Resolve(Axis axis, Extent extent)
    {
        if (axis.Scale == ScaleKind.Log)
        {
            if (axis.Min <= 0 || axis.Max <= 0) throw new ArgumentException($"log axis '{axis.Title}' needs positive limits, got [{axis.Min}, {axis.Max}]");
            double lo = axis.Min ?? (extent.IsEmpty ? 1 : extent.Min), hi = axis.Max ?? (extent.IsEmpty ? 10 : extent.Max);
            if (!axis.Tight)
            {
                if (axis.Min is null) lo = TickGenerator.Pow10((int)Math.Floor(Math.Log10(lo) + 1e-9));
                if (axis.Max is null) hi = TickGenerator.Pow10((int)Math.Ceiling(Math.Log10(hi) - 1e-9));
            }
            if (!(hi > lo)) (lo, hi) = axis.Max is null ? (lo, lo * 10) : (hi / 10, hi);
            var logTicks = TickGenerator.Log(lo, hi);
            return new ResolvedAxis(ScaleKind.Log, lo, hi, logTicks, logTicks.Major.Select(TickFormatter.Log).ToList());
        }
        double min = axis.Min ?? (extent.IsEmpty ? 0 : extent.Min), max = axis.Max ?? (extent.IsEmpty ? 1 : extent.Max);
        if (!(max > min))
        {
            double pad = min == 0 ? 1 : 0.1 * Math.Abs(min);
            (min, max) = axis.Max is null ? (min, min + pad) : (max - pad, max);
        }
        if (!axis.Tight)
        {
            var nice = TickGenerator.NiceLimits(min, max, axis.TargetTickCount);
            min = axis.Min ?? nice.Min;
            max = axis.Max ?? nice.Max;
        }
        if (axis.CustomTicks is { } custom)
            return new ResolvedAxis(ScaleKind.Linear, min, max, new TickSet(custom.Select(c => c.Value).ToList(), [], 0), custom.Select(c => new TickLabel(c.Text, null)).ToList());
        var ticks = TickGenerator.Linear(min, max, axis.TargetTickCount);
        return new ResolvedAxis(ScaleKind.Linear, min, max, ticks, TickFormatter.Linear(ticks.Major, ticks.Step));
    }

    private static List<(double Left, double Top, double Right, double Bottom)> Cells(Figure figure, double gridTop)
    {
        double[] xs = Boundaries(figure.ColumnWeights, 0, figure.WidthPx);
        double[] ys = Boundaries(figure.RowWeights, gridTop, figure.HeightPx);
        return figure.Panels.Select(p => (xs[p.Column], ys[p.Row], xs[p.Column + p.ColumnSpan], ys[p.Row + p.RowSpan])).ToList();
    }

    private static double[] Boundaries(double[] weights, double start, double end)
    {
        double total = weights.Sum();
        var b = new double[weights.Length + 1];
        b[0] = start;
        for (int i = 0; i < weights.Length; i++) b[i + 1] = b[i] + (end - start) * weights[i] / total;
        return b;
    }

    /// <summary>Space each panel needs around its plot area, equalised along grid lines so plot areas align.</summary>
    private static List<Margins> AlignedMargins(Figure figure, Dictionary<Axis, ResolvedAxis> axes)
    {
        var own = figure.Panels.Select(p => OwnMargins(p.Panel, axes, figure.FontSizePx)).ToList();
        var placed = figure.Panels;
        return own.Select((m, i) => new Margins(
            Enumerable.Range(0, own.Count).Where(j => placed[j].Column == placed[i].Column).Max(j => own[j].Left),
            Enumerable.Range(0, own.Count).Where(j => placed[j].Row == placed[i].Row).Max(j => own[j].Top),
            Enumerable.Range(0, own.Count).Where(j => placed[j].Column + placed[j].ColumnSpan == placed[i].Column + placed[i].ColumnSpan).Max(j => own[j].Right),
            Enumerable.Range(0, own.Count).Where(j => placed[j].Row + placed[j].RowSpan == placed[i].Row + placed[i].RowSpan).Max(j => own[j].Bottom))).ToList();
    }

    private static Margins OwnMargins(Panel panel, Dictionary<Axis, ResolvedAxis> axes, double font)
    {
        double left = 6 + YTickLabelWidth(panel, axes, font) + (panel.ShowYTitle ? 1.3 * font + 4 : 0);
        double bottom = 6 + (panel.ShowXTickLabels ? font + 4 : 0) + (panel.ShowXTitle ? 1.3 * font + 2 : 0);
        double top = panel.Letter is not null || panel.Title is not null ? 1.6 * font + 4 : 8;
        double right = 10;
        if (panel.Elements.OfType<Heatmap>().FirstOrDefault() is { } map)
        {
            var colourTicks = ColourTicks(map.ColourScale(0, 1));
            right += ColourBarWidthPx + 8 + SvgCanvas.TextWidth(colourTicks.Labels.Max(l => l.Length), font) + (map.ColourBarLabel.Length > 0 ? 1.3 * font + 4 : 0);
        }
        return new Margins(left, top, right, bottom);
    }

    private static double YTickLabelWidth(Panel panel, Dictionary<Axis, ResolvedAxis> axes, double font) =>
        panel.ShowYTickLabels ? SvgCanvas.TextWidth(axes[panel.YAxis].WidestLabel, font) + 5 : 0;

    private static void RenderPanel(SvgCanvas canvas, Panel panel, Dictionary<Axis, ResolvedAxis> axes,
        double left, double top, double right, double bottom, double font, double cellLeft, double cellTop)
    {
        var xr = axes[panel.XAxis];
        var yr = axes[panel.YAxis];
        var x = new AxisMapping(xr.Scale, xr.Min, xr.Max, left, right);
        var y = new AxisMapping(yr.Scale, yr.Min, yr.Max, bottom, top);
        canvas.Open("g", "class=\"panel\"");
        string clipId = canvas.NextId("clip");
        canvas.Raw($"<defs><clipPath id=\"{clipId}\"><rect x=\"{SvgText.Px(left)}\" y=\"{SvgText.Px(top)}\" width=\"{SvgText.Px(right - left)}\" height=\"{SvgText.Px(bottom - top)}\"/></clipPath></defs>\n");
        canvas.Open("g", $"clip-path=\"url(#{clipId})\"");
        foreach (var element in panel.Elements.Where(e => e is not TextAnnotation).OrderBy(Layer)) element.Render(canvas, x, y);
        canvas.Close("g");
        foreach (var text in panel.Elements.OfType<TextAnnotation>()) text.Render(canvas, x, y);
        canvas.Rect(left, top, right - left, bottom - top, "none", "#000000", 0.8, cssClass: "frame");
        DrawXAxis(canvas, panel, xr, x, y, font);
        DrawYAxis(canvas, panel, yr, x, y, font, YTickLabelWidth(panel, axes, font));
        if (panel.Letter is not null) canvas.Text(cellLeft + 4, cellTop + 1.3 * font, panel.Letter, 1.3 * font, bold: true, cssClass: "panel-letter");
        if (panel.Title is not null) canvas.Text((left + right) / 2, top - 6, panel.Title, font, TextAnchor.Middle, cssClass: "panel-title");
        if (panel.Elements.OfType<Heatmap>().FirstOrDefault() is { } map) DrawColourBar(canvas, map, right + 8, top, bottom, font);
        DrawLegend(canvas, panel, left, top, right, bottom, 0.9 * font);
        foreach (var inset in panel.Insets) DrawInset(canvas, inset, axes, left, top, right, bottom, font);
        canvas.Close("g");
    }

    /// <summary>Drawing order: maps under spans under bands under histograms under lines under markers under reference lines.</summary>
    private static int Layer(PlotElement element) => element switch
    {
        Heatmap => 0,
        Span => 1,
        Band => 2,
        StepHistogram or BarSeries => 3,
        LineSeries => 4,
        ScatterSeries => 5,
        _ => 6,
    };

    private static void DrawXAxis(SvgCanvas canvas, Panel panel, ResolvedAxis axis, AxisMapping x, AxisMapping y, double font)
    {
        canvas.Open("g", "class=\"axis x\"");
        foreach (double v in axis.Ticks.Minor) TickPair(canvas, x.ToPixel(v), y, MinorTickPx, vertical: true, "tick minor");
        double labelsWidth = axis.Labels.Sum(l => SvgCanvas.TextWidth(l.Length, font) + 0.8 * font);
        int stride = LabelStride(labelsWidth, Math.Abs(x.PixelAtMax - x.PixelAtMin));
        for (int i = 0; i < axis.Ticks.Major.Count; i++)
        {
            double px = x.ToPixel(axis.Ticks.Major[i]);
            TickPair(canvas, px, y, MajorTickPx, vertical: true, "tick major");
            if (panel.ShowXTickLabels && i % stride == 0) canvas.Label(px, y.PixelAtMin + font + 3, axis.Labels[i], font, TextAnchor.Middle, "tick-label");
        }
        if (panel.ShowXTitle)
        {
            double titleY = y.PixelAtMin + (panel.ShowXTickLabels ? font + 4 : 0) + 1.2 * font + 2;
            canvas.Text((x.PixelAtMin + x.PixelAtMax) / 2, titleY, panel.XAxis.Title, 1.1 * font, TextAnchor.Middle, cssClass: "axis-title");
        }
        canvas.Close("g");
    }

    private static void DrawYAxis(SvgCanvas canvas, Panel panel, ResolvedAxis axis, AxisMapping x, AxisMapping y, double font, double labelWidth)
    {
        canvas.Open("g", "class=\"axis y\"");
        foreach (double v in axis.Ticks.Minor) TickPair(canvas, y.ToPixel(v), x, MinorTickPx, vertical: false, "tick minor");
        int stride = LabelStride(axis.Labels.Count * 1.3 * font, Math.Abs(y.PixelAtMax - y.PixelAtMin));
        for (int i = 0; i < axis.Ticks.Major.Count; i++)
        {
            double py = y.ToPixel(axis.Ticks.Major[i]);
            TickPair(canvas, py, x, MajorTickPx, vertical: false, "tick major");
            if (panel.ShowYTickLabels && i % stride == 0) canvas.Label(x.PixelAtMin - 4, py + 0.35 * font, axis.Labels[i], font, TextAnchor.End, "tick-label");
        }
        if (panel.ShowYTitle)
        {
            double titleX = x.PixelAtMin - 6 - labelWidth - 0.3 * font;
            canvas.Text(titleX, (y.PixelAtMin + y.PixelAtMax) / 2, panel.YAxis.Title, 1.1 * font, TextAnchor.Middle, rotateDeg: -90, cssClass: "axis-title");
        }
        canvas.Close("g");
    }

    /// <summary>Label every n-th major tick when all labels would not fit along the axis (narrow panels, insets).</summary>
    private static int LabelStride(double labelsLengthPx, double axisLengthPx) =>
        Math.Max(1, (int)Math.Ceiling(labelsLengthPx / Math.Max(1, axisLengthPx)));

    /// <summary>Inward ticks on both opposite sides of the frame (the usual style of physics journals).</summary>
    private static void TickPair(SvgCanvas canvas, double at, AxisMapping across, double lengthPx, bool vertical, string cssClass)
    {
        if (!double.IsFinite(at)) return;
        double a = across.PixelAtMin, b = across.PixelAtMax, sign = b > a ? 1 : -1;
        if (vertical)
        {
            canvas.Line(at, a, at, a + sign * lengthPx, "#000000", 0.8, cssClass: cssClass);
            canvas.Line(at, b, at, b - sign * lengthPx, "#000000", 0.8, cssClass: "tick mirror");
        }
        else
        {
            canvas.Line(a, at, a + sign * lengthPx, at, "#000000", 0.8, cssClass: cssClass);
            canvas.Line(b, at, b - sign * lengthPx, at, "#000000", 0.8, cssClass: "tick mirror");
        }
    }

    private static (TickSet Ticks, IReadOnlyList<TickLabel> Labels) ColourTicks(AxisMapping scale)
    {
        if (scale.Scale == ScaleKind.Log)
        {
            var logTicks = TickGenerator.Log(scale.Min, scale.Max);
            return (logTicks, logTicks.Major.Select(TickFormatter.Log).ToList());
        }
        var ticks = TickGenerator.Linear(scale.Min, scale.Max, 5);
        return (ticks, TickFormatter.Linear(ticks.Major, ticks.Step));
    }

    private static void DrawColourBar(SvgCanvas canvas, Heatmap map, double left, double top, double bottom, double font)
    {
        const int stops = 32;
        var scale = map.ColourScale(bottom, top);
        string gradientId = canvas.NextId("colourbar");
        canvas.Open("g", "class=\"colour-bar\"");
        canvas.Raw($"<defs><linearGradient id=\"{gradientId}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        for (int i = 0; i <= stops; i++) canvas.Raw($"<stop offset=\"{SvgText.Px((double)i / stops)}\" stop-color=\"{map.Map.At((double)i / stops)}\"/>");
        canvas.Raw("</linearGradient></defs>\n");
        canvas.Rect(left, top, ColourBarWidthPx, bottom - top, $"url(#{gradientId})", "#000000", 0.8);
        var (ticks, labels) = ColourTicks(scale);
        for (int i = 0; i < ticks.Major.Count; i++)
        {
            double py = scale.ToPixel(ticks.Major[i]);
            canvas.Line(left + ColourBarWidthPx - MajorTickPx, py, left + ColourBarWidthPx, py, "#000000", 0.8, cssClass: "tick major");
            canvas.Label(left + ColourBarWidthPx + 3, py + 0.35 * font, labels[i], font, TextAnchor.Start, "tick-label");
        }
        if (map.ColourBarLabel.Length > 0)
        {
            double titleX = left + ColourBarWidthPx + 6 + SvgCanvas.TextWidth(labels.Max(l => l.Length), font) + font;
            canvas.Text(titleX, (top + bottom) / 2, map.ColourBarLabel, 1.1 * font, TextAnchor.Middle, rotateDeg: -90, cssClass: "axis-title");
        }
        canvas.Close("g");
    }

    private static void DrawLegend(SvgCanvas canvas, Panel panel, double left, double top, double right, double bottom, double font)
    {
        var entries = panel.Elements.Where(e => e.Label is not null).ToList();
        if (panel.Legend == LegendPosition.None || entries.Count == 0) return;
        double lineHeight = 1.35 * font;
        double width = 32 + SvgCanvas.TextWidth(entries.Max(e => e.Label!.Length), font) + 6;
        double height = entries.Count * lineHeight + 6;
        bool atLeft = panel.Legend is LegendPosition.TopLeft or LegendPosition.BottomLeft;
        bool atTop = panel.Legend is LegendPosition.TopLeft or LegendPosition.TopRight;
        double boxLeft = atLeft ? left + 6 : right - 6 - width;
        double boxTop = atTop ? top + 6 : bottom - 6 - height;
        canvas.Open("g", "class=\"legend\"");
        canvas.Rect(boxLeft, boxTop, width, height, "#ffffff", "#bfbfbf", 0.6, 0.85);
        for (int i = 0; i < entries.Count; i++)
        {
            double rowMiddle = boxTop + 3 + (i + 0.5) * lineHeight;
            canvas.Open("g", "class=\"legend-entry\"");
            entries[i].RenderLegendSymbol(canvas, boxLeft + 6, rowMiddle);
            canvas.Text(boxLeft + 32, rowMiddle + 0.35 * font, entries[i].Label!, font);
            canvas.Close("g");
        }
        canvas.Close("g");
    }

    private static void DrawInset(SvgCanvas canvas, Inset inset, Dictionary<Axis, ResolvedAxis> axes, double left, double top, double right, double bottom, double font)
    {
        double insetFont = 0.8 * font;
        double l = left + inset.LeftFraction * (right - left), r = l + inset.WidthFraction * (right - left);
        double b = bottom - inset.BottomFraction * (bottom - top), t = b - inset.HeightFraction * (bottom - top);
        var own = OwnMargins(inset.Panel, axes, insetFont);
        canvas.Open("g", "class=\"inset\"");
        canvas.Rect(l - own.Left, t - 4, r - l + own.Left + 4, b - t + own.Bottom + 4, "#ffffff");
        RenderPanel(canvas, inset.Panel, axes, l, t, r, b, insetFont, l - own.Left, t - own.Top);
        canvas.Close("g");
    }
}
