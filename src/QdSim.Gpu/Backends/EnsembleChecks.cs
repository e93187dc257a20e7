namespace QdSim.Gpu.Backends;

/// <summary>Outcome of one statistical check: pass/fail and a message with the values and the tolerance's derivation.</summary>
public readonly record struct CheckResult(bool Passed, string Message)
{
    public override string ToString() => (Passed ? "PASS " : "FAIL ") + Message;
}

/// <summary>
/// Statistical checks of ensemble summaries against closed forms (<see cref="EnsembleExpectation"/>) and between
/// backends, shared by QdSim.Gpu.Tests and <see cref="GpuSelfTest"/> (which runs them on a GPU machine without an
/// SDK). Every tolerance is 4 standard errors derived from the sample, stated in the message.
/// </summary>
public static class EnsembleChecks
{
    private const double Sigmas = 4;

    /// <summary>Clicks per pulse vs η Σ P(n) Σ q_k; σ = √(Var M / pulses) with Var M from the sample's moments.</summary>
    public static CheckResult DetectedRate(string backend, in DotSummary s, EnsembleExpectation x)
    {
        double mean = (double)s.Detected / s.Pulses;
        double variance = (double)s.FactorialMoment2 / s.Pulses + mean - mean * mean; // Var M = E[M(M−1)] + E[M] − E[M]²
        double sigma = Math.Sqrt(variance / s.Pulses);
        return new(Math.Abs(mean - x.MeanClicksPerPulse) <= Sigmas * sigma,
            $"{backend}: clicks per pulse {mean:E4} vs analytic {x.MeanClicksPerPulse:E4} (4σ = {Sigmas * sigma:E2}, σ = √(Var M / pulses))");
    }

    /// <summary>50/50 split: D₀ − D₁ of binomial halves has σ = √(D₀ + D₁).</summary>
    public static CheckResult EqualSplit(string backend, in DotSummary s) =>
        new(Math.Abs(s.Detected0 - s.Detected1) <= Sigmas * Math.Sqrt(s.Detected),
            $"{backend}: 50/50 split {s.Detected0} vs {s.Detected1} (4σ = {Sigmas * Math.Sqrt(s.Detected):F0}, σ = √(D0 + D1))");

    /// <summary>Pulses with a click vs (1 − p₀) × pulses, binomial σ.</summary>
    public static CheckResult PulsesWithDetection(string backend, in DotSummary s, EnsembleExpectation x)
    {
        double p = x.PulseDetectionProbability;
        double sigma = Math.Sqrt(s.Pulses * p * (1 - p));
        return new(Math.Abs(s.PulsesWithDetection - s.Pulses * p) <= Sigmas * sigma,
            $"{backend}: {s.PulsesWithDetection} pulses with clicks vs {s.Pulses * p:F0} expected (4σ binomial = {Sigmas * sigma:F0})");
    }

    /// <summary>Standard error of g2(0) from moments: Σ M(M−1) is almost all M = 2 pulses (Var ≈ 2 Σ M(M−1)), plus 2 σ_rel(E[M]).</summary>
    public static double G2MomentsSigma(in DotSummary s, double g2)
    {
        double relFm2 = Math.Sqrt(2.0 * s.FactorialMoment2) / s.FactorialMoment2;
        double relMean = 1 / Math.Sqrt(s.Detected);
        return g2 * Math.Sqrt(relFm2 * relFm2 + 4 * relMean * relMean);
    }

    /// <summary>g2(0) = E[M(M−1)]/E[M]² vs the closed form.</summary>
    public static CheckResult G2FromMoments(string backend, in DotSummary s, EnsembleExpectation x)
    {
        double g2 = EnsembleObservables.G2FromMoments(s);
        double sigma = G2MomentsSigma(s, x.G2);
        return new(Math.Abs(g2 - x.G2) <= Sigmas * sigma, $"{backend}: g2(0) {g2:F4} vs analytic {x.G2:F4} (4σ = {Sigmas * sigma:F4})");
    }

