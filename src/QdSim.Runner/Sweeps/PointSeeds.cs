namespace QdSim.Runner.Sweeps;

/// <summary>
/// Seeds of points and of the dots inside a point, as pure functions of (parent seed, index): the k-th output of a
/// SplitMix64 generator started at the parent seed (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014). Being a pure function of the index, a point's seed — and so its result — does not
/// depend on which process, shard or thread computed it, nor on which points were computed before.
/// </summary>
public static class PointSeeds
{
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15;

    /// <summary>Seed of point <paramref name="pointIndex"/> of a sweep with seed <paramref name="sweepSeed"/>.</summary>
    public static ulong ForPoint(ulong sweepSeed, long pointIndex) => Derive(sweepSeed, pointIndex);

    /// <summary>Seed handed to the engine for dot <paramref name="dotIndex"/> of a point.</summary>
    public static ulong ForDot(ulong pointSeed, int dotIndex) => Derive(pointSeed, dotIndex);

    /// <summary>The (index + 1)-th SplitMix64 output of the sequence started at <paramref name="parent"/>.</summary>
    public static ulong Derive(ulong parent, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Mix(parent + GoldenGamma * (ulong)(index + 1));
    }

    /// <summary>SplitMix64 finaliser (variant 13 of Stafford's mix), a bijection on 64-bit words.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
