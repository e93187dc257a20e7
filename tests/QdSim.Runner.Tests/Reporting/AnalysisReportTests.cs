using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using QdSim.Analysis.Report;
using QdSim.Runner.Cli;
using QdSim.Runner.Commands;

namespace QdSim.Runner.Tests.Reporting;

/// <summary>One synthetic PTU (written once) and a scratch folder, both deleted after the tests of the class.</summary>
public sealed class SyntheticMeasurement : IDisposable
{
    public SyntheticMeasurement()
    {
        Folder = Path.Combine(Path.GetTempPath(), "qdsim-report-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        PtuPath = Path.Combine(Folder, "pulsed.ptu");
        SyntheticPtu.Write(PtuPath);
        DefaultOut = Path.Combine(Folder, "default");
        DefaultExit = AnalysisReportTests.Analyze(PtuPath, "--out", DefaultOut, "--set", "Blinking:BootstrapSamples=20");
    }

    public string Folder { get; }
    public string PtuPath { get; }
    public string DefaultOut { get; }
    public int DefaultExit { get; }

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}

/// <summary>`qdsim analyze` with its report step, on a pulsed two-channel T3 file with blinking and a known lifetime.</summary>
[Collection("console")]
public class AnalysisReportTests(SyntheticMeasurement measurement) : IClassFixture<SyntheticMeasurement>
{
    private static readonly string[] PulsedFigures = ["blinking", "dwell-times", "g2", "decay", "flid", "photon-numbers"];

    internal static int Analyze(params string[] args) =>
        AnalyzeCommand.Create().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = TextWriter.Null });

    [Fact]
    public void Report_holds_every_figure_inline_as_well_formed_svg_and_the_figure_files_match()
    {
        Assert.Equal(CliRun.ExitOk, measurement.DefaultExit);
        string html = File.ReadAllText(Path.Combine(measurement.DefaultOut, "report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase); // self-contained, no network
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/", "", StringComparison.Ordinal), StringComparison.Ordinal);

        foreach (string name in PulsedFigures)
        {
            var match = Regex.Match(html, $"<figure id=\"{name}\">\\s*(<svg.*?</svg>)", RegexOptions.Singleline);
            Assert.True(match.Success, $"report.html has no inline figure '{name}'");
            var inline = XElement.Parse(match.Groups[1].Value);
            Assert.Equal("svg", inline.Name.LocalName);
            Assert.Contains(inline.Descendants(), e => e.Name.LocalName is "path" or "rect" or "polyline");
            string file = Path.Combine(measurement.DefaultOut, "figures", name + ".svg");
            Assert.True(File.Exists(file), $"figures/{name}.svg missing");
            Assert.Equal("svg", XDocument.Load(file).Root!.Name.LocalName);
        }
        Assert.Equal(PulsedFigures.Order(), Directory.GetFiles(Path.Combine(measurement.DefaultOut, "figures"), "*.svg").Select(Path.GetFileNameWithoutExtension).Order()!);
    }

    [Fact]
    public void Key_number_table_quotes_analysis_json_with_units_and_uncertainties()
    {
        var result = AnalysisResult.FromJson(File.ReadAllText(Path.Combine(measurement.DefaultOut, "analysis.json")));
        var rows = KeyRows(File.ReadAllText(Path.Combine(measurement.DefaultOut, "report.html")));

        Assert.Equal((Number(result.DurationS), "s"), (rows["Duration"].Value, rows["Duration"].Unit));
        foreach (var c in result.Channels)
        {
            Assert.StartsWith(c.Counts.ToString(CultureInfo.InvariantCulture) + " ± ", rows[$"Counts, channel {c.Channel}"].Value, StringComparison.Ordinal);
            Assert.Equal("counts/s", rows[$"Mean rate, channel {c.Channel}"].Unit);
        }
        Assert.Equal(Number(result.Blinking.OnFraction), rows["ON fraction"].Value);
        Assert.Contains(" ± ", rows["Mandel Q (± 10-block SE)"].Value, StringComparison.Ordinal);
        Assert.Contains(" ± ", rows["g2(0), raw (peak areas)"].Value, StringComparison.Ordinal);
        Assert.Contains(rows.Keys, k => k.StartsWith("ON-time power-law exponent", StringComparison.Ordinal));

        // The lifetime row is the analysis' fit, and that fit recovers the τ the file was made with: within 4 of its own
        // standard errors (the Fisher error of a Poisson ML fit; 4σ keeps the false-alarm rate below 1e−4).
        var (tauText, unit) = rows["Lifetime τ (mono-exponential)"];
        Assert.Equal("ns", unit);
        double tauNs = result.Lifetime.TauNs!.Value, sigmaNs = result.Lifetime.TauSigmaNs!.Value;
        double shownNs = double.Parse(tauText.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(shownNs - tauNs) <= sigmaNs / 2, $"table shows τ = {tauText} ns, analysis.json {tauNs} ± {sigmaNs} ns (display rounds to the error's decimals)");
        Assert.True(Math.Abs(tauNs - SyntheticPtu.LifetimeS * 1e9) < 4 * sigmaNs,
            $"τ = {tauNs} ± {sigmaNs} ns, truth {SyntheticPtu.LifetimeS * 1e9} ns: more than 4σ apart");
    }

    [Fact]
    public void Figures_none_writes_no_svg_but_the_report_still_has_its_figures_inline()
    {
        string outDir = Path.Combine(measurement.Folder, "no-figures");
        Assert.Equal(CliRun.ExitOk, Analyze(measurement.PtuPath, "--out", outDir, "--figures", "none", "--set", "Blinking:BootstrapSamples=5"));
        Assert.False(Directory.Exists(Path.Combine(outDir, "figures")), "--figures none created figures/");
        Assert.Empty(Directory.GetFiles(outDir, "*.svg", SearchOption.AllDirectories));
        Assert.Contains("<figure id=\"decay\">", File.ReadAllText(Path.Combine(outDir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void No_report_writes_figures_only_and_a_bad_figures_value_is_a_user_error()
    {
        string outDir = Path.Combine(measurement.Folder, "no-report");
        Assert.Equal(CliRun.ExitOk, Analyze(measurement.PtuPath, "--out", outDir, "--no-report", "--set", "Blinking:BootstrapSamples=5"));
        Assert.False(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.True(File.Exists(Path.Combine(outDir, "figures", "g2.svg")));
        Assert.Equal(CliRun.ExitUserError, Analyze(measurement.PtuPath, "--out", Path.Combine(measurement.Folder, "bad"), "--figures", "png"));
    }

    [Fact]
    public void No_temporary_files_are_left_behind()
    {
        Assert.Equal(CliRun.ExitOk, measurement.DefaultExit);
        var leftovers = Directory.GetFiles(measurement.DefaultOut, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".partial", StringComparison.Ordinal)).ToArray();
        Assert.Empty(leftovers);
    }

    private static string Number(double value) => QdSim.Plotting.Axes.SiPrefix.Significant(value, 3);

    /// <summary>Rows of the key-number table: quantity → (value text, unit).</summary>
    private static Dictionary<string, (string Value, string Unit)> KeyRows(string html)
    {
        var table = Regex.Match(html, "<table class=\"key-numbers\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(table, "<tr><td>(.*?)</td><td class=\"num\">(.*?)</td><td>(.*?)</td></tr>")
            .ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value),
                m => (System.Net.WebUtility.HtmlDecode(m.Groups[2].Value), System.Net.WebUtility.HtmlDecode(m.Groups[3].Value)));
    }
}
