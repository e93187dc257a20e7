namespace QdSim.Analysis.Correlation;

/// <summary>A half-open time interval [Start, End) in time-tag ticks (e.g. an ON period from the blinking classifier).</summary>
public readonly record struct TickInterval(long StartTicks, long EndTicks)
{
    public long LengthTicks => EndTicks - StartTicks;
}

/// <summary>
/// Raw pair counts of a correlation with everything needed for its exact normalisation.
/// <para>
/// Normalisation (Laurence, Fore &amp; Huser, Opt. Lett. 31, 829 (2006); pycorrelate's <c>pnormalize</c>): for two
/// uncorrelated stationary streams of rates N_A/T and N_B/T observed over a window of length L, the number of
/// ordered pairs with lag in [a, b) is N_A N_B / T² · ∫_a^b (L − |τ|)₊ dτ, the integral being the overlap of the window
/// with its copy shifted by τ. With several observation windows (g2 restricted to ON periods; pairs are only formed
/// inside one window) the integrals add and T = Σ L_i. G_k = C_k / E_k with E_k that expectation, so G = 1 for
/// uncorrelated light at every bin whatever its width, including bins that straddle τ = 0 and lags comparable to T.
/// The Poisson standard error of G_k for uncorrelated light is 1/√E_k.
/// </para>
/// </summary>
public sealed record CorrelationHistogram
{
    public required CorrelationBins Bins { get; init; }

    /// <summary>Ordered pairs (A photon, B photon) whose lag t_B − t_A falls in each bin.</summary>
    public required long[] Counts { get; init; }

    /// <summary>Photons of channel A that took part (after gating and interval restriction).</summary>
    public required long PhotonsA { get; init; }

    /// <summary>Photons of channel B that took part.</summary>
    public required long PhotonsB { get; init; }

    /// <summary>Lengths of the observation windows, ticks (one window for a plain correlation).</summary>
    public required long[] WindowLengthsTicks { get; init; }

    /// <summary>Total observed duration T = Σ windows, seconds.</summary>
    public double DurationS => WindowLengthsTicks.Sum(l => (double)l) * Bins.TickResolutionS;

    /// <summary>Expected pair counts per bin for uncorrelated light with the observed rates (see type docs).</summary>
    public double[] ExpectedUncorrelatedPairs()
    {
        double totalTicks = WindowLengthsTicks.Sum(l => (double)l);
        var expected = new double[Bins.Count];
        if (totalTicks <= 0) return expected;
        double scale = (double)PhotonsA * PhotonsB / (totalTicks * totalTicks);
        var edges = Bins.EdgesArray;
        for (int k = 0; k < expected.Length; k++)
        {
            double overlap = 0;
            foreach (long window in WindowLengthsTicks)
                overlap += OverlapIntegral(window, edges[k + 1]) - OverlapIntegral(window, edges[k]);
            expected[k] = scale * overlap;
        }
        return expected;
    }

    /// <summary>Normalised correlation G_k = C_k / E_k (1 for uncorrelated light); NaN where E_k = 0.</summary>
    public double[] Normalized()
    {
        var expected = ExpectedUncorrelatedPairs();
        var g = new double[expected.Length];
        for (int k = 0; k < g.Length; k++) g[k] = expected[k] > 0 ? Counts[k] / expected[k] : double.NaN;
        return g;
    }

    /// <summary>Poisson standard error of each normalised bin, √C_k / E_k (1/√E_k where C_k = 0).</summary>
    public double[] NormalizedStandardErrors()
    {
        var expected = ExpectedUncorrelatedPairs();
        var s = new double[expected.Length];
        for (int k = 0; k < s.Length; k++)
            s[k] = expected[k] > 0 ? Math.Sqrt(Math.Max(Counts[k], 1)) / expected[k] : double.NaN;
        return s;
    }

    /// <summary>F(x) = ∫_0^x (L − |τ|)₊ dτ, odd in x; the overlap over [a, b) is F(b) − F(a).</summary>
    private static double OverlapIntegral(double windowTicks, double x)
    {
        double ax = Math.Min(Math.Abs(x), windowTicks);
        double value = windowTicks * ax - 0.5 * ax * ax;
        return x < 0 ? -value : value;
    }
}
