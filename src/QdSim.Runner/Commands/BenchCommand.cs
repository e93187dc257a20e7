using System.CommandLine;

namespace QdSim.Runner.Commands;

// Placeholder so the CLI builds while this verb is written on its own branch; replaced by the real command.
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("qdsim bench: not yet available"); return 1; });
        return command;
    }
}
