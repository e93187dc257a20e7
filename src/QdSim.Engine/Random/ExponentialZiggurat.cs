namespace QdSim.Engine.Random;

/// <summary>
/// Standard exponential variates by the ziggurat method (G. Marsaglia and W. W. Tsang, "The Ziggurat Method for
/// Generating Random Variables", J. Stat. Softw. 5(8), 2000), in the double-precision form with independent layer
/// and position bits (J. A. Doornik, "An Improved Ziggurat Method to Generate Normal Random Samples", 2005).
/// </summary>
/// <remarks>
/// <para>Exact, not an approximation: the density e^(−x) is covered by 256 layers of equal area V (255 rectangles
/// and the base strip, which holds the tail beyond R). A layer is chosen uniformly, a point uniformly inside it; a
/// point under the curve is returned, otherwise the draw is repeated (rejection sampling, so the accepted x has
/// exactly the density e^(−x)). The tail x &gt; R is R + Exp(1) by memorylessness. About 98.9 % of draws return at
/// the first comparison, with no logarithm: one 64-bit draw and a multiply, against −ln U for inversion.</para>
/// <para>Tables are plain arrays (the GPU backend copies them as they are), built once from R and V, the published
/// constants of the 256-layer exponential ziggurat.</para>
/// </remarks>
public static class ExponentialZiggurat
{
    /// <summary>Start of the tail: right edge of the widest rectangle.</summary>
    private const double R = 7.69711747013104972;
    /// <summary>Area of every layer.</summary>
    private const double V = 3.949659822581572e-3;

    /// <summary>Right edges X[i] of layer i (X[0] = V/e^(−R) is the base strip's virtual width, X[256] = 0).</summary>
    public static readonly double[] X = BuildX();
    /// <summary>e^(−X[i]).</summary>
    public static readonly double[] F = X.Select(x => Math.Exp(-x)).ToArray();

    private static double[] BuildX()
    {
        var x = new double[257];
        x[0] = V / Math.Exp(-R);
        x[1] = R;
        // Layer i spans heights e^(−X[i]) … e^(−X[i+1]) with width X[i]: X[i] (e^(−X[i+1]) − e^(−X[i])) = V.
        for (int i = 1; i < 255; i++) x[i + 1] = -Math.Log(V / x[i] + Math.Exp(-x[i]));
        x[256] = 0;
        return x;
    }

    /// <summary>One Exp(1) variate from <paramref name="rng"/>.</summary>
    public static double Next(ref RandomStream rng)
    {
        while (true)
        {
            ulong bits = rng.NextUInt64();
            int i = (int)(bits & 0xFF);                          // layer: low 8 bits
            double u = (bits >> 11) * (1.0 / 9007199254740992.0); // position: the top 53 bits, disjoint from the layer bits
            double x = u * X[i];
            if (x < X[i + 1]) return x;                           // inside the part of the layer under the curve
            if (i == 0) return R - Math.Log(rng.NextDouble());   // base strip beyond R: the tail, R + Exp(1)
            // Wedge: accept if a uniform height within the layer lies under e^(−x).
            if (F[i] + (F[i + 1] - F[i]) * rng.NextDouble() < Math.Exp(-x)) return x;
        }
    }
}
