using QdSim.Runner.Cli;
using QdSim.Runner.Commands;
using QdSim.Runner.Reporting;

namespace QdSim.Runner.Tests.Reporting;

/// <summary><c>qdsim simulate</c> analyses what it wrote and reports it with the ground truth under the measured trace.</summary>
[Collection("console")]
public sealed class SimulationReportTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qdsim-simreport-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Simulation_report_has_the_ground_truth_figure_and_analysis_json()
    {
        string outDir = Path.Combine(_dir, "with");
        int code = CliRun.Guard(() => SimulateCommand.Run(null, outDir, ["Run:DurationS=2"], quiet: true,
            report: new SimulationReportRequest(FigureFormat.Svg, WriteReport: true)));
        Assert.Equal(CliRun.ExitOk, code);
        Assert.True(File.Exists(Path.Combine(outDir, "analysis.json")));
        string html = File.ReadAllText(Path.Combine(outDir, "report.html"));
        Assert.Contains("<figure id=\"ground-truth\">", html, StringComparison.Ordinal);
        Assert.Contains("<figure id=\"blinking\">", html, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(outDir, "figures", "ground-truth.svg")));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void No_analysis_writes_neither_analysis_nor_report()
    {
        string outDir = Path.Combine(_dir, "without");
        Assert.Equal(CliRun.ExitOk, CliRun.Guard(() => SimulateCommand.Run(null, outDir, ["Run:DurationS=1"], quiet: true, report: null)));
        Assert.False(File.Exists(Path.Combine(outDir, "analysis.json")));
        Assert.False(File.Exists(Path.Combine(outDir, "report.html")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "figures")));
    }
}
