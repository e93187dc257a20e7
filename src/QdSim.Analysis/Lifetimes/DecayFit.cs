using QdSim.Analysis.Fitting;

namespace QdSim.Analysis.Lifetimes;

/// <summary>The instrument response a decay is reconvolved with.</summary>
public abstract record InstrumentResponse;

/// <summary>Gaussian IRF of the given full width at half maximum, seconds (its position is a fit parameter).</summary>
public sealed record GaussianIrf(double FwhmS) : InstrumentResponse;

/// <summary>
/// Measured IRF histogram on the same bins as the decay (e.g. scattered laser light), shifted by a fitted, continuous
/// offset (0: as recorded). Its counting noise is propagated into the fit's errors unless <see cref="CountsArePhotons"/> is false.
/// </summary>
public sealed record MeasuredIrf(IReadOnlyList<double> Counts) : InstrumentResponse
{
    /// <summary>
    /// True: <see cref="Counts"/> are raw photon counts, each bin Poisson, and that noise is added to the errors (a 10⁴-photon
    /// IRF widened the spread of τ1 by 10 % for 4·10⁵ decay photons, one of 10⁵ not measurably). False: a model or
    /// normalised IRF, taken as exact.
    /// </summary>
    public bool CountsArePhotons { get; init; } = true;
}

/// <summary>Validated parameters of a TRPL decay fit.</summary>
public sealed record DecayFitOptions
{
    public required InstrumentResponse Irf { get; init; }

    /// <summary>1 (mono-exponential) or 2 (bi-exponential).</summary>
    public int Components { get; init; } = 1;

    /// <summary>Starting lifetime, seconds; null: estimated from the histogram's mean delay after its peak.</summary>
    public double? InitialLifetimeS { get; init; }
}

/// <summary>
/// Fitted decay; each value with its standard error: the inverse Fisher information of the decay counts, plus, for a
/// <see cref="MeasuredIrf"/> of photon counts, the IRF's own counting noise (delta method, <c>DecayFit.IrfNoiseCovariance</c>).
/// </summary>
public sealed record DecayFitResult
{
    /// <summary>Lifetimes τ_c, seconds, shortest first.</summary>
    public required double[] LifetimesS { get; init; }
    public required double[] LifetimeErrorsS { get; init; }

    /// <summary>Fraction of the decay photons in each component (intensity fractions f_c; the pre-exponential amplitudes are ∝ f_c/τ_c).</summary>
    public required double[] PhotonFractions { get; init; }
    public required double[] PhotonFractionErrors { get; init; }

    /// <summary>Amplitude-weighted mean lifetime Σa_cτ_c/Σa_c = 1/Σ(f_c/τ_c), seconds.</summary>
    public required double AmplitudeWeightedLifetimeS { get; init; }
    public required double AmplitudeWeightedLifetimeErrorS { get; init; }

    /// <summary>Intensity-weighted mean lifetime Σa_cτ_c²/Σa_cτ_c = Σf_cτ_c, seconds (the mean photon delay).</summary>
    public required double IntensityWeightedLifetimeS { get; init; }
    public required double IntensityWeightedLifetimeErrorS { get; init; }

    /// <summary>Decay photons per period in the histogram (background excluded).</summary>
    public required double DecayCounts { get; init; }

    /// <summary>Flat background, counts per bin.</summary>
    public required double BackgroundPerBin { get; init; }
    public required double BackgroundPerBinError { get; init; }

    /// <summary>Background fraction of all counts (input to the Nair g2 correction).</summary>
    public required double BackgroundFraction { get; init; }

    /// <summary>IRF position (Gaussian centre) or shift of the measured IRF histogram relative to its recorded delays, seconds.</summary>
    public required double IrfOffsetS { get; init; }

    public required double ReducedChiSquare { get; init; }
    public required bool Converged { get; init; }
}

