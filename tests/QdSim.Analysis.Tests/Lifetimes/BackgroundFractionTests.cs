using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Tests.Correlation;

namespace QdSim.Analysis.Tests.Lifetimes;

public class BackgroundFractionTests
{
    /// <summary>
    /// A decay whose peak sits at zero delay (no cable delay): the IRF's early edge of each pulse wraps into the last
    /// bins of the period. The tail window relative to the peak must still read the true uniform background; the old
    /// fixed "last tenth of the period" window reads the wrapped edge and overestimates it.
    /// </summary>
    [Fact]
    public void Tail_window_relative_to_the_peak_ignores_the_next_pulse_edge()
    {
        var rng = new TestRng(20261122);
        const double periodS = 500e-9, binS = 0.5e-9, tauS = 8e-9, irfSigmaS = 150e-12;
        int n = (int)Math.Round(periodS / binS);
        var counts = new long[n];
        const int signal = 400_000, background = 40_000;
        for (int p = 0; p < signal; p++)
        {
            double delay = irfSigmaS * rng.Gaussian() + rng.Exponential(tauS);
            delay -= Math.Floor(delay / periodS) * periodS; // early-edge photons (delay < 0) land at the end of the period
            counts[Math.Min(n - 1, (int)(delay / binS))]++;
        }
        for (int b = 0; b < background; b++) counts[(int)(rng.NextDouble() * n)]++;
        var histogram = new DecayHistogram { BinWidthS = binS, LaserPeriodS = periodS, Counts = counts };

        double truth = (double)background / (signal + background);
        var (fraction, stdErr) = histogram.BackgroundFractionAfterPeak();
        Assert.True(Math.Abs(fraction - truth) < 4 * stdErr,
            $"background fraction {fraction:F5} ± {stdErr:F5} vs true {truth:F5}: must agree within 4σ of the Poisson tail count");

        var (fixedWindow, fixedErr) = histogram.BackgroundFraction(0.9 * periodS, periodS);
        Assert.True(fixedWindow - truth > 4 * fixedErr,
            $"the fixed last-tenth window ({fixedWindow:F5} ± {fixedErr:F5}) should be biased by the wrapped IRF edge here; if not, this test no longer probes the failure");
    }
}
