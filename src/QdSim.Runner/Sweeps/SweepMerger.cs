namespace QdSim.Runner.Sweeps;

/// <summary>
/// Combines the directories of shards (or of separate runs) of one sweep into one complete sweep directory. Refuses
/// directories of different sweeps (definition hash, point count, evaluator), a point present in two directories,
/// and a sweep with points missing, naming the offending directories and points.
/// </summary>
public static class SweepMerger
{
    public static int Merge(IReadOnlyList<string> inputDirectories, string outputDirectory)
    {
        if (inputDirectories.Count == 0) throw new UserInputException("sweep merge: give at least one shard directory");
        var inputs = inputDirectories.Select(Path.GetFullPath).Distinct().Select(SweepStore.OpenExisting).ToList();
        var reference = inputs[0];
        foreach (var other in inputs.Skip(1))
        {
            var (a, b) = (reference.Manifest, other.Manifest);
            if (a.DefinitionSha256 != b.DefinitionSha256 || a.PointCount != b.PointCount || a.Evaluator != b.Evaluator)
                throw new UserInputException(
                    $"sweep merge: {other.Directory} holds sweep '{b.Name}' (definition {b.DefinitionSha256[..12]}, {b.PointCount} points, {b.Evaluator}), " +
                    $"{reference.Directory} holds '{a.Name}' (definition {a.DefinitionSha256[..12]}, {a.PointCount} points, {a.Evaluator}): not shards of one sweep");
        }

        var owner = new Dictionary<int, SweepStore>();
        foreach (var input in inputs)
            foreach (int index in input.FinishedPoints())
            {
                if (owner.TryGetValue(index, out var first))
                    throw new UserInputException(
                        $"sweep merge: point {index} is in both {first.Directory} and {input.Directory}; give each point once");
                owner[index] = input;
            }
        var missing = Enumerable.Range(0, reference.Manifest.PointCount).Where(i => !owner.ContainsKey(i)).ToList();
        if (missing.Count > 0)
            throw new UserInputException(
                $"sweep merge: {missing.Count} of {reference.Manifest.PointCount} points missing (first: {string.Join(", ", missing.Take(10))}); " +
                "run the missing shards again with the same --out, then merge");

        var output = SweepStore.OpenOrCreate(outputDirectory, reference.Manifest);
        foreach (var (index, input) in owner.OrderBy(p => p.Key))
        {
            if (input.Directory == output.Directory) continue;
            var point = input.ReadPoint(index);
            output.WritePoint(point);
        }
        SweepRunner.WriteResults(output);
        return reference.Manifest.PointCount;
    }
}
