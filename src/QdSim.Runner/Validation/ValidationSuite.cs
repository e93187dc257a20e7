using System.Diagnostics;
using QdSim.Runner.Validation.Cases;

namespace QdSim.Runner.Validation;

/// <summary>The validation cases in report order, and how they are run.</summary>
public static class ValidationSuite
{
    /// <summary>Every case; the quick set runs the same cases with shorter runs and fewer points.</summary>
    public static IReadOnlyList<ValidationCase> Cases { get; } =
    [
        new G2VsMeanExcitonsCase(),
        new Seed003MultiexcitonG2Case(),
        new BackgroundCorrectionCase(),
        new LifetimeReconvolutionCase(),
        new BlinkingExponentsCase(),
        new Seed001SingleDotStatisticsCase(),
        new PhotodarkeningEnsembleCase(),
        new SaturationCase(),
        new SizeTemperatureLifetimesCase(),
        new DetectorArtefactsCase(),
    ];

    /// <summary>Locates validation/ beside QdSim.sln, searching up from <paramref name="start"/> (default: the current folder, then the app folder).</summary>
    public static string FindValidationDirectory(string? start = null)
    {
        foreach (string origin in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "QdSim.sln")) && Directory.Exists(Path.Combine(dir.FullName, "validation")))
                    return Path.Combine(dir.FullName, "validation");
            }
        }
        throw new UserInputException("validation/ not found: run qdsim validate inside the QdSim repository (the folder holding QdSim.sln), or pass --cases DIR");
    }

    /// <summary>
    /// Runs the selected cases one after the other (each spreads its points over <paramref name="threads"/> threads),
    /// catching a case's unexpected error as a FAIL with the message rather than aborting the suite.
    /// </summary>
    public static IReadOnlyList<(ValidationCase Case, CaseOutcome Outcome)> Run(string validationDirectory, string workDirectory, bool quick, int threads,
        IEnumerable<ValidationCase>? cases = null, Action<ValidationCase, CaseOutcome>? onCaseDone = null)
    {
        var results = new List<(ValidationCase, CaseOutcome)>();
        foreach (var c in cases ?? Cases)
        {
            var clock = Stopwatch.StartNew();
            CaseOutcome outcome;
            try
            {
                outcome = c.Run(new CaseContext(validationDirectory, workDirectory, quick, threads));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outcome = new CaseOutcome([], [], []) { Error = $"{e.GetType().Name}: {e.Message}" };
            }
            outcome = outcome with { WallTimeS = clock.Elapsed.TotalSeconds };
            onCaseDone?.Invoke(c, outcome);
            results.Add((c, outcome));
        }
        return results;
    }
}