/// <summary>
/// Mono- and bi-exponential TRPL fits by Poisson maximum likelihood with IRF reconvolution (<see cref="PoissonFit"/>).
/// The model of bin [t_i, t_i+1) is b + N·Σ_c f_c·∫ (IRF ⊗ periodic decay_c): the decay is summed over all earlier
/// pulses (pile-up of the tail, Σ_m e^(−(t+mP)/τ) = e^(−t/τ)/(1 − e^(−P/τ))), so lifetimes need not be ≪ the period.
/// Gaussian IRF: exact bin integrals of the exponentially modified Gaussian (<see cref="ExponentialGaussian"/>), pulses
/// m = −1, 0, 1 exactly and m ≥ 2 by the geometric series. Measured IRF: the normalised IRF histogram with its bin
/// smoothing undone to fourth order (<see cref="UnboxedIrf"/>), shifted by a continuous offset, convolved with the
/// periodic decay and integrated over each bin exactly (<see cref="MeasuredReconvolved"/>).
/// Parameters are fitted in ns and counts; results are reported in seconds.
/// </summary>
public static class DecayFit
{
    public static DecayFitResult Fit(DecayHistogram histogram, DecayFitOptions options)
    {
        if (options.Components is not (1 or 2)) throw UserInputException.OutOfRange("decay fit components", options.Components, "", "1 or 2");
        int n = histogram.Counts.Length;
        double binNs = histogram.BinWidthS * 1e9, periodNs = histogram.LaserPeriodS * 1e9;
        var counts = histogram.Counts.Select(c => (double)c).ToArray();
        double total = counts.Sum();
        if (total < 10 * (2 + 2 * options.Components)) throw new UserInputException($"decay fit: only {total} photons in the decay histogram; too few to fit");

        // Starting values: background from the emptiest tenth of the bins, peak position, mean delay after the peak.
        double background0 = Math.Max(counts.Order().Take(Math.Max(1, n / 10)).Average(), 0.01);
        int peak = Array.IndexOf(counts, counts.Max());
        double weighted = 0, weight = 0;
        for (int k = 0; k < n; k++)
        {
            double excess = counts[(peak + k) % n] - background0;
            if (excess > 0) { weighted += excess * k * binNs; weight += excess; }
        }
        double tau0 = options.InitialLifetimeS * 1e9 ?? Math.Clamp(weighted / Math.Max(weight, 1), binNs, periodNs / 2);
        double decay0 = Math.Max(total - background0 * n, 1);

        Func<double, double, double, double[]> componentShape;
        double offset0;
        if (options.Irf is GaussianIrf gaussian)
        {
            if (!(gaussian.FwhmS >= 0)) throw UserInputException.OutOfRange("IRF FWHM", gaussian.FwhmS, "s", ">= 0");
            double sigmaNs = gaussian.FwhmS * 1e9 / (2 * Math.Sqrt(2 * Math.Log(2)));
            componentShape = (tauNs, offsetNs, _) => GaussianReconvolved(n, binNs, periodNs, sigmaNs, tauNs, offsetNs);
            // Start the offset at the rising edge (last bin before the peak below half its height), not at the peak bin:
            // with fine bins a long decay is flat within the Poisson noise for many bins after its rise, so the highest
            // bin can lie up to ~1 ns late, and starting there left the fit in a local optimum (τ 3 % long, χ²ᵣ 2.6).
            double half = background0 + 0.5 * (counts[peak] - background0);
            int rise = peak;
            for (int k = 1; k < n && counts[(peak - k + n) % n] >= half; k++) rise = (peak - k + n) % n;
            offset0 = rise * binNs;
        }
        else if (options.Irf is MeasuredIrf measured)
        {
            if (measured.Counts.Count != n) throw new UserInputException($"decay fit: measured IRF has {measured.Counts.Count} bins, the decay {n}");
            if (measured.Counts.Any(c => !(c >= 0 && double.IsFinite(c)))) throw new UserInputException("decay fit: the measured IRF has negative or non-finite counts");
            double irfTotal = measured.Counts.Sum();
            if (!(irfTotal > 0)) throw new UserInputException("decay fit: the measured IRF is empty");
            var irf = UnboxedIrf(measured.Counts.Select(c => c / irfTotal).ToArray());
            componentShape = (tauNs, offsetNs, _) => MeasuredReconvolved(irf, new BinTransfer(n, binNs, periodNs, tauNs, offsetNs));
            offset0 = 0; // the shift of the IRF histogram as measured; 0 when it was recorded with the same delays
        }
        else throw new UserInputException("decay fit: unknown instrument response");

        // θ = [N, τ (ns), offset (ns), b] or [N, f1, τ1, τ2, offset, b]. The background is a free parameter (steps that
        // make a bin's expectation ≤ 0 are rejected by the fitter): as a log it could collapse to 0 and never return.
        bool bi = options.Components == 2;
        Func<double[], double[]> model = theta =>
        {
            double offsetNs = theta[bi ? 4 : 2], b = theta[bi ? 5 : 3];
            var mu = new double[n];
            var first = componentShape(theta[bi ? 2 : 1], offsetNs, 0);
            double w1 = bi ? theta[1] : 1;
            for (int i = 0; i < n; i++) mu[i] = b + theta[0] * w1 * first[i];
            if (bi)
            {
                var second = componentShape(theta[3], offsetNs, 0);
                for (int i = 0; i < n; i++) mu[i] += theta[0] * (1 - theta[1]) * second[i];
            }
            return mu;
        };
        var initial = bi ? new[] { decay0, 0.5, tau0 / 3, tau0 * 1.5, offset0, background0 } : new[] { decay0, tau0, offset0, background0 };
        var domains = bi
            ? new[] { ParameterDomain.Positive, ParameterDomain.UnitInterval, ParameterDomain.Positive, ParameterDomain.Positive, ParameterDomain.Free, ParameterDomain.Free }
            : new[] { ParameterDomain.Positive, ParameterDomain.Positive, ParameterDomain.Free, ParameterDomain.Free };
        var fit = PoissonFit.Fit(model, counts, initial, domains);
        var covariance = (double[,])fit.Covariance.Clone();
        if (options.Irf is MeasuredIrf { CountsArePhotons: true } photons)
        {
            var irfNoise = IrfNoiseCovariance(model, fit.Parameters, fit.Covariance, photons.Counts, bi, binNs, periodNs);
            for (int j = 0; j < covariance.GetLength(0); j++) for (int k = 0; k < covariance.GetLength(1); k++) covariance[j, k] += irfNoise[j, k];
        }
        return Summarise(fit, covariance, bi, total, n);
    }

