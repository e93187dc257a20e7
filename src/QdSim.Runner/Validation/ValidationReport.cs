using System.Globalization;
using System.Text;
using QdSim.Plotting.Reports;

namespace QdSim.Runner.Validation;

/// <summary>
/// Writes the validation report: validation-report.md (tables a referee reads: measured, expected, accepted interval,
/// tolerance rule, verdict) and report.html with a figure per case (simulated data, expected curve, tolerance band),
/// plus each figure as figures/&lt;name&gt;.svg. Files are written atomically.
/// </summary>
public static class ValidationReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Writes both reports into <paramref name="outDirectory"/>; returns (markdown, html) paths.</summary>
    public static (string Markdown, string Html) Write(string outDirectory, IReadOnlyList<(ValidationCase Case, CaseOutcome Outcome)> results,
        bool quick, double wallTimeS, int threads)
    {
        Directory.CreateDirectory(outDirectory);
        string set = quick ? "quick set (--quick)" : "full set";
        int passed = results.Count(r => r.Outcome.Passed);
        string headline = $"{passed}/{results.Count} cases passed, {set}, {wallTimeS.ToString("F0", Inv)} s wall time on {threads} thread(s), {Environment.ProcessorCount} cores";

        var md = new StringBuilder();
        md.AppendLine("# QdSim validation report").AppendLine()
          .AppendLine(headline).AppendLine()
          .AppendLine("Each case: engine → PTU file → QdSim.Analysis reading that file → comparison. Accepted intervals are fixed from the expectation and the statistics of the case before the comparison (rule in the last column).").AppendLine()
          .AppendLine("| case | verdict | wall time (s) |").AppendLine("|---|---|---|");
        foreach (var (c, o) in results) md.AppendLine($"| {c.Id}: {c.Title} | {(o.Passed ? "PASS" : "FAIL")} | {o.WallTimeS.ToString("F1", Inv)} |");
        var html = new HtmlReport("QdSim validation report");
        html.Metadata.Add(("Result", headline));
        html.Metadata.Add(("Generated", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", Inv)));
        foreach (var (c, o) in results)
        {
            md.AppendLine().AppendLine($"## {c.Id}: {c.Title} — {(o.Passed ? "PASS" : "FAIL")}").AppendLine()
              .AppendLine($"Wall time {o.WallTimeS.ToString("F1", Inv)} s. Case description: `validation/{c.Id}/case.md`.").AppendLine();
            var section = html.AddSection($"{c.Id}: {c.Title}");
            if (o.Error is { } error)
            {
                md.AppendLine($"**Error:** {error}").AppendLine();
                section.AddVerdict(c.Id, false, $"the case could not run: {error}");
            }
            if (o.Checks.Count > 0)
            {
                md.AppendLine("| quantity | measured | expected | accepted interval | tolerance rule | verdict |").AppendLine("|---|---|---|---|---|---|");
                foreach (var k in o.Checks)
                {
                    md.AppendLine($"| {k.Quantity} | {Measured(k)} | {Fmt(k.Expected)} {k.Unit} | [{Fmt(k.Lower)}, {Fmt(k.Upper)}] | {k.ToleranceRule} | {(k.Passed ? "PASS" : "FAIL")} |");
                    section.AddVerdict(k.Quantity, k.Passed, $"measured {Measured(k)}, expected {Fmt(k.Expected)} {k.Unit}, accepted [{Fmt(k.Lower)}, {Fmt(k.Upper)}] ({k.ToleranceRule})");
                }
                md.AppendLine();
            }
            foreach (string note in o.Notes)
            {
                md.AppendLine($"- {note}");
                section.AddParagraph(note);
            }
            foreach (var (name, figure, caption) in o.Figures)
            {
                string file = $"{c.Id}-{name}";
                figure.Save(Path.Combine(outDirectory, "figures", file + ".svg"));
                md.AppendLine().AppendLine($"![{caption}](figures/{file}.svg)").AppendLine().AppendLine($"*{caption}*");
                section.AddFigure(file, figure, caption);
            }
            section.AddParagraph($"Wall time {o.WallTimeS.ToString("F1", Inv)} s.");
        }
        string mdPath = Path.Combine(outDirectory, "validation-report.md"), htmlPath = Path.Combine(outDirectory, "report.html");
        AtomicFile.WriteAllText(mdPath, md.ToString());
        html.Write(htmlPath);
        return (mdPath, htmlPath);
    }

    private static string Measured(CheckResult k) =>
        double.IsFinite(k.MeasuredSigma) ? $"{Fmt(k.Measured)} ± {Fmt(k.MeasuredSigma)} {k.Unit}" : $"{Fmt(k.Measured)} {k.Unit}";

    private static string Fmt(double v) => double.IsNegativeInfinity(v) ? "−∞" : double.IsPositiveInfinity(v) ? "∞" : v.ToString("G4", Inv);
}
