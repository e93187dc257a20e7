using QdSim.Plotting.Axes;

namespace QdSim.Plotting.Tests;

public class TickGeneratorTests
{
    /// <summary>Ranges spread over 24 decades of magnitude, both signs, narrow and wide (a deterministic property sweep).</summary>
    public static IEnumerable<(double Min, double Max)> AssortedRanges()
    {
        for (int e = -12; e <= 12; e++)
            for (int i = 0; i < 40; i++)
            {
                double scale = Math.Pow(10, e);
                double min = (SyntheticData.Uniform(i) - 0.5) * 20 * scale;
                double width = (0.05 + 10 * SyntheticData.Uniform(i, 0.1)) * scale;
                yield return (min, min + width);
            }
    }

    [Fact]
    public void LinearTicks_AreEvenMultiplesOfA125StepInsideTheRange()
    {
        foreach (var (min, max) in AssortedRanges())
        {
            var ticks = TickGenerator.Linear(min, max, 5);
            double step = ticks.Step;
            double mantissa = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            Assert.True(new[] { 1.0, 2.0, 5.0 }.Any(m => Math.Abs(mantissa - m) < 1e-9), $"step {step} for [{min}, {max}] is not 1, 2 or 5 × 10^k");
            Assert.InRange(ticks.Major.Count, 2, 11);
            double slack = 1e-9 * step;
            Assert.All(ticks.Major, t => Assert.InRange(t, min - slack, max + slack));
            Assert.All(ticks.Major, t => Assert.True(Math.Abs(t / step - Math.Round(t / step)) < 1e-6, $"tick {t} is not a multiple of {step}"));
            for (int i = 1; i < ticks.Major.Count; i++)
                Assert.True(Math.Abs(ticks.Major[i] - ticks.Major[i - 1] - step) < 1e-6 * step, $"uneven spacing at {ticks.Major[i]} for [{min}, {max}]");
        }
    }

    [Fact]
    public void NiceLimits_EncloseTheDataAndLandOnTicks()
    {
        foreach (var (min, max) in AssortedRanges())
        {
            var (lo, hi) = TickGenerator.NiceLimits(min, max);
            double step = TickGenerator.NiceStep(max - min, 5);
            Assert.True(lo <= min + 1e-9 * step && hi >= max - 1e-9 * step, $"[{lo}, {hi}] does not enclose [{min}, {max}]");
            // Widened by less than one step on each side.
            Assert.True(min - lo < step * (1 + 1e-9) && hi - max < step * (1 + 1e-9), $"[{lo}, {hi}] widened too far for [{min}, {max}]");
        }
    }

    [Theory]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 10, new[] { 0.0, 2, 4, 6, 8, 10 })]
    [InlineData(-3, 3, new[] { -3.0, -2, -1, 0, 1, 2, 3 })]
    [InlineData(0.1, 0.35, new[] { 0.1, 0.15, 0.2, 0.25, 0.3, 0.35 })]
    [InlineData(0, 600, new[] { 0.0, 100, 200, 300, 400, 500, 600 })]
    public void LinearTicks_KnownRanges(double min, double max, double[] expected) =>
        Assert.Equal(expected, TickGenerator.Linear(min, max, 5).Major);

    [Fact]
    public void LogTicks_SitOnDecadesWithMinorTicksBetween()
    {
        var ticks = TickGenerator.Log(1e-3, 1e2);
        Assert.Equal([1e-3, 1e-2, 1e-1, 1, 10, 100], ticks.Major);
        Assert.Equal(5 * 8, ticks.Minor.Count); // 2..9 in each of the five decades
        Assert.Contains(0.002, ticks.Minor);
        Assert.Contains(90.0, ticks.Minor);
    }

    [Fact]
    public void LogTicks_ThinOutLabelsOverManyDecades()
    {
        var ticks = TickGenerator.Log(1e-12, 1e12);
        Assert.InRange(ticks.Major.Count, 4, 9);
        int[] exponents = ticks.Major.Select(t => (int)Math.Round(Math.Log10(t))).ToArray();
        int stride = exponents[1] - exponents[0];
        Assert.True(stride > 1, "labels must be thinned over 24 decades");
        Assert.All(exponents, e => Assert.Equal(0, e % stride)); // every stride-th decade, anchored at 10^0
        Assert.Contains(1.0, ticks.Major);
        Assert.Equal(25 - exponents.Length, ticks.Minor.Count); // the other decades keep a tick without label
    }

    [Fact]
    public void LogTicks_LabelOneTwoFiveWithinLessThanTwoDecades()
    {
        var ticks = TickGenerator.Log(1.5, 8);
        Assert.Equal([2.0, 5.0], ticks.Major);
    }

    [Fact]
    public void TickLabels_UseFixedDecimalsOrPowersOfTen()
    {
        Assert.Equal(["0.0", "0.5", "1.0"], TickFormatter.Linear([0, 0.5, 1], 0.5).Select(l => l.ToString()));
        Assert.Equal(["\u22122", "0", "2"], TickFormatter.Linear([-2, 0, 2], 2).Select(l => l.ToString()));
        Assert.Equal(["0", "2×10^5", "4×10^5"], TickFormatter.Linear([0, 2e5, 4e5], 2e5).Select(l => l.ToString()));
        Assert.Equal("10^\u22123", TickFormatter.Log(1e-3).ToString());
        Assert.Equal("10^4", TickFormatter.Log(1e4).ToString());
        Assert.Equal("3.20 ns", SiPrefix.Format(3.2e-9, "s"));
        Assert.Equal("45.0 kcps", SiPrefix.Format(45e3, "cps"));
    }
}
