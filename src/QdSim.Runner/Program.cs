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
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // Command-line mistakes (unknown verb or option, a value that is not a number, a missing argument) are user errors
    // like a bad configuration value: one line each on stderr, a pointer to the help, exit code 2 — not the full help
    // page with exit code 1 that System.CommandLine prints by default.
    string verb = parsed.CommandResult.Command == root ? "qdsim" : $"qdsim {parsed.CommandResult.Command.Name}";
    foreach (var error in parsed.Errors) Console.Error.WriteLine($"qdsim: error: {Readable(error.Message)}");
    Console.Error.WriteLine($"Run '{verb} --help' for the options and their units.");
    return 2;
}
return parsed.Invoke();

// "as expected type 'System.Nullable`1[System.Double]'" → "as a number": users read units and numbers, not CLR type names.
static string Readable(string message) => System.Text.RegularExpressions.Regex.Replace(message,
    @"expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'", m => m.Groups[1].Value switch
    {
        "Double" or "Single" or "Decimal" => "a number",
        "Int32" or "Int64" or "UInt32" or "UInt64" or "Int16" => "an integer",
        "Boolean" => "true or false",
        var other => other,
    });
