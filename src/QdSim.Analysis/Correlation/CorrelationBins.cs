namespace QdSim.Analysis.Correlation;

/// <summary>
/// Lag bins of a correlation histogram: strictly increasing edges in time-tag ticks, bin k = [e_k, e_{k+1}).
/// A lag is τ = t_B − t_A (channel B after channel A is positive). Edges are integers because time tags are; the
/// normalisation (<see cref="CorrelationHistogram"/>) uses the exact bin widths, so any edge set works
/// ("arbitrary bins", Laurence, Fore &amp; Huser, Opt. Lett. 31, 829 (2006)).
/// </summary>
public sealed record CorrelationBins
{
    private readonly long[] _edgesTicks;

    /// <summary>Bin edges, ticks, strictly increasing; there are <see cref="Count"/> + 1 of them.</summary>
    public IReadOnlyList<long> EdgesTicks => _edgesTicks;

    /// <summary>Length of one tick, seconds.</summary>
    public double TickResolutionS { get; }

    /// <summary>Number of bins.</summary>
    public int Count => _edgesTicks.Length - 1;

    /// <summary>Common bin width in ticks when all bins are equal (then a lag's bin is found by one division), else 0.</summary>
    public long UniformWidthTicks { get; }

    public CorrelationBins(IReadOnlyList<long> edgesTicks, double tickResolutionS)
    {
        if (edgesTicks.Count < 2) throw new UserInputException("correlation bins: at least two edges are needed");
        if (!(tickResolutionS > 0)) throw UserInputException.OutOfRange("correlation bins tick resolution", tickResolutionS, "s", "> 0");
        _edgesTicks = edgesTicks.ToArray();
        for (int k = 1; k < _edgesTicks.Length; k++)
            if (_edgesTicks[k] <= _edgesTicks[k - 1])
                throw new UserInputException($"correlation bins: edges must increase strictly (edge {k} = {_edgesTicks[k]} ticks after {_edgesTicks[k - 1]} ticks)");
        TickResolutionS = tickResolutionS;
        long w = _edgesTicks[1] - _edgesTicks[0];
        bool uniform = true;
        for (int k = 2; k < _edgesTicks.Length && uniform; k++) uniform = _edgesTicks[k] - _edgesTicks[k - 1] == w;
        UniformWidthTicks = uniform ? w : 0;
    }

    internal long[] EdgesArray => _edgesTicks;

    /// <summary>Smallest lag covered, ticks (inclusive).</summary>
    public long MinLagTicks => _edgesTicks[0];

    /// <summary>Largest lag covered, ticks (exclusive).</summary>
    public long MaxLagTicks => _edgesTicks[^1];

    /// <summary>Bin edges in seconds.</summary>
    public double[] EdgesS() => _edgesTicks.Select(e => e * TickResolutionS).ToArray();

    /// <summary>Bin centres in seconds (arithmetic; for log bins plot against these or the geometric centre).</summary>
    public double[] CentersS()
    {
        var c = new double[Count];
        for (int k = 0; k < c.Length; k++) c[k] = 0.5 * (_edgesTicks[k] + _edgesTicks[k + 1]) * TickResolutionS;
        return c;
    }

