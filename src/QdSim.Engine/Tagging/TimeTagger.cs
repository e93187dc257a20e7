using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Models.Parameters.Detection;
using QdSim.TimeTags;

namespace QdSim.Engine.Tagging;

/// <summary>
/// The time tagger: turns the click processor's time-ordered <see cref="DetectedEvent"/>s into
/// <see cref="TimeTagEvent"/>s as a PicoQuant instrument records them, and describes the stream for writers.
/// </summary>
/// <remarks>
/// <para>Channel mapping (detector i; <see cref="TimeTagEvent.Channel"/> follows PicoQuant's demo readers, as the
/// contract requires, so writers invert it):</para>
/// <list type="table">
/// <item><term>HydraHarp V1/V2, Generic, TimeHarp 260, T2</term><description>stored channel i, Channel = i + 1; sync events: Kind Sync, Channel 0</description></item>
/// <item><term>same families, T3</term><description>stored channel i, Channel = i</description></item>
/// <item><term>PicoHarp T2</term><description>stored channel i, Channel = i (PicoHarp has no separate sync record in T2)</description></item>
/// <item><term>PicoHarp T3</term><description>stored channel i + 1 (1–4 are the routed inputs), Channel = i + 1</description></item>
/// </list>
/// <para>T2: TimeTicks = floor(t / ResolutionPs). T3: SyncIndex = number of the last sync at or before the click
/// (the pulse index when SyncDivider = 1; the hardware assigns a late photon to the sync preceding it, not to the
/// pulse that excited it), MicroTimeBins = floor((t − t_sync) / MicroTimeResolutionPs), TimeTicks (ps) =
/// t_sync + MicroTimeBins × MicroTimeResolutionPs rounded, i.e. what a reader reconstructs.</para>
/// <para>Each channel has the tagger's own dead time on recorded (jittered) times. Clicks before time 0, and T3
/// micro times beyond the record's dtime field (15 bits, PicoHarp 12 bits), are not recorded and are counted.</para>
/// </remarks>
public sealed class TimeTagger
{
    private readonly TimeTaggerParameters _p;
    private readonly LaserPulseClock? _clock;
    private readonly int _detectorCount;
    private readonly long _deadTimePs;
    private readonly long[] _lastRecordedPs;
    private readonly long _maxMicroTimeBins;
    private readonly double _microTimeResolutionPs;
    private readonly bool _t3, _syncEvents, _picoHarp;
    private long _nextSyncIndex;

    public TimeTagger(TimeTaggerParameters parameters, int detectorCount, LaserPulseClock? clock)
    {
        parameters.Validate();
        _p = parameters;
        _clock = clock;
        _detectorCount = detectorCount;
        _t3 = parameters.Mode == TaggerMode.T3;
        _picoHarp = parameters.RecordType == PtuRecordType.PicoHarp;
        if (_t3 && clock is null)
            throw new UserInputException("Detection:TimeTagger:Mode: T3 needs a laser sync (pulsed excitation); use T2 under CW");
        if (detectorCount > (_picoHarp ? (_t3 ? 4 : 2) : 63))
            throw new UserInputException($"Detection:TimeTagger:RecordType: {parameters.RecordType} records hold at most {(_picoHarp ? (_t3 ? 4 : 2) : 63)} detector channels, {detectorCount} configured");
        _syncEvents = !_t3 && parameters.SyncEnabled && clock is not null && !_picoHarp;
        _deadTimePs = (long)Math.Round(parameters.DeadTimeNs * 1e3);
        _lastRecordedPs = new long[detectorCount];
        Array.Fill(_lastRecordedPs, long.MinValue / 2);
        _maxMicroTimeBins = _picoHarp ? (1 << 12) - 1 : (1 << 15) - 1;
        _microTimeResolutionPs = clock is { } c
            ? parameters.EffectiveMicroTimeResolutionPs(c.PeriodPs * parameters.SyncDivider, _maxMicroTimeBins)
            : parameters.MicroTimeResolutionPs ?? parameters.ResolutionPs;
    }

    /// <summary>T3 micro-time bin width in use, ps (explicit, or chosen to cover the sync period).</summary>
    public double MicroTimeResolutionPs => _microTimeResolutionPs;

    /// <summary>Clicks not recorded: before time 0 or T3 micro time out of the record's range.</summary>
    public long DroppedOutOfRange { get; private set; }

    /// <summary>Clicks not recorded because the tagger channel was still dead.</summary>
    public long DroppedTaggerDeadTime { get; private set; }

    /// <summary><see cref="TimeTagEvent.Channel"/> of detector <paramref name="detector"/> (see the mapping table).</summary>
    public short ChannelOf(int detector) => (short)(_t3 ? (_picoHarp ? detector + 1 : detector) : (_picoHarp ? detector : detector + 1));

