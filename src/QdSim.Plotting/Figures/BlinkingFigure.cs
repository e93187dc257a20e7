namespace QdSim.Plotting.Figures;

/// <summary>Inputs of the blinking figure, in physical units (plain values from the trace analysis).</summary>
/// <param name="BinWidthS">Width of one trace bin in seconds (seed 001 uses 10 ms).</param>
/// <param name="CountsPerBin">Detected photons in each bin; bin i covers [StartTimeS + i·BinWidthS, …).</param>
/// <param name="ThresholdCountsPerBin">ON/OFF threshold in counts per bin.</param>
/// <param name="OnFraction">Fraction of bins above threshold (0..1).</param>
/// <param name="MandelQ">Mandel Q = Var/mean − 1 of the counts per bin.</param>
/// <param name="PoissonMeanCountsPerBin">Mean of the fitted Poisson distribution (counts per bin).</param>
/// <param name="PoissonWeightBins">Number of bins the fitted Poisson describes (its area in the histogram).</param>
/// <param name="ZoomStartS">Start of the zoomed window in seconds.</param>
/// <param name="ZoomDurationS">Length of the zoomed window in seconds (seed 001: 60 s).</param>
/// <param name="StartTimeS">Time of the first bin's start.</param>
public sealed record BlinkingTraceData(
    double BinWidthS,
    IReadOnlyList<double> CountsPerBin,
    double ThresholdCountsPerBin,
    double OnFraction,
    double MandelQ,
    double PoissonMeanCountsPerBin,
    double PoissonWeightBins,
    double ZoomStartS,
    double ZoomDurationS,
    double StartTimeS = 0);

/// <summary>
/// Blinking trace in the style of seed 001 Fig. 2a–f (Mi, Gee et al., Nat. Commun. 2025): intensity trace in kcps
/// with the ON threshold, the intensity histogram beside it with the Poisson fit (dashed), ON fraction and Q
/// written on it; below, the shaded window zoomed in with its own histogram.
/// </summary>
public static class BlinkingFigure
{
    /// <summary>Builds the four-panel figure (full trace + histogram, zoom + histogram) sharing one intensity axis.</summary>
    public static Figure Create(BlinkingTraceData data)
    {
        Display.RequireData(data.CountsPerBin, nameof(data.CountsPerBin));
        if (!(data.BinWidthS > 0)) throw new ArgumentOutOfRangeException(nameof(data), data.BinWidthS, "BinWidthS must be positive (seconds)");
        double kcpsPerCount = 1e-3 / data.BinWidthS;
        int n = data.CountsPerBin.Count;
        double[] times = Enumerable.Range(0, n).Select(i => data.StartTimeS + (i + 0.5) * data.BinWidthS).ToArray();
        double[] kcps = Display.Times(data.CountsPerBin, kcpsPerCount);
        double endS = data.StartTimeS + n * data.BinWidthS;

        var intensity = new Axis("Intensity", "kcps") { Min = 0 };
        var figure = new Figure(900, 560, rows: 2, columns: 2);
        figure.ColumnWeights[0] = 4;

        var trace = figure.Add(new Panel(new Axis("Time", "s") { Min = data.StartTimeS, Max = endS }, intensity) { Letter = "a", Legend = LegendPosition.None }, 0, 0);
        trace.Add(new Span(Orientation.Vertical, data.ZoomStartS, data.ZoomStartS + data.ZoomDurationS) { Colour = Palette.Orange, Opacity = 0.2 });
        AddTrace(trace, times, kcps, data.ThresholdCountsPerBin * kcpsPerCount);
        trace.Add(TextAnnotation.AtFraction(
            $"ON {TickFormatter.Number(100 * data.OnFraction, 1)} %  ·  Q = {TickFormatter.Number(data.MandelQ, 2)}  ·  bin {SiPrefix.Format(data.BinWidthS, "s")}", 0.99, 0.93));

        var histogram = figure.Add(new Panel(new Axis("Occurrences") { Min = 0 }, intensity) { Letter = "b", ShowYTickLabels = false, ShowYTitle = false }, 0, 1);
        AddHistogram(histogram, data.CountsPerBin, kcpsPerCount, data.PoissonMeanCountsPerBin, data.PoissonWeightBins);

        int first = Math.Clamp((int)Math.Floor((data.ZoomStartS - data.StartTimeS) / data.BinWidthS), 0, n);
        int last = Math.Clamp((int)Math.Ceiling((data.ZoomStartS + data.ZoomDurationS - data.StartTimeS) / data.BinWidthS), first, n);
        var zoomAxis = new Axis("Time", "s") { Min = data.ZoomStartS, Max = data.ZoomStartS + data.ZoomDurationS };
        var zoom = figure.Add(new Panel(zoomAxis, intensity) { Letter = "c", Legend = LegendPosition.None }, 1, 0);
        AddTrace(zoom, times[first..last], kcps[first..last], data.ThresholdCountsPerBin * kcpsPerCount);
        var zoomHistogram = figure.Add(new Panel(new Axis("Occurrences") { Min = 0 }, intensity) { Letter = "d", ShowYTickLabels = false, ShowYTitle = false, Legend = LegendPosition.None }, 1, 1);
        AddHistogram(zoomHistogram, data.CountsPerBin.Skip(first).Take(last - first).ToArray(), kcpsPerCount, null, 0);
        return figure;
    }

    private static void AddTrace(Panel panel, double[] times, double[] kcps, double thresholdKcps)
    {
        panel.Add(new LineSeries(times, kcps) { Colour = Palette.Blue, WidthPx = 0.7 });
        panel.Add(new ReferenceLine(Orientation.Horizontal, thresholdKcps) { Colour = Palette.Vermillion, Annotation = "threshold" });
    }

    /// <summary>Histogram of counts per bin on the intensity axis; integer counts grouped so about 40 bins span the data.</summary>
    private static void AddHistogram(Panel panel, IReadOnlyList<double> countsPerBin, double kcpsPerCount, double? poissonMean, double poissonWeight)
    {
        if (countsPerBin.Count == 0) return;
        int maxCount = (int)Math.Ceiling(countsPerBin.Max());
        int group = Math.Max(1, (int)Math.Ceiling((maxCount + 1) / 40.0));
        int bins = maxCount / group + 1;
        var occurrences = new double[bins];
        foreach (double c in countsPerBin) occurrences[Math.Clamp((int)Math.Round(c) / group, 0, bins - 1)]++;
        // Bin b holds the integer counts [b·group, (b+1)·group): edges sit half a count below each group.
        double[] edges = Enumerable.Range(0, bins + 1).Select(b => (b * group - 0.5) * kcpsPerCount).ToArray();
        panel.Add(new StepHistogram(edges, occurrences, Orientation.Horizontal) { Colour = Palette.Blue, Label = "data" });
        if (poissonMean is not { } mean) return;
        double[] expected = Enumerable.Range(0, bins)
            .Select(b => poissonWeight * Enumerable.Range(b * group, group).Sum(k => PoissonDistribution.Probability(k, mean))).ToArray();
        double[] centres = Enumerable.Range(0, bins).Select(b => (b * group + (group - 1) / 2.0) * kcpsPerCount).ToArray();
        panel.Add(new LineSeries(expected, centres) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.4, Label = "Poisson" });
    }
}
