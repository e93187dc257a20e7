using QdSim.Analysis.Fitting;
using QdSim.Analysis.Lifetimes;

namespace QdSim.Analysis.Correlation;

/// <summary>Validated parameters of the CW antibunching fit.</summary>
public sealed record AntibunchingFitOptions
{
    /// <summary>
    /// FWHM of the correlation's instrument response, seconds: the convolution of both detectors' responses
    /// (√2 × one detector's FWHM for two equal Gaussian detectors). 0: no IRF.
    /// </summary>
    public double IrfFwhmS { get; init; }

    /// <summary>Starting antibunching time, seconds; null: from the half-recovery lag of the data.</summary>
    public double? InitialAntibunchingTimeS { get; init; }
}

/// <summary>Fitted CW antibunching dip with Fisher-information standard errors.</summary>
public sealed record AntibunchingFitResult
{
    /// <summary>g2(0) of the IRF-free model (the depth of the dip before smoothing).</summary>
    public required double G2Zero { get; init; }
    public required double G2ZeroStdErr { get; init; }

    /// <summary>Antibunching time τ_a = 1/(k_exc + k_r) for a two-level emitter, seconds.</summary>
    public required double AntibunchingTimeS { get; init; }
    public required double AntibunchingTimeStdErrS { get; init; }

    /// <summary>Lag of the dip centre (channel delay), seconds.</summary>
    public required double DelayS { get; init; }
    public required double DelayStdErrS { get; init; }

    /// <summary>Level of g2 far from the dip (1 for a stable emitter; above 1 with blinking bunching).</summary>
    public required double Amplitude { get; init; }
    public required double AmplitudeStdErr { get; init; }

    public required double ReducedChiSquare { get; init; }
    public required bool Converged { get; init; }
}

/// <summary>
/// CW antibunching fit (seed 004 eq. 11; Michler et al., Nature 406, 968 (2000)):
/// g2(τ) = A·[1 − (1 − g2(0))·e^(−|τ − τ₀|/τ_a)] convolved with a Gaussian IRF (closed form: the two-sided exponentially
/// modified Gaussian, <see cref="ExponentialGaussian.SmoothedTwoSidedDecay"/>), averaged over each bin by Simpson's rule.
/// Fitted by Poisson maximum likelihood to the raw pair counts with expectation E_k·g2(τ_k), E_k the exact uncorrelated
/// expectation of bin k (<see cref="CorrelationHistogram.ExpectedUncorrelatedPairs"/>), so that bins with few pairs and
/// unequal bins are weighted correctly (<see cref="PoissonFit"/>).
/// </summary>
public static class AntibunchingFit
{
    public static AntibunchingFitResult Fit(CorrelationHistogram histogram, AntibunchingFitOptions? options = null)
    {
        options ??= new AntibunchingFitOptions();
        if (!(options.IrfFwhmS >= 0)) throw UserInputException.OutOfRange("antibunching IRF FWHM", options.IrfFwhmS, "s", ">= 0");
        var expected = histogram.ExpectedUncorrelatedPairs();
        var counts = histogram.Counts.Select(c => (double)c).ToArray();
        var g = histogram.Normalized();
        var edgesNs = histogram.Bins.EdgesS().Select(e => e * 1e9).ToArray();
        int n = counts.Length;
        if (counts.Sum() < 100) throw new UserInputException($"antibunching fit: only {counts.Sum()} pairs in the histogram; too few to fit");
        double sigmaNs = options.IrfFwhmS * 1e9 / (2 * Math.Sqrt(2 * Math.Log(2)));

        // Starting values: level from the outer fifth of the bins, dip at the smallest g, τ_a from the half-recovery lag.
        var outer = Enumerable.Range(0, n).Where(k => k < n / 10 || k >= n - n / 10).Where(k => !double.IsNaN(g[k])).ToArray();
        double amplitude0 = outer.Length > 0 ? outer.Average(k => g[k]) : 1;
        int dip = Enumerable.Range(0, n).Where(k => !double.IsNaN(g[k])).MinBy(k => g[k]);
        double centre0 = 0.5 * (edgesNs[dip] + edgesNs[dip + 1]);
        double depth0 = Math.Clamp(g[dip] / amplitude0, 0, 0.9);
        int half = dip;
        while (half < n - 1 && g[half] < amplitude0 * (1 + depth0) / 2) half++;
        double tau0 = options.InitialAntibunchingTimeS * 1e9
            ?? Math.Max((0.5 * (edgesNs[half] + edgesNs[half + 1]) - centre0) / Math.Log(2), edgesNs[1] - edgesNs[0]);

        // θ = [A, g2(0), τ_a (ns), τ₀ (ns)].
        Func<double[], double[]> model = theta =>
        {
            var mu = new double[n];
            for (int k = 0; k < n; k++)
            {
                double a = edgesNs[k] - theta[3], b = edgesNs[k + 1] - theta[3];
                double dipShape = (ExponentialGaussian.SmoothedTwoSidedDecay(a, sigmaNs, theta[2])
                    + 4 * ExponentialGaussian.SmoothedTwoSidedDecay(0.5 * (a + b), sigmaNs, theta[2])
                    + ExponentialGaussian.SmoothedTwoSidedDecay(b, sigmaNs, theta[2])) / 6;
                mu[k] = expected[k] * theta[0] * (1 - (1 - theta[1]) * dipShape);
            }
            return mu;
        };
        var fit = PoissonFit.Fit(model, counts, [amplitude0, depth0, tau0, centre0],
            [ParameterDomain.Positive, ParameterDomain.Free, ParameterDomain.Positive, ParameterDomain.Free]);
        var p = fit.Parameters;
        var e = fit.StandardErrors;
        return new AntibunchingFitResult
        {
            Amplitude = p[0], AmplitudeStdErr = e[0],
            G2Zero = p[1], G2ZeroStdErr = e[1],
            AntibunchingTimeS = p[2] * 1e-9, AntibunchingTimeStdErrS = e[2] * 1e-9,
            DelayS = p[3] * 1e-9, DelayStdErrS = e[3] * 1e-9,
            ReducedChiSquare = fit.ReducedChiSquare,
            Converged = fit.Converged,
        };
    }
}