    private static DecayFitResult Summarise(FitResult fit, double[,] cov, bool bi, double totalCounts, int bins)
    {
        var p = fit.Parameters;
        var errors = Enumerable.Range(0, p.Length).Select(j => Math.Sqrt(Math.Max(cov[j, j], 0))).ToArray();
        int ib = bi ? 5 : 3, io = bi ? 4 : 2;
        // Lifetimes and fractions, shortest lifetime first.
        double[] taus = bi ? [p[2], p[3]] : [p[1]];
        double[] tauErr = bi ? [errors[2], errors[3]] : [errors[1]];
        double[] fractions = bi ? [p[1], 1 - p[1]] : [1.0];
        double[] fractionErr = bi ? [errors[1], errors[1]] : [0.0];
        // Mean lifetimes and their errors by propagation through the covariance (numerical gradient).
        Func<double[], double> amplitudeWeighted = q => bi ? 1 / (q[1] / q[2] + (1 - q[1]) / q[3]) : q[1];
        Func<double[], double> intensityWeighted = q => bi ? q[1] * q[2] + (1 - q[1]) * q[3] : q[1];
        double Propagate(Func<double[], double> f)
        {
            var gradient = new double[p.Length];
            for (int j = 0; j < p.Length; j++)
            {
                double h = 1e-6 * Math.Max(Math.Abs(p[j]), 1e-3);
                var up = (double[])p.Clone(); up[j] += h;
                var down = (double[])p.Clone(); down[j] -= h;
                gradient[j] = (f(up) - f(down)) / (2 * h);
            }
            double variance = 0;
            for (int j = 0; j < p.Length; j++) for (int k = 0; k < p.Length; k++) variance += gradient[j] * cov[j, k] * gradient[k];
            return Math.Sqrt(Math.Max(variance, 0));
        }
        if (bi && taus[0] > taus[1])
        {
            (taus[0], taus[1]) = (taus[1], taus[0]);
            (tauErr[0], tauErr[1]) = (tauErr[1], tauErr[0]);
            (fractions[0], fractions[1]) = (fractions[1], fractions[0]);
        }
        return new DecayFitResult
        {
            LifetimesS = taus.Select(t => t * 1e-9).ToArray(),
            LifetimeErrorsS = tauErr.Select(t => t * 1e-9).ToArray(),
            PhotonFractions = fractions,
            PhotonFractionErrors = fractionErr,
            AmplitudeWeightedLifetimeS = amplitudeWeighted(p) * 1e-9,
            AmplitudeWeightedLifetimeErrorS = Propagate(amplitudeWeighted) * 1e-9,
            IntensityWeightedLifetimeS = intensityWeighted(p) * 1e-9,
            IntensityWeightedLifetimeErrorS = Propagate(intensityWeighted) * 1e-9,
            DecayCounts = p[0],
            BackgroundPerBin = p[ib],
            BackgroundPerBinError = errors[ib],
            BackgroundFraction = p[ib] * bins / totalCounts,
            IrfOffsetS = p[io] * 1e-9,
            ReducedChiSquare = fit.ReducedChiSquare,
            Converged = fit.Converged,
        };
    }

