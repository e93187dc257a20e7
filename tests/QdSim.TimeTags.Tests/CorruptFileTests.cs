using System.Text;
using QdSim.TimeTags.Binary;
using QdSim.TimeTags.Npy;
using QdSim.TimeTags.Ptu;

namespace QdSim.TimeTags.Tests;

/// <summary>
/// Bad files give one-line <see cref="TimeTagFormatException"/>s naming file, byte offset and expectation, or, for a
/// truncated last record, a warning and the complete records; never another exception type.
/// </summary>
public class CorruptFileTests
{
    private static string WriteValidPtu(TempFolder temp, PtuRecordType type = PtuRecordType.HydraHarpV2T3, int count = 2000)
    {
        string path = temp.File($"valid-{type}.ptu");
        using var writer = new PtuWriter(path, PtuRoundTripTests.InfoFor(type), new PtuWriterOptions { RecordType = type });
        writer.Write(PtuRoundTripTests.RandomEvents(type, count, seed: 7));
        writer.Complete(1.0);
        return path;
    }

    private static void PatchInt64(string path, long offset, long value)
    {
        using var stream = File.OpenWrite(path);
        PtuHeaderWriter.PatchInt64(stream, offset, value);
    }

    private static TimeTagFormatException ReadExpectingFormatError(string path)
    {
        var e = Assert.Throws<TimeTagFormatException>(() =>
        {
            using var reader = TimeTagFile.Open(path);
            reader.ReadAll();
        });
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(path, e.Message, StringComparison.Ordinal);
        Assert.Contains($"at byte {e.ByteOffset}", e.Message, StringComparison.Ordinal);
        Assert.Contains("expected", e.Message, StringComparison.Ordinal);
        return e;
    }

