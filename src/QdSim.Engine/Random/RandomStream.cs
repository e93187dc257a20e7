using System.Runtime.CompilerServices;

namespace QdSim.Engine.Random;

/// <summary>
/// One reproducible random stream, addressed by (seed, dot, stream). A plain struct with no references, so it can be
/// copied into per-dot state arrays and ported to the GPU. Draw i of a stream is
/// Philox4x32-10(counter = (i_lo, i_hi, dot, stream), key = (seed_lo, seed_hi)) — independent of threads and
/// of how work was split.
/// </summary>
/// <remarks>
/// Stream ids are assigned by <see cref="StreamIds"/>; a new kind of randomness takes a new id instead of
/// sharing one, so adding a feature never shifts the draws of another.
/// </remarks>
public struct RandomStream
{
    private readonly uint _key0, _key1, _dot, _stream;
    private ulong _block;     // index of the next Philox block to compute
    private uint _b0, _b1, _b2, _b3;
    private int _used;        // words of the current block already consumed (4 = empty)

    public RandomStream(ulong seed, uint dot, uint stream)
    {
        _key0 = (uint)seed;
        _key1 = (uint)(seed >> 32);
        _dot = dot;
        _stream = stream;
        _block = 0;
        _b0 = _b1 = _b2 = _b3 = 0;
        _used = 4;
    }

    /// <summary>The stream's coordinates, recorded in run summaries so a run can be replayed.</summary>
    public readonly (ulong Seed, uint Dot, uint Stream) Coordinates => (((ulong)_key1 << 32) | _key0, _dot, _stream);

    /// <summary>Next 32 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint NextUInt32()
    {
        if (_used == 4) Refill();
        return _used++ switch { 0 => _b0, 1 => _b1, 2 => _b2, _ => _b3 };
    }

    /// <summary>Computes the next Philox block; its four words are then consumed in order.</summary>
    private void Refill()
    {
        (_b0, _b1, _b2, _b3) = Philox4x32.Block((uint)_block, (uint)(_block >> 32), _dot, _stream, _key0, _key1);
        _block++;
        _used = 0;
    }

    /// <summary>Uniform double in the open interval (0, 1), 53 random bits: safe for -log(u).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble()
    {
        uint hi, lo;
        if (_used == 4) Refill();
        // Fast path: a double takes two words, so when the block is fresh or half used, both come from it without
        // two refill checks and two switches. Same words in the same order as two NextUInt32 calls: identical draws.
        if (_used == 0)
        {
            hi = _b0;
            lo = _b1;
            _used = 2;
        }
        else if (_used == 2)
        {
            hi = _b2;
            lo = _b3;
            _used = 4;
        }
        else
        {
            hi = NextUInt32();
            lo = NextUInt32();
        }
        ulong bits = ((ulong)hi << 21) ^ (lo >> 11); // 53 bits
        return (bits + 0.5) * (1.0 / 9007199254740992.0);
    }

    /// <summary>Next 64 random bits (two words, high first).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        if (_used == 4) Refill();
        if (_used == 0)
        {
            _used = 2;
            return ((ulong)_b0 << 32) | _b1;
        }
        if (_used == 2)
        {
            _used = 4;
            return ((ulong)_b2 << 32) | _b3;
        }
        return ((ulong)NextUInt32() << 32) | NextUInt32();
    }

    /// <summary>Exponential variate with the given rate (any unit; the result is in the reciprocal unit).</summary>
    /// <remarks>Ziggurat (<see cref="ExponentialZiggurat"/>): exact, and mostly free of the logarithm of inversion.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextExponential(double rate) => ExponentialZiggurat.Next(ref this) / rate;

    /// <summary>Standard exponential variate, Exp(1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextStandardExponential() => ExponentialZiggurat.Next(ref this);

    /// <summary>Standard normal variate (Box–Muller; one of the pair is discarded to keep the struct small).</summary>
    public double NextGaussian()
    {
        double u1 = NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

/// <summary>Stream ids within one dot. Never renumber: recorded seeds must keep replaying the same runs.</summary>
public static class StreamIds
{
    public const uint Excitation = 1;     // pulse skip-ahead, absorbed photon numbers
    public const uint Cascade = 2;        // decay channels, emission delays, sublevels, energies
    public const uint Environment = 3;    // blinking switches, charging, damage
    public const uint Optics = 4;         // routing through collection, filters, polariser, beam splitter, QE
    public const uint Detectors = 5;      // jitter, afterpulsing, crosstalk
    public const uint Background = 6;     // dark counts, uncorrelated and laser-synchronous background
    public const uint Ensemble = 7;       // per-dot parameter draws in ensembles (size, orientation)
    /// <summary>Segments of long runs: stream id = SegmentBase + segment index × 16 + one of the ids above.</summary>
    public const uint SegmentBase = 1u << 16;
}
