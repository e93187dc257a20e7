using System.Runtime.CompilerServices;

namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// T3 time in integer arithmetic that returns, bit for bit, what the decimal-and-double <see cref="T3Clock"/> path
/// returns (the values decoded files have always had): at each overflow base N, W = floor(N·Pd) and
/// F = (double)(N·Pd − W) with Pd the decimal sync period (<see cref="T3Clock.SetBase"/>); per record
/// t = W + (long)(F + nsync·P + micro·R + 0.5) with P, R the double period and bin width (<see cref="Reference"/>).
/// The decimal base was the main cost of T3 decoding (real HydraHarp files have an overflow record every few photons),
/// the double formula the next one.
/// </summary>
/// <remarks>
/// <para><b>Base.</b> Pd = Pint + Pfrac·2⁻⁶⁴ − e with 0 ≤ e &lt; 2⁻⁶⁴ (e = 0 when the decimal fraction is a whole
/// number of 2⁻⁶⁴). N·Pint + N·Pfrac·2⁻⁶⁴ = A (a 128-bit product, split into whole hi and fraction lo·2⁻⁶⁴) satisfies
/// A ≤ N·Pd ≤ A + N·2⁻⁶⁴. Decimal multiplication rounds N·Pd to nearest, dropping the fewest digits that fit 96 bits
/// (one more after a rounding carry), so it moves the value by at most 50·N·Pd/2⁹⁶ and never across a whole number
/// (whole numbers below 2⁶² are representable); it can only land on the next whole number from below. So when
/// lo·2⁻⁶⁴ plus both bounds stays below 1, W = N·Pint + hi, and F lies within those bounds (plus 2⁻⁵⁰ for the
/// decimal-to-double conversion) of lo·2⁻⁶⁴. Otherwise, and for bases past 2⁶² ps, the decimal path runs (it alone
/// throws OverflowException for absurd overflow counts, as before).</para>
/// <para><b>Record.</b> With k = <see cref="Shift"/> fraction bits, X = F′·2ᵏ + round(P·2ᵏ)·nsync + round(R·2ᵏ)·micro
/// + 2ᵏ⁻¹, F′·2ᵏ the base fraction estimate (lo shifted, or round(F·2ᵏ) on the decimal path), differs from 2ᵏ times
/// the exact real S = F + nsync·P + micro·R + 0.5 by at most ½(1 + nsync + micro) plus the fraction bound above, in
/// units of 2⁻ᵏ. The double formula rounds five non-negative sums and products, so its result D is within 8u·S_max
/// (u = 2⁻⁵³) of S. G (<see cref="GuardSpan"/>/2) exceeds all these bounds together, so D·2ᵏ lies strictly inside
/// (X − G, X + G); when floor((X − G)/2ᵏ) = floor((X + G)/2ᵏ), that common value is (long)D.
/// Otherwise (about 2G/2ᵏ of records: below 10⁻⁴ at common sync rates, more on exact half-picosecond ties) the
/// decoder calls <see cref="Reference"/>, which evaluates the double formula on the decimal base.</para>
/// <para>k is the largest shift with S_max·2ᵏ &lt; 2⁶², so no sum overflows. Where the guard would not fit
/// (sync periods of tens of ms), <see cref="Shift"/> is 0 and <see cref="GuardSpan"/> 1: every record fails the floor
/// test and takes the double formula, slower with the same values.</para>
/// </remarks>
internal sealed class T3FixedPoint
{
    private const double Epsilon = 1.0 / (1L << 53);

    private readonly T3Clock _clock;
    private readonly double _periodPs;
    private readonly double _resolutionPs;
    private readonly long _half;
    private readonly long _recordGuard;
    private readonly ulong _periodWhole;
    private readonly ulong _periodFraction64;
    private readonly bool _periodFractionExact;
    private readonly ulong _maxFastSync;
    private readonly double _decimalErrorPerSync;
    private double _fractionPs;
    private bool _fractionKnown;

