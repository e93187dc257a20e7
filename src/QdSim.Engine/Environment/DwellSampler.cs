using QdSim.Engine.Random;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Environment;

/// <summary>
/// Draws dwell times from the laws of PHYSICS.md §4, in the units of the process's clock (s or absorbed photons).
/// Truncated power law by inversion of its CDF; with an exponential cut-off by rejection (power-law proposal,
/// acceptance e^(−(t − t_min)/τ_c); exponential proposal when the power law alone is not normalisable).
/// </summary>
public static class DwellSampler
{
    public static double Sample(DwellLawParameters law, ref RandomStream rng)
    {
        switch (law.Law)
        {
            case DwellLawKind.Exponential:
                return law.Mean * -Math.Log(rng.NextDouble());
            case DwellLawKind.LogNormal:
                return law.Median * Math.Exp(law.LogSigma * rng.NextGaussian());
            default:
                return SamplePowerLaw(law, ref rng);
        }
    }

    private static double SamplePowerLaw(DwellLawParameters law, ref RandomStream rng)
    {
        double max = law.Max ?? double.PositiveInfinity;
        bool powerLawProposal = law.Exponent > 1 || !double.IsPositiveInfinity(max);
        for (int attempt = 0; attempt < 1_000_000; attempt++)
        {
            double t;
            if (powerLawProposal)
            {
                t = InvertTruncatedPowerLaw(law.Exponent, law.Min, max, rng.NextDouble());
                if (law.Cutoff is not { } tc || rng.NextDouble() < Math.Exp(-(t - law.Min) / tc)) return t;
            }
            else
            {
                double tc = law.Cutoff!.Value;
                t = law.Min + tc * -Math.Log(rng.NextDouble());
                if (rng.NextDouble() < Math.Pow(t / law.Min, -law.Exponent)) return t;
            }
        }
        throw new InvalidOperationException("power-law dwell sampler: rejection did not terminate (cut-off far below t_min?)");
    }

    /// <summary>Inverse CDF of p(t) ∝ t^(−α) on [min, max].</summary>
    public static double InvertTruncatedPowerLaw(double alpha, double min, double max, double u)
    {
        if (Math.Abs(alpha - 1) < 1e-12) return min * Math.Pow(max / min, u);
        double a = 1 - alpha;
        double lo = Math.Pow(min, a);
        double hi = double.IsPositiveInfinity(max) ? 0 : Math.Pow(max, a);
        return Math.Pow(lo + u * (hi - lo), 1 / a);
    }

    /// <summary>CDF of a dwell law at <paramref name="t"/> (analytic, or numerical quadrature with a cut-off); for tests and the summary.</summary>
    public static double Cdf(DwellLawParameters law, double t)
    {
        switch (law.Law)
        {
            case DwellLawKind.Exponential:
                return t <= 0 ? 0 : 1 - Math.Exp(-t / law.Mean);
            case DwellLawKind.LogNormal:
                return t <= 0 ? 0 : 0.5 * Erfc(-(Math.Log(t / law.Median) / law.LogSigma) / Math.Sqrt(2));
        }
        if (t <= law.Min) return 0;
        double max = law.Max ?? double.PositiveInfinity;
        if (t >= max) return 1;
        if (law.Cutoff is null)
        {
            if (Math.Abs(law.Exponent - 1) < 1e-12) return Math.Log(t / law.Min) / Math.Log(max / law.Min);
            double a = 1 - law.Exponent;
            double hi = double.IsPositiveInfinity(max) ? 0 : Math.Pow(max, a);
            return (Math.Pow(t, a) - Math.Pow(law.Min, a)) / (hi - Math.Pow(law.Min, a));
        }
        double upper = Math.Min(max, law.Min + 60 * law.Cutoff.Value);
        return Integrate(law, law.Min, Math.Min(t, upper)) / Integrate(law, law.Min, upper);
    }

    /// <summary>Mean dwell (numerical for power laws); +∞ when it diverges.</summary>
    public static double Mean(DwellLawParameters law)
    {
        switch (law.Law)
        {
            case DwellLawKind.Exponential: return law.Mean;
            case DwellLawKind.LogNormal: return law.Median * Math.Exp(law.LogSigma * law.LogSigma / 2);
        }
        double max = law.Max ?? double.PositiveInfinity;
        if (law.Cutoff is { } tc) max = Math.Min(max, law.Min + 60 * tc);
        if (double.IsPositiveInfinity(max)) return law.Exponent > 2 ? law.Min * (law.Exponent - 1) / (law.Exponent - 2) : double.PositiveInfinity;
        return Integrate(law, law.Min, max, firstMoment: true) / Integrate(law, law.Min, max);
    }

    /// <summary>∫ t^(−α) e^(−t/τc) (t) dt by Simpson's rule in u = ln t (smooth integrand).</summary>
    private static double Integrate(DwellLawParameters law, double from, double to, bool firstMoment = false)
    {
        if (to <= from) return 0;
        const int n = 4000;
        double a = Math.Log(from), b = Math.Log(to), h = (b - a) / n, sum = 0;
        for (int i = 0; i <= n; i++)
        {
            double u = a + i * h, t = Math.Exp(u);
            double f = Math.Pow(t, 1 - law.Exponent) * (law.Cutoff is { } tc ? Math.Exp(-t / tc) : 1) * (firstMoment ? t : 1);
            sum += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    /// <summary>Complementary error function (Numerical Recipes <c>erfcc</c> Chebyshev fit, fractional error &lt; 1.2e-7).</summary>
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /// <summary>Gamma(shape, 1) variate (Marsaglia &amp; Tsang 2000; shape &lt; 1 by the U^(1/a) boost).</summary>
    public static double Gamma(double shape, ref RandomStream rng)
    {
        if (shape < 1) return Gamma(shape + 1, ref rng) * Math.Pow(rng.NextDouble(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x = rng.NextGaussian(), v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
