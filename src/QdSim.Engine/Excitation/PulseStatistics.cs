using System.Runtime.CompilerServices;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Random;

namespace QdSim.Engine.Excitation;

/// <summary>
/// Photon-number statistics of one pulse in one dot condition (PHYSICS.md §3, §7): absorbed photons ~ Poisson(⟨N⟩),
/// capped at n_max (the tail mass is put on n_max and reported); no-detection probability
/// p₀ = Σ_n P(n) G_n; and P(n | ≥ 1 detection) ∝ P(n)(1 − G_n) for the pulse the skip-ahead lands on.
/// </summary>
public sealed class PulseStatistics
{
    /// <summary>P(n) for n = 0…n_max, the Poisson tail above n_max folded into n_max.</summary>
    public readonly double[] PairProbability;
    /// <summary>Cumulative of P(n | ≥ 1 detection).</summary>
    private readonly double[] _conditionalCumulative;

    /// <summary>p₀: probability that a pulse yields no detection.</summary>
    public double NoDetectionProbability { get; }
    /// <summary>ln p₀ (skip-ahead draws Geometric(1 − p₀) as 1 + ⌊ln U / ln p₀⌋).</summary>
    public double LogNoDetection { get; }
    /// <summary>Poisson probability of more than n_max absorbed photons (truncated by the cap).</summary>
    public double TruncationProbability { get; }
    /// <summary>Mean photons emitted per pulse, Σ_n P(n) Σ_{k ≤ n} q_k (analytic; for the summary).</summary>
    public double MeanEmittedPerPulse { get; }
    /// <summary>Mean Auger decays per pulse Σ_n P(n) Σ_{k ≤ n} pA_k (charging only via XX Auger).</summary>
    public double MeanAugerPerPulse { get; }

    public PulseStatistics(CascadeTable table, double meanPerPulse)
    {
        int nMax = table.MaxExcitons;
        PairProbability = new double[nMax + 1];
        double term = Math.Exp(-meanPerPulse), sum = 0;
        for (int n = 0; n < nMax; n++)
        {
            PairProbability[n] = term;
            sum += term;
            term *= meanPerPulse / (n + 1);
        }
        TruncationProbability = Math.Max(0, 1 - sum - term);
        PairProbability[nMax] = Math.Max(0, 1 - sum);

        _conditionalCumulative = new double[nMax + 1];
        double p0 = 0, acc = 0, emitted = 0, auger = 0, cumQ = 0, cumA = 0;
        for (int n = 0; n <= nMax; n++)
        {
            if (n > 0)
            {
                cumQ += table.PhotonProbability[n];
                cumA += table.AugerProbability[n];
            }
            p0 += PairProbability[n] * table.NoDetectionProbability[n];
            acc += PairProbability[n] * (1 - table.NoDetectionProbability[n]);
            _conditionalCumulative[n] = acc;
            emitted += PairProbability[n] * cumQ;
            auger += PairProbability[n] * cumA;
        }
        for (int n = 0; n <= nMax; n++) _conditionalCumulative[n] = acc > 0 ? _conditionalCumulative[n] / acc : 1;
        NoDetectionProbability = Math.Clamp(p0, 0, 1);
        LogNoDetection = Math.Log(NoDetectionProbability);
        MeanEmittedPerPulse = emitted;
        MeanAugerPerPulse = auger;
    }

    /// <summary>Pulses until (and including) the next one with a detection: Geometric(1 − p₀) on {1, 2, …}; long.MaxValue if none can occur.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long DrawPulsesToNextDetection(ref RandomStream rng)
    {
        if (NoDetectionProbability >= 1) return long.MaxValue;
        if (NoDetectionProbability <= 0) return 1;
        // −ln U is Exp(1), so ⌊ln U / ln p₀⌋ = ⌊E / (−ln p₀)⌋ with E ~ Exp(1): the same geometric law, with E from the
        // ziggurat (no logarithm on most draws).
        double k = Math.Floor(rng.NextStandardExponential() / -LogNoDetection);
        return k >= 9e18 ? long.MaxValue : 1 + (long)k;
    }

    /// <summary>Draws the pairs of a pulse known to give a detection, from P(n | ≥ 1 detection).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int DrawPairsGivenDetection(ref RandomStream rng)
    {
        double u = rng.NextDouble();
        int n = 1;
        while (n < _conditionalCumulative.Length - 1 && _conditionalCumulative[n] < u) n++;
        return n;
    }

    /// <summary>Poisson(⟨N⟩) absorbed photons by inversion (per-pulse path; ⟨N⟩ ≤ 100 by validation).</summary>
    public static int DrawPoisson(double mean, ref RandomStream rng)
    {
        double u = rng.NextDouble();
        double p = Math.Exp(-mean), cumulative = p;
        int n = 0;
        while (u > cumulative && n < 1000)
        {
            n++;
            p *= mean / n;
            cumulative += p;
        }
        return n;
    }
}
