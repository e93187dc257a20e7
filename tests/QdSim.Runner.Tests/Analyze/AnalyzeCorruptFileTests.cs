using System.Text.Json;
using QdSim.Runner.Cli;
using QdSim.Runner.Tests.Reporting;
using QdSim.Runner.Tests.Sweeps;
using QdSim.TimeTags.Ptu;

namespace QdSim.Runner.Tests.Analyze;

/// <summary>
/// `qdsim analyze` on files whose header and size disagree (issue 3): a header that lies about its record count (more
/// records declared than a file ending on a record boundary holds, or fewer) → one line naming file, byte offset and
/// what was expected, exit 2; a truncated last record → a warning and the analysis of the complete records.
/// </summary>
public sealed class AnalyzeCorruptFileTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "qdsim-analyze-corrupt-" + Guid.NewGuid().ToString("N"));

    public AnalyzeCorruptFileTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private (string Path, long CountOffset, long Records, long DataOffset) WriteFile()
    {
        string path = Path.Combine(_folder, "dot.ptu");
        SyntheticPtu.Write(path);
        using var reader = PtuReader.Open(path);
        return (path, reader.Header.Find("TTResult_NumberOfRecords")!.ValueOffset, reader.RecordCount, reader.Header.DataOffset);
    }

    private static void PatchCount(string path, long offset, long value)
    {
        using var stream = File.OpenWrite(path);
        PtuHeaderWriter.PatchInt64(stream, offset, value);
    }

    private (int Exit, string Stdout, string Stderr) Analyze(string path) =>
        QdSimProcess.Wait(QdSimProcess.Start(new Dictionary<string, string>(), "analyze", path, "--out", Path.Combine(_folder, "out"),
            "--figures", "none", "--no-report", "--set", "ChangePoint:Enabled=false", "--set", "Blinking:BootstrapSamples=10"));

    [Theory]
    [InlineData(+5)]   // header claims more records than the file holds (file cut at a record boundary)
    [InlineData(-5)]   // header claims fewer
    public void Header_lying_about_its_record_count_is_one_line_naming_file_offset_and_expectation(int lie)
    {
        var (path, offset, records, _) = WriteFile();
        PatchCount(path, offset, records + lie);
        var (exit, _, stderr) = Analyze(path);
        Assert.Equal(CliRun.ExitUserError, exit);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains($"at byte {offset}", line, StringComparison.Ordinal);
        Assert.Contains($"declares {records + lie} records", line, StringComparison.Ordinal);
        Assert.Contains("expected them to agree", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "out", "analysis.json")));
    }

    [Fact]
    public void Truncated_last_record_warns_and_analyses_the_complete_records()
    {
        var (path, _, records, dataOffset) = WriteFile();
        using (var stream = File.OpenWrite(path)) stream.SetLength(stream.Length - 3);
        var (exit, _, stderr) = Analyze(path);
        Assert.True(exit == CliRun.ExitOk, stderr);
        Assert.Contains($"at byte {dataOffset + (records - 1) * 4}: truncated last record (1 of 4 bytes)", stderr, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "out", "analysis.json")));
        Assert.Equal(records - 1, json.RootElement.GetProperty("source").GetProperty("events").GetInt64()
            + OverflowRecords(path, records - 1));
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("truncated last record", StringComparison.Ordinal));
    }

    /// <summary>Overflow records among the first <paramref name="records"/> (they are records but no events).</summary>
    private static long OverflowRecords(string path, long records)
    {
        using var reader = PtuReader.Open(path, new QdSim.TimeTags.TimeTagReadOptions { OnWarning = _ => { } });
        long events = 0;
        var buffer = new QdSim.TimeTags.TimeTagEvent[1 << 16];
        int n;
        while ((n = reader.Read(buffer)) > 0) events += n;
        return records - events;
    }
}
