using System.Text.Json;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Report;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Report;

public class FileAnalysisTests
{
    /// <summary>Two independent Poisson channels (20 and 10 kcps, 20 s) merged in time order, T2 without sync.</summary>
    private static IEnumerable<TimeTagEvent> TwoChannels()
    {
        using var a = SyntheticStreams.Poisson(new TestRandom(201), 20_000, 20, channel: 1).GetEnumerator();
        using var b = SyntheticStreams.Poisson(new TestRandom(202), 10_000, 20, channel: 2).GetEnumerator();
        bool hasA = a.MoveNext(), hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || a.Current.TimeTicks <= b.Current.TimeTicks)) { yield return a.Current; hasA = a.MoveNext(); }
            else { yield return b.Current; hasB = b.MoveNext(); }
        }
    }

    [Fact]
    public void Whole_file_analysis_reports_counts_rates_and_the_documented_json_members()
    {
        var info = InMemoryReader.T2Info(1, 2);
        using var reader = new InMemoryReader(info, TwoChannels());
        // α = 10⁻³ for the change points: at 0.05 a 600k-photon constant stream gets a few false change points and the
        // BIC then keeps a second level (see ChangePointTests for the family-wise argument).
        var output = FileAnalysis.Run(reader, new AnalysisOptions
        {
            PowerLaw = new() { BootstrapSamples = 20 }, ChangePoint = new() { Alpha = 1e-3 },
        });
        var summary = output.Summary;

        // Counts: Poisson, 4σ = 4√(λT).
        Assert.Equal(2, summary.Channels.Count);
        foreach (var (channel, rate) in new[] { (1, 20_000.0), (2, 10_000.0) })
        {
            var c = summary.Channels.Single(x => x.Channel == channel);
            Assert.True(Math.Abs(c.Counts - rate * 20) < 4 * Math.Sqrt(rate * 20), $"ch{channel}: {c.Counts} vs {rate * 20} ± 4√N");
            Assert.Equal(c.Counts / summary.DurationS, c.MeanRateCps, 9);
        }
        Assert.InRange(summary.DurationS, 19.99, 20.0);
        // Constant light: Q = 0 within 4√(2/N_bins); all ON; no sync → no photon numbers, no lifetime; CW g2 ≈ 1.
        Assert.True(Math.Abs(summary.Blinking.MandelQ) < 4 * Math.Sqrt(2.0 / summary.Trace.Bins), $"Q = {summary.Blinking.MandelQ}");
        Assert.Equal(1.0, summary.Blinking.OnFraction);
        Assert.Null(summary.PhotonNumbers);
        Assert.Null(summary.Lifetime.TauNs);
        Assert.Equal("cw", summary.G2.Mode);
        Assert.True(Math.Abs(summary.G2.ZeroDelay!.Value - 1) < 4 * summary.G2.ZeroDelayStdErr!.Value,
            $"g2(0) = {summary.G2.ZeroDelay} vs 1 ± 4·{summary.G2.ZeroDelayStdErr} (Poisson 1/√E)");
        Assert.NotNull(summary.ChangePoint);
        Assert.Single(summary.ChangePoint!.Levels);

        // The members docs/analysis-json.md promises, camelCase, null where a stage does not apply.
        using var json = JsonDocument.Parse(summary.ToJson());
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Number, root.GetProperty("durationS").ValueKind);
        var channels = root.GetProperty("channels");
        Assert.Equal(JsonValueKind.Number, channels[0].GetProperty("counts").ValueKind);
        Assert.Equal(JsonValueKind.Number, channels[0].GetProperty("meanRateCps").ValueKind);
        var blinking = root.GetProperty("blinking");
        Assert.Equal(JsonValueKind.Number, blinking.GetProperty("onFraction").ValueKind);
        Assert.Equal(JsonValueKind.Number, blinking.GetProperty("mandelQ").ValueKind);
        Assert.True(blinking.TryGetProperty("onExponent", out _) && blinking.TryGetProperty("offExponent", out _));
        Assert.Equal(JsonValueKind.Number, root.GetProperty("g2").GetProperty("zeroDelay").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("g2").GetProperty("zeroDelayBackgroundCorrected").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("lifetime").GetProperty("tauNs").ValueKind);

        // Round trip through the model.
        var back = AnalysisResult.FromJson(summary.ToJson());
        Assert.Equal(summary.Channels.Select(c => c.Counts), back.Channels.Select(c => c.Counts));

        // CSV tables: the trace has one row per complete bin.
        var trace = output.Tables().Single(t => t.FileName == "trace.csv");
        var writer = new StringWriter();
        trace.WriteTo(writer);
        Assert.Equal(summary.Trace.Bins + 1, writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
