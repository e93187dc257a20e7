using QdSim.Analysis.Correlation;

namespace QdSim.Analysis.Tests.Correlation;

public class PhotonCorrelatorTests
{
    private const double TickS = 100e-12;

    private static void AssertFlatWithinPoissonError(CorrelationHistogram h, string what)
    {
        // Uncorrelated light: C_k ~ Poisson(E_k). |C − E|/σ < 4.5 at every bin: per-bin two-sided probability
        // 7e-6, so with ≤ 2·10³ bins the chance that any bin exceeds it by chance is < 1.4%, and a normalisation
        // error of a few 1/√E at a bin fails the test.
        // σ² = E + E²·(1 − f)/f·(1/N_A + 1/N_B): besides the Poisson pair noise, at a lag τ comparable to the window
        // T only the photons in the overlap (fraction f = (T − |τ|)/T of the window) can pair, and their number is
        // Binomial(N, f) given the totals, a relative variance (1 − f)/(N f) per channel that the pair count inherits.
        // It is negligible for τ ≪ T (single window only; the interval test keeps τ ≪ window lengths).
        var expected = h.ExpectedUncorrelatedPairs();
        var centers = h.Bins.CentersS();
        double windowS = h.WindowLengthsTicks.Length == 1 ? h.DurationS : double.PositiveInfinity;
        for (int k = 0; k < expected.Length; k++)
        {
            double f = 1 - Math.Abs(centers[k]) / windowS;
            double variance = expected[k] + expected[k] * expected[k] * (1 - f) / f * (1.0 / h.PhotonsA + 1.0 / h.PhotonsB);
            double z = (h.Counts[k] - expected[k]) / Math.Sqrt(variance);
            Assert.True(Math.Abs(z) < 4.5,
                $"{what}: bin {k} at {centers[k]:E3} s: g2 = {h.Normalized()[k]:F4}, counts {h.Counts[k]} vs expected {expected[k]:F1}, z = {z:F2} (limit 4.5 sigma of Poisson pair noise + overlap photon-number noise)");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void IndependentPoissonStreams_G2IsOneWithinPoissonError_AtEveryBin(bool logarithmic)
    {
        var rng = new TestRng(20261122);
        const double rateHz = 1e5, durationS = 1.0;
        var a = TestStreams.Poisson(rng, rateHz, durationS, TickS);
        var b = TestStreams.Poisson(rng, rateHz, durationS, TickS);
        var bins = logarithmic
            ? CorrelationBins.Logarithmic(20e-9, 0.05, 100, TickS, symmetric: true) // lags up to T/20: the (T − |τ|) correction is 5% ≫ σ there
            : CorrelationBins.LinearSymmetric(1e-6, 10e-9, TickS);
        var correlator = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins });
        TestStreams.Feed(correlator, TestStreams.MergeT2((a, 1), (b, 2)), 4096);
        var h = correlator.Finish();

        Assert.Equal(a.Length, h.PhotonsA);
        Assert.Equal(b.Length, h.PhotonsB);
        AssertFlatWithinPoissonError(h, logarithmic ? "log bins" : "linear bins");
    }

