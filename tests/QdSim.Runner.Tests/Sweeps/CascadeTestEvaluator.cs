using System.Globalization;
using Microsoft.Extensions.Configuration;
using QdSim.Engine.Random;
using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

/// <summary>
/// Test-only point evaluator with an exactly known answer, so the sweep machinery (expansion, seeds, threads,
/// shards, resume, merge) can be tested without the engine. Per pulse it draws n ~ Poisson(⟨N⟩) excitons and
/// emits a two-photon cascade: the X photon whenever n ≥ 1, the XX photon with probability qyRatio when n ≥ 2.
/// Observables: mean photons per pulse and g2(0) = Σ M(M−1) / (P · mean(M)²) with their standard errors.
/// Loaded into separate qdsim processes through QDSIM_SWEEP_EVALUATOR.
/// </summary>
public sealed class CascadeTestEvaluator : IPointEvaluator
{
    public const string MeanKey = "excitation:meanExcitonsPerPulse";
    public const string PulsesKey = "run:pulses";
    public const string QyRatioKey = "dot:qyRatio";
    public const string EdgeKey = "dot:edgeNm";
    public const string DipoleKey = "dot:dipole";

    private static readonly HashSet<string> Keys = new(StringComparer.OrdinalIgnoreCase)
    {
        MeanKey, PulsesKey, QyRatioKey, EdgeKey, "dot:ligand", $"{DipoleKey}PolarDeg", $"{DipoleKey}AzimuthDeg",
    };

    public string Name => "cascade-test/1";

    public bool IsKnownKey(string key) => Keys.Contains(key);

    public string DefaultConfigurationJson =>
        """{"excitation": {"meanExcitonsPerPulse": 0.2}, "run": {"pulses": 2000}, "dot": {"qyRatio": 0.1, "edgeNm": 5, "ligand": "PEA"}}""";

    public PointCostEstimate Estimate(IConfiguration configuration)
    {
        double pulses = Read(configuration, PulsesKey), mean = Read(configuration, MeanKey);
        return new PointCostEstimate(pulses * (1 - Math.Exp(-mean)), pulses * 1e-7);
    }

    public DotResult Evaluate(DotRun run, CancellationToken cancellation)
    {
        double mean = Read(run.Configuration, MeanKey);
        double qyRatio = Read(run.Configuration, QyRatioKey);
        long pulses = (long)Read(run.Configuration, PulsesKey);
        var stream = new RandomStream(run.Seed, 0, StreamIds.Excitation);
        double sumM = 0, sumMm1 = 0, sumM2 = 0, sumMm1Sq = 0;
        double emptyProbability = Math.Exp(-mean);
        for (long p = 0; p < pulses; p++)
        {
            int n = 0; // Poisson by inversion: few excitons at the ⟨N⟩ used in tests
            double u = stream.NextDouble(), term = emptyProbability, cumulative = term;
            while (u > cumulative && n < 50) { n++; term *= mean / n; cumulative += term; }
            int m = (n >= 1 ? 1 : 0) + (n >= 2 && stream.NextDouble() < qyRatio ? 1 : 0);
            sumM += m; sumM2 += m * m; sumMm1 += m * (m - 1); sumMm1Sq += (double)m * (m - 1) * m * (m - 1);
        }
        double meanM = sumM / pulses;
        double meanMm1 = sumMm1 / pulses;
        double sdM = Math.Sqrt(Math.Max(0, sumM2 / pulses - meanM * meanM) / pulses);
        double sdMm1 = Math.Sqrt(Math.Max(0, sumMm1Sq / pulses - meanMm1 * meanMm1) / pulses);
        double g2 = meanMm1 / (meanM * meanM);
        double g2Error = g2 * Math.Sqrt(Math.Pow(sdMm1 / Math.Max(meanMm1, 1e-300), 2) + 4 * Math.Pow(sdM / meanM, 2));
        if (meanMm1 == 0) g2Error = 2.0 / (pulses * meanM * meanM); // no pair seen: one pair's worth
        double edge = Read(run.Configuration, EdgeKey);
        return new DotResult(
            [new NamedValue("volumeNm3", edge * edge * edge)],
            [new Observable("photonsPerPulse", meanM, sdM), new Observable("g2Zero", g2, g2Error)]);
    }

    /// <summary>Analytic g2(0) = E[M(M−1)]/E[M]² of this cascade: 2·qyRatio·P(n ≥ 2) / (P(n ≥ 1) + qyRatio·P(n ≥ 2))².</summary>
    public static double AnalyticG2(double mean, double qyRatio)
    {
        double p1 = 1 - Math.Exp(-mean), p2 = p1 - mean * Math.Exp(-mean);
        double em = p1 + qyRatio * p2;
        return 2 * qyRatio * p2 / (em * em);
    }

    private static double Read(IConfiguration configuration, string key) =>
        double.Parse(configuration[key] ?? throw new InvalidOperationException($"{key} missing"), CultureInfo.InvariantCulture);
}
