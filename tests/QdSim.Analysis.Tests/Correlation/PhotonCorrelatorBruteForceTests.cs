using QdSim.Analysis.Correlation;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Correlation;

/// <summary>
/// Property tests: the streaming correlator's integer counts equal an O(N²) count over all photon pairs, on random
/// bursty streams (equal time tags within and across channels included), for every bin kind (quasi-log, equal,
/// irregular, one-signed, huge), every algorithm and every split between pair enumeration and edge pointers, both
/// channel orders and the autocorrelation, chunk sizes from 1 event up (lags spanning many chunks), with and without
/// ON windows.
/// </summary>
public class PhotonCorrelatorBruteForceTests
{
    private const double TickS = 1e-12;

    /// <summary>Bursty stream: Poisson bursts of geometric size with ~1–30 tick gaps inside, so pairs pile up at short lags and equal tags occur.</summary>
    private static long[] BurstyStream(TestRng rng, int photons, double meanGapTicks)
    {
        var times = new long[photons];
        double t = rng.Exponential(meanGapTicks);
        for (int i = 0; i < photons;)
        {
            long burst = Math.Min(rng.Geometric(0.4), photons - i);
            long inBurst = (long)t;
            for (int j = 0; j < burst; j++, i++)
            {
                times[i] = inBurst;
                inBurst += rng.Bernoulli(0.2) ? 0 : 1 + (long)rng.Exponential(8);
            }
            t = Math.Max(t + rng.Exponential(meanGapTicks * 2), inBurst);
        }
        return times;
    }

    private static CorrelationBins[] TestBins(TestRng rng)
    {
        var irregular = new SortedSet<long>();
        while (irregular.Count < 31) irregular.Add((long)(rng.NextDouble() * 6000) - 3000);
        var irregularPositive = new SortedSet<long>();
        while (irregularPositive.Count < 12) irregularPositive.Add(40 + (long)(rng.NextDouble() * 2500));
        return
        [
            CorrelationBins.Logarithmic(2e-12, 3000e-12, 60, TickS, symmetric: true), // one-tick bins at short lags, central bin [−2, 2)
            CorrelationBins.Logarithmic(5e-12, 4000e-12, 40, TickS),                  // positive lags only, zero lag excluded
            CorrelationBins.LinearSymmetric(2000e-12, 20e-12, TickS),                 // equal bins: division
            CorrelationBins.Linear(-700e-12, 1500e-12, 7e-12, TickS),                 // equal bins, odd width, off-centre
            new CorrelationBins(irregular.ToArray(), TickS),
            new CorrelationBins(irregularPositive.ToArray(), TickS),
            new CorrelationBins([-2500, -1200, -300, -31, -30, -3], TickS),           // negative lags only
            new CorrelationBins([-(1L << 61), -5, 0, 1, 7, 1L << 40, 1L << 61], TickS),  // lags of every magnitude in one table
        ];
    }

    private static long[] BruteForce(long[] a, long[] b, CorrelationBins bins, bool autocorrelation)
    {
        var counts = new long[bins.Count];
        for (int i = 0; i < a.Length; i++)
            for (int j = 0; j < b.Length; j++)
            {
                if (autocorrelation && i == j) continue;
                int bin = bins.IndexOf(b[j] - a[i]);
                if (bin >= 0) counts[bin]++;
            }
        return counts;
    }

