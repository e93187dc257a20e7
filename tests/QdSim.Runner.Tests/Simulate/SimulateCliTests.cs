using QdSim.Runner.Cli;
using QdSim.Runner.Commands;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Runner.Tests.Simulate;

/// <summary><c>qdsim simulate</c> end to end: configuration errors, PTU round trip, byte-identical files.</summary>
[Collection("console")]
public class SimulateCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qdsim-sim-" + Guid.NewGuid().ToString("N"));

    public SimulateCliTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (int Code, string Error) RunGuarded(string? config, params string[] overrides)
    {
        var saved = Console.Error;
        var err = new StringWriter();
        Console.SetError(err);
        try
        {
            int code = CliRun.Guard(() => SimulateCommand.Run(config, Path.Combine(_dir, "out"), overrides, quiet: true));
            return (code, err.ToString());
        }
        finally
        {
            Console.SetError(saved);
        }
    }

    private string WriteConfig(string json)
    {
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Unknown_key_exits_2_naming_the_key_and_the_file()
    {
        string path = WriteConfig("""{ "Dot": { "ExcitonQuantumYeld": 0.5 } }""");
        var (code, error) = RunGuarded(path);
        Assert.Equal(2, code);
        Assert.Contains("Dot:ExcitonQuantumYeld", error);
        Assert.Contains("config.json", error);
        Assert.Contains("unknown configuration key", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void Quantum_yield_above_one_exits_2_naming_key_file_and_range()
    {
        string path = WriteConfig("""{ "Dot": { "ExcitonQuantumYield": 1.3 } }""");
        var (code, error) = RunGuarded(path);
        Assert.Equal(2, code);
        Assert.Contains("config.json", error);
        Assert.Contains("Dot:ExcitonQuantumYield: 1.3 (quantum yield) is out of range", error);
    }

    [Fact]
    public void Negative_rate_and_negative_mean_photon_number_exit_2_with_their_units()
    {
        var (code, error) = RunGuarded(null, "Dot:ExcitonRadiativeRatePerNs=-0.1");
        Assert.Equal(2, code);
        Assert.Contains("Dot:ExcitonRadiativeRatePerNs: -0.1 ns^-1 is out of range", error);
        (code, error) = RunGuarded(null, "Excitation:MeanExcitonsPerPulse=-1");
        Assert.Equal(2, code);
        Assert.Contains("Excitation:MeanExcitonsPerPulse: -1 (absorbed photons per pulse) is out of range", error);
    }

    [Fact]
    public void Missing_configuration_file_exits_2_naming_it()
    {
        var (code, error) = RunGuarded(Path.Combine(_dir, "nope.json"));
        Assert.Equal(2, code);
        Assert.Contains("nope.json: configuration file not found", error);
    }

    [Fact]
    public void Simulated_PTU_reads_back_with_both_HBT_channels_matching_the_ground_truth()
    {
        var (code, error) = RunGuarded(null, "Run:DurationS=0.2", "Output:BaseName=rt");
        Assert.True(code == 0, error);
        string ptu = Path.Combine(_dir, "out", "rt.ptu");
        var truthTimes = File.ReadLines(Path.Combine(_dir, "out", "rt.truth.csv")).Skip(1)
            .Select(l => l.Split(',')).Select(f => (Time: long.Parse(f[0]), Detector: int.Parse(f[1]))).ToList();
        using var reader = TimeTagFile.Open(ptu);
        Assert.Equal(MeasurementMode.T2, reader.Info.Mode);
        Assert.Equal(0x01010204u, reader.Info.RecordTypeCode); // HydraHarp V2 T2
        var events = new List<TimeTagEvent>();
        var buffer = new TimeTagEvent[4096];
        int n;
        while ((n = reader.Read(buffer)) > 0) events.AddRange(buffer.AsSpan(0, n).ToArray());
        var photons = events.Where(e => e.Kind == TimeTagKind.Photon).ToList();
        Assert.Contains(photons, e => e.Channel == 1);
        Assert.Contains(photons, e => e.Channel == 2);
        // The tagger drops clicks inside its own dead time; every recorded photon must be a ground-truth click at the same
        // 1 ps tick on the same detector (HydraHarp T2: Channel = detector + 1).
        var truth = truthTimes.Select(t => (t.Time, t.Detector + 1)).ToHashSet();
        Assert.All(photons, e => Assert.Contains((e.TimeTicks, (int)e.Channel), truth));
        Assert.True(photons.Count >= truthTimes.Count * 0.95, $"{photons.Count} records for {truthTimes.Count} ground-truth clicks");
        // No two records of one channel closer than the detector dead time (22 ns) nor the tagger's (80 ns).
        foreach (var channel in photons.GroupBy(e => e.Channel))
        {
            var times = channel.Select(e => e.TimeTicks).ToList();
            for (int i = 1; i < times.Count; i++) Assert.True(times[i] - times[i - 1] >= 80_000, $"channel {channel.Key}: records {times[i] - times[i - 1]} ps apart");
        }
    }

    [Fact]
    public void Same_seed_gives_byte_identical_files_for_one_and_two_threads()
    {
        byte[] Run(int threads, string stem)
        {
            var (code, error) = RunGuarded(null, "Run:DurationS=0.3", "Run:SegmentDurationS=0.02", $"Run:Threads={threads}", $"Output:BaseName={stem}");
            Assert.True(code == 0, error);
            return File.ReadAllBytes(Path.Combine(_dir, "out", stem + ".ptu"))
                .Concat(File.ReadAllBytes(Path.Combine(_dir, "out", stem + ".truth.csv"))).ToArray();
        }
        var one = Run(1, "one");
        var oneAgain = Run(1, "again");
        var two = Run(2, "two");
        Assert.True(one.Length > 10_000);
        Assert.Equal(one, oneAgain);
        Assert.Equal(one, two);
    }
}
