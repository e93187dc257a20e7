using BenchmarkDotNet.Attributes;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Benchmarks;

/// <summary>
/// PTU decoding throughput through <see cref="PtuReader"/> (4 MiB blocks from a FileStream, page cache warm after the
/// first iteration): MB/s = <see cref="FileMegabytes"/> / mean time. Files of ~100 MB are generated once per record
/// type with a deterministic pattern (no randomness needed: decode cost depends on the mix of record kinds, not on
/// their values). The pattern is dense (overflow records are a few percent); <see cref="RealSampleDecodingBenchmarks"/>
/// has real files' overflow density.
/// </summary>
[MemoryDiagnoser]
public class DecodingBenchmarks
{
    private const int TargetRecords = 25_000_000; // 100 MB of 4-byte records
    private readonly TimeTagEvent[] _buffer = new TimeTagEvent[1 << 16];
    private string _path = "";

    [Params(PtuRecordType.HydraHarpV2T2, PtuRecordType.HydraHarpV2T3, PtuRecordType.PicoHarpT2, PtuRecordType.PicoHarpT3,
        PtuRecordType.GenericT2, PtuRecordType.GenericT3)]
    public PtuRecordType RecordType { get; set; }

    /// <summary>Size of the generated file, MB (10⁶ bytes).</summary>
    public double FileMegabytes { get; private set; }

    [GlobalSetup]
    public void WriteFile()
    {
        _path = Path.Combine(Path.GetTempPath(), $"qdsim-decode-bench-{RecordType}.ptu");
        bool t3 = PtuRecordTypes.ModeOf(RecordType) == MeasurementMode.T3;
        var info = t3
            ? new TimeTagStreamInfo { Mode = MeasurementMode.T3, TickResolutionS = 1e-12, SyncRateHz = 19_999_953, MicroTimeResolutionS = 25e-12, PhotonChannels = [0, 1] }
            : new TimeTagStreamInfo { Mode = MeasurementMode.T2, TickResolutionS = 1e-12, PhotonChannels = [1, 2] };
        using var writer = new PtuWriter(_path, info, new PtuWriterOptions { RecordType = RecordType });
        var chunk = new TimeTagEvent[1 << 16];
        long time = 0;
        long sync = 0;
        for (int written = 0; written < TargetRecords; written += chunk.Length)
        {
            for (int i = 0; i < chunk.Length; i++)
            {
                // Multiplicative hash of the index: irregular gaps averaging ~2000 ticks (a 500 Mcps-equivalent
                // stream at 1 ps), so overflow records are a realistic few percent of the file.
                uint hash = (uint)(written + i) * 2654435761u;
                short channel = (short)(hash >> 31);
                if (t3)
                {
                    sync += hash >> 28;
                    int micro = (int)((hash >> 8) & 0xFFF);
                    chunk[i] = new TimeTagEvent(0, channel, TimeTagKind.Photon, sync, micro);
                }
                else
                {
                    time += hash >> 21;
                    chunk[i] = TimeTagEvent.T2Photon(time, RecordType == PtuRecordType.PicoHarpT2 ? channel : (short)(channel + 1));
                }
            }
            writer.Write(chunk);
        }
        writer.Complete(1);
        FileMegabytes = new FileInfo(_path).Length / 1e6;
        Console.WriteLine($"// {RecordType}: {FileMegabytes:F1} MB file");
    }

    [GlobalCleanup]
    public void DeleteFile() => File.Delete(_path);

    [Benchmark]
    public long DecodeFile() => Decode(_path, _buffer);

    internal static long Decode(string path, TimeTagEvent[] buffer)
    {
        using var reader = PtuReader.Open(path);
        long checksum = 0;
        int n;
        while ((n = reader.Read(buffer)) > 0)
            checksum += buffer[n - 1].TimeTicks + n;
        return checksum;
    }
}

/// <summary>
/// PTU decoding throughput on real data: the records of each PicoQuant sample file in ../shared/ptu-samples (or
/// QDSIM_SHARED) repeated to ~100 MB. Records count from their overflow base, so the copy decodes like a longer
/// measurement (times step back once at each seam, which costs the decoder nothing). Real files hold far more
/// overflow records than the synthetic ones (the HydraHarp T3 sample: one per 2.4 photons), so here the per-overflow
/// cost shows.
/// </summary>
[MemoryDiagnoser]
public class RealSampleDecodingBenchmarks
{
    private readonly TimeTagEvent[] _buffer = new TimeTagEvent[1 << 16];
    private string _path = "";

    [Params("hydraharp2_t2_v20.ptu", "hydraharp2_t3_image_beads_tttrlib.ptu", "picoharp300_t2_v30.ptu",
        "picoharp300_t3_image_hazelnut_z1.ptu")]
    public string Sample { get; set; } = "";

    /// <summary>Size of the generated file, MB (10⁶ bytes).</summary>
    public double FileMegabytes { get; private set; }

    [GlobalSetup]
    public void WriteFile()
    {
        string source = Path.Combine(SharedFolder(), "ptu-samples", Sample);
        long dataOffset, countOffset, records;
        using (var reader = PtuReader.Open(source))
            (dataOffset, countOffset, records) = (reader.Header.DataOffset, reader.Header.Find("TTResult_NumberOfRecords")!.ValueOffset, reader.RecordCount);
        byte[] bytes = File.ReadAllBytes(source);
        int copies = (int)Math.Ceiling(100e6 / (records * 4));
        _path = Path.Combine(Path.GetTempPath(), $"qdsim-decode-bench-{Path.GetFileNameWithoutExtension(Sample)}.ptu");
        using (var file = File.Create(_path))
        {
            file.Write(bytes, 0, (int)dataOffset);
            for (int i = 0; i < copies; i++)
                file.Write(bytes, (int)dataOffset, (int)(records * 4));
            PtuHeaderWriter.PatchInt64(file, countOffset, records * copies);
        }
        FileMegabytes = new FileInfo(_path).Length / 1e6;
        Console.WriteLine($"// {Sample}: {FileMegabytes:F1} MB file, {copies} copies");
    }

    [GlobalCleanup]
    public void DeleteFile() => File.Delete(_path);

    [Benchmark]
    public long DecodeFile() => DecodingBenchmarks.Decode(_path, _buffer);

    private static string SharedFolder()
    {
        string? fromEnv = Environment.GetEnvironmentVariable("QDSIM_SHARED");
        if (!string.IsNullOrEmpty(fromEnv))
            return fromEnv;
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QdSim.sln")))
            dir = dir.Parent;
        return dir is null
            ? throw new InvalidOperationException("QdSim.sln not found above " + AppContext.BaseDirectory + "; set QDSIM_SHARED")
            : Path.Combine(dir.FullName, "..", "shared");
    }
}
