using QdSim.Engine.Photons;
using QdSim.Engine.Tests.Simulation;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Tests.Kinetics;

/// <summary>Photon statistics per pulse against closed forms (PHYSICS.md §3, §7), from the ground truth.</summary>
public class PhotonStatisticsTests
{
    [Fact]
    public void Detected_photons_per_pulse_are_Poisson_when_every_pair_radiates_and_is_detected()
    {
        // QY = 1 on every level (no Auger, no nonradiative), η = 1: the photons of a pulse equal the absorbed photons.
        const double meanN = 1.5;
        var p = TestRuns.Pulsed(TestRuns.Dot(qyX: 1, xxAugerLifetimeNs: 1e12, maxExcitons: 12), meanN, durationS: 0.1);
        var (sink, result) = TestRuns.Run(p, eta: 1);
        const int maxBin = 6;
        var h = TestRuns.PhotonsPerPulse(sink.Events, result.TotalPulses, maxBin);
        var expected = new double[maxBin + 1];
        double term = Math.Exp(-meanN), cumulative = 0;
        for (int m = 0; m < maxBin; m++)
        {
            expected[m] = term;
            cumulative += term;
            term *= meanN / (m + 1);
        }
        expected[maxBin] = 1 - cumulative;
        double chi2 = TestRuns.ChiSquare(h, expected);
        // χ² with 6 degrees of freedom: 22.46 is its 0.999 quantile.
        Assert.True(chi2 < 22.46, $"χ² = {chi2:F2} over {result.TotalPulses} pulses (df 6, p = 0.001 limit 22.46); histogram {string.Join(",", h)}");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void Fraction_of_pulses_with_emission_saturates_as_one_minus_exp_minus_N(double meanN)
    {
        // η = 1 and QY_X = 1: a pulse gives at least one photon exactly when it absorbed at least one (the last
        // exciton always radiates), whatever Auger does to the rest.
        var p = TestRuns.Pulsed(TestRuns.Dot(qyX: 1, xxAugerLifetimeNs: 0.01), meanN, durationS: 0.05);
        var (sink, result) = TestRuns.Run(p, eta: 1);
        long pulsesWithPhoton = sink.Events.Select(e => e.PulseIndex).Distinct().LongCount();
        double fraction = (double)pulsesWithPhoton / result.TotalPulses;
        double expected = 1 - Math.Exp(-meanN);
        double sigma = Math.Sqrt(expected * (1 - expected) / result.TotalPulses); // binomial standard error
        Assert.True(Math.Abs(fraction - expected) < 4 * sigma,
            $"fraction {fraction:F5} vs 1 − e^(−{meanN}) = {expected:F5}; 4σ binomial = {4 * sigma:F5} over {result.TotalPulses} pulses");
    }

    [Fact]
    public void G2_zero_from_ground_truth_matches_the_cascade_formula_and_tends_to_QYxx_over_QYx()
    {
        // k_r,X = 0.1, QY_X = 0.8 → k_nr,X = 0.025; k_r,XX = 3, τ_A = 0.5 ns → k_A = 2; QY_XX = 3/(3 + 2 + 0.05).
        const double meanN = 0.1, eta = 0.5;
        var dot = TestRuns.Dot(qyX: 0.8, xxRadiativePerNs: 3, xxAugerLifetimeNs: 0.5, maxExcitons: 6);
        var p = TestRuns.Pulsed(dot, meanN, durationS: 10);
        var (sink, result) = TestRuns.Run(p, eta);
        var perPulse = new Dictionary<long, int>();
        foreach (var e in sink.Events) perPulse[e.PulseIndex] = perPulse.GetValueOrDefault(e.PulseIndex) + 1;
        double sumM = perPulse.Values.Sum(), sumPairs = perPulse.Values.Sum(m => (double)m * (m - 1));
        double pulses = result.TotalPulses;
        double g2 = sumPairs / pulses / Math.Pow(sumM / pulses, 2);

        // Exact: steps are independent given n, so E[M] = Σ P(n) Σ_k q_k η and E[M(M−1)] = Σ P(n)[(Σ q_k η)² − Σ (q_k η)²].
        double[] q = new double[7];
        q[1] = 0.8;
        for (int k = 2; k <= 6; k++)
        {
            double kr = 3 * (k == 2 ? 1 : k * k / 4.0), ka = 2 * (k == 2 ? 1 : k * k * (k - 1) / 4.0), knr = k * 0.025;
            q[k] = kr / (kr + ka + knr);
        }
        double em = 0, emm = 0, pn = Math.Exp(-meanN);
        for (int n = 0; n <= 30; n++)
        {
            double s = 0, s2 = 0;
            for (int k = 1; k <= Math.Min(n, 6); k++) { s += q[k] * eta; s2 += q[k] * q[k] * eta * eta; }
            em += pn * s;
            emm += pn * (s * s - s2);
            pn *= meanN / (n + 1);
        }
        double expected = emm / (em * em);
        // Relative error of the ratio: pair counts ~Poisson (σ_rel ≈ 1/√pairs, pairs = Σ M(M−1)/2), single counts 2/√ΣM.
        double relSigma = Math.Sqrt(2 / sumPairs + 4 / sumM);
        Assert.True(Math.Abs(g2 - expected) < 4 * relSigma * expected,
            $"g2(0) = {g2:F4} vs exact {expected:F4} (4σ = {4 * relSigma * expected:F4}, Σ M(M−1) = {sumPairs})");
        double limit = q[2] / q[1];
        // The low-⟨N⟩ limit QY_XX/QY_X holds to O(⟨N⟩): the exact value may differ from it by at most ⟨N⟩ relative here.
        Assert.True(Math.Abs(expected - limit) < meanN * limit, $"exact g2 {expected:F4} vs QY_XX/QY_X = {limit:F4}");
    }

    [Fact]
    public void Exciton_emission_delays_are_exponential_with_the_total_decay_rate()
    {
        // ⟨N⟩ = 0.002: multi-pair pulses (which delay the X photon by the XX dwell) are 0.1% of the emitting ones.
        const double qy = 0.6;
        var p = TestRuns.Pulsed(TestRuns.Dot(qyX: qy, xxAugerLifetimeNs: 0.01), 0.002, durationS: 5);
        var (sink, _) = TestRuns.Run(p, eta: 1);
        var delaysNs = sink.Events.Where(e => e.Origin == EventOrigin.Exciton)
            .Select(e => (e.EmissionTimePs - e.PulseIndex * 500_000L) * 1e-3).ToList();
        double kTotalPerNs = 0.1 / qy; // k_r + k_nr = k_r / QY
        double d = TestRuns.KolmogorovSmirnov(delaysNs, t => 1 - Math.Exp(-kTotalPerNs * t));
        // Emission times are rounded to 1 ps (≪ 1/k = 6 ns): negligible against the KS limit.
        Assert.True(delaysNs.Count > 10_000, $"only {delaysNs.Count} delays");
        Assert.True(d < TestRuns.KsCritical001(delaysNs.Count), $"KS D = {d:F4} vs limit {TestRuns.KsCritical001(delaysNs.Count):F4} (α = 0.001, n = {delaysNs.Count}) for Exp(k = {kTotalPerNs:F4} ns⁻¹)");
    }
}
