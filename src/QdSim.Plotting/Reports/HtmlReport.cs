using System.Text;
using QdSim.Plotting.Figures;

namespace QdSim.Plotting.Reports;

/// <summary>A key number of a run: value with standard error and unit, e.g. ("g2(0)", 0.013, 0.002, "").</summary>
/// <param name="Quantity">What was measured.</param>
/// <param name="Value">Value in <paramref name="Unit"/>.</param>
/// <param name="Uncertainty">Standard error in <paramref name="Unit"/>, or null.</param>
/// <param name="Unit">Display unit (empty when dimensionless).</param>
public sealed record KeyNumber(string Quantity, double Value, double? Uncertainty, string Unit);

/// <summary>A figure of the report with the file stem its SVG/PNG get and a caption.</summary>
/// <param name="Name">File stem, letters/digits/'-'/'_' only (e.g. "blinking").</param>
/// <param name="Figure">The figure.</param>
/// <param name="Caption">Caption under the figure.</param>
public sealed record ReportFigure(string Name, Figure Figure, string Caption);

/// <summary>One section of a report: paragraphs, key-number tables, figures and verdicts in the order added.</summary>
public sealed class ReportSection(string heading)
{
    private readonly List<object> _blocks = [];

    /// <summary>Section heading.</summary>
    public string Heading { get; } = heading;

    /// <summary>Figures of this section in order.</summary>
    public IEnumerable<ReportFigure> Figures => _blocks.OfType<ReportFigure>();

    internal IReadOnlyList<object> Blocks => _blocks;

    /// <summary>Adds a paragraph of plain text.</summary>
    public ReportSection AddParagraph(string text) => Added(text);

    /// <summary>Adds a table of key numbers.</summary>
    public ReportSection AddKeyNumbers(params KeyNumber[] numbers) => Added(numbers);

    /// <summary>Adds a figure (inlined as SVG).</summary>
    public ReportSection AddFigure(string name, Figure figure, string caption)
    {
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"figure name '{name}' must be non-empty and use only letters, digits, '-' and '_' (it becomes a file name)", nameof(name));
        return Added(new ReportFigure(name, figure, caption));
    }

    /// <summary>Adds a PASS/FAIL badge for a validation case with a one-line explanation.</summary>
    public ReportSection AddVerdict(string caseName, bool passed, string detail) => Added(new Verdict(caseName, passed, detail));

    private ReportSection Added(object block)
    {
        _blocks.Add(block);
        return this;
    }

    internal sealed record Verdict(string CaseName, bool Passed, string Detail);
}

/// <summary>
/// A self-contained HTML report: title, metadata, sections with key-number tables, inline SVG figures and
/// PASS/FAIL badges. It needs no network and no script to view; the same report gives the same bytes.
/// </summary>
public sealed class HtmlReport(string title)
{
    private const string Style = """
        body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#111}
        h1{font-size:1.6em;border-bottom:2px solid #0072b2;padding-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em}
        table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;padding:.25em .7em;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f5f8}
        figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9em;color:#333;margin-top:.3em}
        .badge{display:inline-block;padding:.1em .6em;border-radius:.3em;color:#fff;font-weight:bold;margin-right:.5em}
        .pass{background:#009e73}.fail{background:#c00000}dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}
        dl.meta dt{font-weight:bold}dl.meta dd{margin:0}
        """;

    /// <summary>Report title.</summary>
    public string Title { get; } = title;

    /// <summary>Run metadata shown under the title (configuration file, seed, version, date — whatever the caller supplies).</summary>
    public List<(string Key, string Value)> Metadata { get; } = [];

    /// <summary>Sections in order.</summary>
    public List<ReportSection> Sections { get; } = [];

    /// <summary>Adds and returns a new section.</summary>
    public ReportSection AddSection(string heading)
    {
        var section = new ReportSection(heading);
        Sections.Add(section);
        return section;
    }

    /// <summary>All figures of the report in order.</summary>
    public IEnumerable<ReportFigure> Figures => Sections.SelectMany(s => s.Figures);

    /// <summary>Renders the HTML document.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append($"<title>{SvgText.Escape(Title)}</title>\n<style>\n{Style}</style>\n</head>\n<body>\n<h1>{SvgText.Escape(Title)}</h1>\n");
        if (Metadata.Count > 0)
        {
            html.Append("<dl class=\"meta\">\n");
            foreach (var (key, value) in Metadata) html.Append($"<dt>{SvgText.Escape(key)}</dt><dd>{SvgText.Escape(value)}</dd>\n");
            html.Append("</dl>\n");
        }
        int figureNumber = 0;
        foreach (var section in Sections)
        {
            html.Append($"<section>\n<h2>{SvgText.Escape(section.Heading)}</h2>\n");
            foreach (object block in section.Blocks)
            {
                switch (block)
                {
                    case string paragraph:
                        html.Append($"<p>{SvgText.Escape(paragraph)}</p>\n");
                        break;
                    case KeyNumber[] numbers:
                        AppendTable(html, numbers);
                        break;
                    case ReportFigure figure:
                        figureNumber++;
                        string svg = figure.Figure.ToSvg($"f{figureNumber}-");
                        html.Append($"<figure id=\"{figure.Name}\">\n").Append(svg[(svg.IndexOf("<svg", StringComparison.Ordinal))..])
                            .Append($"<figcaption><b>Figure {figureNumber}.</b> {SvgText.Escape(figure.Caption)}</figcaption>\n</figure>\n");
                        break;
                    case ReportSection.Verdict verdict:
                        html.Append($"<p class=\"verdict\"><span class=\"badge {(verdict.Passed ? "pass\">PASS" : "fail\">FAIL")}</span>")
                            .Append($"<b>{SvgText.Escape(verdict.CaseName)}</b>: {SvgText.Escape(verdict.Detail)}</p>\n");
                        break;
                }
            }
            html.Append("</section>\n");
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the HTML to <paramref name="path"/> atomically.</summary>
    public void Write(string path) => AtomicFile.WriteAllText(path, ToHtml());

    private static void AppendTable(StringBuilder html, KeyNumber[] numbers)
    {
        html.Append("<table class=\"key-numbers\">\n<tr><th>Quantity</th><th>Value</th><th>Unit</th></tr>\n");
        foreach (var n in numbers)
            html.Append($"<tr><td>{SvgText.Escape(n.Quantity)}</td><td class=\"num\">{SvgText.Escape(Display.WithUncertainty(n.Value, n.Uncertainty))}</td><td>{SvgText.Escape(n.Unit)}</td></tr>\n");
        html.Append("</table>\n");
    }
}
