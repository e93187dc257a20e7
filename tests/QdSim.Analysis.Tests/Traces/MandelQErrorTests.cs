using QdSim.Analysis.Tests.Support;
using QdSim.Analysis.Traces;

namespace QdSim.Analysis.Tests.Traces;

/// <summary>The two standard errors of Mandel Q: the Poisson-null √(2/N) and the 10-block error of the trace as it is.</summary>
public sealed class MandelQErrorTests
{
    [Fact]
    public void Block_error_of_Poisson_counts_estimates_the_Poisson_null_error()
    {
        // iid Poisson counts: each block's Q has SD √(2/(N/10)), so the block SE estimates √(2/N); with 10 blocks the
        // ratio is distributed as √(χ²₉/9), whose 0.1 % and 99.9 % quantiles are 0.457 and 1.760.
        var random = new TestRandom(4242);
        var counts = Enumerable.Range(0, 20_000).Select(_ => random.Poisson(20)).ToArray();
        var q = MandelQ.Of(counts);
        double ratio = q.BlockStandardError / q.StandardError;
        Assert.InRange(ratio, 0.457, 1.760);
    }

    [Fact]
    public void Block_error_of_a_blinking_trace_matches_the_spread_of_Q_between_traces()
    {
        // Telegraph traces (ON 40 / OFF 4 counts per bin, exponential dwells of mean 50 bins, 20 000 bins): Q ≈ 7 and its
        // spread between independent traces is ~40× the Poisson-null √(2/N). The mean block SE over 100 traces must match
        // the SD of Q over them: the SD's own relative error is 1/√(2·99) = 7 %, the mean block SE's ~2.5 %, so ±25 % is
        // over 3σ of both, and the Poisson-null error (a factor ~40 off) fails it.
        const int traces = 100, bins = 20_000;
        var random = new TestRandom(4243);
        var qs = new double[traces];
        var blockErrors = new double[traces];
        for (int t = 0; t < traces; t++)
        {
            var counts = new int[bins];
            bool on = random.Bernoulli(0.5);
            double left = random.Exponential(50);
            for (int i = 0; i < bins; i++)
            {
                while (left < 1) { on = !on; left += random.Exponential(50); }
                left -= 1;
                counts[i] = random.Poisson(on ? 40 : 4);
            }
            var q = MandelQ.Of(counts);
            qs[t] = q.Q;
            blockErrors[t] = q.BlockStandardError;
        }
        double mean = qs.Average(), sd = Math.Sqrt(qs.Sum(x => (x - mean) * (x - mean)) / (traces - 1));
        double ratio = blockErrors.Average() / sd;
        Assert.True(ratio is > 0.75 and < 1.25, $"mean block SE {blockErrors.Average():G3} vs SD of Q {sd:G3} over {traces} traces (ratio {ratio:F3})");
        Assert.True(sd > 10 * Math.Sqrt(2.0 / bins), "the blinking spread must dwarf the Poisson-null error for this test to mean anything");
    }

    [Fact]
    public void Short_traces_have_no_block_error()
    {
        Assert.True(double.IsNaN(MandelQ.Of(Enumerable.Repeat(5, 99).ToArray()).BlockStandardError));
        Assert.False(double.IsNaN(MandelQ.Of(Enumerable.Range(0, 100).Select(i => 5 + i % 3).ToArray()).BlockStandardError));
    }
}
