using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags.Tests;

/// <summary>Builds PTU files from hand-made records, independent of the library's encoders.</summary>
internal static class RawPtu
{
    public const double T3SyncRateHz = 10_000_000; // 100,000 ps period
    public const double T3ResolutionS = 4e-12;

    public static void Write(string path, PtuRecordType type, uint[] records, long? declaredCount = null,
        Action<PtuHeaderWriter>? extraTags = null, byte[]? tail = null)
    {
        using var stream = File.Create(path);
        var header = new PtuHeaderWriter(stream);
        header.WriteString("File_GUID", "{00000000-0000-0000-0000-000000000001}");
        extraTags?.Invoke(header);
        bool t3 = PtuRecordTypes.ModeOf(type) == MeasurementMode.T3;
        header.WriteInt64("Measurement_Mode", t3 ? 3 : 2);
        header.WriteInt64("TTResultFormat_TTTRRecType", (long)type);
        header.WriteInt64("TTResultFormat_BitsPerRecord", 32);
        header.WriteFloat("MeasDesc_GlobalResolution", t3 ? 1 / T3SyncRateHz : 1e-12);
        header.WriteFloat("MeasDesc_Resolution", t3 ? T3ResolutionS : 1e-12);
        header.WriteInt64("TTResult_SyncRate", t3 ? (long)T3SyncRateHz : 0);
        header.WriteInt64("TTResult_NumberOfRecords", declaredCount ?? records.Length);
        header.WriteEnd();
        foreach (uint record in records)
            stream.Write(BitConverter.GetBytes(record));
        if (tail is not null)
            stream.Write(tail);
    }
}
