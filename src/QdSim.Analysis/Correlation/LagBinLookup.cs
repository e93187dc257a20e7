using System.Numerics;

namespace QdSim.Analysis.Correlation;

/// <summary>
/// Constant-time bin index of a lag for arbitrary (non-uniform) bins, exact: a table over a floating-point-like key of
/// |lag| (leading bit position plus the next <c>M</c> bits, as in HDR histograms) gives, for every cell of lags, the bin
/// of the cell's smallest lag; the true bin is then at most a few edges further (at most one when every cell is narrower
/// than the bins it meets, which <c>M</c> is chosen for). Relative cell width 2^−M matches quasi-logarithmic bins, whose
/// relative width is constant, and one-tick cells cover the shortest lags. Negative lags use their own cells, keyed by
/// −lag − 1 (= ~lag). Used by <see cref="PhotonCorrelator"/> to bin pairs one by one where bins are too narrow to hold
/// more than a fraction of a pair per start photon; a bisection there would cost log₂(bins) branchy steps per pair.
/// </summary>
internal sealed class LagBinLookup
{
    /// <summary>Table entries allowed (4 bytes each): the table should stay in the L1/L2 cache.</summary>
    private const int MaxEntries = 1 << 15;

    private readonly long[] _edges;
    private readonly int[] _firstBin;
    private readonly int _bits;
    private readonly long _subBuckets;
    private readonly long _positiveBias, _negativeBias;

    /// <summary>True when the bin is the table's or the next one (one branch-free step); else a short scan.</summary>
    public bool SingleStep { get; }

    public LagBinLookup(CorrelationBins bins)
    {
        _edges = bins.EdgesArray;
        long first = _edges[0], last = _edges[^1] - 1; // lags covered: [first, last]
        // Magnitude ranges m = lag (lag ≥ 0) and m = ~lag (lag < 0) that can occur.
        (long Min, long Max)? positive = last >= 0 ? (Math.Max(first, 0), last) : null;
        (long Min, long Max)? negative = first < 0 ? (~Math.Min(last, -1), ~first) : null;
        int chosenBits = -1;
        for (int bits = 2; bits <= 20; bits++)
        {
            long entries = Span(positive, bits) + Span(negative, bits);
            if (entries > MaxEntries) break;
            chosenBits = bits;
            if (MaxSteps(bins, positive, negative, bits) <= 1) break;
        }
        if (chosenBits < 0) chosenBits = 2; // even the coarsest table is large: lags span > 2^40 ticks; still exact
        _bits = chosenBits;
        _subBuckets = 1L << _bits;
        SingleStep = MaxSteps(bins, positive, negative, _bits) <= 1;
        long positiveEntries = Span(positive, _bits), negativeEntries = Span(negative, _bits);
        _firstBin = new int[positiveEntries + negativeEntries];
        // Index = key + bias: positive keys from key(min) at 0, negative keys after them.
        _positiveBias = positive is { } p ? -Key(p.Min, _bits) : 0;
        _negativeBias = negative is { } n ? positiveEntries - Key(n.Min, _bits) : 0;
        if (positive is { } pr)
            for (long key = Key(pr.Min, _bits), end = Key(pr.Max, _bits); key <= end; key++)
                _firstBin[key + _positiveBias] = bins.IndexOf(Math.Max(CellMin(key, _bits), pr.Min));
        if (negative is { } nr)
            for (long key = Key(nr.Min, _bits), end = Key(nr.Max, _bits); key <= end; key++)
                _firstBin[key + _negativeBias] = bins.IndexOf(~Math.Min(CellMax(key, _bits), nr.Max));
    }

    /// <summary>Bin of a lag known to lie in [first edge, last edge).</summary>
    public int IndexOf(long lag)
    {
        long m = lag ^ (lag >> 63);
        long bias = lag < 0 ? _negativeBias : _positiveBias;
        int shift = BitOperations.Log2((ulong)(m | _subBuckets)) - _bits;
        int bin = _firstBin[(int)(((long)shift << _bits) + (m >> shift) + bias)];
        while (_edges[bin + 1] <= lag) bin++;
        return bin;
    }

    /// <summary>
    /// Adds one count per lag b[i] − t for i in [from, to) (all lags inside the bins). The hot loop of the correlator:
    /// no division, no search, and with <see cref="SingleStep"/> no data-dependent branch.
    /// </summary>
    public void CountLags(long[] b, int from, int to, long t, long[] counts)
    {
        if (from >= to) return;
        long[] edges = _edges;
        int[] table = _firstBin;
        int bits = _bits;
        long subBuckets = _subBuckets, positiveBias = _positiveBias, negativeBias = _negativeBias;
        if (SingleStep && b[from] >= t)
        {
            // All lags ≥ 0 (B is sorted): no sign to handle.
            for (int i = from; i < to; i++)
            {
                long lag = b[i] - t;
                int shift = BitOperations.Log2((ulong)(lag | subBuckets)) - bits;
                int bin = table[(int)(((long)shift << bits) + (lag >> shift) + positiveBias)];
                bin += edges[bin + 1] <= lag ? 1 : 0;
                counts[bin]++;
            }
        }
        else if (SingleStep)
        {
            for (int i = from; i < to; i++)
            {
                long lag = b[i] - t;
                long m = lag ^ (lag >> 63);
                long bias = lag < 0 ? negativeBias : positiveBias;
                int shift = BitOperations.Log2((ulong)(m | subBuckets)) - bits;
                int bin = table[(int)(((long)shift << bits) + (m >> shift) + bias)];
                bin += edges[bin + 1] <= lag ? 1 : 0;
                counts[bin]++;
            }
        }
        else
        {
            for (int i = from; i < to; i++) counts[IndexOf(b[i] - t)]++;
        }
    }

    /// <summary>Cell key of a magnitude: m itself below 2^(bits+1), else (shift, top bits+1 bits); monotone in m.</summary>
    private static long Key(long m, int bits)
    {
        int shift = BitOperations.Log2((ulong)(m | (1L << bits))) - bits;
        return ((long)shift << bits) + (m >> shift);
    }

    private static long CellMin(long key, int bits)
    {
        long shift = Math.Max(0, (key >> bits) - 1);
        return (key - (shift << bits)) << (int)shift;
    }

    private static long CellMax(long key, int bits)
    {
        long shift = Math.Max(0, (key >> bits) - 1);
        long v = key - (shift << bits) + 1;
        // The last cell's end would overflow at shift = 63 − bits; magnitudes never exceed long.MaxValue.
        return v << (int)shift == long.MinValue ? long.MaxValue : (v << (int)shift) - 1;
    }

    private static long Span((long Min, long Max)? range, int bits) => range is { } r ? Key(r.Max, bits) - Key(r.Min, bits) + 1 : 0;

    /// <summary>Largest number of edges inside one cell (steps from the table's bin to the true one).</summary>
    private static int MaxSteps(CorrelationBins bins, (long Min, long Max)? positive, (long Min, long Max)? negative, int bits)
    {
        int max = 0;
        if (positive is { } p)
            for (long key = Key(p.Min, bits), end = Key(p.Max, bits); key <= end; key++)
                max = Math.Max(max, bins.IndexOf(Math.Min(CellMax(key, bits), p.Max)) - bins.IndexOf(Math.Max(CellMin(key, bits), p.Min)));
        if (negative is { } n)
            for (long key = Key(n.Min, bits), end = Key(n.Max, bits); key <= end; key++)
                max = Math.Max(max, bins.IndexOf(~Math.Max(CellMin(key, bits), n.Min)) - bins.IndexOf(~Math.Min(CellMax(key, bits), n.Max)));
        return max;
    }
}
