using QdSim.Runner.Tests.Sweeps;

namespace QdSim.Runner.Tests.Cli;

/// <summary>
/// Mistakes on the command line itself (not in a configuration) are user errors like any other: a one-line error per
/// mistake naming the option, a pointer to the verb's help, exit code 2 — no help page dumped, no stack trace.
/// </summary>
public sealed class CommandLineErrorTests
{
    [Theory]
    [InlineData(new[] { "simulate", "--duration-s", "abc" }, "--duration-s", "qdsim simulate --help")]
    [InlineData(new[] { "analyze" }, "analyze", "qdsim analyze --help")]
    [InlineData(new[] { "model", "--edge-nm" }, "--edge-nm", "qdsim model --help")]
    [InlineData(new[] { "nosuchverb" }, "nosuchverb", "qdsim --help")]
    public void Parse_errors_exit_2_with_one_line_each_and_the_help_pointer(string[] arguments, string named, string helpPointer)
    {
        var (exitCode, stdout, stderr) = QdSimProcess.Run(new Dictionary<string, string>(), arguments);
        Assert.Equal(2, exitCode);
        var lines = stderr.Trim().Split('\n');
        Assert.All(lines[..^1], l => Assert.StartsWith("qdsim: error: ", l));
        Assert.Contains(lines[..^1], l => l.Contains(named, StringComparison.Ordinal));
        Assert.Contains(helpPointer, lines[^1]);
        Assert.DoesNotContain("Description:", stdout + stderr); // not the help page
        Assert.DoesNotContain("   at ", stderr);                // not a stack trace
        Assert.DoesNotContain("System.", stderr);             // no CLR type names ("as a number")
    }
}
