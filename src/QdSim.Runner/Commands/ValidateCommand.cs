using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using QdSim.Runner.Cli;
using QdSim.Runner.Validation;

namespace QdSim.Runner.Commands;

/// <summary>
/// <c>qdsim validate [--quick] [--out DIR] [--case ID]... [--threads N] [--keep-files]</c>: runs the validation cases of
/// validation/ end to end (engine → PTU → analysis → comparison) and writes validation-report.md and report.html.
/// Exit code 0 when every case passes, 1 when any fails.
/// </summary>
internal static class ValidateCommand
{
    public const int ExitSomeFailed = 1;

    public static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "reduced set: shorter runs and fewer points of the same cases (about 2 minutes)" };
        var outDir = new Option<string>("--out") { Description = "report folder", DefaultValueFactory = _ => "qdsim-validation" };
        var cases = new Option<string[]>("--case") { Description = "run only these case ids (repeatable; prefix match, e.g. 01)" };
        var threads = new Option<int?>("--threads") { Description = "threads over the points of a case (default: all cores)" };
        var keep = new Option<bool>("--keep-files") { Description = "keep the simulated PTU files (in OUT/files)" };
        var casesDir = new Option<string?>("--cases") { Description = "validation/ folder (default: found beside QdSim.sln)" };
        var command = new Command("validate", "Run the validation suite: simulate, analyse the PTU files with the real-data stages, compare with physics");
        foreach (var o in new Option[] { quick, outDir, cases, threads, keep, casesDir }) command.Options.Add(o);
        command.SetAction(parse => CliRun.Guard(() => Run(parse.GetValue(quick), parse.GetValue(outDir)!, parse.GetValue(cases) ?? [],
            parse.GetValue(threads) ?? Environment.ProcessorCount, parse.GetValue(keep), parse.GetValue(casesDir))));
        return command;
    }

    /// <summary>Runs the suite and writes the reports; returns 0 when every selected case passed, 1 otherwise.</summary>
    internal static int Run(bool quick, string outDir, IReadOnlyList<string> caseIds, int threads, bool keepFiles, string? casesDirectory = null)
    {
        if (threads < 1) throw new UserInputException($"--threads {threads}: needs at least 1 thread");
        string validationDirectory = casesDirectory is null ? ValidationSuite.FindValidationDirectory() : Path.GetFullPath(casesDirectory);
        var selected = ValidationSuite.Cases.Where(c => caseIds.Count == 0 || caseIds.Any(id => c.Id.StartsWith(id, StringComparison.OrdinalIgnoreCase))).ToList();
        if (selected.Count == 0) throw new UserInputException($"--case {string.Join(" ", caseIds)}: no such case (ids: {string.Join(", ", ValidationSuite.Cases.Select(c => c.Id))})");
        Directory.CreateDirectory(outDir);
        string work = keepFiles ? Path.Combine(outDir, "files") : Path.Combine(Path.GetTempPath(), $"qdsim-validate-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        try
        {
            var results = ValidationSuite.Run(validationDirectory, work, quick, threads, selected, (c, o) =>
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(o.Passed ? "PASS" : "FAIL")}  {c.Id}  ({o.WallTimeS:F1} s){(o.Error is null ? "" : "  " + o.Error)}")));
            double wall = clock.Elapsed.TotalSeconds;
            var (md, html) = ValidationReport.Write(outDir, results, quick, wall, threads);
            int passed = results.Count(r => r.Outcome.Passed);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"qdsim validate: {passed}/{results.Count} cases passed in {wall:F0} s ({(quick ? "quick" : "full")} set)"));
            Console.WriteLine($"  wrote {md}");
            Console.WriteLine($"  wrote {html}");
            return passed == results.Count ? CliRun.ExitOk : ExitSomeFailed;
        }
        finally
        {
            if (!keepFiles && Directory.Exists(work)) Directory.Delete(work, recursive: true);
        }
    }
}
