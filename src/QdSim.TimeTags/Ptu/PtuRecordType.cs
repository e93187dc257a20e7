namespace QdSim.TimeTags.Ptu;

/// <summary>
/// TTTR record types (PTU tag TTResultFormat_TTTRRecType), per PicoQuant's PTU demo readers. Layouts, MSB to LSB:
/// PicoHarp T2 channel(4)|time(28); PicoHarp T3 channel(4)|dtime(12)|nsync(16); HydraHarp/TimeHarp 260/Generic
/// T2 special(1)|channel(6)|time(25), T3 special(1)|channel(6)|dtime(15)|nsync(10).
/// </summary>
public enum PtuRecordType : uint
{
    PicoHarpT2 = 0x00010203,
    PicoHarpT3 = 0x00010303,
    /// <summary>HydraHarp V1: every overflow record counts once; T2 overflow period 33,552,000.</summary>
    HydraHarpV1T2 = 0x00010204,
    HydraHarpV1T3 = 0x00010304,
    /// <summary>HydraHarp V2 (HydraHarp 400 firmware ≥ 2): overflow records carry a count; the safest type to write.</summary>
    HydraHarpV2T2 = 0x01010204,
    HydraHarpV2T3 = 0x01010304,
    TimeHarp260NT2 = 0x00010205,
    TimeHarp260NT3 = 0x00010305,
    TimeHarp260PT2 = 0x00010206,
    TimeHarp260PT3 = 0x00010306,
    /// <summary>MultiHarp 150/160 and PicoHarp 330 (same layout as HydraHarp V2).</summary>
    GenericT2 = 0x00010207,
    GenericT3 = 0x00010307,
}

/// <summary>The record family that fixes a record type's bit layout and overflow rule.</summary>
internal enum PtuRecordFamily
{
    PicoHarp,
    HydraHarpV1,
    /// <summary>HydraHarp V2, TimeHarp 260 N/P, MultiHarp, PicoHarp 330.</summary>
    HydraHarpV2,
}

/// <summary>Facts about each <see cref="PtuRecordType"/>.</summary>
public static class PtuRecordTypes
{
    /// <summary>Every record type this library reads and writes.</summary>
    public static IReadOnlyList<PtuRecordType> All { get; } = Enum.GetValues<PtuRecordType>();

    /// <summary>True for a code this library can decode.</summary>
    public static bool IsKnown(uint code) => Enum.IsDefined(typeof(PtuRecordType), code);

    /// <summary>T2 or T3.</summary>
    public static MeasurementMode ModeOf(PtuRecordType type) =>
        (((uint)type >> 8) & 0xFF) == 3 ? MeasurementMode.T3 : MeasurementMode.T2;

    /// <summary>Hardware name for the HW_Type tag.</summary>
    public static string HardwareName(PtuRecordType type) => ((uint)type & 0xFF) switch
    {
        0x03 => "PicoHarp 300",
        0x04 => "HydraHarp",
        0x05 => "TimeHarp 260 N",
        0x06 => "TimeHarp 260 P",
        _ => "MultiHarp",
    };

    /// <summary>The HydraHarp V2 type (or Generic when <paramref name="generic"/>) for a mode.</summary>
    public static PtuRecordType Default(MeasurementMode mode, bool generic = false) => (mode, generic) switch
    {
        (MeasurementMode.T2, false) => PtuRecordType.HydraHarpV2T2,
        (MeasurementMode.T3, false) => PtuRecordType.HydraHarpV2T3,
        (MeasurementMode.T2, true) => PtuRecordType.GenericT2,
        _ => PtuRecordType.GenericT3,
    };

    internal static PtuRecordFamily FamilyOf(PtuRecordType type) => type switch
    {
        PtuRecordType.PicoHarpT2 or PtuRecordType.PicoHarpT3 => PtuRecordFamily.PicoHarp,
        PtuRecordType.HydraHarpV1T2 or PtuRecordType.HydraHarpV1T3 => PtuRecordFamily.HydraHarpV1,
        _ => PtuRecordFamily.HydraHarpV2,
    };
}
