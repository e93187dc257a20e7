namespace QdSim.Analysis.Tests.Support;

/// <summary>
/// Test-only xoshiro256** generator (Blackman &amp; Vigna 2018), seeded through SplitMix64. The analysis tests may not
/// reference the engine's RandomStream, so they build their synthetic streams with this small, fixed-seed generator.
/// </summary>
public sealed class TestRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public TestRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x); _s1 = SplitMix(ref x); _s2 = SplitMix(ref x); _s3 = SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double Uniform() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Exponential(double mean) => -mean * Math.Log(1 - Uniform());

    public bool Bernoulli(double p) => Uniform() < p;

    public double Gaussian()
    {
        double u1 = 1 - Uniform(), u2 = Uniform();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Poisson variate: Knuth's product method, in chunks of mean ≤ 20 (sum of Poissons is Poisson).</summary>
    public int Poisson(double mean)
    {
        int total = 0;
        while (mean > 0)
        {
            double part = Math.Min(mean, 20);
            mean -= part;
            double limit = Math.Exp(-part), product = Uniform();
            while (product > limit) { total++; product *= Uniform(); }
        }
        return total;
    }

    /// <summary>Truncated power law p(t) ∝ t^(−α) on [lo, hi] by inversion of its CDF.</summary>
    public double PowerLaw(double alpha, double lo, double hi)
    {
        double u = Uniform(), e = 1 - alpha;
        return Math.Pow(Math.Pow(lo, e) + u * (Math.Pow(hi, e) - Math.Pow(lo, e)), 1 / e);
    }
}
