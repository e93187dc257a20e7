using QdSim.Engine.Random;
using QdSim.Models.Parameters.Detection;

namespace QdSim.Engine.Detection;

/// <summary>Draws delays, in picoseconds, from a validated <see cref="DelayLawParameters"/> (inverse-CDF sampling).</summary>
internal readonly struct DelaySampler
{
    private readonly double _offsetPs, _meanPs;
    private readonly double[]? _cdf;      // cumulative weights normalised to 1, one per bin
    private readonly double[]? _edgesPs;

    public DelaySampler(DelayLawParameters law)
    {
        if (law.Kind == DelayLawKind.Tabulated)
        {
            _edgesPs = law.BinEdgesNs.Select(e => e * 1e3).ToArray();
            _cdf = new double[law.BinWeights.Count];
            double total = law.BinWeights.Sum(), running = 0;
            for (int i = 0; i < _cdf.Length; i++) _cdf[i] = (running += law.BinWeights[i]) / total;
            _cdf[^1] = 1.0;
        }
        else
        {
            _offsetPs = law.OffsetNs * 1e3;
            _meanPs = law.MeanNs * 1e3;
        }
    }

    /// <summary>One delay, ps (≥ 0).</summary>
    public double Sample(ref RandomStream rng)
    {
        if (_cdf is null) return _meanPs > 0 ? _offsetPs + rng.NextExponential(1.0 / _meanPs) : _offsetPs;
        double u = rng.NextDouble();
        int bin = Array.BinarySearch(_cdf, u);
        if (bin < 0) bin = ~bin;
        if (bin >= _cdf.Length) bin = _cdf.Length - 1;
        return _edgesPs![bin] + rng.NextDouble() * (_edgesPs[bin + 1] - _edgesPs[bin]);
    }
}
