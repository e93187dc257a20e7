using System.Globalization;
using System.Text;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// The dry run of <c>qdsim sweep --plan</c>: every point with its inputs, expected detected photons and expected
/// run time (from the evaluator's estimate), and the totals for this shard at the given thread count.
/// </summary>
public static class SweepPlanReport
{
    public static string Render(SweepPlan plan, IPointEvaluator evaluator, ShardSpec shard, int threads)
    {
        var configurations = new PointConfigurations(plan.Definition, evaluator.DefaultConfigurationJson);
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var definition = plan.Definition;
        text.AppendLine(invariant, $"sweep '{definition.Name}' ({definition.SourcePath})");
        text.AppendLine(invariant, $"  definition sha256 {definition.DefinitionSha256}, seed {definition.Seed}, evaluator {evaluator.Name}");
        text.AppendLine(invariant, $"  {plan.PointCount} points x {definition.Replicates} dot(s); shard {shard} (0-based) runs {Enumerable.Range(0, plan.PointCount).Count(shard.Owns)} of them");
        foreach (var group in definition.Groups)
            text.AppendLine(invariant, $"  {(group.Axes.Count > 1 ? "zipped " : "")}axis {string.Join(" + ", group.Axes.Select(a => $"{a.Key} ({a.Values.Count} values)"))}");
        text.AppendLine();
        text.AppendLine("  point  shard  detected photons  est. time (s)  inputs");

        double photons = 0, seconds = 0;
        foreach (var point in plan.Points())
        {
            if (!shard.Owns(point.Index)) continue;
            var estimate = evaluator.Estimate(configurations.ForPoint(point));
            double pointPhotons = estimate.DetectedPhotons * definition.Replicates;
            double pointSeconds = estimate.Seconds * definition.Replicates;
            photons += pointPhotons;
            seconds += pointSeconds;
            string inputs = string.Join(", ", point.Inputs.Select(i => $"{i.Key}={i.Value}"));
            text.AppendLine(invariant, $"  {point.Index,5}  {point.Index % shard.Count,5}  {pointPhotons,15:G4}  {pointSeconds,13:G4}  {inputs}");
        }
        text.AppendLine();
        text.AppendLine(invariant,
            $"  total: {photons:G4} detected photons, {seconds:G4} core-seconds, about {TimeSpan.FromSeconds(seconds / threads):hh\\:mm\\:ss} on {threads} thread(s)");
        return text.ToString();
    }
}
