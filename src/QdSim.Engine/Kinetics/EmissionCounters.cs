using QdSim.Engine.Photons;

namespace QdSim.Engine.Kinetics;

/// <summary>Counts kept while simulating (per segment, then summed): what the run summary reports.</summary>
public sealed class EmissionCounters
{
    private static readonly int OriginCount = Enum.GetValues<EventOrigin>().Length;

    /// <summary>Photons emitted in the simulated pulses (skip-ahead: only pulses with a detection are simulated).</summary>
    public readonly long[] EmittedByOrigin = new long[OriginCount];
    /// <summary>Optical detections (before dead time) by origin.</summary>
    public readonly long[] DetectedByOrigin = new long[OriginCount];
    public long SimulatedPulses;
    public long PulsesWithDetection;
    public long AugerDecays;
    public long AbsorbedPhotonsSimulated;
    /// <summary>Excitons lost to the n_max cap (brute-force and CW paths; skip-ahead reports the analytic probability).</summary>
    public long TruncatedExcitons;

    public void Add(EmissionCounters other)
    {
        for (int i = 0; i < OriginCount; i++)
        {
            EmittedByOrigin[i] += other.EmittedByOrigin[i];
            DetectedByOrigin[i] += other.DetectedByOrigin[i];
        }
        SimulatedPulses += other.SimulatedPulses;
        PulsesWithDetection += other.PulsesWithDetection;
        AugerDecays += other.AugerDecays;
        AbsorbedPhotonsSimulated += other.AbsorbedPhotonsSimulated;
        TruncatedExcitons += other.TruncatedExcitons;
    }
}

/// <summary>Growable buffer of detected events, reused across chunks (no per-photon allocation).</summary>
public sealed class DetectedEventBuffer
{
    private DetectedEvent[] _items;
    public int Count { get; private set; }

    public DetectedEventBuffer(int capacity = 4096) => _items = new DetectedEvent[capacity];

    public void Add(in DetectedEvent e)
    {
        if (Count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        _items[Count++] = e;
    }

    public Span<DetectedEvent> Span => _items.AsSpan(0, Count);

    public void Clear() => Count = 0;

    /// <summary>Sorts by detection time (stable in emission order for ties: pulses are appended in order).</summary>
    public void SortByTime()
    {
        var span = Span;
        // Nearly sorted already: insertion sort is linear here (cascades end within a period).
        for (int i = 1; i < span.Length; i++)
        {
            var x = span[i];
            int j = i - 1;
            while (j >= 0 && span[j].DetectionTimePs > x.DetectionTimePs)
            {
                span[j + 1] = span[j];
                j--;
            }
            span[j + 1] = x;
        }
    }
}
