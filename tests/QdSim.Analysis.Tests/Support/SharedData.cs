namespace QdSim.Analysis.Tests.Support;

/// <summary>Locates ../shared beside the repository root (or QDSIM_SHARED): the real PTU samples with their reference counts.</summary>
internal static class SharedData
{
    public static string PtuSample(string name)
    {
        string? fromEnv = Environment.GetEnvironmentVariable("QDSIM_SHARED");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.Combine(fromEnv, "ptu-samples", name);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QdSim.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("QdSim.sln not found above " + AppContext.BaseDirectory);
        return Path.Combine(dir.FullName, "..", "shared", "ptu-samples", name);
    }
}