    /// <summary>Fraction of one pulse's decay photons in each bin: Gaussian IRF ⊗ periodic exponential, exact bin integrals.</summary>
    private static double[] GaussianReconvolved(int n, double binNs, double periodNs, double sigmaNs, double tauNs, double offsetNs)
    {
        var shape = new double[n];
        double geometric = 1 / -double.ExpM1(-periodNs / tauNs);
        double gaussianFactor = sigmaNs * sigmaNs / (2 * tauNs * tauNs) - 2 * periodNs / tauNs; // exponents combined: no overflow
        for (int i = 0; i < n; i++)
        {
            double t1 = i * binNs - offsetNs, t2 = Math.Min((i + 1) * binNs, periodNs) - offsetNs;
            double sum = 0;
            for (int m = -1; m <= 1; m++) sum += ExponentialGaussian.BinIntegral(t1 + m * periodNs, t2 + m * periodNs, sigmaNs, tauNs);
            // Pulses two and more periods back: far from the Gaussian, h(x) = e^(σ²/2τ² − x/τ)/τ exactly enough.
            sum += geometric * (Math.Exp(gaussianFactor - t1 / tauNs) - Math.Exp(gaussianFactor - t2 / tauNs));
            shape[i] = sum;
        }
        return shape;
    }

    /// <summary>
    /// The IRF histogram prepared for <see cref="MeasuredReconvolved"/>: the bin box it was smoothed with undone to fourth
    /// order, negative weights clipped. Why: IRF bin i holds p_i = ∫_{bin i} g = (g ⊗ box)(t_{i+1}), samples of the IRF g
    /// smoothed by one bin, and the decay bin j expects μ_j = ∫_{bin j} (g ⊗ D) = ((g ⊗ box) ⊗ D)(t_{j+1}): the model needs
    /// g ⊗ box between its samples. Reading the histogram as a piecewise-constant density (exact box-to-box integrals, as
    /// <see cref="MeasuredReconvolved"/> does) interpolates it linearly, a second smoothing by the bin (transfer
    /// sinc²(θ/2) = 1 − θ²/12 + θ⁴/360 at phase θ = ωΔ per bin). For τ1 = 0.6 ns, τ2 = 6 ns, IRF σ 0.15 ns, 100 ps bins
    /// that biased τ1 by −1.7 % (mean pull −2.7 over 100 seeds, the same with a noise-free IRF; bias ∝ Δ²). The filter
    /// p′ = p − δ²p/12 + δ⁴p/90 (δ² and δ⁴ the second and fourth differences, transfer 1 + θ²/12 + θ⁴/240 + …, keeps the
    /// sum) cancels it to O(θ⁶): noise-free bias of τ1 −0.02 % (−0.03 σ at 4·10⁵ photons; τ1 = 0.1 ns = 1 bin: −0.2 %).
    /// Band-limited (FFT) interpolation is exact for IRFs ≥ 1.5 bins in σ, but its ringing gave negative expected counts
    /// (a failed fit) at σ = 0.3 bin and τ1 11 % long at 0.7 bin (this filter: −0.6 %), and it needs bins that tile the
    /// period, which T3 histograms with a cut last bin do not. Clipping the filter's negative lobes keeps every expectation ≥ 0 and turns an IRF narrower than a bin (whose
    /// shape within the bin the histogram does not hold; use <see cref="GaussianIrf"/> there) back into the
    /// piecewise-constant reading. The filter wraps at the period: near a cut last bin it is approximate, where a
    /// measured IRF has no counts anyway.
    /// </summary>
    private static double[] UnboxedIrf(double[] p)
    {
        var filtered = UnboxFilter(p).Select(v => Math.Max(v, 0)).ToArray();
        double sum = filtered.Sum();
        return filtered.Select(v => v / sum).ToArray();
    }

