namespace QdSim.Analysis.Fitting;

/// <summary>
/// Deterministic counter-based uniform numbers for resampling (bootstrap, null-distribution simulation): the value
/// for (seed, stream, index) is a SplitMix64 hash (Steele, Lea &amp; Flood, OOPSLA 2014), so results do not depend on
/// call order or thread count. Analysis may not reference the engine's Philox streams; this is its own small,
/// stateless equivalent, used only for statistical resampling, never for simulating physics.
/// </summary>
public readonly struct CounterRandom(ulong seed, ulong stream)
{
    /// <summary>Uniform double in [0, 1) for the given draw index.</summary>
    public double Uniform(ulong index)
    {
        ulong z = Mix(seed ^ Mix(stream * 0x9E3779B97F4A7C15UL + 0x632BE59BD9B4E019UL) ^ (index * 0xD1B54A32D192ED03UL));
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Uniform integer in [0, n) for the given draw index (n ≤ 2^31; modulo bias below 2^-22).</summary>
    public int NextIndex(ulong index, int n) => (int)(Uniform(index) * n);

    /// <summary>Exponential variate of unit mean for the given draw index.</summary>
    public double Exponential(ulong index) => -Math.Log(1.0 - Uniform(index));

    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
