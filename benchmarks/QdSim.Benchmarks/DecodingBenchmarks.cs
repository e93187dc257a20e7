using BenchmarkDotNet.Attributes;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Benchmarks;

/// <summary>
/// PTU decoding throughput through <see cref="PtuReader"/> (4 MiB blocks from a FileStream, page cache warm after the
/// first iteration): MB/s = <see cref="FileMegabytes"/> / mean time. Files of ~100 MB are generated once per record
/// type with a deterministic pattern (no randomness needed: decode cost does not depend on the values).
/// </summary>
[MemoryDiagnoser]
public class DecodingBenchmarks
{
    private const int TargetRecords = 25_000_000; // 100 MB of 4-byte records
    private readonly TimeTagEvent[] _buffer = new TimeTagEvent[1 << 16];
    private string _path = "";

    [Params(PtuRecordType.HydraHarpV2T2, PtuRecordType.HydraHarpV2T3, PtuRecordType.PicoHarpT2)]
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
    public long DecodeFile()
    {
        using var reader = PtuReader.Open(_path);
        long checksum = 0;
        int n;
        while ((n = reader.Read(_buffer)) > 0)
            checksum += _buffer[n - 1].TimeTicks + n;
        return checksum;
    }
}
