namespace QdSim.Models.Parameters.Detection;

/// <summary>TTTR mode of the time tagger (PTU Measurement_Mode).</summary>
public enum TaggerMode
{
    /// <summary>Absolute time tag per event.</summary>
    T2 = 2,
    /// <summary>Sync count + micro time (start–stop from the last sync) per event.</summary>
    T3 = 3,
}

/// <summary>PTU record type written (PHYSICS.md §10). HydraHarp V2 is the safest for readers.</summary>
public enum PtuRecordType
{
    HydraHarpV2,
    Generic,
    PicoHarp,
    HydraHarpV1,
    TimeHarp260N,
    TimeHarp260P,
}

/// <summary>The time tagger: resolution, cable delays, mode, sync. Presets in <see cref="TimeTaggerPresets"/>.</summary>
public sealed record TimeTaggerParameters
{
    /// <summary>Instrument name written to the PTU header (HW_Type).</summary>
    public string Name { get; init; } = "HydraHarp 400";

    /// <summary>T2 time-tag resolution (tick), ps.</summary>
    public double ResolutionPs { get; init; } = 1;

    /// <summary>Dead time of one tagger input after a recorded event, ns (events inside it are not recorded).</summary>
    public double DeadTimeNs { get; init; } = 80;

    /// <summary>Cable/input delay per detector channel, ps (missing entries = 0).</summary>
    public IReadOnlyList<double> CableDelaysPs { get; init; } = [];

    public TaggerMode Mode { get; init; } = TaggerMode.T2;

    /// <summary>
    /// T2: record the laser sync as events (needs pulsed excitation). Off by default: at 2 MHz it adds 2 × 10⁶
    /// records per second to the file; use <see cref="SyncDivider"/> to thin it. T3 always uses the sync.
    /// </summary>
    public bool SyncEnabled { get; init; }

    /// <summary>Sync divider: one sync every N laser pulses (≥ 1).</summary>
    public int SyncDivider { get; init; } = 1;

    /// <summary>T3 micro-time (dtime) bin width, ps.</summary>
    public double MicroTimeResolutionPs { get; init; } = 4;

    public PtuRecordType RecordType { get; init; } = PtuRecordType.HydraHarpV2;

    /// <summary>Cable delay of detector <paramref name="detector"/>, ps.</summary>
    public double CableDelayPs(int detector) => detector < CableDelaysPs.Count ? CableDelaysPs[detector] : 0;

    public void Validate(string key = "Detection:TimeTagger")
    {
        Check.Positive($"{key}:ResolutionPs", ResolutionPs, "ps");
        Check.NonNegative($"{key}:DeadTimeNs", DeadTimeNs, "ns");
        for (int i = 0; i < CableDelaysPs.Count; i++)
        {
            Check.NonNegative($"{key}:CableDelaysPs:{i}", CableDelaysPs[i], "ps");
            if (CableDelaysPs[i] > 1e9) throw UserInputException.OutOfRange($"{key}:CableDelaysPs:{i}", CableDelaysPs[i], "ps", "<= 1e9 ps (1 ms)");
        }
        if (!Enum.IsDefined(Mode)) throw Check.Invalid($"{key}:Mode", $"unknown mode '{Mode}' (T2, T3)");
        if (SyncDivider < 1) throw UserInputException.OutOfRange($"{key}:SyncDivider", SyncDivider, "(pulses)", ">= 1");
        Check.Positive($"{key}:MicroTimeResolutionPs", MicroTimeResolutionPs, "ps");
        if (!Enum.IsDefined(RecordType)) throw Check.Invalid($"{key}:RecordType", $"unknown record type '{RecordType}'");
    }
}
