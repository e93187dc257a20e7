using QdSim.Plotting.Axes;
using QdSim.Plotting.Colour;
using QdSim.Plotting.Elements;
using QdSim.Plotting.Layout;

namespace QdSim.Plotting.Tests;

public class SvgOutputTests
{
    private static Figure TwoPanelFigure()
    {
        var figure = new Figure(700, 360, rows: 1, columns: 2) { Title = "test & <figure>" };
        var shared = new Axis("Intensity", "kcps") { Min = 0 };
        var left = figure.Add(new Panel(new Axis("Time", "s") { Min = 0, Max = 10 }, shared) { Letter = "a" }, 0, 0);
        left.Add(new LineSeries([0, 5, 10], [1, 4, 2]) { Label = "trace" });
        left.Add(new LineSeries([0, 10], [3, 3]) { Label = "mean", Colour = Palette.Vermillion });
        left.Add(new ScatterSeries([2, 4, 6], [1, 2, 3], [0.2, 0.2, 0.3], [0.1, 0.1, 0.1]) { Label = "points" });
        left.Add(new ReferenceLine(Orientation.Horizontal, 2.5) { Annotation = "threshold" });
        left.Add(new Span(Orientation.Vertical, 3, 4));
        left.Add(TextAnnotation.AtFraction("ON 94 %", 0.95, 0.9));
        var right = figure.Add(new Panel(new Axis("Occurrences") { Min = 0 }, shared) { ShowYTickLabels = false, ShowYTitle = false, Letter = "b" }, 0, 1);
        right.Add(new StepHistogram([0, 1, 2, 3, 4, 5], [3, 8, 6, 2, 1], Orientation.Horizontal) { Label = "histogram" });
        return figure;
    }

    [Fact]
    public void Svg_IsWellFormedWithAxesSeriesAndLegend()
    {
        var svg = SvgAssert.WellFormedSvg(TwoPanelFigure().ToSvg());
        Assert.Equal(2, SvgAssert.WithClass(svg, "g", "panel").Count);
        Assert.Equal(2, SvgAssert.WithClass(svg, "g", "axis", "x").Count);
        Assert.Equal(2, SvgAssert.WithClass(svg, "path", "series", "line").Count); // one path per line series
        Assert.Single(SvgAssert.WithClass(svg, "g", "series", "scatter"));
        Assert.Single(SvgAssert.WithClass(svg, "path", "series", "histogram"));
        Assert.Equal(3 + 1, SvgAssert.WithClass(svg, "g", "legend-entry").Count); // three labelled in a, one in b
        // Time axis 0..10 with 1-2-5 ticks: 0, 2, 4, 6, 8, 10 → six labels under the left panel.
        var leftX = SvgAssert.WithClass(svg, "g", "axis", "x")[0];
        Assert.Equal(["0", "2", "4", "6", "8", "10"], SvgAssert.WithClass(leftX, "text", "tick-label").Select(t => t.Value));
        Assert.Contains(svg.Descendants(SvgAssert.Svg + "text"), t => t.Value == "Intensity (kcps)");
        Assert.Contains(svg.Descendants(SvgAssert.Svg + "text"), t => t.Value == "test & <figure>");
    }

    [Fact]
    public void SharedAxis_HasOneRangeAndHiddenLabelsOnTheSecondPanel()
    {
        var svg = SvgAssert.WellFormedSvg(TwoPanelFigure().ToSvg());
        var yAxes = SvgAssert.WithClass(svg, "g", "axis", "y");
        var leftLabels = SvgAssert.WithClass(yAxes[0], "text", "tick-label").Select(t => t.Value).ToList();
        Assert.Empty(SvgAssert.WithClass(yAxes[1], "text", "tick-label"));
        // Union of the trace (≤ 4.3 with error bars) and the histogram bins (≤ 5) widened to nice ticks: 0..5.
        Assert.Equal("5", leftLabels[^1]);
        var leftTicks = SvgAssert.WithClass(yAxes[0], "line", "tick", "major").Select(l => (string?)l.Attribute("y1")).ToList();
        var rightTicks = SvgAssert.WithClass(yAxes[1], "line", "tick", "major").Select(l => (string?)l.Attribute("y1")).ToList();
        Assert.Equal(leftTicks, rightTicks);
    }

