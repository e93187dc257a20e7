using System.Xml.Linq;

namespace QdSim.Plotting.Tests;

/// <summary>Parses SVG text and finds elements by tag and class.</summary>
internal static class SvgAssert
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the document (throws on malformed XML) and checks the standalone SVG 1.1 root.</summary>
    public static XDocument WellFormedSvg(string svg)
    {
        var document = XDocument.Parse(svg);
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("1.1", (string?)root.Attribute("version"));
        Assert.NotNull(root.Attribute("viewBox"));
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", svg.Replace("http://www.w3.org/2000/svg", ""), StringComparison.Ordinal);
        Assert.DoesNotContain("@font-face", svg, StringComparison.Ordinal);
        return document;
    }

    /// <summary>Elements with the given tag whose class attribute contains every listed class.</summary>
    public static List<XElement> WithClass(XContainer container, string tag, params string[] classes) =>
        container.Descendants(Svg + tag)
            .Where(e => ((string?)e.Attribute("class"))?.Split(' ') is { } c && classes.All(c.Contains))
            .ToList();
}