    [Theory]
    [InlineData(CorrelationAlgorithm.Auto)]
    [InlineData(CorrelationAlgorithm.PairEnumeration)]
    [InlineData(CorrelationAlgorithm.EdgeSearch)]
    public void Streaming_EqualsBatchReference_BitIdenticalCounts(CorrelationAlgorithm algorithm)
    {
        // A bunched, cross-correlated pair of channels (B echoes A after ~3 ns) on irregular bins, fed in odd chunks.
        var rng = new TestRng(7);
        var a = TestStreams.Poisson(rng, 5e5, 0.05, TickS);
        var echo = a.Where(_ => rng.Bernoulli(0.3)).Select(t => t + 30 + (long)(rng.Exponential(20))).ToArray();
        var b = TestStreams.Poisson(rng, 3e5, 0.05, TickS).Concat(echo).Order().ToArray();
        var edges = CorrelationBins.Logarithmic(1e-9, 1e-3, 60, TickS, symmetric: true).EdgesTicks.ToList();
        edges.Insert(edges.Count / 2, 3); // an off-centre, irregular edge
        var bins = new CorrelationBins(edges.Distinct().Order().ToArray(), TickS);

        var events = TestStreams.MergeT2((a, 1), (b, 2));
        var correlator = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins, Algorithm = algorithm });
        TestStreams.Feed(correlator, events, 777);
        var streamed = correlator.Finish();
        var batch = PhotonCorrelator.CorrelateSorted(a, b, bins, events[^1].TimeTicks - events[0].TimeTicks);

        Assert.Equal(batch.Counts, streamed.Counts);
        Assert.Equal(batch.Normalized(), streamed.Normalized());
        Assert.True(streamed.Counts[bins.IndexOf(30)] > 2 * streamed.ExpectedUncorrelatedPairs()[bins.IndexOf(30)], "the echo must show as bunching (else the test is vacuous)");
    }

    [Fact]
    public void Autocorrelation_ExcludesSelfPairs_AndMatchesBatch()
    {
        var rng = new TestRng(11);
        var a = TestStreams.Poisson(rng, 2e5, 0.2, TickS);
        var bins = CorrelationBins.LinearSymmetric(2e-6, 20e-9, TickS);
        var correlator = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 1, Bins = bins });
        var events = TestStreams.MergeT2((a, 1));
        TestStreams.Feed(correlator, events, 1000);
        var h = correlator.Finish();
        var batch = PhotonCorrelator.CorrelateSorted(a, a, bins, events[^1].TimeTicks - events[0].TimeTicks, isAutocorrelation: true);

        Assert.Equal(batch.Counts, h.Counts);
        // Poisson arrivals are uncorrelated with themselves too, once the photon itself is left out of the zero bin.
        AssertFlatWithinPoissonError(h, "autocorrelation");
    }

    [Fact]
    public void RestrictedToOnPeriods_BlinkingSourceIsUncorrelated()
    {
        // Telegraph source: ON (2·10⁵ cps per channel) / OFF (0) with exponential 5 ms dwell times. The full g2 is
        // bunched at lags below the dwell time (g2 → 1/onFraction = 2); restricted to the ON windows it is 1.
        var rng = new TestRng(99);
        const double rateHz = 2e5, dwellS = 5e-3, durationS = 1.0;
        var on = new List<TickInterval>();
        var a = new List<long>();
        var b = new List<long>();
        double t = 0;
        bool isOn = true;
        while (t < durationS)
        {
            double end = Math.Min(durationS, t + rng.Exponential(dwellS));
            if (isOn)
            {
                on.Add(new TickInterval((long)(t / TickS), (long)(end / TickS)));
                foreach (var list in new[] { a, b })
                    for (double s = t + rng.Exponential(1 / rateHz); s < end; s += rng.Exponential(1 / rateHz)) list.Add((long)(s / TickS));
            }
            t = end;
            isOn = !isOn;
        }
        var events = TestStreams.MergeT2((a.Order().ToArray(), 1), (b.Order().ToArray(), 2));
        var bins = CorrelationBins.Logarithmic(10e-9, 20e-6, 40, TickS, symmetric: true); // τ ≪ 5 ms windows

        var full = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins });
        var restricted = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins, Intervals = on });
        TestStreams.Feed(full, events, 5000);
        TestStreams.Feed(restricted, events, 5000);

        double fullShortLag = full.Finish().Normalized()[bins.Count / 2];
        Assert.True(fullShortLag > 1.5, $"full g2 at the shortest lag is {fullShortLag:F3}; blinking bunching (≈2) expected, else the restriction test is vacuous");
        AssertFlatWithinPoissonError(restricted.Finish(), "ON-restricted");
    }
}
