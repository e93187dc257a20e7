using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using QdSim.Engine.Detection;
using QdSim.Engine.Environment;
using QdSim.Engine.Photons;
using QdSim.Engine.Simulation;
using QdSim.Models.Parameters;
using QdSim.Runner.Cli;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Commands;

/// <summary>
/// <c>qdsim bench</c>: throughput of the kinetic engine (detected photons/s, laser pulses/s) at ⟨N⟩ = 0.01, 0.2, 2 for
/// the embedded default (PEA-capped CsPbBr3), kinetics alone and the full pipeline with PTU output to a temporary
/// file, on one thread; and the peak memory of a 1-hour simulated experiment. Reports wall and CPU time (CPU time is
/// the robust figure on a shared machine).
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scale = new Option<double>("--scale") { Description = "multiplies every simulated duration (default 1)", DefaultValueFactory = _ => 1.0 };
        var memoryHours = new Option<double>("--memory-hours") { Description = "simulated hours of the memory run (default 1)", DefaultValueFactory = _ => 1.0 };
        var memoryN = new Option<double>("--memory-mean-n") { Description = "<N> of the memory run (default 0.01)", DefaultValueFactory = _ => 0.01 };
        var command = new Command("bench", "Measure engine throughput (detected photons/s, pulses/s) and peak memory");
        command.Options.Add(scale);
        command.Options.Add(memoryHours);
        command.Options.Add(memoryN);
        command.SetAction(parse => CliRun.Guard(() => Run(parse.GetValue(scale), parse.GetValue(memoryHours), parse.GetValue(memoryN))));
        return command;
    }

    private sealed class CountingSink : IExperimentSink
    {
        public long Events;
        public void OnEnvironment(in EnvironmentInterval interval) { }
        public void OnEvents(ReadOnlySpan<DetectedEvent> events) => Events += events.Length;
    }

    private static int Run(double scale, double memoryHours, double memoryMeanN)
    {
        var cfg = ConfigurationLoader.Load(null, ["Run:Threads=1", "Run:Seed=1"]);
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"qdsim bench: {System.Environment.ProcessorCount} logical CPUs, .NET {System.Environment.Version}, {cfg.Description}");
        Console.WriteLine("mode       <N>    sim_s   detected   pulses      wall_s  cpu_s   det_photons/s(cpu)  pulses/s(cpu)  ns/photon(cpu)");
        string temp = Path.Combine(Path.GetTempPath(), "qdsim-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            // Memory first, so that the process's peak working set is this run's.
            var memory = cfg.Experiment with
            {
                Excitation = cfg.Experiment.Excitation with { MeanExcitonsPerPulse = memoryMeanN },
                Run = cfg.Experiment.Run with { DurationS = memoryHours * 3600 },
            };
            var (mWall, mCpu, mOutcome) = Measure(() => ExperimentRunner.Run(memory, cfg.Detection, new OutputOptions(temp, "memory", GroundTruth: false)));
            using var self = Process.GetCurrentProcess();
            self.Refresh();
            Console.WriteLine(string.Create(inv,
                $"memory run: {memoryHours} h simulated at <N> = {memoryMeanN}, {mOutcome.TimeTagRecords} records, wall {mWall:F1} s, cpu {mCpu:F1} s; " +
                $"peak working set {self.PeakWorkingSet64 / 1048576.0:F0} MB (whole bench process), GC heap now {GC.GetTotalMemory(false) / 1048576.0:F0} MB, " +
                $"GC max committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F0} MB"));

            foreach (var (meanN, seconds) in new[] { (0.01, 200.0), (0.2, 20.0), (2.0, 10.0) })
            {
                var p = cfg.Experiment with
                {
                    Excitation = cfg.Experiment.Excitation with { MeanExcitonsPerPulse = meanN },
                    Run = cfg.Experiment.Run with { DurationS = seconds * scale },
                };
                // Kinetics + optical path only: events counted, nothing written.
                var sink = new CountingSink();
                var sim = new ExperimentSimulator(p, new OpticalPath(cfg.Detection.OpticalPath), new PassThroughClickProcessor());
                var (wall, cpu, result) = Measure(() => sim.Run(sink));
                Report("kinetics", meanN, p.Run.DurationS, sink.Events, result.TotalPulses, wall, cpu);
                // Full pipeline: click processor, tagger, PTU file (no ground truth).
                var (wall2, cpu2, outcome) = Measure(() => ExperimentRunner.Run(p, cfg.Detection, new OutputOptions(temp, "bench", GroundTruth: false)));
                Report("ptu", meanN, p.Run.DurationS, outcome.TimeTagRecords, outcome.Result.TotalPulses, wall2, cpu2);
            }
        }

        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        return CliRun.ExitOk;
    }

    private static (double WallS, double CpuS, T Result) Measure<T>(Func<T> work)
    {
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var result = work();
        double wall = clock.Elapsed.TotalSeconds;
        self.Refresh();
        return (wall, (self.TotalProcessorTime - cpu0).TotalSeconds, result);
    }

    private static void Report(string mode, double meanN, double simS, long detected, long pulses, double wall, double cpu)
    {
        double t = Math.Max(cpu, 1e-9);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{mode,-9} {meanN,5} {simS,8:F0} {detected,10} {pulses,12:E2} {wall,8:F2} {cpu,6:F2} {detected / t,18:E3} {pulses / t,14:E3} {t / Math.Max(detected, 1) * 1e9,12:F0}"));
    }
}
