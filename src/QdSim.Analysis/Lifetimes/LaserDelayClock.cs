using QdSim.TimeTags;

namespace QdSim.Analysis.Lifetimes;

/// <summary>
/// Delay of each photon after the laser pulse that preceded it: in T3 the stored micro time (dtime × its resolution);
/// in T2 the time since the last sync event, folded into one laser period when the sync was divided. Feed it every
/// event in time order (<see cref="Observe"/>); photons before the first sync of a T2 stream have no delay.
/// </summary>
public sealed class LaserDelayClock
{
    private readonly MeasurementMode _mode;
    private readonly double _microTimeTicks;
    private readonly double _periodTicks;
    private long _lastSyncTicks = long.MinValue;

    public LaserDelayClock(TimeTagStreamInfo info)
    {
        _mode = info.Mode;
        TickResolutionS = info.TickResolutionS;
        _periodTicks = info.SyncRateHz is > 0 ? 1.0 / (info.SyncRateHz.Value * info.TickResolutionS) : double.PositiveInfinity;
        if (_mode == MeasurementMode.T3)
        {
            if (info.MicroTimeResolutionS is not > 0)
                throw new UserInputException($"{info.Source}: T3 stream without a micro-time resolution (MeasDesc_Resolution); delays after the laser pulse cannot be computed");
            _microTimeTicks = info.MicroTimeResolutionS.Value / info.TickResolutionS;
        }
        LaserPeriodS = info.SyncRateHz is > 0 ? 1.0 / info.SyncRateHz.Value : double.NaN;
    }

    /// <summary>Tick length, seconds.</summary>
    public double TickResolutionS { get; }

    /// <summary>Laser period, seconds (NaN when the stream states no sync rate).</summary>
    public double LaserPeriodS { get; }

    /// <summary>Notes a sync event (T2); call for every event in order before asking for a photon's delay.</summary>
    public void Observe(in TimeTagEvent e)
    {
        if (e.Kind == TimeTagKind.Sync) _lastSyncTicks = e.TimeTicks;
    }

    /// <summary>Delay of a photon after its laser pulse, ticks (fractional in T3 when the micro-time bin is not whole ticks); false when unknown.</summary>
    public bool TryGetDelayTicks(in TimeTagEvent photon, out double delayTicks)
    {
        if (_mode == MeasurementMode.T3)
        {
            delayTicks = photon.MicroTimeBins * _microTimeTicks;
            return photon.MicroTimeBins >= 0;
        }
        if (_lastSyncTicks == long.MinValue) { delayTicks = double.NaN; return false; }
        delayTicks = photon.TimeTicks - _lastSyncTicks;
        if (delayTicks >= _periodTicks) delayTicks -= Math.Floor(delayTicks / _periodTicks) * _periodTicks;
        return true;
    }
}
