using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Report;
using QdSim.Plotting.Reports;
using QdSim.Runner.Cli;
using QdSim.TimeTags;
using AtomicFile = QdSim.TimeTags.IO.AtomicFile;

namespace QdSim.Runner.Reporting;

/// <summary>
/// The report step shared by <c>qdsim analyze</c> and <c>qdsim simulate</c>: the display pass over the analysed file
/// (with a progress bar), the optional ground-truth trajectory, the figures and report.html, and the plain lines that
/// say what was written (including whether PNG copies were made). Kept here so the two command files only parse options.
/// </summary>
internal static class ReportCommandSupport
{
    /// <summary>Help text of <c>--figures</c>.</summary>
    public const string FiguresDescription = "Figure files: svg (figures/<name>.svg, PNG beside them when rsvg-convert is installed) or none";

    /// <summary>Help text of <c>--report</c>.</summary>
    public const string ReportDescription = "Write report.html (self-contained: figures inline, key numbers in a table); --report false or --no-report to skip";

    /// <summary>
    /// The analysis step of <c>qdsim simulate</c>: analyses the time-tag file the run just wrote with the default analysis
    /// settings (what <c>qdsim analyze</c> would do), writes analysis.json and its CSV tables beside it, then the figures
    /// and report with the ground-truth trajectory under the measured trace.
    /// </summary>
    /// <param name="files">Files the simulation wrote: the first time-tag file is analysed, a *.trajectory.csv is drawn.</param>
    /// <param name="outDirectory">The run's --out folder.</param>
    /// <param name="figures">--figures.</param>
    /// <param name="writeReport">--report.</param>
    /// <param name="output">Where the lines saying what was written go.</param>
    /// <param name="metadata">Rows under the report title (seed, configuration).</param>
    public static void AnalyseSimulation(IReadOnlyList<string> files, string outDirectory, FigureFormat figures, bool writeReport, TextWriter output,
        IReadOnlyList<(string Key, string Value)> metadata)
    {
        string timeTags = files.First(f => !f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) && !f.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
        string? trajectory = files.FirstOrDefault(f => f.EndsWith(".trajectory.csv", StringComparison.OrdinalIgnoreCase));
        var warnings = new List<string>();
        FileAnalysisOutput analysis;
        using (var reader = TimeTagFile.Open(timeTags, new TimeTagReadOptions { OnWarning = warnings.Add }))
            analysis = ProgressReporter.Run($"analyze {Path.GetFileName(timeTags)}", progress => FileAnalysis.Run(reader, new AnalysisOptions(), progress, warnings));
        AtomicFile.WriteText(Path.Combine(outDirectory, "analysis.json"), writer => writer.Write(analysis.Summary.ToJson()));
        foreach (var table in analysis.Tables()) AtomicFile.WriteText(Path.Combine(outDirectory, table.FileName), table.WriteTo);
        output.WriteLine($"  analysed {timeTags}: analysis.json and {analysis.Tables().Count} CSV tables");
        foreach (string line in KeyNumberLines(analysis.Summary)) output.WriteLine(line);
        Write(timeTags, analysis, outDirectory, figures, writeReport, output, trajectoryPath: trajectory, metadata: metadata);
    }

    /// <summary>The key numbers of an analysis as two indented terminal lines (blinking; g2 and lifetime with their errors).</summary>
    public static IEnumerable<string> KeyNumberLines(AnalysisResult s)
    {
        static string Value(double? value, double? error, string unit = "") => value is not { } v ? "n/a"
            : (error is { } e && double.IsFinite(e) ? $"{Sig(v)} ± {Sig(e)}" : Sig(v)) + unit;
        static string Sig(double x) => x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);
        yield return $"  ON fraction {Value(s.Blinking.OnFraction, null)}, Mandel Q {Value(s.Blinking.MandelQ, s.Trace.MandelQBlockStandardError)}, " +
            $"exponents ON {Value(s.Blinking.OnExponent, null)} OFF {Value(s.Blinking.OffExponent, null)}" +
            (s.ChangePoint is { } cp ? $", {cp.Levels.Count} change-point levels" : "");
        yield return $"  g2(0) {Value(s.G2.ZeroDelay, s.G2.ZeroDelayStdErr)} ({s.G2.Mode ?? "n/a"}), background-corrected " +
            $"{Value(s.G2.ZeroDelayBackgroundCorrected, s.G2.ZeroDelayBackgroundCorrectedStdErr)}, lifetime {Value(s.Lifetime.TauNs, s.Lifetime.TauSigmaNs, " ns")}";
    }

    /// <summary>
    /// Writes the figures and report of <paramref name="analysis"/> of <paramref name="timeTagPath"/> into
    /// <paramref name="outDirectory"/>; <paramref name="trajectoryPath"/> is a simulation's ground-truth trajectory CSV, when there is one.
    /// </summary>
    public static ReportOutput? Write(string timeTagPath, FileAnalysisOutput analysis, string outDirectory, FigureFormat figures, bool writeReport,
        TextWriter output, bool trustFileSize = false, string? trajectoryPath = null, IReadOnlyList<(string Key, string Value)>? metadata = null)
    {
        if (figures == FigureFormat.None && !writeReport) return null;
        var display = ReportDisplayData.Empty;
        // The second read repeats the reader's warnings of the first: they were printed already.
        using (var file = TimeTagFile.Open(timeTagPath, new TimeTagReadOptions { TrustFileSize = trustFileSize, OnWarning = _ => { } }))
        using (var reader = LaserClockReader.Open(file))
        {
            if (ReportDisplayPass.IsNeeded(reader.Info, analysis))
                display = ProgressReporter.Run($"figures {Path.GetFileName(timeTagPath)}", progress => ReportDisplayPass.Run(reader, analysis, progress));
        }
        GroundTruthTrajectory? truth = null;
        if (trajectoryPath is not null && File.Exists(trajectoryPath) && analysis.Summary.DurationS > 0)
            truth = GroundTruthTrajectory.Read(trajectoryPath, analysis.Trace.BinCount > 0 ? analysis.Trace.BinCount * analysis.Trace.BinWidthS : analysis.Summary.DurationS,
                analysis.Trace.BinWidthS);
        var written = AnalysisReport.Write(analysis, display, outDirectory, figures, writeReport, truth,
            new AnalysisReportOptions { Metadata = metadata ?? [] });
        if (written.SvgPaths.Count > 0) output.WriteLine($"  figures: {written.SvgPaths.Count} SVG in {Path.GetFullPath(Path.Combine(outDirectory, "figures"))}");
        if (figures == FigureFormat.Svg) output.WriteLine($"  {written.PngMessage}");
        if (written.ReportPath is { } report) output.WriteLine($"  report: {Path.GetFullPath(report)}");
        return written;
    }
}
