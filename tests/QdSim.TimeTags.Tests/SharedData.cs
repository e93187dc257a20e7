namespace QdSim.TimeTags.Tests;

/// <summary>Locates ../shared beside the repository root (or QDSIM_SHARED) and scratch folders for tests.</summary>
internal static class SharedData
{
    public static string SharedFolder
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("QDSIM_SHARED");
            if (!string.IsNullOrEmpty(fromEnv))
                return fromEnv;
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QdSim.sln")))
                dir = dir.Parent;
            if (dir is null)
                throw new InvalidOperationException("QdSim.sln not found above " + AppContext.BaseDirectory);
            return Path.Combine(dir.FullName, "..", "shared");
        }
    }

    public static string PtuSample(string name) => Path.Combine(SharedFolder, "ptu-samples", name);
}

/// <summary>A scratch folder deleted after the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "qdsim-tt-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Deterministic 64-bit LCG (Knuth MMIX constants) for test data: fixed sequences, no System.Random, no engine
/// dependency. Upper bits are used since the low bits of an LCG are weak.
/// </summary>
internal sealed class TestLcg(ulong seed)
{
    private ulong _state = seed * 6364136223846793005UL + 1442695040888963407UL;

    public uint NextUInt32()
    {
        _state = _state * 6364136223846793005UL + 1442695040888963407UL;
        return (uint)(_state >> 32);
    }

    /// <summary>Uniform integer in [0, n).</summary>
    public long Next(long n) => (long)(((ulong)NextUInt32() << 32 | NextUInt32()) % (ulong)n);
}

internal static class ReaderExtensions
{
    public static List<TimeTagEvent> ReadAll(this ITimeTagReader reader, int chunk = 4096)
    {
        var all = new List<TimeTagEvent>();
        var buffer = new TimeTagEvent[chunk];
        int n;
        while ((n = reader.Read(buffer)) > 0)
            all.AddRange(buffer.AsSpan(0, n).ToArray());
        return all;
    }
}
