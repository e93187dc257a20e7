namespace QdSim.Plotting.Figures;

/// <summary>One observable measured over a swept parameter.</summary>
/// <param name="ParameterLabel">Name of the swept parameter, e.g. "Temperature".</param>
/// <param name="ParameterUnit">Its display unit, e.g. "K".</param>
/// <param name="Parameter">Parameter values.</param>
/// <param name="ObservableLabel">Name of the observable, e.g. "Lifetime".</param>
/// <param name="ObservableUnit">Its display unit.</param>
/// <param name="Value">Observable values (in the display unit).</param>
/// <param name="Uncertainty">Standard errors, or null.</param>
/// <param name="ModelParameter">Parameter values of a model curve (may be empty).</param>
/// <param name="ModelValue">Model curve values.</param>
/// <param name="LogX">Log parameter axis.</param>
/// <param name="LogY">Log observable axis.</param>
public sealed record SweepData(string ParameterLabel, string ParameterUnit, IReadOnlyList<double> Parameter, string ObservableLabel, string ObservableUnit,
    IReadOnlyList<double> Value, IReadOnlyList<double>? Uncertainty, IReadOnlyList<double> ModelParameter, IReadOnlyList<double> ModelValue,
    bool LogX = false, bool LogY = false);

/// <summary>A validation case: simulated points against the expected curve with its tolerance band.</summary>
/// <param name="Title">Case name.</param>
/// <param name="Sweep">Simulated points and the expected curve (model arrays), as for a sweep.</param>
/// <param name="ToleranceLower">Lower edge of the accepted band at each model parameter.</param>
/// <param name="ToleranceUpper">Upper edge of the accepted band at each model parameter.</param>
/// <param name="Passed">Verdict of the case.</param>
public sealed record ValidationCaseData(string Title, SweepData Sweep, IReadOnlyList<double> ToleranceLower, IReadOnlyList<double> ToleranceUpper, bool Passed);

/// <summary>One published number placed in a simulated distribution (a rank comparison).</summary>
/// <param name="Label">Statistic, e.g. "PEA ON fraction, 600 s".</param>
/// <param name="Unit">Its display unit ("" for a pure number).</param>
/// <param name="Published">The published (measured) value.</param>
/// <param name="Simulated">The simulated values (independent draws, any order).</param>
/// <param name="Passed">Verdict of the comparison.</param>
public sealed record RankComparisonData(string Label, string Unit, double Published, IReadOnlyList<double> Simulated, bool Passed);

/// <summary>Generic figures: an observable against a swept parameter, and validation cases with tolerance bands.</summary>
public static class ValidationFigures
{
    /// <summary>Markers with error bars and the optional model curve (dashed).</summary>
    /// <param name="data">Points and model curve.</param>
    /// <param name="title">Figure title; default "observable vs parameter".</param>
    /// <param name="dataLabel">Legend of the markers: "simulated" by default, "measured" for files from an instrument.</param>
    /// <param name="modelLabel">Legend of the dashed curve, e.g. "fit" when it was fitted to the markers.</param>
    public static Figure Sweep(SweepData data, string? title = null, string dataLabel = "simulated", string modelLabel = "model")
    {
        var figure = new Figure(520, 400) { Title = title ?? $"{data.ObservableLabel} vs {data.ParameterLabel.ToLowerInvariant()}" };
        AddSweep(figure.Add(new Panel(AxisFor(data.ParameterLabel, data.ParameterUnit, data.LogX), AxisFor(data.ObservableLabel, data.ObservableUnit, data.LogY))), data, modelLabel, dataLabel);
        return figure;
    }

    /// <summary>Tolerance band shaded, expected curve dashed, simulated points on top, verdict written in green or red.</summary>
    public static Figure Case(ValidationCaseData data)
    {
        var sweep = data.Sweep;
        var figure = new Figure(520, 400) { Title = data.Title };
        var panel = figure.Add(new Panel(AxisFor(sweep.ParameterLabel, sweep.ParameterUnit, sweep.LogX), AxisFor(sweep.ObservableLabel, sweep.ObservableUnit, sweep.LogY)));
        panel.Add(new Band(sweep.ModelParameter, data.ToleranceLower, data.ToleranceUpper) { Colour = Palette.Vermillion, Label = "tolerance" });
        AddSweep(panel, sweep, "expected");
        panel.Add(new TextAnnotation(data.Passed ? "PASS" : "FAIL", 0.03, 0.92) { Colour = data.Passed ? Palette.Green : "#c00000", FontSizePx = 12 });
        return figure;
    }

    /// <summary>
    /// One panel per statistic: the empirical distribution function of the simulated values (steps; a point per draw) and
    /// the published value as a vertical line, with its quantile and the verdict. What a referee asks of a comparison of
    /// one published dot with a model's dot-to-dot spread: where in the simulated spread does it fall?
    /// </summary>
    public static Figure RankComparisons(string title, IReadOnlyList<RankComparisonData> comparisons, int columns = 2)
    {
        if (comparisons.Count == 0) throw new ArgumentException("no comparisons to draw", nameof(comparisons));
        int rows = (comparisons.Count + columns - 1) / columns;
        var figure = new Figure(360 * columns, 260 * rows + 30, rows, columns) { Title = title };
        for (int k = 0; k < comparisons.Count; k++)
        {
            var c = comparisons[k];
            Display.RequireData(c.Simulated, nameof(c.Simulated));
            var sorted = c.Simulated.Order().ToArray();
            int n = sorted.Length;
            // Steps of F(x) = #{values ≤ x}/n: a rise of 1/n at each sorted value.
            var x = new double[2 * n];
            var y = new double[2 * n];
            for (int i = 0; i < n; i++)
            {
                x[2 * i] = x[2 * i + 1] = sorted[i];
                y[2 * i] = i / (double)n;
                y[2 * i + 1] = (i + 1) / (double)n;
            }
            double below = sorted.Count(v => v < c.Published), tied = sorted.Count(v => v == c.Published);
            double quantile = (below + 0.5 * tied) / n;
            var panel = figure.Add(new Panel(new Axis(c.Label, c.Unit), new Axis("fraction of simulated dots ≤ x", "")) { Legend = LegendPosition.BottomRight },
                k / columns, k % columns);
            panel.Add(new LineSeries(x, y) { Colour = Palette.Blue, Label = $"simulated (n = {n})" });
            panel.Add(new ReferenceLine(Orientation.Vertical, c.Published) { Colour = Palette.Vermillion, WidthPx = 1.5, Annotation = "published" });
            panel.Add(new TextAnnotation($"quantile {quantile:F2} · {(c.Passed ? "PASS" : "FAIL")}", 0.03, 0.92)
                { Colour = c.Passed ? Palette.Green : "#c00000", FontSizePx = 11 });
        }
        return figure;
    }

    private static Axis AxisFor(string label, string unit, bool log) => new(label, unit, log ? ScaleKind.Log : ScaleKind.Linear);

    private static void AddSweep(Panel panel, SweepData data, string modelLabel, string dataLabel = "simulated")
    {
        Display.RequireData(data.Parameter, nameof(data.Parameter));
        Display.RequireSameLength(data.Parameter, data.Value, nameof(data.Value));
        Display.RequireSameLength(data.ModelParameter, data.ModelValue, nameof(data.ModelValue));
        if (data.ModelParameter.Count > 0)
            panel.Add(new LineSeries(data.ModelParameter, data.ModelValue) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.5, Label = modelLabel });
        panel.Add(new ScatterSeries(data.Parameter, data.Value, data.Uncertainty) { Colour = Palette.Blue, Label = dataLabel });
    }
}