    /// <summary>Converts time-ordered clicks, appending the events (and, in T2 with sync, the syncs up to each click) to <paramref name="output"/>.</summary>
    public void Convert(ReadOnlySpan<DetectedEvent> clicks, List<TimeTagEvent> output)
    {
        foreach (ref readonly var click in clicks)
        {
            long t = click.DetectionTimePs;
            if (t < 0) { DroppedOutOfRange++; continue; }
            if (_syncEvents) EmitSyncsUpTo(t, output);
            int d = click.Detector;
            if (t - _lastRecordedPs[d] < _deadTimePs) { DroppedTaggerDeadTime++; continue; }
            if (!_t3)
            {
                _lastRecordedPs[d] = t;
                output.Add(new TimeTagEvent((long)Math.Floor(t / _p.ResolutionPs), ChannelOf(d), TimeTagKind.Photon));
                continue;
            }
            var clock = _clock!.Value;
            long pulse = clock.PulseIndexAtOrBefore(t);
            if (pulse < 0) { DroppedOutOfRange++; continue; }
            long sync = pulse / _p.SyncDivider;
            long syncTimePs = clock.PulseTimePs(sync * _p.SyncDivider);
            long bins = (long)Math.Floor((t - syncTimePs) / _microTimeResolutionPs);
            if (bins > _maxMicroTimeBins) { DroppedOutOfRange++; continue; }
            _lastRecordedPs[d] = t;
            long ticks = syncTimePs + (long)Math.Round(bins * _microTimeResolutionPs);
            output.Add(new TimeTagEvent(ticks, ChannelOf(d), TimeTagKind.Photon, sync, (int)bins));
        }
    }

    /// <summary>Appends the remaining sync events before <paramref name="endPs"/> (T2 with sync only).</summary>
    public void Finish(long endPs, List<TimeTagEvent> output)
    {
        if (_syncEvents) EmitSyncsUpTo(endPs - 1, output);
    }

    private void EmitSyncsUpTo(long timePs, List<TimeTagEvent> output)
    {
        var clock = _clock!.Value;
        while (true)
        {
            long syncTimePs = clock.PulseTimePs(_nextSyncIndex * _p.SyncDivider);
            if (syncTimePs > timePs) return;
            output.Add(new TimeTagEvent((long)Math.Floor(syncTimePs / _p.ResolutionPs), 0, TimeTagKind.Sync, _nextSyncIndex));
            _nextSyncIndex++;
        }
    }

    /// <summary>PTU record type code (PHYSICS.md §10) for the configured record type and mode.</summary>
    public static uint RecordTypeCode(PtuRecordType type, TaggerMode mode)
    {
        uint t2 = type switch
        {
            PtuRecordType.HydraHarpV2 => 0x01010204u,
            PtuRecordType.Generic => 0x00010207u,
            PtuRecordType.PicoHarp => 0x00010203u,
            PtuRecordType.HydraHarpV1 => 0x00010204u,
            PtuRecordType.TimeHarp260N => 0x00010205u,
            _ => 0x00010206u,
        };
        return mode == TaggerMode.T2 ? t2 : t2 + 0x100u; // T3 codes differ in the mode byte: 0x…02xx → 0x…03xx
    }

    /// <summary>Stream description for writers: tick, sync rate (after the divider), micro-time bin, record type, channels.</summary>
    public TimeTagStreamInfo BuildStreamInfo(double? acquisitionTimeS = null)
    {
        var tags = new Dictionary<string, object>
        {
            ["HW_Type"] = _p.Name,
            ["HWSync_Divider"] = (long)_p.SyncDivider,
        };
        for (int i = 0; i < _detectorCount; i++) tags[$"HWInpChan_CableDelay({i})"] = (long)Math.Round(_p.CableDelayPs(i));
        return new TimeTagStreamInfo
        {
            Mode = _t3 ? MeasurementMode.T3 : MeasurementMode.T2,
            TickResolutionS = _t3 ? 1e-12 : _p.ResolutionPs * 1e-12,
            SyncRateHz = _clock is null ? null : _clock.Value.RepetitionRateHz / _p.SyncDivider,
            MicroTimeResolutionS = _t3 ? _microTimeResolutionPs * 1e-12 : null,
            AcquisitionTimeS = acquisitionTimeS,
            RecordTypeCode = RecordTypeCode(_p.RecordType, _p.Mode),
            PhotonChannels = Enumerable.Range(0, _detectorCount).Select(ChannelOf).ToArray(),
            HeaderTags = tags,
            Source = "qdsim",
        };
    }
}
