using System.Reflection;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Chooses the point evaluator of <c>qdsim sweep</c>: the built-in simulate → analyse chain, or a custom evaluator
/// named by the environment variable <c>QDSIM_SWEEP_EVALUATOR=/path/Assembly.dll:Namespace.Type</c> (a public class
/// implementing <see cref="IPointEvaluator"/> with a parameterless constructor). The custom hook lets theorists
/// sweep their own point models with the same scheduler, shards and resume, and lets the tests drive separate
/// qdsim processes with an evaluator of known output.
/// </summary>
public static class SweepEvaluators
{
    public const string EnvironmentVariable = "QDSIM_SWEEP_EVALUATOR";

    public static IPointEvaluator Resolve(Func<string, string?> environment)
    {
        string? custom = environment(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(custom) ? BuiltIn() : LoadCustom(custom);
    }

    private static IPointEvaluator BuiltIn() => new Evaluation.SimulateAnalyzeEvaluator();

    private static IPointEvaluator LoadCustom(string specification)
    {
        int colon = specification.LastIndexOf(':');
        if (colon <= 0 || colon == specification.Length - 1)
            throw new UserInputException($"{EnvironmentVariable}='{specification}': expected /path/Assembly.dll:Namespace.Type");
        string assemblyPath = Path.GetFullPath(specification[..colon]);
        string typeName = specification[(colon + 1)..];
        if (!File.Exists(assemblyPath))
            throw new UserInputException($"{EnvironmentVariable}: assembly {assemblyPath} not found");
        var type = Assembly.LoadFrom(assemblyPath).GetType(typeName, throwOnError: false)
            ?? throw new UserInputException($"{EnvironmentVariable}: type '{typeName}' not found in {assemblyPath}");
        if (!typeof(IPointEvaluator).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
            throw new UserInputException(
                $"{EnvironmentVariable}: '{typeName}' must be a public class implementing {nameof(IPointEvaluator)} with a parameterless constructor");
        return (IPointEvaluator)Activator.CreateInstance(type)!;
    }
}
