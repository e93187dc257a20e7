using QdSim.TimeTags;

namespace QdSim.Runner.Cli;

/// <summary>
/// Runs a command body and turns user mistakes into one line on stderr and exit code 2 (no stack trace);
/// anything else is a bug and is allowed to surface with its trace (exit code 1).
/// </summary>
public static class CliRun
{
    public const int ExitOk = 0;
    public const int ExitUserError = 2;

    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (UserInputException e)
        {
            return Fail(e.Message);
        }
        catch (TimeTagFormatException e)
        {
            return Fail(e.Message);
        }
        catch (FileNotFoundException e)
        {
            return Fail($"{e.FileName ?? "file"}: not found");
        }
        catch (DirectoryNotFoundException e)
        {
            return Fail(e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return Fail(e.Message);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("qdsim: cancelled; no output file was completed.");
            return 130;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"qdsim: error: {message}");
        return ExitUserError;
    }
}