    /// <summary>g2(0) vs its low-⟨N⟩ limit QY_XX/QY_X; the closed form's distance from the limit (the O(⟨N⟩) bias) is added to the tolerance.</summary>
    public static CheckResult G2LowPowerLimit(string backend, in DotSummary s, EnsembleExpectation x)
    {
        double g2 = EnsembleObservables.G2FromMoments(s);
        double limit = x.BiexcitonYield / x.ExcitonYield;
        double bias = Math.Abs(x.G2 - limit);
        double sigma = G2MomentsSigma(s, x.G2);
        return new(Math.Abs(g2 - limit) <= Sigmas * sigma + bias,
            $"{backend}: g2(0) {g2:F4} vs QY_XX/QY_X {limit:F4} (4σ {Sigmas * sigma:F4} + O(<N>) bias {bias:F4})");
    }

    /// <summary>Zero peak / mean side peak vs the closed form (E[n₀n₁] = E[M(M−1)]/4, side = E[M]²/4 per pulse pair); Poisson σ √area.</summary>
    public static CheckResult G2FromPeaks(string backend, in DotSummary s, EnsembleExpectation x)
    {
        double g2 = EnsembleObservables.G2FromPeaks(s);
        double sigma = g2 * Math.Sqrt(1.0 / s.ZeroPeakArea + 1.0 / s.SidePeaksArea);
        return new(Math.Abs(g2 - x.G2) <= Sigmas * sigma, $"{backend}: g2(0) from peak areas {g2:F4} vs analytic {x.G2:F4} (4σ = {Sigmas * sigma:F4})");
    }

    /// <summary>
    /// Fano factor of the counts per trace bin (from the histograms) vs Var M/E[M] = 1 + E[M(M−1)]/E[M] − E[M] for a
    /// constant environment; the sample Fano factor of n bins has σ ≈ √(2/n) times its value.
    /// </summary>
    public static CheckResult TraceFano(string backend, EnsembleResult r, EnsembleExpectation x)
    {
        double n = 0, sum = 0, sumSq = 0;
        for (int d = 0; d < r.Dots.Length; d++)
        {
            var h = r.HistogramOf(d);
            for (int k = 0; k < h.Length; k++)
            {
                n += h[k];
                sum += (double)k * h[k];
                sumSq += (double)k * k * h[k];
            }
        }
        double mean = sum / n, fano = (sumSq / n - mean * mean) / mean;
        double expected = 1 + x.FactorialMoment2PerPulse / x.MeanClicksPerPulse - x.MeanClicksPerPulse;
        double sigma = Math.Sqrt(2 / n) * expected;
        return new(Math.Abs(fano - expected) <= Sigmas * sigma, $"{backend}: trace Fano factor {fano:F3} vs {expected:F3} (4σ = {Sigmas * sigma:F3}, {n} bins)");
    }

    /// <summary>Two independent samples of the same ensemble: each count differs by at most 4 √(A + B) (nearly Poisson counts).</summary>
    public static IEnumerable<CheckResult> SameDistribution(string a, in DotSummary x, string b, in DotSummary y)
    {
        var list = new List<CheckResult>();
        void Same(string what, long u, long v) =>
            list.Add(new(Math.Abs(u - v) <= Sigmas * Math.Sqrt(u + v), $"{a} vs {b}: {what} {u} vs {v} (4σ = {Sigmas * Math.Sqrt(u + v):F0}, σ = √(A + B))"));
        Same("detector 0 clicks", x.Detected0, y.Detected0);
        Same("detector 1 clicks", x.Detected1, y.Detected1);
        Same("pulses with clicks", x.PulsesWithDetection, y.PulsesWithDetection);
        Same("zero-peak area", x.ZeroPeakArea, y.ZeroPeakArea);
        Same("sum M(M-1)/2", x.FactorialMoment2 / 2, y.FactorialMoment2 / 2);
        list.Add(new(x.Pulses == y.Pulses && x.TraceBins == y.TraceBins, $"{a} vs {b}: pulses {x.Pulses}/{y.Pulses}, trace bins {x.TraceBins}/{y.TraceBins}"));
        return list;
    }

    /// <summary>Every closed-form check of one constant-environment result.</summary>
    public static IEnumerable<CheckResult> Analytic(EnsembleResult r, EnsembleExpectation x)
    {
        var s = r.Total();
        return [DetectedRate(r.Backend, s, x), EqualSplit(r.Backend, s), PulsesWithDetection(r.Backend, s, x),
            G2FromMoments(r.Backend, s, x), G2LowPowerLimit(r.Backend, s, x), G2FromPeaks(r.Backend, s, x), TraceFano(r.Backend, r, x)];
    }
}
