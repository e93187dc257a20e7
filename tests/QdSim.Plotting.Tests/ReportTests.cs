using System.Diagnostics;
using System.Xml.Linq;
using QdSim.Plotting.Figures;
using QdSim.Plotting.Reports;
using Xunit.Abstractions;

namespace QdSim.Plotting.Tests;

public sealed class ReportTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Debian's chromium; QDSIM_CHROMIUM overrides it (e.g. to exercise the no-browser path).</summary>
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("QDSIM_CHROMIUM") ?? "/usr/bin/chromium";
    private readonly string _directory = Directory.CreateTempSubdirectory("qdsim-report-test-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static HtmlReport SampleReport()
    {
        var report = new HtmlReport("QdSim run report");
        report.Metadata.Add(("Configuration", "configs/default.json"));
        report.Metadata.Add(("Seed", "42"));
        report.AddSection("Blinking")
            .AddParagraph("Trace binned at 10 ms.")
            .AddKeyNumbers(new KeyNumber("ON fraction", 94.2, 0.3, "%"), new KeyNumber("Mandel Q", 0.31, null, ""))
            .AddFigure("blinking", BlinkingFigure.Create(SyntheticData.Blinking()), "Blinking trace & intensity histogram.");
        report.AddSection("Photon statistics")
            .AddFigure("g2-pulsed", G2Figure.Pulsed(SyntheticData.PulsedG2()), "Pulsed g2.")
            .AddFigure("flid", FlidFigure.Create(SyntheticData.Flid()), "FLID.");
        report.AddSection("Validation")
            .AddVerdict("g2(0) below 0.05", true, "0.015 ± 0.002 < 0.05")
            .AddVerdict("lifetime", false, "6.3 ns outside 5.9 ± 0.2 ns");
        return report;
    }

    [Fact]
    public void Html_IsDeterministicXmlWithInlineFiguresTableAndBadges()
    {
        string html = SampleReport().ToHtml();
        Assert.Equal(html, SampleReport().ToHtml());
        AssertReportStructure(html);
    }

    /// <summary>The report's checks in XML form: three inline SVGs with unique ids, a key-number table, two badges.</summary>
    private static void AssertReportStructure(string html)
    {
        // The HTML we write is also well-formed XML apart from the doctype, so the structure can be checked exactly.
        var document = XDocument.Parse(html.Replace("<!DOCTYPE html>", "").Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>"));
        var svgs = document.Descendants(SvgAssert.Svg + "svg").ToList();
        Assert.Equal(3, svgs.Count);
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(2 + 1, document.Descendants("tr").Count());
        Assert.Equal(["PASS", "FAIL"], document.Descendants("span").Where(s => ((string?)s.Attribute("class"))?.StartsWith("badge") == true).Select(s => s.Value));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Writer_WritesReportAndSvgFilesAndSaysWhatHappenedToPng()
    {
        var result = ReportWriter.Write(SampleReport(), _directory);
        Assert.True(File.Exists(result.ReportPath));
        Assert.Equal(["blinking.svg", "g2-pulsed.svg", "flid.svg"], result.SvgPaths.Select(Path.GetFileName));
        foreach (string svg in result.SvgPaths) SvgAssert.WellFormedSvg(File.ReadAllText(svg));
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp", SearchOption.AllDirectories));
        if (PngExport.FindConverter() is null)
        {
            Assert.Empty(result.PngPaths);
            Assert.StartsWith("PNG export skipped: rsvg-convert was not found", result.PngMessage);
        }
        else
        {
            Assert.Equal(3, result.PngPaths.Count);
        }
        output.WriteLine(result.PngMessage);
    }

    [Fact]
    public void Report_RendersInHeadlessChromium()
    {
        string reportPath = Path.Combine(_directory, "report.html");
        var report = SampleReport();
        report.Write(reportPath);
        // Always check the structure, so the test asserts something real where no browser is installed.
        AssertReportStructure(File.ReadAllText(reportPath));
        if (!File.Exists(ChromiumPath))
        {
            output.WriteLine($"SKIPPED browser rendering: {ChromiumPath} is not installed (Debian package 'chromium'; .ci/run installs it when apt is available). The SVG/HTML structure was checked instead.");
            return;
        }
        string screenshot = Path.Combine(_directory, "report.png");
        var (exitCode, dom, log) = RunChromium(reportPath, "--dump-dom");
        Assert.True(exitCode == 0, $"chromium --dump-dom exited with {exitCode}: {log}");
        // The rendered DOM holds the three inline SVG figures with their drawn series.
        Assert.Equal(3, CountOccurrences(dom, "<svg "));
        Assert.Contains("class=\"series line\"", dom);
        Assert.Contains("class=\"colour-bar\"", dom);
        (exitCode, _, log) = RunChromium(reportPath, $"--screenshot={screenshot}");
        Assert.True(exitCode == 0 && File.Exists(screenshot), $"chromium --screenshot exited with {exitCode}: {log}");
        byte[] png = File.ReadAllBytes(screenshot);
        // A blank 1200×900 page compresses to a few kB; a page with figures and text is far larger and has varied bytes.
        Assert.True(png.Length > 30_000, $"screenshot is only {png.Length} bytes: page looks blank");
        Assert.True(png.Skip(100).Distinct().Count() > 200, "screenshot bytes are nearly uniform: page looks blank");
        output.WriteLine($"Chromium rendered the report: {png.Length} byte screenshot.");
    }

    private (int ExitCode, string Stdout, string Log) RunChromium(string htmlPath, string mode)
    {
        string profile = Directory.CreateTempSubdirectory("qdsim-chromium-").FullName;
        try
        {
            var start = new ProcessStartInfo(ChromiumPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", $"--user-data-dir={profile}", "--window-size=1200,900", mode, new Uri(htmlPath).AbsoluteUri,
            }) start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, "", "timed out after 30 s");
            }
            string log = stderr.Result;
            return (process.ExitCode, stdout.Result, log.Length > 2000 ? log[..2000] : log);
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }

    private static int CountOccurrences(string text, string value)
    {
        int count = 0;
        for (int i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