    [Fact]
    public void Unknown_record_type_names_the_tag_offset()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp);
        long offset;
        using (var reader = PtuReader.Open(path))
            offset = reader.Header.Find("TTResultFormat_TTTRRecType")!.ValueOffset;
        PatchInt64(path, offset, 0x00010399);
        var e = ReadExpectingFormatError(path);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Contains("unknown TTTR record type 0x00010399", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_record_count_that_disagrees_with_file_size_is_an_error_or_a_warning_when_trusting_the_file()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp);
        long offset, records;
        using (var reader = PtuReader.Open(path))
        {
            offset = reader.Header.Find("TTResult_NumberOfRecords")!.ValueOffset;
            records = reader.RecordCount;
        }
        PatchInt64(path, offset, records + 5);
        var e = ReadExpectingFormatError(path);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Contains($"declares {records + 5} records", e.Message, StringComparison.Ordinal);

        var warnings = new List<string>();
        using var lenient = PtuReader.Open(path, new TimeTagReadOptions { TrustFileSize = true, OnWarning = warnings.Add });
        Assert.Equal(records, lenient.RecordCount);
        Assert.Single(warnings);
        Assert.Equal(warnings, lenient.Warnings);
    }

    [Fact]
    public void Zero_record_count_means_count_from_file_size()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp);
        long offset, records;
        int events;
        using (var reader = PtuReader.Open(path))
        {
            offset = reader.Header.Find("TTResult_NumberOfRecords")!.ValueOffset;
            records = reader.RecordCount;
            events = reader.ReadAll().Count;
        }
        PatchInt64(path, offset, 0);
        using var zero = PtuReader.Open(path);
        Assert.Equal(records, zero.RecordCount);
        Assert.Null(zero.Info.DeclaredRecordCount);
        Assert.Empty(zero.Warnings);
        Assert.Equal(events, zero.ReadAll().Count);
    }

    [Fact]
    public void Truncated_last_record_warns_and_reads_the_complete_records()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp, PtuRecordType.HydraHarpV2T2);
        List<TimeTagEvent> all;
        using (var reader = PtuReader.Open(path))
            all = reader.ReadAll();
        // Cut the last record in half: the header still counts it, the file holds one record less plus 2 bytes.
        using (var stream = File.OpenWrite(path))
            stream.SetLength(stream.Length - 2);
        var warnings = new List<string>();
        using var cut = (PtuReader)TimeTagFile.Open(path, new TimeTagReadOptions { OnWarning = warnings.Add });
        Assert.Single(warnings);
        Assert.Contains("truncated last record (2 of 4 bytes)", warnings[0], StringComparison.Ordinal);
        var back = cut.ReadAll();
        // The last record of this file is a photon (the generator ends on one with probability ~0.94; fixed seed).
        Assert.Equal(all.Take(all.Count - 1), back);
    }

    [Fact]
    public void Header_declaring_fewer_records_than_the_file_holds_is_an_error_at_the_count()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp);
        long offset, records;
        using (var reader = PtuReader.Open(path))
        {
            offset = reader.Header.Find("TTResult_NumberOfRecords")!.ValueOffset;
            records = reader.RecordCount;
        }
        PatchInt64(path, offset, records - 3);
        var e = ReadExpectingFormatError(path);
        Assert.Equal(offset, e.ByteOffset);
        Assert.Contains($"declares {records - 3} records but the file holds {records} complete", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_cut_inside_a_record_far_before_the_declared_end_warns_and_reads_the_complete_records()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp, PtuRecordType.HydraHarpV2T2);
        long records, dataOffset;
        using (var reader = PtuReader.Open(path))
        {
            records = reader.RecordCount;
            dataOffset = reader.Header.DataOffset;
        }
        // Cut 100 records and 1 byte before the end: the header still declares all of them.
        const int Cut = 100;
        using (var stream = File.OpenWrite(path))
            stream.SetLength(dataOffset + (records - Cut) * 4 - 1);
        var warnings = new List<string>();
        using var cut = (PtuReader)TimeTagFile.Open(path, new TimeTagReadOptions { OnWarning = warnings.Add });
        Assert.Equal(records - Cut - 1, cut.RecordCount);
        var warning = Assert.Single(warnings);
        Assert.Contains($"at byte {dataOffset + (records - Cut - 1) * 4}: truncated last record (3 of 4 bytes)", warning, StringComparison.Ordinal);
        Assert.Contains($"the header declares {records}, so {Cut + 1} are missing", warning, StringComparison.Ordinal);
        cut.ReadAll();
    }

    [Fact]
    public void File_cut_inside_a_record_whose_header_declares_too_few_is_still_an_error()
    {
        using var temp = new TempFolder();
        string path = WriteValidPtu(temp);
        long offset, records;
        using (var reader = PtuReader.Open(path))
        {
            offset = reader.Header.Find("TTResult_NumberOfRecords")!.ValueOffset;
            records = reader.RecordCount;
        }
        PatchInt64(path, offset, records - 10);
        using (var stream = File.OpenWrite(path))
            stream.SetLength(stream.Length - 2);
        var e = ReadExpectingFormatError(path);
        Assert.Equal(offset, e.ByteOffset);
    }

    [Fact]
    public void Invalid_special_record_names_its_offset()
    {
        using var temp = new TempFolder();
        string path = temp.File("bad-special.ptu");
        RawPtu.Write(path, PtuRecordType.HydraHarpV2T2, [100u, 200u, 0x8000_0000u | (20u << 25) | 5]);
        long dataOffset;
        using (var reader = PtuReader.Open(path))
            dataOffset = reader.Header.DataOffset;
        var e = ReadExpectingFormatError(path);
        Assert.Equal(dataOffset + 8, e.ByteOffset);
        Assert.Contains("special record with channel 20", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_that_is_no_time_tag_format_is_named_at_offset_zero()
    {
        using var temp = new TempFolder();
        string path = temp.File("notes.txt");
        File.WriteAllText(path, "these are not time tags, just text\n");
        var e = ReadExpectingFormatError(path);
        Assert.Equal(0, e.ByteOffset);
        Assert.Contains("PTU", e.Message, StringComparison.Ordinal);

        string empty = temp.File("empty.ptu");
        File.WriteAllBytes(empty, []);
        Assert.Equal(0, ReadExpectingFormatError(empty).ByteOffset);

        string headerOnly = temp.File("cut-header.ptu");
        File.WriteAllBytes(headerOnly, File.ReadAllBytes(WriteValidPtu(temp)).AsSpan(0, 100).ToArray());
        Assert.Contains("ends inside the PTU header", ReadExpectingFormatError(headerOnly).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Npy_without_sidecar_is_a_format_error_naming_the_sidecar()
    {
        using var temp = new TempFolder();
        string path = temp.File("x.npy");
        using (var writer = new NpyTimeTagWriter(path, PtuRoundTripTests.InfoFor(PtuRecordType.HydraHarpV2T2)))
        {
            writer.Write([TimeTagEvent.T2Photon(5, 1)]);
            writer.Complete(1);
        }
        File.Delete(NpyTimeTagFormat.SidecarPath(path));
        var e = Assert.Throws<TimeTagFormatException>(() => TimeTagFile.Open(path).Dispose());
        Assert.Equal(NpyTimeTagFormat.SidecarPath(path), e.Path);
    }

    /// <summary>
    /// Random corruptions of valid PTU, QdSim binary and .npy files (truncation at random offsets, random header bytes
    /// flipped, random bytes anywhere flipped): reading either succeeds or throws <see cref="TimeTagFormatException"/>.
    /// </summary>
    [Fact]
    public void Fuzzed_corruptions_never_escape_as_other_exceptions()
    {
        using var temp = new TempFolder();
        var originals = new List<(string Name, byte[] Bytes, int HeaderBytes)>();
        foreach (var type in new[] { PtuRecordType.HydraHarpV2T3, PtuRecordType.PicoHarpT2, PtuRecordType.HydraHarpV1T2, PtuRecordType.PicoHarpT3 })
        {
            string ptu = WriteValidPtu(temp, type, 300);
            using var reader = PtuReader.Open(ptu);
            originals.Add((Path.GetFileName(ptu), File.ReadAllBytes(ptu), (int)reader.Header.DataOffset));
        }
        var info = PtuRoundTripTests.InfoFor(PtuRecordType.HydraHarpV2T3);
        string bin = temp.File("valid.qdtt");
        using (var writer = new QdSimBinaryWriter(bin, info))
        {
            writer.Write(PtuRoundTripTests.RandomEvents(PtuRecordType.HydraHarpV2T3, 100, 3));
            writer.Complete(1);
        }
        originals.Add(("valid.qdtt", File.ReadAllBytes(bin), QdSimBinaryFormat.HeaderSizeFor(2)));
        string npy = temp.File("valid.npy");
        using (var writer = new NpyTimeTagWriter(npy, info))
        {
            writer.Write(PtuRoundTripTests.RandomEvents(PtuRecordType.HydraHarpV2T3, 100, 4));
            writer.Complete(1);
        }
        originals.Add(("valid.npy", File.ReadAllBytes(npy), 256));

        var lcg = new TestLcg(2026);
        var buffer = new TimeTagEvent[97];
        int formatErrors = 0, readable = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            var (name, original, headerBytes) = originals[trial % originals.Count];
            byte[] bytes = (byte[])original.Clone();
            switch (lcg.Next(3))
            {
                case 0:
                    bytes = bytes.AsSpan(0, (int)lcg.Next(bytes.Length)).ToArray();
                    break;
                case 1:
                    for (int k = 0; k < 1 + lcg.Next(4); k++)
                        bytes[lcg.Next(headerBytes)] ^= (byte)(1 + lcg.Next(255));
                    break;
                default:
                    for (int k = 0; k < 1 + lcg.Next(8); k++)
                        bytes[lcg.Next(bytes.Length)] ^= (byte)(1 + lcg.Next(255));
                    break;
            }
            string path = temp.File("fuzz-" + name);
            File.WriteAllBytes(path, bytes);
            if (name.EndsWith(".npy", StringComparison.Ordinal))
                File.Copy(NpyTimeTagFormat.SidecarPath(npy), NpyTimeTagFormat.SidecarPath(path), overwrite: true);
            try
            {
                using var reader = TimeTagFile.Open(path);
                while (reader.Read(buffer) > 0)
                {
                }
                readable++;
            }
            catch (TimeTagFormatException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                formatErrors++;
            }
            catch (Exception e)
            {
                Assert.Fail($"trial {trial} ({name}): {e.GetType().Name} escaped: {e.Message}");
            }
        }
        // Both outcomes must occur, or the corruptions were not reaching the parsers.
        Assert.True(formatErrors > 40 && readable > 40, $"{formatErrors} format errors, {readable} readable");
    }
}

/// <summary>Header details real files contain.</summary>
public class PtuHeaderTests
{
    [Fact]
    public void Array_tags_with_gaps_non_ascii_strings_and_float_creation_time_are_parsed()
    {
        using var temp = new TempFolder();
        string path = temp.File("header.ptu");
        RawPtu.Write(path, PtuRecordType.HydraHarpV2T2, [5u], extraTags: header =>
        {
            header.WriteFloat("HWInpChan_CFDLevel", 100, index: 0);
            header.WriteFloat("HWInpChan_CFDLevel", 120, index: 3); // indices 1 and 2 absent
            header.WriteFloat("File_CreatingTime", 43_831.5); // SymPhoTime 1.6 wrote a plain float: 2020-01-01 12:00
            header.WriteString("File_Comment", "µ-PL 5 K, Å résumé"); // UTF-8
            header.WriteString("UsrComment", "XXXXXXXXXXXXXXXXXX"); // replaced by Latin-1 bytes below
        });
        // A Latin-1 (not UTF-8) string, as PicoQuant software writes with a Western code page.
        byte[] bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf("XXXXXXXXXXXXXXXXXX"u8);
        byte[] latin = Encoding.Latin1.GetBytes("µ-PL 5 K, Ä résumé");
        Assert.Equal(18, latin.Length);
        latin.CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);

        using var reader = PtuReader.Open(path);
        Assert.Equal(100.0, reader.Info.HeaderTags["HWInpChan_CFDLevel(0)"]);
        Assert.Equal(120.0, reader.Info.HeaderTags["HWInpChan_CFDLevel(3)"]);
        Assert.False(reader.Info.HeaderTags.ContainsKey("HWInpChan_CFDLevel(1)"));
        Assert.Equal(new DateTime(2020, 1, 1, 12, 0, 0, DateTimeKind.Utc), reader.Header.CreationTime);
        Assert.Equal("µ-PL 5 K, Å résumé", reader.Header.GetString("File_Comment"));
        Assert.Equal("µ-PL 5 K, Ä résumé", reader.Header.GetString("UsrComment"));
    }

    [Fact]
    public void Writer_emits_every_tag_readers_require_and_no_Header_End_inside_values()
    {
        using var temp = new TempFolder();
        string path = temp.File("w.ptu");
        var created = new DateTime(2026, 11, 22, 1, 2, 3, DateTimeKind.Utc);
        var guid = new Guid("0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5");
        using (var writer = new PtuWriter(path, PtuRoundTripTests.InfoFor(PtuRecordType.HydraHarpV2T3),
                   new PtuWriterOptions { CreationTime = created, FileGuid = guid, Comment = "QdSim test" }))
        {
            writer.Write([new TimeTagEvent(0, 0, TimeTagKind.Photon, 3000, 7)]);
            writer.Complete(2.5);
        }
        using var reader = PtuReader.Open(path);
        var header = reader.Header;
        string[] required =
        [
            "File_GUID", "Measurement_Mode", "Measurement_SubMode", "MeasDesc_GlobalResolution", "MeasDesc_Resolution",
            "MeasDesc_BinningFactor", "TTResult_SyncRate", "TTResult_NumberOfRecords", "TTResultFormat_BitsPerRecord",
            "TTResultFormat_TTTRRecType", "MeasDesc_AcquisitionTime", "File_CreatingTime", "HW_Type", "CreatorSW_Name",
            "CreatorSW_Version", "Header_End",
        ];
        foreach (string tag in required)
            Assert.True(header.Find(tag) is not null, $"tag {tag} missing");
        Assert.Equal(PtuTagType.TDateTime, header.Find("File_CreatingTime")!.Type);
        Assert.Equal(created, header.CreationTime!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal("{0C1D2E3F-4A5B-6C7D-8E9F-A0B1C2D3E4F5}", header.GetString("File_GUID"));
        Assert.Matches(@"^\d+\.\d+\.\d+$", header.GetString("CreatorSW_Version")!);
        Assert.Equal(3, header.GetInt64("Measurement_Mode"));
        Assert.Equal(2500, header.GetInt64("MeasDesc_AcquisitionTime")); // ms, as PicoQuant stores it
        Assert.Equal(2, header.GetInt64("TTResult_NumberOfRecords")); // sync 3000 = one overflow record counting 2 periods + the photon
        Assert.Equal("Header_End", header.Tags[^1].Name);
        // "Header_End" occurs exactly once in the file: readers that scan for the text stop at the right place.
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(bytes.AsSpan().IndexOf("Header_End"u8), bytes.AsSpan().LastIndexOf("Header_End"u8));
        Assert.Throws<ArgumentException>(() => new PtuWriter(temp.File("bad.ptu"), PtuRoundTripTests.InfoFor(PtuRecordType.HydraHarpV2T2),
            new PtuWriterOptions { Comment = "ends at Header_End" }));
    }
}
