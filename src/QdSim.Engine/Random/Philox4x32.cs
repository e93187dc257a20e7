using System.Runtime.CompilerServices;

namespace QdSim.Engine.Random;

/// <summary>
/// Philox4x32-10 counter-based generator (Salmon, Moraes, Dror &amp; Shaw, "Parallel random numbers: as easy as
/// 1, 2, 3", SC'11). A pure function of (key, counter): any stream can be replayed from its coordinates alone, on
/// any thread or on the GPU (the CUDA kernels implement the same rounds, constants and layout).
/// </summary>
public static class Philox4x32
{
    private const uint M0 = 0xD2511F53;
    private const uint M1 = 0xCD9E8D57;
    private const uint W0 = 0x9E3779B9; // golden ratio
    private const uint W1 = 0xBB67AE85; // sqrt(3) - 1

    /// <summary>Ten rounds of Philox on counter (c0..c3) with key (k0, k1); returns the four output words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint X0, uint X1, uint X2, uint X3) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint hi0 = (uint)(p0 >> 32), lo0 = (uint)p0;
            uint hi1 = (uint)(p1 >> 32), lo1 = (uint)p1;
            uint n0 = hi1 ^ c1 ^ k0;
            uint n2 = hi0 ^ c3 ^ k1;
            c0 = n0; c1 = lo1; c2 = n2; c3 = lo0;
            k0 += W0; k1 += W1;
        }
        return (c0, c1, c2, c3);
    }
}