    /// <param name="clock">Supplies the period and resolution and evaluates decimal bases.</param>
    /// <param name="maxNsync">Largest sync count within an overflow period that a record can carry.</param>
    /// <param name="maxMicroTime">Largest micro time a record can carry, bins.</param>
    public T3FixedPoint(T3Clock clock, long maxNsync, int maxMicroTime)
    {
        _clock = clock;
        _periodPs = clock.SyncPeriodPs;
        _resolutionPs = clock.MicroTimeResolutionPs;

        decimal period = clock.SyncPeriodDecimalPs;
        if (period >= 1e15m)
        {
            SetBase(0); // periods over 1000 s: every record takes the double formula
            return;
        }
        decimal whole = decimal.Truncate(period);
        _periodWhole = (ulong)whole;
        (_periodFraction64, _periodFractionExact) = Fraction64(period - whole);
        _maxFastSync = (1UL << 62) / (_periodWhole + 1);
        // Half an ulp of the decimal product, in units of 2⁻⁶⁴ per sync: 50·N·Pd/2⁹⁶ with a factor 20 to spare.
        _decimalErrorPerSync = 1000.0 * (_periodWhole + 1) / (1UL << 32);

        double maxPs = 1.5 + maxNsync * _periodPs + maxMicroTime * _resolutionPs;
        int shift = double.IsFinite(maxPs) ? 61 - Math.ILogB(maxPs) : 0;
        // ½ per rounded constant (F, P per sync, R per bin), the double formula's rounding, F's double conversion.
        double recordGuard = 0.5 * (1 + maxNsync + maxMicroTime) + 8 * Epsilon * Math.ScaleB(maxPs, shift)
            + Math.ScaleB(1.0, shift - 48) + 2;
        double maxBaseGuard = Math.ScaleB(_maxFastSync * (1 + _decimalErrorPerSync) + 2, shift - 64) + 2;
        if (shift is >= 1 and <= 61 && 2 * (recordGuard + maxBaseGuard) < Math.ScaleB(1.0, shift - 1))
        {
            Shift = shift;
            PeriodFx = (long)Math.Round(Math.ScaleB(_periodPs, shift));
            ResolutionFx = (long)Math.Round(Math.ScaleB(_resolutionPs, shift));
            _half = 1L << (shift - 1);
            _recordGuard = (long)Math.Ceiling(recordGuard);
        }
        SetBase(0);
    }

    /// <summary>Fraction bits k; 0 when every record takes <see cref="Reference"/>.</summary>
    public int Shift { get; }

    /// <summary>round(P·2ᵏ).</summary>
    public long PeriodFx { get; }

    /// <summary>round(R·2ᵏ).</summary>
    public long ResolutionFx { get; }

    /// <summary>Sync index of the current base.</summary>
    public long BaseSync { get; private set; }

    /// <summary>W: whole picoseconds of the base.</summary>
    public long WholePs { get; private set; }

    /// <summary>F′·2ᵏ + 2ᵏ⁻¹ − G: the lower end X − G, less the per-record terms.</summary>
    public long BaseFx { get; private set; }

    /// <summary>2G: the interval [X − G, X + G] must not contain a whole picosecond (in units of 2⁻ᵏ).</summary>
    public long GuardSpan { get; private set; }

