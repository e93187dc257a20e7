using System.Diagnostics;
using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

/// <summary>Runs the built qdsim assembly as a separate process (<c>dotnet qdsim.dll ...</c>), as a cluster job would.</summary>
public static class QdSimProcess
{
    public static string QdSimDll => typeof(SweepRunner).Assembly.Location;

    /// <summary>QDSIM_SWEEP_EVALUATOR value selecting the test evaluator of known output.</summary>
    public static string TestEvaluator => $"{typeof(CascadeTestEvaluator).Assembly.Location}:{typeof(CascadeTestEvaluator).FullName}";

    public static Process Start(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(QdSimDll);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["CI"] = "1"; // plain progress lines, no live bar
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    public static (int ExitCode, string Stdout, string Stderr) Wait(Process process)
    {
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"qdsim did not finish in 60 s: {stderr.Result}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Wait(Start(environment, arguments));
}
