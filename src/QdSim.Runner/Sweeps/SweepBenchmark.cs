using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// <c>qdsim sweep --bench</c>: throughput of the sweep machinery with the shipped evaluator on a 10 × 10 grid of short
/// runs (⟨N⟩ log-spaced 0.05…2 × edge 4…8.5 nm, 10 ms of experiment each), with 1 thread and with all cores, from
/// scratch into temporary directories. Reports points per second, detected photons per second, the speed-up, and
/// checks that both runs wrote byte-identical results. A measurement, not a test: run it on a quiet machine.
/// </summary>
public static class SweepBenchmark
{
    public const string GridJson = """
        {
          "name": "bench-10x10",
          "seed": 1,
          "set": { "Run:DurationS": 0.01, "Detection:TimeTagger:Mode": "T3", "Detection:TimeTagger:MicroTimeResolutionPs": 16,
                   "Detection:TimeTagger:CableDelaysPs:0": 5000, "Detection:TimeTagger:CableDelaysPs:1": 5000 },
          "axes": [
            { "key": "Excitation:MeanExcitonsPerPulse", "log": [0.05, 2, 10] },
            { "key": "Dot:EdgeNm", "grid": "4:8.5:0.5" }
          ]
        }
        """;

    public static string Run(IPointEvaluator evaluator, int maxThreads, TextWriter log)
    {
        var plan = new SweepPlan(SweepFileParser.Parse(GridJson, "<bench-10x10>", evaluator.IsKnownKey));
        string root = Path.Combine(Path.GetTempPath(), $"qdsim-sweep-bench-{Environment.ProcessId}");
        var report = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        report.AppendLine(invariant, $"qdsim sweep --bench: {plan.PointCount} points (10 x 10 grid, 10 ms runs), evaluator {evaluator.Name}");
        report.AppendLine(invariant, $"  machine: {Environment.ProcessorCount} logical cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        try
        {
            // Warm-up (JIT, embedded default, cascade tables) on a separate directory, not timed.
            SweepRunner.Run(plan, evaluator, new SweepRunOptions(Path.Combine(root, "warm"), ShardSpec.All, 1, MaxNewPoints: 2));
            double? single = null;
            byte[]? reference = null;
            foreach (int threads in new[] { 1, maxThreads }.Distinct())
            {
                string directory = Path.Combine(root, $"t{threads}");
                log.WriteLine($"bench: {threads} thread(s)...");
                var clock = Stopwatch.StartNew();
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                SweepRunner.Run(plan, evaluator, new SweepRunOptions(directory, ShardSpec.All, threads));
                double seconds = clock.Elapsed.TotalSeconds;
                // CPU time tells the cost apart from waiting for a core on a shared machine.
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                byte[] results = File.ReadAllBytes(Path.Combine(directory, SweepResultsWriter.CsvFileName));
                double photons = DetectedPhotons(directory, plan.PointCount);
                single ??= seconds;
                string identical = reference is null ? "" : results.AsSpan().SequenceEqual(reference) ? ", results identical to 1 thread" : ", RESULTS DIFFER FROM 1 THREAD";
                reference ??= results;
                report.AppendLine(invariant,
                    $"  {threads} thread(s): {seconds:F2} s wall ({cpuSeconds:F2} s CPU), {plan.PointCount / seconds:F1} points/s, {photons / seconds / 1e6:F3} M detected photons/s, speed-up {single.Value / seconds:F2}{identical}");
                if (threads == 1)
                    report.AppendLine(invariant, $"    CPU per point {cpuSeconds / plan.PointCount * 1e3:F1} ms ({photons / plan.PointCount:F0} detected photons per point)");
            }
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); }
            catch (IOException) { /* leftovers in the temp folder are harmless */ }
        }
        return report.ToString();
    }

    private static double DetectedPhotons(string directory, int points)
    {
        double total = 0;
        for (int i = 0; i < points; i++)
        {
            var point = PointResultJson.Read(Path.Combine(directory, SweepStore.PointsFolder, SweepStore.PointFileName(i)));
            double rate = point.Observables.FirstOrDefault(o => o.Name == "totalRateCps").Value;
            double duration = point.Derived.FirstOrDefault(d => d.Name == "simulatedDurationS").Value;
            total += rate * duration;
        }
        return total;
    }
}
