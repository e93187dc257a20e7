namespace QdSim.TimeTags.Ptu.Records;

/// <summary>
/// Converts exact T3 fields to picoseconds: t = SyncIndex × sync period + MicroTimeBins × resolution, rounded to the
/// nearest ps. Sync periods are rarely whole picoseconds (1/19.99 MHz), and SyncIndex × period reaches 10¹⁶ ps in a
/// long run, beyond the 2⁵³ where doubles stop resolving 1 ps; so the product at each overflow base is taken in
/// decimal (28 digits) and split into whole ps plus a fraction, and only the small in-period part uses doubles.
/// This defines the decoded values; <see cref="T3FixedPoint"/> reproduces them in integer arithmetic for speed.
/// </summary>
internal sealed class T3Clock
{
    private readonly decimal _syncPeriodPs;
    private long _baseWholePs;

    public T3Clock(double syncRateHz, double microTimeResolutionS)
    {
        if (!(syncRateHz > 0) || double.IsInfinity(syncRateHz))
            throw new ArgumentOutOfRangeException(nameof(syncRateHz), syncRateHz, "T3 needs a positive sync rate, Hz.");
        if (!(microTimeResolutionS > 0) || double.IsInfinity(microTimeResolutionS))
            throw new ArgumentOutOfRangeException(nameof(microTimeResolutionS), microTimeResolutionS, "T3 needs a positive micro-time resolution, s.");
        _syncPeriodPs = 1e12m / (decimal)syncRateHz;
        SyncPeriodPs = (double)_syncPeriodPs;
        MicroTimeResolutionPs = microTimeResolutionS * 1e12;
    }

    /// <summary>Sync period, ps (double; exact value kept in decimal).</summary>
    public double SyncPeriodPs { get; }

    /// <summary>Sync period, ps, as the decimal that <see cref="SetBase"/> multiplies.</summary>
    public decimal SyncPeriodDecimalPs => _syncPeriodPs;

    /// <summary>Micro-time bin width, ps.</summary>
    public double MicroTimeResolutionPs { get; }

    /// <summary>Sync index of the current base (set at each overflow).</summary>
    public long BaseSyncIndex { get; private set; }

    /// <summary>Fractional ps of BaseSyncIndex × period, in [0, 1).</summary>
    public double BaseFractionPs { get; private set; }

    public long BaseWholePs => _baseWholePs;

    public void SetBase(long syncIndex)
    {
        BaseSyncIndex = syncIndex;
        decimal exact = syncIndex * _syncPeriodPs;
        decimal whole = decimal.Floor(exact);
        _baseWholePs = (long)whole;
        BaseFractionPs = (double)(exact - whole);
    }

    /// <summary>Sync index and micro-time bin of a time in ps (for events that carry only TimeTicks).</summary>
    public (long SyncIndex, int MicroTimeBins) Split(long timePs)
    {
        long syncIndex = (long)decimal.Floor(timePs / _syncPeriodPs);
        decimal inPeriodPs = timePs - syncIndex * _syncPeriodPs;
        return (syncIndex, (int)Math.Floor((double)inPeriodPs / MicroTimeResolutionPs));
    }
}
