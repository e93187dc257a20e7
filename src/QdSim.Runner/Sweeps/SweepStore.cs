using System.Globalization;
using System.Text.RegularExpressions;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// A sweep output directory: <c>sweep-manifest.json</c>, one file per finished point in <c>points/</c>, and the
/// combined <c>results.csv</c>/<c>results.json</c> once every point is there. Every file is written to a temporary
/// name in the same directory and renamed when complete, so a killed run leaves only whole files and loses at most
/// the points that were in flight; a rerun skips the points already present.
/// </summary>
public sealed partial class SweepStore
{
    public const string PointsFolder = "points";

    private SweepStore(string directory, SweepManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    public string Directory { get; }

    public SweepManifest Manifest { get; }

    public string PointsDirectory => Path.Combine(Directory, PointsFolder);

    /// <summary>
    /// Opens <paramref name="directory"/> for <paramref name="manifest"/>'s sweep, creating it if needed. A directory
    /// holding another sweep (different definition hash, point count or evaluator) is refused: its points would mix.
    /// </summary>
    public static SweepStore OpenOrCreate(string directory, SweepManifest manifest)
    {
        directory = Path.GetFullPath(directory);
        string manifestPath = Path.Combine(directory, SweepManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var existing = SweepManifest.Read(manifestPath);
            if (existing.DefinitionSha256 != manifest.DefinitionSha256 || existing.PointCount != manifest.PointCount)
                throw new UserInputException(
                    $"{directory}: holds sweep '{existing.Name}' (definition {existing.DefinitionSha256[..12]}, {existing.PointCount} points), " +
                    $"not this sweep file (definition {manifest.DefinitionSha256[..12]}, {manifest.PointCount} points); use another --out or delete it");
            if (existing.Evaluator != manifest.Evaluator)
                throw new UserInputException(
                    $"{directory}: its points were computed by '{existing.Evaluator}', this run uses '{manifest.Evaluator}'; use another --out");
        }
        System.IO.Directory.CreateDirectory(Path.Combine(directory, PointsFolder));
        var store = new SweepStore(directory, manifest);
        WriteAtomically(manifestPath, manifest.Serialize());
        return store;
    }

    /// <summary>Opens an existing sweep directory (merge input).</summary>
    public static SweepStore OpenExisting(string directory)
    {
        directory = Path.GetFullPath(directory);
        string manifestPath = Path.Combine(directory, SweepManifest.FileName);
        if (!File.Exists(manifestPath))
            throw new UserInputException($"{directory}: not a sweep output directory (no {SweepManifest.FileName})");
        return new SweepStore(directory, SweepManifest.Read(manifestPath));
    }

    /// <summary>File name of point <paramref name="index"/> (six digits, more when needed; sorts in index order up to 10⁶).</summary>
    public static string PointFileName(int index) => $"point-{index.ToString("D6", CultureInfo.InvariantCulture)}.json";

    public string PointPath(int index) => Path.Combine(PointsDirectory, PointFileName(index));

    /// <summary>Indices of the finished points present in the directory (temporary files of points in flight are ignored).</summary>
    public SortedSet<int> FinishedPoints()
    {
        var finished = new SortedSet<int>();
        if (!System.IO.Directory.Exists(PointsDirectory)) return finished;
        foreach (var path in System.IO.Directory.EnumerateFiles(PointsDirectory, "point-*.json"))
        {
            var match = PointFilePattern().Match(Path.GetFileName(path));
            if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index)
                && index < Manifest.PointCount)
                finished.Add(index);
        }
        return finished;
    }

    public void WritePoint(PointResult point) => WriteAtomically(PointPath(point.Index), PointResultJson.Serialize(point));

    public PointResult ReadPoint(int index)
    {
        var point = PointResultJson.Read(PointPath(index));
        if (point.Index != index)
            throw new UserInputException($"{PointPath(index)}: holds point {point.Index}, not {index}");
        return point;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a unique temporary file beside <paramref name="path"/>, flushes it to disk
    /// and renames it over <paramref name="path"/> (atomic on one file system, including the parallel file systems
    /// of clusters), so readers and resumed runs never see a partial file.
    /// </summary>
    public static void WriteAtomically(string path, byte[] content)
    {
        string temporary = $"{path}.tmp-{Environment.ProcessId}-{Environment.CurrentManagedThreadId}";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    [GeneratedRegex(@"^point-(\d+)\.json$")]
    private static partial Regex PointFilePattern();
}
