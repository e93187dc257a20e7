using QdSim.Analysis.Lifetimes;

namespace QdSim.Runner.Reporting;

/// <summary>
/// Display curves of a mono-exponential TRPL fit with a Gaussian IRF (the model of <see cref="DecayFit"/>): expected
/// counts per bin, b + N·Σ_m ∫_bin (IRF ⊗ e^(−t/τ))(t + m·P) dt over this and earlier pulses, and the IRF itself on the
/// same bins. Only for drawing: the fitted numbers come from <see cref="DecayFit"/>.
/// </summary>
public static class DecayCurve
{
    /// <summary>Expected counts per bin of the fitted model.</summary>
    public static double[] Model(DecayHistogram histogram, DecayFitResult fit, double irfFwhmS)
    {
        int n = histogram.Counts.Length;
        double binNs = histogram.BinWidthS * 1e9, periodNs = histogram.LaserPeriodS * 1e9;
        double tauNs = fit.LifetimesS[0] * 1e9, offsetNs = fit.IrfOffsetS * 1e9;
        double sigmaNs = SigmaNs(irfFwhmS);
        // Earlier pulses until their tail is below 1e−9 of a pulse (at least the neighbours on either side).
        int pulses = Math.Clamp((int)Math.Ceiling(21 * tauNs / periodNs) + 1, 2, 1000);
        var model = new double[n];
        for (int i = 0; i < n; i++)
        {
            double t1 = i * binNs - offsetNs, t2 = Math.Min((i + 1) * binNs, periodNs) - offsetNs;
            double sum = 0;
            for (int m = -1; m <= pulses; m++) sum += ExponentialGaussian.BinIntegral(t1 + m * periodNs, t2 + m * periodNs, sigmaNs, tauNs);
            model[i] = fit.BackgroundPerBin + fit.DecayCounts * sum;
        }
        return model;
    }

    /// <summary>The Gaussian IRF at the fitted offset, as counts per bin with unit peak (the figure scales it).</summary>
    public static double[] Irf(DecayHistogram histogram, double offsetS, double irfFwhmS)
    {
        double sigmaS = Math.Max(SigmaNs(irfFwhmS) * 1e-9, histogram.BinWidthS / 2);
        return Enumerable.Range(0, histogram.Counts.Length).Select(i =>
        {
            double d = (i + 0.5) * histogram.BinWidthS - offsetS;
            d -= Math.Round(d / histogram.LaserPeriodS) * histogram.LaserPeriodS; // periodic: nearest pulse
            return Math.Exp(-d * d / (2 * sigmaS * sigmaS));
        }).ToArray();
    }

    private static double SigmaNs(double fwhmS) => fwhmS * 1e9 / (2 * Math.Sqrt(2 * Math.Log(2)));
}
