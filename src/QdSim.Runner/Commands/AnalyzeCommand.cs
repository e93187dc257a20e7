using System.CommandLine;

namespace QdSim.Runner.Commands;

// Placeholder so the CLI builds while this verb is written on its own branch; replaced by the real command.
internal static class AnalyzeCommand
{
    public static Command Create()
    {
        var command = new Command("analyze", "(not yet available)");
        command.SetAction(_ => { Console.Error.WriteLine("qdsim analyze: not yet available"); return 1; });
        return command;
    }
}
