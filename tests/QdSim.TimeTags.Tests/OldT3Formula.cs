namespace QdSim.TimeTags.Tests;

/// <summary>
/// The decoder's T3 time before its integer path, verbatim, as the reference that keeps decoded times bit-identical:
/// the base N·Pd in decimal split into whole ps and a double fraction (T3Clock.SetBase), then
/// (long)(F + nsync·P + micro·R + 0.5) in doubles (T3Decoder).
/// </summary>
internal sealed class OldT3Formula(double syncRateHz, double microTimeResolutionS)
{
    private readonly decimal _periodPs = 1e12m / (decimal)syncRateHz;
    private readonly double _periodDoublePs = (double)(1e12m / (decimal)syncRateHz);
    private readonly double _resolutionPs = microTimeResolutionS * 1e12;
    private long _wholePs;
    private double _fractionPs;

    public long BaseSync { get; private set; } = -1;

    public void SetBase(long syncIndex)
    {
        BaseSync = syncIndex;
        decimal exact = syncIndex * _periodPs;
        decimal whole = decimal.Floor(exact);
        _wholePs = (long)whole;
        _fractionPs = (double)(exact - whole);
    }

    public long TimePs(uint nsync, int microTime) =>
        _wholePs + (long)(_fractionPs + nsync * _periodDoublePs + microTime * _resolutionPs + 0.5);

    /// <summary>Time of sync index <paramref name="syncIndex"/> as a decoder sees it: base at the last multiple of the overflow period.</summary>
    public long TimePs(long syncIndex, long overflowPeriod, int microTime)
    {
        long syncBase = syncIndex - syncIndex % overflowPeriod;
        if (syncBase != BaseSync)
            SetBase(syncBase);
        return TimePs((uint)(syncIndex - syncBase), microTime);
    }
}
