namespace QdSim.TimeTags.Ptu;

/// <summary>PTU header tag types (field <c>Typ</c> of a tag), per PicoQuant's PTU format description.</summary>
public enum PtuTagType : uint
{
    Empty8 = 0xFFFF0008,
    Bool8 = 0x00000008,
    Int8 = 0x10000008,
    BitSet64 = 0x11000008,
    Color8 = 0x12000008,
    Float8 = 0x20000008,
    /// <summary>Days since 1899-12-30 (Delphi TDateTime), stored as a double.</summary>
    TDateTime = 0x21000008,
    Float8Array = 0x2001FFFF,
    AnsiString = 0x4001FFFF,
    WideString = 0x4002FFFF,
    BinaryBlob = 0xFFFFFFFF,
}