    [Fact]
    public void LogAxis_LabelsDecadesWithMinorTicks()
    {
        var figure = new Figure(400, 300);
        var panel = figure.Add(new Panel(new Axis("t", "s", ScaleKind.Log), new Axis("P", "", ScaleKind.Log)));
        panel.Add(new ScatterSeries([2e-3, 0.05, 3], [500, 2, 0.04]));
        var svg = SvgAssert.WellFormedSvg(figure.ToSvg());
        var x = SvgAssert.WithClass(svg, "g", "axis", "x").Single();
        // Auto range widened to whole decades 1e-3 .. 10: five decade labels "10" with exponents −3..1.
        var labels = SvgAssert.WithClass(x, "text", "tick-label").ToList();
        Assert.Equal(["10\u22123", "10\u22122", "10\u22121", "100", "101"], labels.Select(l => l.Value));
        Assert.Equal(4 * 8, SvgAssert.WithClass(x, "line", "tick", "minor").Count);
    }

    [Fact]
    public void Heatmap_DrawsCellsAndAColourBar()
    {
        var figure = new Figure(500, 400);
        var panel = figure.Add(new Panel(new Axis("x"), new Axis("y")));
        panel.Add(new Heatmap([0, 1, 2, 3], [0, 1, 2], new double[,] { { 1, 10 }, { 100, 0 }, { 1000, double.NaN } }) { LogColour = true, ColourBarLabel = "Occurrences" });
        var svg = SvgAssert.WellFormedSvg(figure.ToSvg());
        var map = SvgAssert.WithClass(svg, "g", "heatmap").Single();
        Assert.Equal(4, map.Elements(SvgAssert.Svg + "rect").Count()); // the 0 and the NaN cell stay blank on a log colour scale
        var bar = SvgAssert.WithClass(svg, "g", "colour-bar").Single();
        Assert.Equal(["100", "101", "102", "103"], SvgAssert.WithClass(bar, "text", "tick-label").Select(t => t.Value));
        Assert.Single(svg.Descendants(SvgAssert.Svg + "linearGradient"));
    }

    [Fact]
    public void Output_IsDeterministicAndCultureInvariant()
    {
        string first = TwoPanelFigure().ToSvg();
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture.Clone() is System.Globalization.CultureInfo c
                ? ModifiedDecimalSeparator(c) : previous;
            Assert.Equal(first, TwoPanelFigure().ToSvg());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
        Assert.DoesNotMatch(@"\d,\d", first.Replace(", ", "")); // no comma decimals
    }

    private static System.Globalization.CultureInfo ModifiedDecimalSeparator(System.Globalization.CultureInfo culture)
    {
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NegativeSign = "~";
        return culture;
    }

    [Fact]
    public void LongSortedLine_IsReducedPerPixelColumn()
    {
        var figure = new Figure(400, 300);
        var panel = figure.Add(new Panel(new Axis("x") { Min = 0, Max = 1 }, new Axis("y")));
        double[] x = Enumerable.Range(0, 100_000).Select(i => i / 100_000.0).ToArray();
        double[] y = x.Select((_, i) => (double)(i % 7)).ToArray();
        panel.Add(new LineSeries(x, y));
        var svg = SvgAssert.WellFormedSvg(figure.ToSvg());
        string d = (string)SvgAssert.WithClass(svg, "path", "series", "line").Single().Attribute("d")!;
        int points = d.Count(c => c is 'M' or 'L');
        Assert.InRange(points, 300, 4 * 400); // at most first/min/max/last per column of a < 400 px wide plot area
    }

    [Fact]
    public void ColourMap_LightnessRisesMonotonically()
    {
        foreach (var map in new[] { ColourMap.Viridis, ColourMap.Greys })
        {
            double[] lightness = Enumerable.Range(0, 256).Select(i => ColourMap.Lightness(map.At(i / 255.0))).ToArray();
            for (int i = 1; i < lightness.Length; i++)
                Assert.True(lightness[i] > lightness[i - 1] - 0.004, $"lightness drops at {i}: {lightness[i - 1]:F4} → {lightness[i]:F4} (0.004 = 8-bit quantisation)");
            // Equal value steps give equal lightness steps: the ramp is linear to within the 8-bit quantisation.
            double slope = (lightness[255] - lightness[0]) / 255;
            for (int i = 0; i < 256; i++) Assert.InRange(lightness[i] - (lightness[0] + slope * i), -0.006, 0.006);
        }
        Assert.NotEqual(ColourMap.Viridis.At(0), ColourMap.Viridis.At(1));
    }
}
