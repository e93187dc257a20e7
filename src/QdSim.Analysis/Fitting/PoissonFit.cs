using MathNet.Numerics.LinearAlgebra;

namespace QdSim.Analysis.Fitting;

/// <summary>How a parameter is mapped to the unconstrained space the optimiser works in.</summary>
public enum ParameterDomain
{
    /// <summary>Any real value.</summary>
    Free,
    /// <summary>Strictly positive (optimised as its logarithm).</summary>
    Positive,
    /// <summary>Strictly between 0 and 1 (optimised as its logit).</summary>
    UnitInterval,
}

/// <summary>Best-fit parameters with uncertainties from the Fisher information at the optimum.</summary>
public sealed record FitResult
{
    public required double[] Parameters { get; init; }

    /// <summary>√diag of the covariance (inverse Fisher information, the Cramér–Rao bound the ML estimate attains for large counts).</summary>
    public required double[] StandardErrors { get; init; }

    public required double[,] Covariance { get; init; }

    /// <summary>Pearson χ² / (bins − parameters): ≈ 1 when the model describes the data to within Poisson noise.</summary>
    public required double ReducedChiSquare { get; init; }

    public required int Iterations { get; init; }

    public required bool Converged { get; init; }
}

/// <summary>
/// Poisson maximum-likelihood fit of binned counts: minimises −ln L = Σ (μ_i − c_i ln μ_i) by Levenberg–Marquardt-damped
/// Fisher scoring (the Gauss–Newton step of Poisson regression, θ ← θ + (JᵀWJ)⁻¹Jᵀ(c − μ)/μ with W = 1/μ), in
/// unconstrained coordinates so that positive and fractional parameters stay in range. Unlike χ² fits it is unbiased
/// for bins with few or zero counts (Bajzer et al., Eur. Biophys. J. 20, 247 (1991); Maus et al., Anal. Chem. 73,
/// 2078 (2001) for TCSPC). The covariance is the inverse Fisher information I_jk = Σ_i ∂_jμ_i ∂_kμ_i / μ_i in the
/// natural parameters, with numerical derivatives.
/// </summary>
public static class PoissonFit
{
    /// <summary>Fits <paramref name="model"/> (parameters → expected counts per bin, all &gt; 0) to <paramref name="counts"/>.</summary>
    public static FitResult Fit(Func<double[], double[]> model, IReadOnlyList<double> counts, double[] initial, ParameterDomain[] domains, int maxIterations = 200)
    {
        if (initial.Length != domains.Length) throw new ArgumentException("one domain per parameter is required", nameof(domains));
        int p = initial.Length, n = counts.Count;
        var u = initial.Select((v, j) => ToFree(v, domains[j])).ToArray();
        Func<double[], double[]> modelOfFree = free => model(free.Select((v, j) => FromFree(v, domains[j])).ToArray());
        // A start with non-positive or NaN expected counts has −ln L = +∞ (not NaN), so any finite step is an improvement.
        double nll = GuardedNegativeLogLikelihood(modelOfFree(u), counts);
        double lambda = 1e-3;
        bool converged = false;
        int iteration = 0;
        for (; iteration < maxIterations && !converged; iteration++)
        {
            var mu = modelOfFree(u);
            var jacobian = Jacobian(modelOfFree, u, mu);
            var fisher = Matrix<double>.Build.Dense(p, p);
            var score = Vector<double>.Build.Dense(p);
            for (int i = 0; i < n; i++)
            {
                double m = Math.Max(mu[i], 1e-300), residual = counts[i] / m - 1;
                for (int j = 0; j < p; j++)
                {
                    score[j] += jacobian[i, j] * residual;
                    for (int k = 0; k <= j; k++) fisher[j, k] += jacobian[i, j] * jacobian[i, k] / m;
                }
            }
            for (int j = 0; j < p; j++) for (int k = 0; k < j; k++) fisher[k, j] = fisher[j, k];
            bool improved = false;
            while (lambda < 1e12)
            {
                var damped = fisher.Clone();
                for (int j = 0; j < p; j++) damped[j, j] *= 1 + lambda;
                var step = damped.Solve(score);
                var trial = u.Select((v, j) => v + step[j]).ToArray();
                var trialMu = modelOfFree(trial);
                double trialNll = GuardedNegativeLogLikelihood(trialMu, counts);
                if (trialNll <= nll)
                {
                    converged = nll - trialNll < 1e-9 * Math.Max(1, Math.Abs(nll)) && step.AbsoluteMaximum() < 1e-7;
                    u = trial;
                    nll = trialNll;
                    lambda = Math.Max(lambda / 10, 1e-12);
                    improved = true;
                    break;
                }
                lambda *= 10;
            }
            if (!improved) converged = true; // no step lowers −ln L: at the optimum to machine precision
        }
        converged &= double.IsFinite(nll); // stuck where the model has no valid expected counts is not an optimum
        var theta = u.Select((v, j) => FromFree(v, domains[j])).ToArray();
        var (covariance, errors) = FisherCovariance(model, theta);
        var best = model(theta);
        double chi2 = 0;
        for (int i = 0; i < n; i++) chi2 += (counts[i] - best[i]) * (counts[i] - best[i]) / Math.Max(best[i], 1e-300);
        return new FitResult
        {
            Parameters = theta,
            StandardErrors = errors,
            Covariance = covariance,
            ReducedChiSquare = chi2 / Math.Max(1, n - p),
            Iterations = iteration,
            Converged = converged,
        };
    }