    private static long[] Stream(TimeTagEvent[] events, CorrelationBins bins, short channelA, short channelB, int chunk,
        CorrelationAlgorithm algorithm, (int, int)? split, IReadOnlyList<TickInterval>? intervals = null)
    {
        var correlator = new PhotonCorrelator(TestStreams.T2Info(TickS), new CorrelatorOptions
        {
            ChannelA = channelA, ChannelB = channelB, Bins = bins, Algorithm = algorithm, SplitOverride = split, Intervals = intervals,
        });
        TestStreams.Feed(correlator, events, chunk);
        return correlator.Finish().Counts;
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void StreamingCounts_EqualBruteForcePairCounts(ulong seed)
    {
        var rng = new TestRng(seed);
        var x = BurstyStream(rng, 500, 40);
        var y = BurstyStream(rng, 400, 50);
        var events = TestStreams.MergeT2((x, 1), (y, 2));
        var chunks = new[] { 1, 2, 3, 7, 64, 333, events.Length };
        foreach (var bins in TestBins(rng))
        {
            var expected = new Dictionary<(short, short), long[]>
            {
                [(1, 2)] = BruteForce(x, y, bins, false),
                [(2, 1)] = BruteForce(y, x, bins, false),
                [(1, 1)] = BruteForce(x, x, bins, true),
            };
            Assert.True(expected[(1, 2)].Sum() > 100, "test streams must have many pairs in the bins");
            Assert.Equal(expected[(1, 2)], PhotonCorrelator.CorrelateSorted(x, y, bins, 1).Counts);
            foreach (var ((channelA, channelB), counts) in expected)
                foreach (int chunk in chunks)
                {
                    foreach (var algorithm in Enum.GetValues<CorrelationAlgorithm>())
                        Assert.True(counts.SequenceEqual(Stream(events, bins, channelA, channelB, chunk, algorithm, null)),
                            $"{algorithm}, channels {channelA}→{channelB}, chunk {chunk}, edges [{string.Join(", ", bins.EdgesTicks.Take(5))} …]");
                    int low = (int)(rng.NextDouble() * (bins.Count + 1));
                    int high = low + (int)(rng.NextDouble() * (bins.Count + 1 - low));
                    Assert.True(counts.SequenceEqual(Stream(events, bins, channelA, channelB, chunk, CorrelationAlgorithm.Auto, (low, high))),
                        $"split [{low}, {high}), channels {channelA}→{channelB}, chunk {chunk}, edges [{string.Join(", ", bins.EdgesTicks.Take(5))} …]");
                }
        }
    }

    [Fact]
    public void DenseStream_BufferGrowth_EqualsBruteForce()
    {
        // Thousands of B photons inside the lag range: the buffers grow and slide, pointers advance by many photons.
        var rng = new TestRng(4);
        var x = BurstyStream(rng, 3000, 6);
        var y = BurstyStream(rng, 3500, 5);
        var events = TestStreams.MergeT2((x, 1), (y, 2));
        var bins = CorrelationBins.Logarithmic(1e-12, 30000e-12, 80, TickS, symmetric: true);
        var expected = BruteForce(x, y, bins, false);
        foreach (int chunk in new[] { 1, 5, 1000, events.Length })
            foreach (var algorithm in Enum.GetValues<CorrelationAlgorithm>())
                Assert.True(expected.SequenceEqual(Stream(events, bins, 1, 2, chunk, algorithm, null)), $"{algorithm}, chunk {chunk}");
    }

    [Theory]
    [InlineData(5UL)]
    [InlineData(6UL)]
    public void OnWindows_CountOnlyPairsInsideOneWindow(ulong seed)
    {
        var rng = new TestRng(seed);
        var x = BurstyStream(rng, 600, 30);
        var y = BurstyStream(rng, 600, 30);
        long end = Math.Max(x[^1], y[^1]);
        var windows = new List<TickInterval>();
        for (long t = (long)rng.Exponential(500); t < end; t += 1 + (long)rng.Exponential(800))
        {
            long length = 1 + (long)rng.Exponential(1500);
            windows.Add(new TickInterval(t, t + length));
            t += length;
        }
        int Window(long t) => windows.FindIndex(w => t >= w.StartTicks && t < w.EndTicks);
        var events = TestStreams.MergeT2((x, 1), (y, 2));
        foreach (var bins in TestBins(rng))
        {
            var counts = new long[bins.Count];
            foreach (long ta in x)
                foreach (long tb in y)
                {
                    int w = Window(ta), bin = bins.IndexOf(tb - ta);
                    if (w >= 0 && w == Window(tb) && bin >= 0) counts[bin]++;
                }
            foreach (int chunk in new[] { 1, 4, 97, events.Length })
                foreach (var algorithm in Enum.GetValues<CorrelationAlgorithm>())
                    Assert.True(counts.SequenceEqual(Stream(events, bins, 1, 2, chunk, algorithm, null, windows)),
                        $"{algorithm}, chunk {chunk}, edges [{string.Join(", ", bins.EdgesTicks.Take(5))} …]");
        }
    }

    [Fact]
    public void LagBinLookup_EqualsBisection_AtAndAroundEveryEdge()
    {
        var rng = new TestRng(8);
        var all = TestBins(rng).Append(CorrelationBins.Logarithmic(10e-9, 10e-3, 1000, TickS))
            .Append(CorrelationBins.Logarithmic(10e-9, 1, 300, 100e-12, symmetric: true))
            .Append(PulsedG2.CreateBins(new PulsedG2Options { LaserPeriodS = 400e-9 }, 4e-12));
        foreach (var bins in all)
        {
            var lookup = new LagBinLookup(bins);
            var lags = new List<long>();
            foreach (long e in bins.EdgesTicks)
                for (long d = -2; d <= 2; d++) lags.Add(e + d);
            for (int i = 0; i < 2000; i++)
                lags.Add(bins.MinLagTicks + (long)(rng.NextDouble() * ((double)bins.MaxLagTicks - bins.MinLagTicks)));
            lags = lags.Where(l => l >= bins.MinLagTicks && l < bins.MaxLagTicks).Order().ToList();
            foreach (long lag in lags)
                Assert.True(bins.IndexOf(lag) == lookup.IndexOf(lag), $"lag {lag}: bisection {bins.IndexOf(lag)}, table {lookup.IndexOf(lag)}");
            // The branch-free loop of the correlator, one start photon at 0.
            var counts = new long[bins.Count];
            lookup.CountLags(lags.ToArray(), 0, lags.Count, 0, counts);
            var expected = new long[bins.Count];
            foreach (long lag in lags) expected[bins.IndexOf(lag)]++;
            Assert.Equal(expected, counts);
        }
    }
}