    /// <summary>Bin index of a lag, or −1 when outside [first edge, last edge).</summary>
    public int IndexOf(long lagTicks)
    {
        if (lagTicks < _edgesTicks[0] || lagTicks >= _edgesTicks[^1]) return -1;
        if (UniformWidthTicks > 0) return (int)((lagTicks - _edgesTicks[0]) / UniformWidthTicks);
        // Upper bound: first edge > lag, minus one.
        int lo = 0, hi = _edgesTicks.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >>> 1;
            if (_edgesTicks[mid] <= lagTicks) lo = mid; else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Equal bins of <paramref name="binWidthS"/> centred on zero lag covering ±<paramref name="maxLagS"/>
    /// (2·round(max/width)+1 bins; e.g. ±1 µs at 1 ns gives 2001 bins, the middle one centred on τ = 0).
    /// The width is rounded to whole ticks and forced even so that the central bin is exactly centred.
    /// </summary>
    public static CorrelationBins LinearSymmetric(double maxLagS, double binWidthS, double tickResolutionS)
    {
        Validate(maxLagS, binWidthS, tickResolutionS);
        long w = Math.Max(2, 2 * (long)Math.Round(binWidthS / tickResolutionS / 2));
        long half = (long)Math.Round(maxLagS / (w * tickResolutionS));
        long first = -half * w - w / 2;
        return Uniform(first, w, (int)(2 * half + 1), tickResolutionS);
    }

    /// <summary>Equal bins from <paramref name="minLagS"/> (inclusive) of width <paramref name="binWidthS"/> up to at least <paramref name="maxLagS"/>.</summary>
    public static CorrelationBins Linear(double minLagS, double maxLagS, double binWidthS, double tickResolutionS)
    {
        Validate(maxLagS - minLagS, binWidthS, tickResolutionS);
        long w = Math.Max(1, (long)Math.Round(binWidthS / tickResolutionS));
        long first = (long)Math.Round(minLagS / tickResolutionS);
        int n = (int)Math.Ceiling((maxLagS / tickResolutionS - first) / w);
        return Uniform(first, w, Math.Max(1, n), tickResolutionS);
    }

    /// <summary>
    /// Quasi-logarithmic bins (the multi-tau idea with exact counting): <paramref name="binCount"/> edges spaced
    /// geometrically from <paramref name="minLagS"/> to <paramref name="maxLagS"/>, rounded to whole ticks; edges that
    /// collide after rounding are merged, so short lags get one-tick bins and fewer than the requested bins may result.
    /// With <paramref name="symmetric"/> the same edges are mirrored to negative lags and a central bin
    /// [−min, min) joins the two halves.
    /// </summary>
    public static CorrelationBins Logarithmic(double minLagS, double maxLagS, int binCount, double tickResolutionS, bool symmetric = false)
    {
        if (!(minLagS > 0)) throw UserInputException.OutOfRange("log bins minimum lag", minLagS, "s", "> 0");
        if (!(maxLagS > minLagS)) throw UserInputException.OutOfRange("log bins maximum lag", maxLagS, "s", "> minimum lag");
        if (binCount < 1) throw UserInputException.OutOfRange("log bins count", binCount, "bins", ">= 1");
        if (!(tickResolutionS > 0)) throw UserInputException.OutOfRange("tick resolution", tickResolutionS, "s", "> 0");
        var positive = new List<long>();
        double ratio = Math.Pow(maxLagS / minLagS, 1.0 / binCount);
        for (int k = 0; k <= binCount; k++)
        {
            long e = Math.Max(1, (long)Math.Round(minLagS * Math.Pow(ratio, k) / tickResolutionS));
            if (positive.Count == 0 || e > positive[^1]) positive.Add(e);
        }
        if (positive.Count < 2) positive.Add(positive[0] + 1);
        if (!symmetric) return new CorrelationBins(positive, tickResolutionS);
        var edges = new List<long>(2 * positive.Count);
        for (int k = positive.Count - 1; k >= 0; k--) edges.Add(-positive[k]);
        edges.AddRange(positive);
        return new CorrelationBins(edges, tickResolutionS);
    }

    private static CorrelationBins Uniform(long firstTicks, long widthTicks, int count, double tickResolutionS)
    {
        var edges = new long[count + 1];
        for (int k = 0; k <= count; k++) edges[k] = firstTicks + k * widthTicks;
        return new CorrelationBins(edges, tickResolutionS);
    }

    private static void Validate(double spanS, double binWidthS, double tickResolutionS)
    {
        if (!(tickResolutionS > 0)) throw UserInputException.OutOfRange("tick resolution", tickResolutionS, "s", "> 0");
        if (!(binWidthS > 0)) throw UserInputException.OutOfRange("correlation bin width", binWidthS, "s", "> 0");
        if (!(spanS > 0)) throw UserInputException.OutOfRange("correlation lag range", spanS, "s", "> 0");
    }
}
