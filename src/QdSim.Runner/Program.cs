using System.CommandLine;
using QdSim.Runner.Commands;

// The qdsim CLI: each verb lives in Commands/ and owns its options; this file only assembles them.
var root = new RootCommand("QdSim: Monte Carlo photophysics of single quantum dots, from kinetics to PicoQuant time-tag files and their analysis.");
root.Subcommands.Add(SimulateCommand.Create());
root.Subcommands.Add(AnalyzeCommand.Create());
root.Subcommands.Add(SaturationCommand.Create());
root.Subcommands.Add(ModelCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(GpuSelfTestCommand.Create());
root.Subcommands.Add(ValidateCommand.Create());
root.Subcommands.Add(SweepCommand.Create());
return root.Parse(args).Invoke();
