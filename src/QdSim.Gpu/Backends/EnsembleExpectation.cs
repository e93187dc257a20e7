using QdSim.Engine.Excitation;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Simulation;

namespace QdSim.Gpu.Backends;

/// <summary>
/// Closed-form per-pulse expectations for a constant-environment request on the ideal HBT (PHYSICS.md §3, §7), from the
/// engine's cascade table: each step k emits a photon independently with probability q_k and each photon clicks with
/// η (binomial thinning), so E[M] = η Σ_n P(n) Σ_{k≤n} q_k and E[M(M−1)] = η² Σ_n P(n) 2 e₂(q₁…q_n), with P(n) the
/// Poisson(⟨N⟩) law truncated at n_max. g2(0) = E[M(M−1)]/E[M]² → QY_XX/QY_X as ⟨N⟩ → 0.
/// </summary>
public sealed record EnsembleExpectation(double MeanClicksPerPulse, double FactorialMoment2PerPulse, double PulseDetectionProbability,
    double ExcitonYield, double BiexcitonYield)
{
    public double G2 => FactorialMoment2PerPulse / (MeanClicksPerPulse * MeanClicksPerPulse);

    /// <summary>Expectations of <paramref name="request"/> (its environment is assumed constant: ON, neutral, no damage).</summary>
    public static EnsembleExpectation For(EnsembleRequest request)
    {
        var e = request.Experiment;
        double eta = request.DetectionEfficiency;
        var table = new CascadeTable(e.Dot, e.Damage, new DotCondition(), new IdealOpticalPath(eta, 2));
        var stats = new PulseStatistics(table, ExcitationContext.From(e.Excitation).MeanPerPulse);
        double mean = 0, fm2 = 0;
        for (int n = 1; n < stats.PairProbability.Length; n++)
        {
            double e1 = 0, e2 = 0;
            for (int k = 1; k <= n; k++)
            {
                e2 += e1 * table.PhotonProbability[k];
                e1 += table.PhotonProbability[k];
            }
            mean += stats.PairProbability[n] * e1;
            fm2 += stats.PairProbability[n] * 2 * e2;
        }
        return new EnsembleExpectation(eta * mean, eta * eta * fm2, 1 - stats.NoDetectionProbability,
            table.PhotonProbability[1], table.PhotonProbability[2]);
    }
}