    /// <summary>Moves the base to sync index <paramref name="syncIndex"/>.</summary>
    /// <exception cref="OverflowException">Times past the 64-bit picosecond range (from the decimal path).</exception>
    public void SetBase(long syncIndex)
    {
        BaseSync = syncIndex;
        _fractionKnown = false;
        if (Shift == 0 || (ulong)syncIndex > _maxFastSync)
        {
            SetDecimalBase();
            return;
        }
        ulong n = (ulong)syncIndex;
        ulong hi = Math.BigMul(n, _periodFraction64, out ulong lo);
        // Bound on (N·Pd rounded as decimal) − A, in units of 2⁻⁶⁴ (the double product errs by far less than the +2).
        double errorUnits = (_periodFractionExact ? 0 : syncIndex) + syncIndex * _decimalErrorPerSync + 2;
        if (lo >= ulong.MaxValue - (ulong)Math.Ceiling(errorUnits))
        {
            SetDecimalBase(); // the decimal product may reach the next whole picosecond
            return;
        }
        WholePs = (long)(n * _periodWhole + hi);
        long guard = _recordGuard + (long)Math.Ceiling(Math.ScaleB(errorUnits, Shift - 64)) + 1;
        BaseFx = (long)(lo >> (64 - Shift)) + _half - guard;
        GuardSpan = 2 * guard;
    }

    /// <summary>
    /// The floor test: true when both ends of [X − G, X + G] share their whole picoseconds, which are then the double
    /// formula's in-period part. Static with the state as arguments so that a decoder loop keeps it in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryInPeriodPs(long baseFx, long guardSpan, long periodFx, long resolutionFx, int shift,
        uint nsync, int microTime, out long inPeriodPs)
    {
        long low = baseFx + nsync * periodFx + microTime * resolutionFx;
        inPeriodPs = low >> shift;
        return (low + guardSpan) >> shift == inPeriodPs;
    }

    /// <summary>Time of a record at the current base, ps: what <see cref="Reference"/> returns, mostly without it.</summary>
    public long TimePs(uint nsync, int microTime) =>
        TryInPeriodPs(BaseFx, GuardSpan, PeriodFx, ResolutionFx, Shift, nsync, microTime, out long inPeriodPs)
            ? WholePs + inPeriodPs
            : Reference(nsync, microTime);

    /// <summary>
    /// The double formula on the decimal base: the time of a record whose fixed-point interval straddles a whole
    /// picosecond (or of every record when <see cref="Shift"/> is 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public long Reference(uint nsync, int microTime)
    {
        if (!_fractionKnown)
        {
            _clock.SetBase(BaseSync);
            if (_clock.BaseWholePs != WholePs)
                throw new InvalidOperationException($"T3 base {BaseSync}: integer whole ps {WholePs} differ from decimal {_clock.BaseWholePs}.");
            _fractionPs = _clock.BaseFractionPs;
            _fractionKnown = true;
        }
        // Every term is non-negative, so truncation is the floor: round half up without a Math.Floor call.
        return WholePs + (long)(_fractionPs + nsync * _periodPs + microTime * _resolutionPs + 0.5);
    }

    private void SetDecimalBase()
    {
        _clock.SetBase(BaseSync);
        WholePs = _clock.BaseWholePs;
        _fractionPs = _clock.BaseFractionPs;
        _fractionKnown = true;
        if (Shift == 0)
        {
            (BaseFx, GuardSpan) = (0, 1);
            return;
        }
        BaseFx = (long)Math.Round(Math.ScaleB(_fractionPs, Shift)) + _half - _recordGuard;
        GuardSpan = 2 * _recordGuard;
    }

    /// <summary>floor(f·2⁶⁴) of a decimal fraction 0 ≤ f &lt; 1, and whether it is exact.</summary>
    private static (ulong Fraction64, bool Exact) Fraction64(decimal fraction)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(fraction, bits);
        UInt128 mantissa = new((uint)bits[2], ((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        UInt128 denominator = 1;
        for (int scale = (bits[3] >> 16) & 0xFF; scale > 0; scale--)
            denominator *= 10;
        // mantissa < denominator < 2⁹⁴, so each 32-bit step stays within 128 bits.
        UInt128 high = (mantissa << 32) / denominator;
        UInt128 rest = (mantissa << 32) % denominator;
        UInt128 low = (rest << 32) / denominator;
        bool exact = (rest << 32) % denominator == 0;
        return ((ulong)((high << 32) | low), exact);
    }
}
