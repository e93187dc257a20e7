using System.Globalization;
using System.Xml.Linq;
using QdSim.Plotting.Axes;
using QdSim.Plotting.Elements;
using QdSim.Plotting.Layout;

namespace QdSim.Plotting.Tests;

public class AxisMappingTests
{
    [Theory]
    [InlineData(ScaleKind.Linear, 0.1, 0.7, 61.3, 417.9)]
    [InlineData(ScaleKind.Linear, -3e-9, 12.5e-9, 417.9, 33.3)]
    [InlineData(ScaleKind.Log, 1e-3, 1e4, 80.1, 499.7)]
    [InlineData(ScaleKind.Log, 0.3, 7.1, 350.05, 20.15)]
    public void Ends_MapExactlyToThePixelEnds(ScaleKind scale, double min, double max, double pixelAtMin, double pixelAtMax)
    {
        var mapping = new AxisMapping(scale, min, max, pixelAtMin, pixelAtMax);
        Assert.Equal(pixelAtMin, mapping.ToPixel(min));
        Assert.Equal(pixelAtMax, mapping.ToPixel(max));
        double middle = scale == ScaleKind.Log ? Math.Sqrt(min * max) : (min + max) / 2;
        Assert.Equal((pixelAtMin + pixelAtMax) / 2, mapping.ToPixel(middle), 9);
    }

    [Fact]
    public void LogAxis_PutsDecadesAtEqualDistances()
    {
        var mapping = new AxisMapping(ScaleKind.Log, 1, 1e4, 0, 400);
        Assert.Equal([0, 100, 200, 300, 400], new[] { 1, 10, 100, 1e3, 1e4 }.Select(v => mapping.ToPixel(v)).Select(p => Math.Round(p, 9)));
        Assert.True(double.IsNaN(mapping.ToPixel(0)), "zero cannot be placed on a log axis");
    }

    [Theory]
    [InlineData(ScaleKind.Linear)]
    [InlineData(ScaleKind.Log)]
    public void RenderedLine_FromCornerToCorner_StartsAndEndsOnTheFrame(ScaleKind scale)
    {
        var figure = new Figure(400, 300);
        var panel = figure.Add(new Panel(new Axis("x", "s", scale) { Min = 0.2, Max = 50 }, new Axis("y", "", scale) { Min = 0.5, Max = 8 }));
        panel.Add(new LineSeries([0.2, 50], [0.5, 8]));
        var svg = XDocument.Parse(figure.ToSvg());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var frame = svg.Descendants(ns + "rect").Single(r => (string?)r.Attribute("class") == "frame");
        double Attr(string name) => double.Parse((string)frame.Attribute(name)!, CultureInfo.InvariantCulture);
        string path = (string)svg.Descendants(ns + "path").Single(p => (string?)p.Attribute("class") == "series line").Attribute("d")!;
        string[] numbers = path.Replace("M", "").Replace("L", " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double[] p = numbers.Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(Attr("x"), p[0], 2);
        Assert.Equal(Attr("y") + Attr("height"), p[1], 2);
        Assert.Equal(Attr("x") + Attr("width"), p[2], 2);
        Assert.Equal(Attr("y"), p[3], 2);
    }
}
