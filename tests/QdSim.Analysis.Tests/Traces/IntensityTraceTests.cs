using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Tests.Support;
using QdSim.Analysis.Traces;

namespace QdSim.Analysis.Tests.Traces;

public class IntensityTraceTests
{
    [Fact]
    public void MandelQ_of_a_Poisson_process_is_zero_within_its_standard_error()
    {
        // 20 kcps for 100 s in 10 ms bins: 10⁴ bins of mean 200 counts.
        const double RateCps = 20_000, DurationS = 100, BinS = 0.01;
        var info = InMemoryReader.T2Info(0);
        using var reader = new InMemoryReader(info, SyntheticStreams.Poisson(new TestRandom(11), RateCps, DurationS));
        var stage = new IntensityTraceStage(info, BinS);
        StreamPass.Run(reader, [stage]);
        var trace = stage.Result(DurationS);
        Assert.Equal(10_000, trace.BinCount);

        var q = MandelQ.Of(trace.TotalCounts);
        double se = Math.Sqrt(2.0 / trace.BinCount);
        Assert.Equal(se, q.StandardError, 12);
        Assert.True(Math.Abs(q.Q) < 4 * se, $"Q = {q.Q:F4}, 4σ = 4·√(2/N_bins) = {4 * se:F4}");

        // Mean counts per bin: Poisson error of the total, √(λT)/N_bins.
        double expected = RateCps * BinS, sigma = Math.Sqrt(RateCps * DurationS) / trace.BinCount;
        Assert.True(Math.Abs(q.MeanCounts - expected) < 4 * sigma, $"mean {q.MeanCounts} vs {expected} ± 4·{sigma:F3}");

        // The histogram of a Poisson trace is one Poisson component.
        var histogram = IntensityHistogram.Of(trace.TotalCounts, BinS);
        Assert.Single(histogram.Mixture);
    }

    [Fact]
    public void Trace_splits_channels_and_drops_the_partial_last_bin()
    {
        var info = InMemoryReader.T2Info(1, 2);
        var events = new[]
        {
            TimeTags.TimeTagEvent.T2Photon(1_000_000_000, 1),      // 1 ms: bin 0
            TimeTags.TimeTagEvent.T2Photon(15_000_000_000, 2),     // 15 ms: bin 1
            TimeTags.TimeTagEvent.T2Photon(19_000_000_000, 1),     // 19 ms: bin 1
            TimeTags.TimeTagEvent.T2Photon(25_000_000_000, 2),     // 25 ms: partial bin 2, dropped
        };
        using var reader = new InMemoryReader(info, events);
        var stage = new IntensityTraceStage(info, 0.010);
        StreamPass.Run(reader, [stage]);
        var trace = stage.Result();
        Assert.Equal(2, trace.BinCount);
        Assert.Equal([1, 1], trace.CountsPerChannel[0]);
        Assert.Equal([0, 1], trace.CountsPerChannel[1]);
        Assert.Equal([1, 2], trace.TotalCounts);
    }
}
