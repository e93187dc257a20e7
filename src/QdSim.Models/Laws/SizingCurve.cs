namespace QdSim.Models;

/// <summary>
/// Exciton emission energy of a cube of edge L: E(L) = E∞ + 1/(aL² + bL) (PHYSICS.md §6, fitted to seed 004
/// Table 1 [S4 → C]), its inverse, and the temperature shift of the line.
/// </summary>
public static class SizingCurve
{
    /// <summary>Temperature at which the sizing curve was measured (room temperature), K.</summary>
    public const double ReferenceTemperatureK = 295;

    /// <summary>E(4 K) − E(295 K) = −0.04 eV [E] (30 nm CsPbBr3 emits at 2.335 eV at 4 K [S3]).</summary>
    public const double ShiftFrom295KTo4KEv = -0.04;

    /// <summary>Room-temperature exciton energy in eV: E∞ + 1/(aL² + bL).</summary>
    public static double EnergyEv(SizingCurveConstants curve, double edgeNm)
    {
        ArgumentNullException.ThrowIfNull(curve);
        return curve.BulkLimitEv + 1.0 / (curve.QuadraticPerEvPerNm2 * edgeNm * edgeNm + curve.LinearPerEvPerNm * edgeNm);
    }

    /// <summary>
    /// Edge length in nm of a dot emitting at <paramref name="energyEv"/> (room temperature):
    /// L = [−b + √(b² + 4a/(E − E∞))]/(2a), the positive root of aL² + bL = 1/(E − E∞).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">E ≤ E∞ (no finite dot emits there).</exception>
    public static double EdgeNm(SizingCurveConstants curve, double energyEv)
    {
        ArgumentNullException.ThrowIfNull(curve);
        double excess = energyEv - curve.BulkLimitEv;
        if (!(excess > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(energyEv), energyEv, $"must exceed the bulk limit {curve.BulkLimitEv} eV");
        }

        double a = curve.QuadraticPerEvPerNm2, b = curve.LinearPerEvPerNm;
        return (-b + Math.Sqrt(b * b + 4 * a / excess)) / (2 * a);
    }

    /// <summary>
    /// Shift of the emission energy from its 295 K value, linear in T through 0 at 295 K and −0.04 eV at 4 K [E]
    /// (seed 003 Fig. 3b: the line blue-shifts continuously with temperature from lattice expansion).
    /// </summary>
    public static double TemperatureShiftEv(double temperatureK) =>
        ShiftFrom295KTo4KEv * (ReferenceTemperatureK - temperatureK) / (ReferenceTemperatureK - 4.0);
}
