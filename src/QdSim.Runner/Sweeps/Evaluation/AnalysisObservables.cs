using QdSim.Analysis.PhotonStatistics;
using QdSim.Analysis.Report;

namespace QdSim.Runner.Sweeps.Evaluation;

/// <summary>
/// The sweep's observable columns, read from the <see cref="AnalysisResult"/> of <c>qdsim analyze</c>'s pipeline
/// (docs/analysis-json.md), each with its one-sigma statistical uncertainty; NaN where a stage does not apply.
/// </summary>
internal static class AnalysisObservables
{
    public static List<Observable> From(AnalysisResult analysis, PhotonNumberResult? photonNumbers)
    {
        var observables = new List<Observable>();
        double durationS = analysis.DurationS;
        long total = analysis.Channels.Sum(c => c.Counts);
        // Count rates: Poisson error √N / T (a lower bound when the dot blinks: blinking adds super-Poisson noise).
        observables.Add(new("totalRateCps", total / durationS, Math.Sqrt(total) / durationS));
        foreach (var channel in analysis.Channels)
            observables.Add(new($"rateCh{channel.Channel}Cps", channel.MeanRateCps, Math.Sqrt(channel.Counts) / durationS));

        var g2 = analysis.G2;
        observables.Add(new("g2Zero", g2.ZeroDelay ?? double.NaN, g2.ZeroDelayStdErr ?? double.NaN));
        observables.Add(new("g2ZeroBackgroundCorrected", g2.ZeroDelayBackgroundCorrected ?? double.NaN, g2.ZeroDelayBackgroundCorrectedStdErr ?? double.NaN));

        var blinking = analysis.Blinking;
        int bins = analysis.Trace.Bins;
        // Binomial error over bins: a lower bound, since ON bins come in correlated runs.
        observables.Add(new("onFraction", blinking.OnFraction, bins > 0 ? Math.Sqrt(blinking.OnFraction * (1 - blinking.OnFraction) / bins) : double.NaN));
        // The 10-block error includes the blinking (the Poisson-null √(2/N) would understate Q's spread between dots).
        observables.Add(new("mandelQ", analysis.Trace.MandelQ, analysis.Trace.MandelQBlockStandardError ?? analysis.Trace.MandelQStandardError));
        observables.Add(new("onExponent", blinking.OnExponent ?? double.NaN, blinking.OnFit?.BootstrapSigma ?? blinking.OnFit?.AnalyticSigma ?? double.NaN));
        observables.Add(new("offExponent", blinking.OffExponent ?? double.NaN, blinking.OffFit?.BootstrapSigma ?? blinking.OffFit?.AnalyticSigma ?? double.NaN));

        var lifetime = analysis.Lifetime;
        observables.Add(new("lifetimeNs", lifetime.TauNs ?? double.NaN, lifetime.TauSigmaNs ?? double.NaN));
        observables.Add(new("backgroundFraction", lifetime.BackgroundFraction ?? double.NaN, double.NaN));

        AddPhotonNumbers(observables, photonNumbers);
        return observables;
    }

    /// <summary>
    /// Moments of the detected photon number per pulse (all channels): mean and variance with their errors, and the
    /// normalised factorial moment ⟨n(n−1)⟩/⟨n⟩² with a delta-method error from the sample moments.
    /// </summary>
    private static void AddPhotonNumbers(List<Observable> observables, PhotonNumberResult? result)
    {
        if (result is null || result.Pulses == 0)
        {
            foreach (var name in new[] { "photonsPerPulseMean", "photonsPerPulseVariance", "photonsPerPulseFactorialMoment" })
                observables.Add(new(name, double.NaN, double.NaN));
            return;
        }
        var d = result.Total;
        double pulses = result.Pulses;
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (int k = 0; k < d.Probability.Length; k++)
        {
            double p = d.Probability[k];
            m1 += k * p; m2 += (double)k * k * p; m3 += (double)k * k * k * p; m4 += (double)k * k * k * k * p;
        }
        double f = m2 - m1;                          // ⟨n(n−1)⟩
        double varN = m2 - m1 * m1;                  // Var(n)
        double varF = m4 - 2 * m3 + m2 - f * f;      // Var(n(n−1))
        double covFN = m3 - m2 - f * m1;             // Cov(n(n−1), n)
        double g = m1 > 0 ? f / (m1 * m1) : double.NaN;
        // Delta method for g = F / N²: Var(g) ≈ g² [Var F / F² + 4 Var N / N² − 4 Cov(F, N) / (F N)] / pulses.
        double relative = f > 0 ? varF / (f * f) + 4 * varN / (m1 * m1) - 4 * covFN / (f * m1) : double.NaN;
        double gError = f > 0 ? Math.Abs(g) * Math.Sqrt(Math.Max(relative, 0) / pulses) : 2.0 / (pulses * m1 * m1);
        // Var of the sample variance ≈ (μ₄ − σ⁴)/pulses with μ₄ the fourth central moment.
        double centralFourth = m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * Math.Pow(m1, 4);
        observables.Add(new("photonsPerPulseMean", d.Mean, Math.Sqrt(varN / pulses)));
        observables.Add(new("photonsPerPulseVariance", d.Variance, Math.Sqrt(Math.Max(centralFourth - varN * varN, 0) / pulses)));
        observables.Add(new("photonsPerPulseFactorialMoment", g, gError));
    }
}
