using System.Diagnostics;

namespace QdSim.Plotting.Reports;

/// <summary>What a report run wrote.</summary>
/// <param name="ReportPath">Path of report.html, or null when no report was asked for.</param>
/// <param name="SvgPaths">Figure SVG files written.</param>
/// <param name="PngPaths">PNG files written next to them.</param>
/// <param name="PngMessage">One line saying what happened to PNG export (converted, or skipped and why).</param>
public sealed record ReportOutput(string? ReportPath, IReadOnlyList<string> SvgPaths, IReadOnlyList<string> PngPaths, string PngMessage);

/// <summary>
/// Writes a run's figures and report into its output folder: figures/&lt;name&gt;.svg for every figure (when asked),
/// PNG beside each when <c>rsvg-convert</c> is on PATH, and report.html with the figures inline. Every file is
/// written atomically.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the outputs; <paramref name="writeSvgFiles"/> maps to <c>--figures svg|none</c>, <paramref name="writeReport"/> to <c>--report</c>.</summary>
    public static ReportOutput Write(HtmlReport report, string outDirectory, bool writeSvgFiles = true, bool writeReport = true)
    {
        var svgPaths = new List<string>();
        if (report.Figures.GroupBy(f => f.Name).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
            throw new ArgumentException($"two report figures are named '{duplicate.Key}': each needs its own file name", nameof(report));
        if (writeSvgFiles)
        {
            foreach (var figure in report.Figures)
            {
                string path = Path.Combine(outDirectory, "figures", figure.Name + ".svg");
                figure.Figure.Save(path);
                svgPaths.Add(path);
            }
        }
        var png = svgPaths.Count > 0 ? PngExport.Convert(svgPaths) : new PngExportResult([], "PNG export skipped: no SVG figures were written.");
        string? reportPath = null;
        if (writeReport)
        {
            reportPath = Path.Combine(outDirectory, "report.html");
            report.Write(reportPath);
        }
        return new ReportOutput(reportPath, svgPaths, png.PngPaths, png.Message);
    }
}

/// <summary>Result of a PNG export attempt.</summary>
/// <param name="PngPaths">PNG files written.</param>
/// <param name="Message">Plain one-line account, e.g. "PNG export skipped: rsvg-convert was not found on PATH."</param>
public sealed record PngExportResult(IReadOnlyList<string> PngPaths, string Message);

/// <summary>Optional PNG copies of SVG figures through librsvg's <c>rsvg-convert</c>, when it is installed.</summary>
public static class PngExport
{
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Full path of <c>rsvg-convert</c> on PATH, or null.</summary>
    public static string? FindConverter()
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "rsvg-convert"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Converts each SVG to a PNG of the same name (2× scale for print), or says plainly why not.</summary>
    public static PngExportResult Convert(IReadOnlyList<string> svgPaths)
    {
        string? converter = FindConverter();
        if (converter is null) return new PngExportResult([], "PNG export skipped: rsvg-convert was not found on PATH (install librsvg2-bin to get PNG copies); the SVG figures and report are complete.");
        var written = new List<string>();
        foreach (string svg in svgPaths)
        {
            string png = Path.ChangeExtension(svg, ".png");
            string temporary = $"{png}.{Environment.ProcessId}.tmp";
            var start = new ProcessStartInfo(converter) { RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[] { "--zoom", "2", "--background-color", "white", "--output", temporary, svg }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            string error = process.StandardError.ReadToEnd();
            if (!process.WaitForExit(ConversionTimeout)) process.Kill();
            if (!process.HasExited || process.ExitCode != 0 || !File.Exists(temporary))
            {
                if (File.Exists(temporary)) File.Delete(temporary);
                return new PngExportResult(written, $"PNG export stopped at {Path.GetFileName(svg)}: rsvg-convert failed ({error.Trim().Split('\n')[0]}).");
            }
            File.Move(temporary, png, overwrite: true);
            written.Add(png);
        }
        return new PngExportResult(written, $"PNG export: {written.Count} figure(s) converted with {converter}.");
    }
}
