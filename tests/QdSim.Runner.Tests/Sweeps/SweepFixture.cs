using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

/// <summary>A temporary folder with a sweep file, deleted after the test.</summary>
public sealed class SweepFolder : IDisposable
{
    public SweepFolder(string sweepJson)
    {
        Root = Path.Combine(Path.GetTempPath(), "qdsim-sweep-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        SweepFile = Path.Combine(Root, "sweep.json");
        File.WriteAllText(SweepFile, sweepJson);
    }

    public string Root { get; }

    public string SweepFile { get; }

    public string Sub(string name) => Path.Combine(Root, name);

    public SweepPlan Plan(IPointEvaluator evaluator) => new(SweepFileParser.Load(SweepFile, evaluator.IsKnownKey));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    /// <summary>results.csv followed by results.json of a sweep directory, as bytes (compared byte for byte).</summary>
    public static byte[] Results(string directory) =>
        [.. File.ReadAllBytes(Path.Combine(directory, SweepResultsWriter.CsvFileName)),
         .. File.ReadAllBytes(Path.Combine(directory, SweepResultsWriter.JsonFileName))];

    /// <summary>A 4 × 3 sweep (log ⟨N⟩ crossed with zipped edge/qyRatio) with 2 replicates and a drawn dipole.</summary>
    public const string SmallSweep = """
        {
          "name": "small",
          "seed": 20261122,
          "set": { "run:pulses": 3000 },
          "axes": [
            { "key": "excitation:meanExcitonsPerPulse", "log": [0.05, 2, 4] },
            { "zip": [
                { "key": "dot:edgeNm", "grid": "4:6:1" },
                { "key": "dot:qyRatio", "values": [0.05, 0.1, 0.2] } ] }
          ],
          "replicates": 2,
          "ensemble": { "draws": { "dot:dipole": { "distribution": "isotropic" } } }
        }
        """;
}
