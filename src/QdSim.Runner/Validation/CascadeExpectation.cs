using QdSim.Models.Parameters;

namespace QdSim.Runner.Validation;

/// <summary>
/// Exact photon statistics of the Poisson-loaded radiative cascade (PHYSICS.md §2, §3, §7), computed here from the
/// model's rates independently of the engine, for the g2 cases.
/// <para>A pulse leaves n ~ Poisson(⟨N⟩) excitons (n capped at n_max, the excess lost); the cascade n → n−1 → … → 0
/// emits at step k a photon with probability q_k = k_r(k)/(k_r(k) + k_A(k) + k_nr(k)), independently of the other
/// steps, and that photon is detected with η_k (filters). The number D of detected photons is a sum of independent
/// Bernoulli(q_k η_k), so E[D | n] = Σ q_kη_k and E[D(D−1) | n] = (Σ q_kη_k)² − Σ (q_kη_k)². With a 50/50 splitter,
/// photon-number-blind detectors without dead time, the zero-delay peak area over the side-peak area is
/// g2(0) = E[D(D−1)] / E[D]² (the common detection factor cancels when all η_k are equal), which tends to
/// q₂/q₁ = QY_XX/QY_X as ⟨N⟩ → 0.</para>
/// <para>Rates (PHYSICS.md §2/§6): k_r(1) = k_r,X, k_nr(1) = k_nr,X = k_r,X(1 − QY_X)/QY_X; k_r(2) = k_r,XX (default
/// 3 k_B), k_A(2) = 1/τ_A,XX; n ≥ 3: k_r = k_r,XX (n/2)², k_A = k_A,XX n²(n − 1)/4; k_nr(n) = n k_nr,X.</para>
/// </summary>
public static class CascadeExpectation
{
    /// <summary>q_k for k = 1…n_max (index k − 1) of a neutral dot without traps or defects (fast-relaxation exciton).</summary>
    public static double[] StepQuantumYields(DotKineticsParameters dot)
    {
        if (dot.ExcitonRadiativeRatePerNs is not { } krX)
            throw new InvalidOperationException("CascadeExpectation needs an explicit exciton radiative rate (Dot:ExcitonRadiativeRatePerNs)");
        double knrX = krX * (1 - dot.ExcitonQuantumYield) / dot.ExcitonQuantumYield;
        double krXX = dot.BiexcitonRadiativeRatePerNs ?? 3 * dot.BrightSublevelRadiativeRatePerNs;
        double kAXX = 1 / dot.BiexcitonAugerLifetimeNs;
        var q = new double[dot.MaxExcitons];
        for (int k = 1; k <= dot.MaxExcitons; k++)
        {
            double kr = k == 1 ? krX : k == 2 ? krXX : krXX * k * k / 4.0;
            double kA = k == 1 ? 0 : k == 2 ? kAXX : kAXX * k * k * (k - 1) / 4.0;
            q[k - 1] = kr / (kr + kA + k * knrX);
        }
        return q;
    }

    /// <summary>Poisson(⟨N⟩) with the mass beyond n_max put on n_max (index n = 0…n_max).</summary>
    public static double[] CappedPoisson(double meanN, int maxExcitons)
    {
        var p = new double[maxExcitons + 1];
        double term = Math.Exp(-meanN), sum = 0;
        for (int n = 0; n < maxExcitons; n++)
        {
            p[n] = term;
            sum += term;
            term *= meanN / (n + 1);
        }
        p[maxExcitons] = Math.Max(0, 1 - sum);
        return p;
    }

    /// <summary>(E[D], E[D(D−1)]) per pulse for step detection probabilities w_k = q_k η_k (index k − 1).</summary>
    public static (double Mean, double FactorialMoment2) Moments(double meanN, IReadOnlyList<double> stepDetection)
    {
        var p = CappedPoisson(meanN, stepDetection.Count);
        double mean = 0, second = 0, s1 = 0, s2 = 0;
        for (int n = 1; n < p.Length; n++)
        {
            double w = stepDetection[n - 1];
            s1 += w;
            s2 += w * w;
            mean += p[n] * s1;
            second += p[n] * (s1 * s1 - s2);
        }
        return (mean, second);
    }

    /// <summary>g2(0) = E[D(D−1)]/E[D]² of the capped Poisson-loaded cascade.</summary>
    public static double G2Zero(double meanN, IReadOnlyList<double> stepDetection)
    {
        var (mean, second) = Moments(meanN, stepDetection);
        return second / (mean * mean);
    }
}
