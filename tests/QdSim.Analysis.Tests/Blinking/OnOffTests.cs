using QdSim.Analysis.Blinking;
using QdSim.Analysis.Tests.Support;
using QdSim.Analysis.Traces;

namespace QdSim.Analysis.Tests.Blinking;

public class OnOffTests
{
    private const double BinS = 0.010, OnCps = 50_000, OffCps = 500;

    /// <summary>
    /// Counts per bin of a telegraph signal with continuous (unaligned) switching times: each bin gets Poisson counts
    /// of the time-weighted rate. ON gives 500 counts/bin, OFF 5: the 50% threshold (~270 counts) is 10σ from both.
    /// </summary>
    private static int[] TelegraphCounts(TestRandom random, IReadOnlyList<(bool On, double DurationS)> dwells)
    {
        double total = dwells.Sum(d => d.DurationS);
        int bins = (int)(total / BinS);
        var counts = new int[bins];
        double start = 0;
        var onTime = new double[bins];
        foreach (var (on, duration) in dwells)
        {
            if (on)
                for (int i = (int)(start / BinS); i < bins && i * BinS < start + duration; i++)
                    onTime[i] += Math.Min((i + 1) * BinS, start + duration) - Math.Max(i * BinS, start);
            start += duration;
        }
        for (int i = 0; i < bins; i++) counts[i] = random.Poisson(OnCps * onTime[i] + OffCps * (BinS - onTime[i]));
        return counts;
    }

    [Fact]
    public void Known_telegraph_sequence_gives_on_fraction_and_dwells_exact_to_one_bin()
    {
        var random = new TestRandom(21);
        // Dwells of 2.5–40 bins, alternating, starting ON.
        var dwells = Enumerable.Range(0, 400).Select(i => (On: i % 2 == 0, DurationS: BinS * (2.5 + 37.5 * random.Uniform()))).ToList();
        var counts = TelegraphCounts(random, dwells);
        var result = OnOffClassifier.Classify(counts, BinS, new OnOffThresholdOptions());

        // Complete dwells: all but the first and last planted ones (censored by the trace ends).
        var trueOn = dwells.Skip(1).SkipLast(1).Where(d => d.On).Select(d => d.DurationS).ToArray();
        var trueOff = dwells.Skip(1).SkipLast(1).Where(d => !d.On).Select(d => d.DurationS).ToArray();
        Assert.Equal(trueOn.Length, result.OnDwellsS.Length);
        Assert.Equal(trueOff.Length, result.OffDwellsS.Length);
        // Quantisation bound: a boundary bin is ON when its ON fraction exceeds f = (threshold − off)/(on − off)
        // (counts per bin), blurred by Poisson noise σ_f = √threshold/(on − off); so a start moves by (−(1−f), f] bins
        // and an end by [−f, 1−f) bins, and a dwell changes by less than 2·max(f, 1−f) bins (f taken 4σ_f outward).
        double onCounts = OnCps * BinS, offCounts = OffCps * BinS;
        double f = (result.ThresholdCounts - offCounts) / (onCounts - offCounts);
        double sigmaF = Math.Sqrt(result.ThresholdCounts) / (onCounts - offCounts);
        double fMax = Math.Max(f + 4 * sigmaF, 1 - (f - 4 * sigmaF));
        double dwellBound = 2 * fMax * BinS;
        for (int i = 0; i < trueOn.Length; i++)
            Assert.True(Math.Abs(result.OnDwellsS[i] - trueOn[i]) < dwellBound, $"ON dwell {i}: {result.OnDwellsS[i]} vs {trueOn[i]} (± {dwellBound} s)");
        for (int i = 0; i < trueOff.Length; i++)
            Assert.True(Math.Abs(result.OffDwellsS[i] - trueOff[i]) < dwellBound, $"OFF dwell {i}: {result.OffDwellsS[i]} vs {trueOff[i]} (± {dwellBound} s)");

        // ON fraction: each of the boundaries shifts the ON time by at most max(f, 1−f) bins.
        double trueOnFraction = dwells.Where(d => d.On).Sum(d => d.DurationS) / (counts.Length * BinS);
        double bound = fMax * (dwells.Count - 1) / counts.Length;
        Assert.True(Math.Abs(result.OnFraction - trueOnFraction) < bound, $"ON fraction {result.OnFraction} vs {trueOnFraction} ± {bound}");
        // Sharper: for a uniformly placed boundary the start shift has mean f − ½ bins and the end shift ½ − f, each
        // with variance 1/12 bin²; so the ON time is biased by −2(f − ½) bins per ON dwell, ± 4σ of the sum.
        int onDwells = dwells.Count(d => d.On);
        double expectedBias = -2 * (f - 0.5) * onDwells / counts.Length;
        double randomSigma = Math.Sqrt((dwells.Count - 1) / 12.0) / counts.Length;
        Assert.True(Math.Abs(result.OnFraction - trueOnFraction - expectedBias) < 4 * randomSigma,
            $"ON fraction {result.OnFraction} vs {trueOnFraction} + bias {expectedBias}: 4σ of {dwells.Count - 1} uniform shifts = {4 * randomSigma}");

        // The histogram is bimodal: the BIC picks the two Poisson levels (each within 4σ of the time-weighted rates,
        // mixed bins at the boundaries aside, which lie between them).
        var mixture = IntensityHistogram.Of(counts, BinS).Mixture;
        Assert.True(mixture.Count >= 2, $"mixture components {mixture.Count}");
        Assert.InRange(mixture[^1].RateCps, 0.97 * OnCps, 1.03 * OnCps);
    }

    [Fact]
    public void Background_plus_k_sigma_threshold_uses_the_given_background()
    {
        var counts = new[] { 5, 4, 6, 500, 520, 490, 5, 5, 510, 4 };
        var result = OnOffClassifier.Classify(counts, BinS, new OnOffThresholdOptions
        {
            Rule = ThresholdRule.BackgroundPlusKSigma, BackgroundCps = 500, KSigma = 3,
        });
        // background 5 counts/bin + 3·√5 = 11.7 counts
        Assert.Equal(5 + 3 * Math.Sqrt(5), result.ThresholdCounts, 12);
        Assert.Equal(0.4, result.OnFraction, 12);
        Assert.Equal([0.03, 0.01], result.OnDwellsS.Select(d => Math.Round(d, 9)));
        Assert.Equal([0.02], result.OffDwellsS.Select(d => Math.Round(d, 9)));
    }
}
