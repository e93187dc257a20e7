using System.Globalization;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/> disjoint slices of a sweep. Shard indices are 0-based
/// (0 ≤ i &lt; N), matching a Slurm array <c>--array=0-(N−1)</c> and <c>--shard $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT</c>.
/// Point p belongs to shard p mod N: round-robin slices balance the load when the cost grows along an axis
/// (e.g. ⟨N⟩), which contiguous blocks would not.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec All = new(0, 1);

    public bool Owns(int pointIndex) => pointIndex % Count == Index;

    public override string ToString() => $"{Index}/{Count}";

    /// <summary>
    /// Parses "i/N" (0-based i) or "slurm" (reads SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_MIN and
    /// SLURM_ARRAY_TASK_COUNT, so that <c>--array=1-8</c> works as well as <c>--array=0-7</c>).
    /// </summary>
    public static ShardSpec Parse(string text, Func<string, string?> environment)
    {
        text = text.Trim();
        if (text.Equals("slurm", StringComparison.OrdinalIgnoreCase)) return FromSlurm(environment);
        var parts = text.Split('/');
        if (parts.Length != 2 ||
            !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int index) ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            throw new UserInputException($"--shard: '{text}' is not \"i/N\" (0-based shard i of N) or \"slurm\"");
        return Checked(index, count, $"--shard {text}");
    }

    private static ShardSpec FromSlurm(Func<string, string?> environment)
    {
        int Read(string name, bool required, int fallback)
        {
            string? value = environment(name);
            if (value is null)
                return required
                    ? throw new UserInputException($"--shard slurm: {name} is not set (not inside a Slurm job array?)")
                    : fallback;
            return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed)
                ? parsed
                : throw new UserInputException($"--shard slurm: {name}='{value}' is not an integer");
        }
        int id = Read("SLURM_ARRAY_TASK_ID", true, 0);
        int min = Read("SLURM_ARRAY_TASK_MIN", false, 0);
        int count = Read("SLURM_ARRAY_TASK_COUNT", true, 0);
        int step = Read("SLURM_ARRAY_TASK_STEP", false, 1);
        int max = Read("SLURM_ARRAY_TASK_MAX", false, min + count - 1);
        if (step != 1 || max - min + 1 != count)
            throw new UserInputException(
                $"--shard slurm: the job array must be contiguous with step 1 (found min {min}, max {max}, step {step}, count {count})");
        return Checked(id - min, count, $"--shard slurm (SLURM_ARRAY_TASK_ID={id}, MIN={min}, COUNT={count})");
    }

    private static ShardSpec Checked(int index, int count, string source)
    {
        if (count < 1) throw new UserInputException($"{source}: shard count must be at least 1");
        if (index < 0 || index >= count)
            throw new UserInputException(
                $"{source}: shard index {index} is outside 0…{count - 1} (shards are 0-based; with a Slurm array 1-{count} use --shard slurm)");
        return new ShardSpec(index, count);
    }
}
