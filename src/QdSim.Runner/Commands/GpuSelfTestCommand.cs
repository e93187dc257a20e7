using System.CommandLine;
using QdSim.Gpu;
using QdSim.Runner.Cli;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Commands;

/// <summary><c>qdsim gpu-selftest</c>: CUDA backend vs CPU engine and closed forms, then the 1000-dot ensemble benchmark (docs/gpu-verification.md).</summary>
internal static class GpuSelfTestCommand
{
    public static Command Create()
    {
        var preset = new Option<string?>("--preset") { Description = "configuration to benchmark (default: the embedded default, PEA-capped CsPbBr3)" };
        var dots = new Option<int>("--dots") { Description = "dots of the benchmark ensemble (default 1000)", DefaultValueFactory = _ => 1000 };
        var seconds = new Option<double>("--duration-s") { Description = "simulated seconds per benchmark dot (default 1)", DefaultValueFactory = _ => 1.0 };
        var command = new Command("gpu-selftest", "Check the CUDA ensemble backend against the CPU engine and closed forms; benchmark both (exit 0 passed, 1 failed, 3 no CUDA device)");
        command.Options.Add(preset);
        command.Options.Add(dots);
        command.Options.Add(seconds);
        command.SetAction(parse => CliRun.Guard(() =>
            GpuSelfTest.Run(Console.Out, ConfigurationLoader.Load(parse.GetValue(preset), []).Experiment, parse.GetValue(dots), parse.GetValue(seconds))));
        return command;
    }
}
