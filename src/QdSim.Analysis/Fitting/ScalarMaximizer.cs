namespace QdSim.Analysis.Fitting;

/// <summary>One-dimensional maximisation of a smooth log-likelihood on a bracket, and its curvature for errors.</summary>
public static class ScalarMaximizer
{
    /// <summary>
    /// Maximises <paramref name="f"/> on [<paramref name="lo"/>, <paramref name="hi"/>]: a coarse grid finds the
    /// basin (log-likelihoods here are unimodal but can be flat), golden-section search refines it to
    /// <paramref name="tolerance"/>.
    /// </summary>
    public static double Maximize(Func<double, double> f, double lo, double hi, double tolerance = 1e-7, int gridPoints = 60)
    {
        double step = (hi - lo) / gridPoints;
        int best = 0;
        double bestValue = double.NegativeInfinity;
        for (int i = 0; i <= gridPoints; i++)
        {
            double v = f(lo + i * step);
            if (v > bestValue) { bestValue = v; best = i; }
        }
        double a = Math.Max(lo, lo + (best - 1) * step), b = Math.Min(hi, lo + (best + 1) * step);
        const double InvPhi = 0.6180339887498949;
        double c = b - InvPhi * (b - a), d = a + InvPhi * (b - a);
        double fc = f(c), fd = f(d);
        while (b - a > tolerance)
        {
            if (fc > fd) { b = d; d = c; fd = fc; c = b - InvPhi * (b - a); fc = f(c); }
            else { a = c; c = d; fc = fd; d = a + InvPhi * (b - a); fd = f(d); }
        }
        return 0.5 * (a + b);
    }

    /// <summary>
    /// Standard error of a maximum-likelihood estimate from the observed information, 1/√(−∂²lnL/∂θ²), by a
    /// central difference with step <paramref name="h"/>; NaN when the curvature is not negative.
    /// </summary>
    public static double StandardError(Func<double, double> logLikelihood, double at, double h = 1e-3)
    {
        double second = (logLikelihood(at + h) - 2 * logLikelihood(at) + logLikelihood(at - h)) / (h * h);
        return second < 0 ? 1 / Math.Sqrt(-second) : double.NaN;
    }
}
