namespace QdSim.Engine.Kinetics;

/// <summary>
/// Asymmetric emission line (PHYSICS.md §6, seed 001 Fig. 6d): two half-Gaussians sharing the peak, HWHM_high,low =
/// (FWHM/2)(1 ∓ a). The paper fits Voigt halves; Gaussian halves are used here (the Lorentzian part of a 295 K
/// perovskite line is small), an approximation stated in the run summary.
/// </summary>
public readonly struct LineShape
{
    private readonly double _sigmaLowEv, _sigmaHighEv, _lowMass;

    public LineShape(double fwhmEv, double asymmetry)
    {
        double toSigma = 1.0 / Math.Sqrt(2 * Math.Log(2));
        _sigmaLowEv = fwhmEv / 2 * (1 + asymmetry) * toSigma;
        _sigmaHighEv = fwhmEv / 2 * (1 - asymmetry) * toSigma;
        double total = _sigmaLowEv + _sigmaHighEv;
        _lowMass = total > 0 ? _sigmaLowEv / total : 0.5;
    }

    /// <summary>Offset from the peak (eV) at cumulative probability <paramref name="u"/> in (0, 1).</summary>
    public double OffsetAtQuantileEv(double u)
    {
        if (u < _lowMass) return _sigmaLowEv * NormalQuantile(u / (2 * _lowMass));
        return _sigmaHighEv * NormalQuantile(0.5 + (u - _lowMass) / (2 * (1 - _lowMass)));
    }

    /// <summary>
    /// Inverse standard normal CDF, P. J. Acklam's rational approximation (relative error &lt; 1.2e-9), refined by one
    /// Halley step on erfc.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (p <= 0) return double.NegativeInfinity;
        if (p >= 1) return double.PositiveInfinity;
        const double a1 = -3.969683028665376e+01, a2 = 2.209460984245205e+02, a3 = -2.759285104469687e+02,
            a4 = 1.383577518672690e+02, a5 = -3.066479806614716e+01, a6 = 2.506628277459239e+00;
        const double b1 = -5.447609879822406e+01, b2 = 1.615858368580409e+02, b3 = -1.556989798598866e+02,
            b4 = 6.680131188771972e+01, b5 = -1.328068155288572e+01;
        const double c1 = -7.784894002430293e-03, c2 = -3.223964580411365e-01, c3 = -2.400758277161838e+00,
            c4 = -2.549732539343734e+00, c5 = 4.374664141464968e+00, c6 = 2.938163982698783e+00;
        const double d1 = 7.784695709041462e-03, d2 = 3.224671290700398e-01, d3 = 2.445134137142996e+00,
            d4 = 3.754408661907416e+00;
        const double pLow = 0.02425;
        double q, r;
        if (p < pLow)
        {
            q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
        }
        if (p <= 1 - pLow)
        {
            q = p - 0.5;
            r = q * q;
            return (((((a1 * r + a2) * r + a3) * r + a4) * r + a5) * r + a6) * q / (((((b1 * r + b2) * r + b3) * r + b4) * r + b5) * r + 1);
        }
        q = Math.Sqrt(-2 * Math.Log(1 - p));
        return -(((((c1 * q + c2) * q + c3) * q + c4) * q + c5) * q + c6) / ((((d1 * q + d2) * q + d3) * q + d4) * q + 1);
    }
}
