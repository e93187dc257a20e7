using QdSim.Analysis.Correlation;
namespace QdSim.Analysis.Tests.Correlation;
public class ScratchTests
{
    [Fact]
    public void Scratch()
    {
        const double TickS = 100e-12;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var rng = new TestRng(20261122);
        var a = TestStreams.Poisson(rng, 1e5, 1, TickS);
        var b = TestStreams.Poisson(rng, 1e5, 1, TickS);
        var bins = CorrelationBins.Logarithmic(20e-9, 0.05, 100, TickS, symmetric: true);
        var t1 = sw.ElapsedMilliseconds;
        var ev = TestStreams.MergeT2((a, 1), (b, 2));
        var t2 = sw.ElapsedMilliseconds;
        var correlator = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins });
        TestStreams.Feed(correlator, ev, 4096);
        var h = correlator.Finish();
        var t3 = sw.ElapsedMilliseconds;
        var e = h.ExpectedUncorrelatedPairs();
        Assert.Fail($"{t1} {t2} {t3} {sw.ElapsedMilliseconds} bins {bins.Count}");
    }
}