    /// <summary>Taps of p − δ²p/12 + δ⁴p/90 at offsets −2 … 2: δ² = [1, −2, 1], δ⁴ = [1, −4, 6, −4, 1].</summary>
    private static readonly double[] FilterTaps = [1.0 / 90, -1.0 / 12 - 4.0 / 90, 1 + 2.0 / 12 + 6.0 / 90, -1.0 / 12 - 4.0 / 90, 1.0 / 90];

    /// <summary>The filter of <see cref="UnboxedIrf"/>, circular over the period, before clipping.</summary>
    private static double[] UnboxFilter(IReadOnlyList<double> p)
    {
        int n = p.Count;
        var filtered = new double[n];
        for (int i = 0; i < n; i++)
            for (int d = -2; d <= 2; d++) filtered[i] += FilterTaps[d + 2] * p[((i + d) % n + n) % n];
        return filtered;
    }

    /// <summary>
    /// Covariance that the measured IRF's counting noise adds to the fitted parameters (natural units), by the delta
    /// method: the ML estimate solves Jᵀ(c/μ − 1) = 0, so to first order dθ = I⁻¹·JᵀW·(∂μ/∂q)·dq with W = 1/μ, the Fisher
    /// covariance I⁻¹ and the IRF counts q independent Poisson (Var q_i = q_i). The weights the model uses, p′ =
    /// clip(filter(q))/Σ (<see cref="UnboxedIrf"/>), do not depend on the IRF's total, so its fluctuation drops out. The
    /// decay counts and the IRF are independent measurements: the two covariances add. Chosen over a bootstrap over IRF
    /// histograms (one refit each, ~100× the cost) because the IRF noise is a small perturbation of a well-determined fit.
    /// </summary>
    private static double[,] IrfNoiseCovariance(Func<double[], double[]> model, double[] theta, double[,] fisherCovariance,
        IReadOnlyList<double> irfCounts, bool bi, double binNs, double periodNs)
    {
        int n = irfCounts.Count, np = theta.Length;
        var mu = model(theta);
        // R = I⁻¹·JᵀW: how the estimate moves per unit change of each bin's expectation. J by central differences.
        var jacobian = new double[n, np];
        for (int a = 0; a < np; a++)
        {
            double h = 1e-6 * Math.Max(Math.Abs(theta[a]), 1e-3);
            var up = (double[])theta.Clone(); up[a] += h;
            var down = (double[])theta.Clone(); down[a] -= h;
            var muUp = model(up); var muDown = model(down);
            for (int j = 0; j < n; j++) jacobian[j, a] = (muUp[j] - muDown[j]) / (2 * h);
        }
        var r = new double[np, n];
        for (int a = 0; a < np; a++)
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int b = 0; b < np; b++) sum += fisherCovariance[a, b] * jacobian[j, b];
                r[a, j] = sum / Math.Max(mu[j], 1e-300);
            }
        // A[a, k] = Σ_j R[a, j]·∂μ_j/∂p′_k, ∂μ_j/∂p′_k = N·Σ_c f_c·T_c(j, k).
        double offsetNs = theta[bi ? 4 : 2];
        (double Weight, double TauNs)[] components = bi ? [(theta[0] * theta[1], theta[2]), (theta[0] * (1 - theta[1]), theta[3])] : [(theta[0], theta[1])];
        var sensitivity = new double[np, n];
        foreach (var (weight, tauNs) in components)
        {
            var transfer = new BinTransfer(n, binNs, periodNs, tauNs, offsetNs);
            for (int k = 0; k < n; k++)
                for (int j = 0; j < n; j++)
                {
                    double t = weight * transfer[j, k];
                    for (int a = 0; a < np; a++) sensitivity[a, k] += r[a, j] * t;
                }
        }
        // Chain to the counts through p′ = clip(F·q)/S: ∂p′_k/∂q_i = (F_ki·χ_k − p′_k·Σ_l F_li·χ_l)/S, χ = not clipped.
        var q = irfCounts.ToArray();
        var filtered = UnboxFilter(q);
        var kept = filtered.Select(v => v > 0).ToArray();
        double total = filtered.Where(v => v > 0).Sum();
        var weights = filtered.Select(v => Math.Max(v, 0) / total).ToArray();
        var onWeights = new double[np];
        for (int a = 0; a < np; a++) for (int k = 0; k < n; k++) onWeights[a] += sensitivity[a, k] * weights[k];
        var covariance = new double[np, np];
        var g = new double[np];
        for (int i = 0; i < n; i++)
        {
            if (q[i] == 0) continue;
            double columnSum = 0;
            var direct = new double[np];
            for (int d = -2; d <= 2; d++)
            {
                int k = ((i + d) % n + n) % n;
                if (!kept[k]) continue;
                double tap = FilterTaps[d + 2];
                columnSum += tap;
                for (int a = 0; a < np; a++) direct[a] += sensitivity[a, k] * tap;
            }
            for (int a = 0; a < np; a++) g[a] = (direct[a] - onWeights[a] * columnSum) / total;
            for (int a = 0; a < np; a++) for (int b = 0; b < np; b++) covariance[a, b] += g[a] * g[b] * q[i];
        }
        return covariance;
    }

    /// <summary>
    /// Fraction of one pulse's decay photons in each bin for a measured IRF: shape_j = Σ_i irf_i·T(j, i) (<see cref="BinTransfer"/>).
    /// </summary>
    private static double[] MeasuredReconvolved(double[] irf, BinTransfer transfer)
    {
        int n = irf.Length;
        var shape = new double[n];
        for (int i = 0; i < n; i++)
        {
            double r = irf[i];
            if (r == 0) continue;
            for (int j = 0; j < n; j++) shape[j] += r * transfer[j, i];
        }
        return shape;
    }

    /// <summary>
    /// T(j, i): fraction of the photons of IRF bin i (uniform over the bin, shifted by a continuous offset) that the
    /// periodic decay puts in bin j, exactly: (1/w_i)∫_{IRF bin i + shift} ds ∫_{bin j} dt D_P(t − s), D_P the decay
    /// density summed over all earlier pulses (<see cref="BoxToBox"/>). The former model put each IRF bin's photons at one
    /// point and interpolated the shift linearly between bins (kinks in the offset derivative at whole bins). With equal
    /// bins T depends on j − i only, so it is computed once per lag; a last bin cut short at the period is done pair by pair.
    /// </summary>
    private sealed class BinTransfer
    {
        private readonly int _n;
        private readonly double _binNs, _periodNs, _tauNs, _shiftNs, _lastEnd;
        private readonly bool _cutLast;
        // _kernel[d + n − 1]: full bin i into full bin i + d, for lags −(n−1) … n−1. Lags are not reduced modulo n: that
        // is exact only when the bins tile the period; the periodic density handles the wrap.
        private readonly double[] _kernel;

        public BinTransfer(int n, double binNs, double periodNs, double tauNs, double shiftNs)
        {
            (_n, _binNs, _periodNs, _tauNs, _shiftNs) = (n, binNs, periodNs, tauNs, shiftNs);
            _lastEnd = Math.Min(n * binNs, periodNs);
            _cutLast = Math.Abs(_lastEnd - n * binNs) > 1e-9 * binNs;
            _kernel = new double[2 * n - 1];
            for (int d = -(n - 1); d <= n - 1; d++) _kernel[d + n - 1] = BoxToBox(d * binNs - shiftNs, binNs, binNs, tauNs, periodNs);
        }

        public double this[int target, int source] => _cutLast && (target == _n - 1 || source == _n - 1)
            ? BoxToBox(target * _binNs - source * _binNs - _shiftNs, End(target) - target * _binNs, End(source) - source * _binNs, _tauNs, _periodNs)
            : _kernel[target - source + _n - 1];

        private double End(int i) => i == _n - 1 ? _lastEnd : (i + 1) * _binNs;
    }

    /// <summary>
    /// Probability that a photon emitted at a time uniform over [0, <paramref name="sourceWidth"/>) (one IRF bin) plus a
    /// periodic exponential delay falls in [<paramref name="lag"/>, <paramref name="lag"/> + <paramref name="targetWidth"/>):
    /// (1/w_s)∫₀^w_s ds ∫ dt D_P(t − s), D_P(x) = Σ_m (1/τ)e^(−(x+mP)/τ)·step(x + mP). Pulse images whose lags are all
    /// positive are summed as one geometric series; the at most few that straddle zero lag use the second antiderivative
    /// S(x) = τ·g(x/τ), g(u) = u − 1 + e^(−u), of the one-sided decay density.
    /// </summary>
    private static double BoxToBox(double lag, double targetWidth, double sourceWidth, double tauNs, double periodNs)
    {
        // Lags t − s of this pair of boxes run over [lag − w_s, lag + w_t]; image m adds mP.
        double low = lag - sourceWidth, high = lag + targetWidth;
        long m = (long)Math.Floor(-high / periodNs) + 1; // first image with any positive lag
        double sum = 0;
        for (; low + m * periodNs < 0; m++)
        {
            double shift = m * periodNs;
            sum += S(high + shift) - S(lag + shift) - S(lag - sourceWidth + targetWidth + shift) + S(low + shift);
        }
        // Images from m on lie wholly at positive lags: ∫∫ (1/τ)e^(−(t−s)/τ) = τ·e^(−x_low/τ)(1 − e^(−w_t/τ))(1 − e^(−w_s/τ)).
        double first = low + m * periodNs;
        sum += tauNs * Math.Exp(-first / tauNs) * -double.ExpM1(-targetWidth / tauNs) * -double.ExpM1(-sourceWidth / tauNs)
               / -double.ExpM1(-periodNs / tauNs);
        return sum / sourceWidth;

        double S(double x)
        {
            if (x <= 0) return 0;
            double u = x / tauNs;
            // u − 1 + e^(−u) loses its leading digits for small u (it is u²/2 − …): its Taylor series there.
            double g = u < 0.01 ? u * u * (0.5 - u * (1.0 / 6 - u * (1.0 / 24 - u * (1.0 / 120 - u * (1.0 / 720 - u / 5040))))) : u + double.ExpM1(-u);
            return tauNs * g;
        }
    }

}
