using MathNet.Numerics;

namespace QdSim.Analysis.Lifetimes;

/// <summary>
/// The exponential decay convolved with a Gaussian instrument response (the exponentially modified Gaussian), in forms
/// that neither overflow nor lose precision far in the tails: density h(x) = (1/2τ)·e^(σ²/2τ² − x/τ)·erfc((σ²/τ − x)/(σ√2))
/// = (1/2τ)·e^(−x²/2σ²)·erfcx((σ/τ − x/σ)/√2), and cumulative H(x) = Φ(x/σ) − τ·h(x) (since h′ = (φ − h)/τ).
/// </summary>
public static class ExponentialGaussian
{
    /// <summary>erfcx(z) = e^(z²) erfc(z), by its asymptotic series beyond z = 25 where e^(z²) would overflow.</summary>
    public static double ScaledErfc(double z)
    {
        if (z < 25) return Math.Exp(z * z) * SpecialFunctions.Erfc(z);
        double inv2 = 1 / (2 * z * z);
        return 1 / (z * Math.Sqrt(Math.PI)) * (1 - inv2 + 3 * inv2 * inv2 - 15 * inv2 * inv2 * inv2);
    }

    /// <summary>2τ·h(x): the decay e^(−x/τ)·step(x) smoothed by a unit-area Gaussian of width σ (σ = 0: the bare decay).</summary>
    public static double SmoothedDecay(double x, double sigma, double tau)
    {
        if (sigma <= 0) return x > 0 ? 2 * Math.Exp(-x / tau) : x == 0 ? 1 : 0;
        double z = (sigma / tau - x / sigma) / Math.Sqrt(2);
        // For z < 0 write e^(−x²/2σ²)·e^(z²) = e^(σ²/2τ² − x/τ), which is ≤ 1 there, and use erfc directly.
        return z < 0
            ? Math.Exp(sigma * sigma / (2 * tau * tau) - x / tau) * SpecialFunctions.Erfc(z)
            : Math.Exp(-x * x / (2 * sigma * sigma)) * ScaledErfc(z);
    }

    /// <summary>Density h(x) of a delay that is exponential (mean τ) plus Gaussian (σ).</summary>
    public static double Density(double x, double sigma, double tau) => SmoothedDecay(x, sigma, tau) / (2 * tau);

    /// <summary>
    /// ∫ h over [x1, x2) = H(x2) − H(x1) with H = Φ(x/σ) − τh, the Gaussian part taken from the nearer tail so that
    /// bins far from the peak keep their relative precision.
    /// </summary>
    public static double BinIntegral(double x1, double x2, double sigma, double tau)
    {
        if (sigma <= 0)
        {
            double a = Math.Max(x1, 0), b = Math.Max(x2, 0);
            return b <= a ? 0 : Math.Exp(-a / tau) - Math.Exp(-b / tau);
        }
        double s = sigma * Math.Sqrt(2);
        double gaussian = x1 >= 0
            ? 0.5 * (SpecialFunctions.Erfc(x1 / s) - SpecialFunctions.Erfc(x2 / s))
            : 0.5 * (SpecialFunctions.Erfc(-x2 / s) - SpecialFunctions.Erfc(-x1 / s));
        return gaussian - tau * (Density(x2, sigma, tau) - Density(x1, sigma, tau));
    }

    /// <summary>e^(−|x|/τ) smoothed by a unit-area Gaussian of width σ: (SmoothedDecay(x) + SmoothedDecay(−x)) / 2.</summary>
    public static double SmoothedTwoSidedDecay(double x, double sigma, double tau) =>
        sigma <= 0 ? Math.Exp(-Math.Abs(x) / tau) : 0.5 * (SmoothedDecay(x, sigma, tau) + SmoothedDecay(-x, sigma, tau));
}
