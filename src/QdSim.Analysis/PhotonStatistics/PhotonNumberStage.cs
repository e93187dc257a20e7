using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.PhotonStatistics;

/// <summary>
/// Photon-number statistics per laser pulse: P(n photons detected in one pulse) for each channel and for all channels
/// together. T3: a photon belongs to the pulse of its <see cref="TimeTagEvent.SyncIndex"/>; the pulses counted are sync
/// 0 to the last sync index seen, or acquisition time × sync rate when larger (pulses without photons included). T2 with sync events: a photon belongs to the last
/// sync before it; pulses are the sync events from the first one on. Events arrive in time order, so photons of one
/// pulse are consecutive and only the current pulse's counts are held. Not applicable without syncs.
/// </summary>
public sealed class PhotonNumberStage : IStreamingStage
{
    private readonly bool _t3;
    private readonly int _maxN;
    private readonly SortedDictionary<short, long[]> _histograms = new();
    private readonly long[] _total;
    private readonly Dictionary<short, int> _current = new();
    private int _currentTotal;
    private long _currentPulse = -1;
    private long _pulsesWithPhotons;
    private long _lastPulse = -1;
    private long _firstPulse = -1;
    private long _syncEvents;
    private readonly double? _acquisitionTimeS;
    private readonly double? _syncRateHz;

    /// <param name="info">Stream description (mode, photon channels).</param>
    /// <param name="maxN">Largest n tabulated; larger numbers fall in the last bucket (n ≥ maxN).</param>
    public PhotonNumberStage(TimeTagStreamInfo info, int maxN = 8)
    {
        if (maxN is < 1 or > 1000) throw UserInputException.OutOfRange("PhotonNumbers:MaxN", maxN, "photons", "1–1000");
        _t3 = info.Mode == MeasurementMode.T3;
        _acquisitionTimeS = info.AcquisitionTimeS;
        _syncRateHz = info.SyncRateHz;
        _maxN = maxN;
        _total = new long[maxN + 1];
        foreach (var c in info.PhotonChannels) _histograms[c] = new long[maxN + 1];
    }

    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            long pulse;
            if (_t3)
            {
                if (e.SyncIndex < 0) continue;
                pulse = e.SyncIndex;
                _lastPulse = Math.Max(_lastPulse, pulse);
                if (_firstPulse < 0) _firstPulse = 0;
                if (e.Kind != TimeTagKind.Photon) continue;
            }
            else
            {
                if (e.Kind == TimeTagKind.Sync)
                {
                    _syncEvents++;
                    _lastPulse = _syncEvents - 1;
                    if (_firstPulse < 0) _firstPulse = 0;
                    continue;
                }
                if (e.Kind != TimeTagKind.Photon || _syncEvents == 0) continue;
                pulse = _syncEvents - 1;
            }
            if (pulse != _currentPulse) { Close(); _currentPulse = pulse; }
            _current[e.Channel] = _current.GetValueOrDefault(e.Channel) + 1;
            _currentTotal++;
            if (!_histograms.ContainsKey(e.Channel)) _histograms[e.Channel] = new long[_maxN + 1];
        }
    }

    private void Close()
    {
        if (_currentTotal == 0) return;
        _pulsesWithPhotons++;
        foreach (var (channel, n) in _current) _histograms[channel][Math.Min(n, _maxN)]++;
        _total[Math.Min(_currentTotal, _maxN)]++;
        _current.Clear();
        _currentTotal = 0;
    }

    /// <summary>The distributions; null when the stream has no pulses (T2 without sync).</summary>
    public PhotonNumberResult? Result()
    {
        Close();
        if (_lastPulse < 0) return null;
        // Pulses after the last recorded event leave no trace in T3; the header's acquisition time × sync rate
        // counts them when it is larger.
        long pulses = _lastPulse + 1;
        if (_t3 && _acquisitionTimeS is { } t && _syncRateHz is { } f) pulses = Math.Max(pulses, (long)Math.Round(t * f));
        var perChannel = _histograms.Select(kv => PhotonNumberDistribution.FromCounts(kv.Key, WithZeros(kv.Value, pulses))).ToArray();
        return new PhotonNumberResult(pulses, perChannel, PhotonNumberDistribution.FromCounts(-1, WithZeros(_total, pulses)));
    }

    private static long[] WithZeros(long[] nonZero, long pulses)
    {
        var counts = (long[])nonZero.Clone();
        counts[0] = pulses - nonZero.Skip(1).Sum();
        return counts;
    }
}

/// <summary>Photon-number distributions per pulse.</summary>
/// <param name="Pulses">Laser pulses analysed.</param>
/// <param name="PerChannel">One distribution per detector channel.</param>
/// <param name="Total">All channels together (Channel = −1).</param>
public sealed record PhotonNumberResult(long Pulses, IReadOnlyList<PhotonNumberDistribution> PerChannel, PhotonNumberDistribution Total);

/// <summary>
/// P(n) of detected photons per pulse and its moments. The last bucket holds n ≥ its index (moments treat it as that
/// index, a lower bound). <see cref="NormalisedFactorialMoment"/> = ⟨n(n−1)⟩/⟨n⟩² is the pulsed g2(0) of the photons
/// seen on that channel set when the detection is ideal (no dead time): for the total of two HBT channels it is the
/// multi-photon emission probability measure the correlation stage measures from peak areas.
/// </summary>
public sealed record PhotonNumberDistribution(short Channel, long[] PulsesWithN, double[] Probability, double Mean, double Variance,
    double NormalisedFactorialMoment)
{
    public static PhotonNumberDistribution FromCounts(short channel, long[] counts)
    {
        long pulses = counts.Sum();
        var p = counts.Select(c => pulses > 0 ? (double)c / pulses : double.NaN).ToArray();
        double mean = 0, second = 0, factorial = 0;
        for (int n = 0; n < p.Length; n++) { mean += n * p[n]; second += (double)n * n * p[n]; factorial += n * (n - 1.0) * p[n]; }
        return new PhotonNumberDistribution(channel, counts, p, mean, second - mean * mean, mean > 0 ? factorial / (mean * mean) : double.NaN);
    }
}
