namespace QdSim.Engine.Detection;

/// <summary>
/// Times of the laser pulses: pulse k fires at FirstPulsePs + round(k × period) (halves away from zero), integer picoseconds. The period is
/// split into whole and fractional picoseconds so that k × period stays exact to 1 ps for any experiment length
/// (k·period in one double would lose picoseconds after ~2.5 h at 80 MHz).
/// </summary>
public readonly struct LaserPulseClock
{
    private readonly long _wholePs;
    private readonly double _fractionPs;

    public LaserPulseClock(double repetitionRateHz, long firstPulsePs = 0)
    {
        if (!(repetitionRateHz > 0) || !(repetitionRateHz <= 1e12))
            throw UserInputException.OutOfRange("RepetitionRateHz", repetitionRateHz, "Hz", "0 < rate <= 1e12 Hz");
        RepetitionRateHz = repetitionRateHz;
        PeriodPs = 1e12 / repetitionRateHz;
        _wholePs = (long)Math.Floor(PeriodPs);
        _fractionPs = PeriodPs - _wholePs;
        FirstPulsePs = firstPulsePs;
    }

    public double RepetitionRateHz { get; }
    public double PeriodPs { get; }
    public long FirstPulsePs { get; }

    /// <summary>Time of pulse <paramref name="pulseIndex"/>, ps.</summary>
    public long PulseTimePs(long pulseIndex) => FirstPulsePs + pulseIndex * _wholePs + (long)Math.Round(pulseIndex * _fractionPs, MidpointRounding.AwayFromZero);

    /// <summary>Index of the last pulse at or before <paramref name="timePs"/> (−1 before the first pulse).</summary>
    public long PulseIndexAtOrBefore(long timePs)
    {
        if (timePs < FirstPulsePs) return -1;
        long k = (long)Math.Floor((timePs - FirstPulsePs) / PeriodPs);
        while (k > 0 && PulseTimePs(k) > timePs) k--;
        while (PulseTimePs(k + 1) <= timePs) k++;
        return k;
    }
}