    private static double GuardedNegativeLogLikelihood(double[] mu, IReadOnlyList<double> counts) =>
        mu.Any(x => !(x > 0)) ? double.PositiveInfinity : NegativeLogLikelihood(mu, counts);

    /// <summary>Inverse Fisher information of a Poisson model at <paramref name="theta"/> and the standard errors.</summary>
    public static (double[,] Covariance, double[] StandardErrors) FisherCovariance(Func<double[], double[]> model, double[] theta)
    {
        int p = theta.Length;
        var mu = model(theta);
        var jacobian = Jacobian(model, theta, mu);
        var fisher = Matrix<double>.Build.Dense(p, p);
        for (int i = 0; i < mu.Length; i++)
            for (int j = 0; j < p; j++)
                for (int k = 0; k < p; k++) fisher[j, k] += jacobian[i, j] * jacobian[i, k] / Math.Max(mu[i], 1e-300);
        var covariance = fisher.Inverse();
        return (covariance.ToArray(), Enumerable.Range(0, p).Select(j => Math.Sqrt(Math.Max(covariance[j, j], 0))).ToArray());
    }

    private static double NegativeLogLikelihood(double[] mu, IReadOnlyList<double> counts)
    {
        double sum = 0;
        for (int i = 0; i < mu.Length; i++)
        {
            double m = Math.Max(mu[i], 1e-300);
            sum += m - (counts[i] > 0 ? counts[i] * Math.Log(m) : 0);
        }
        return sum;
    }

    /// <summary>Central-difference Jacobian ∂μ_i/∂θ_j.</summary>
    private static double[,] Jacobian(Func<double[], double[]> model, double[] theta, double[] mu)
    {
        var jacobian = new double[mu.Length, theta.Length];
        for (int j = 0; j < theta.Length; j++)
        {
            double h = 1e-6 * Math.Max(Math.Abs(theta[j]), 1e-3);
            var plus = (double[])theta.Clone();
            var minus = (double[])theta.Clone();
            plus[j] += h;
            minus[j] -= h;
            var up = model(plus);
            var down = model(minus);
            for (int i = 0; i < mu.Length; i++) jacobian[i, j] = (up[i] - down[i]) / (2 * h);
        }
        return jacobian;
    }

    private static double ToFree(double value, ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => Math.Log(value),
        ParameterDomain.UnitInterval => Math.Log(value / (1 - value)),
        _ => value,
    };

    private static double FromFree(double value, ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => Math.Exp(value),
        ParameterDomain.UnitInterval => 1 / (1 + Math.Exp(-value)),
        _ => value,
    };
}
