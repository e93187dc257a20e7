using Microsoft.Extensions.Configuration;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Computes one dot of one sweep point: configuration in, derived model values and observables out. The sweep
/// machinery (expansion, seeds, scheduling, resumable store, shards) only knows this interface; the shipped
/// implementation runs the engine and the analysis stages in memory. Implementations must be thread-safe and
/// deterministic: the same <see cref="DotRun"/> gives the same <see cref="DotResult"/> on any thread.
/// </summary>
public interface IPointEvaluator
{
    /// <summary>Identity recorded in the outputs (name and version of the model/analysis chain).</summary>
    string Name { get; }

    /// <summary>True when <paramref name="key"/> (colon path) is a key of the simulation configuration schema.</summary>
    bool IsKnownKey(string key);

    /// <summary>The configuration a sweep without "base" starts from (the engine's embedded default), as JSON.</summary>
    string DefaultConfigurationJson { get; }

    /// <summary>Binds and validates a point's configuration without running it (plan and early errors).</summary>
    PointCostEstimate Estimate(IConfiguration configuration);

    /// <summary>Simulates and analyses one dot.</summary>
    DotResult Evaluate(DotRun run, CancellationToken cancellation);
}

/// <summary>What a dot needs: its configuration (base + fixed + axis + drawn overrides) and its coordinates.</summary>
/// <param name="PointIndex">The point this dot belongs to.</param>
/// <param name="DotIndex">0 … replicates − 1 within the point.</param>
/// <param name="Seed">The engine seed of this dot (<see cref="PointSeeds.ForDot"/>).</param>
/// <param name="Configuration">The dot's full configuration.</param>
public sealed record DotRun(int PointIndex, int DotIndex, ulong Seed, IConfiguration Configuration);

/// <summary>Expected cost of one dot, for <c>--plan</c>.</summary>
/// <param name="DetectedPhotons">Expected detected photons (all channels).</param>
/// <param name="Seconds">Expected wall time on one core.</param>
public readonly record struct PointCostEstimate(double DetectedPhotons, double Seconds);

/// <summary>A named scalar (a derived model value such as the radiative rate actually used), unit in the name.</summary>
public readonly record struct NamedValue(string Name, double Value);

/// <summary>An observable with its one-sigma statistical uncertainty (NaN where a stage does not apply).</summary>
public readonly record struct Observable(string Name, double Value, double Uncertainty);

/// <summary>Result of one dot: derived model values and observables, in a fixed order chosen by the evaluator.</summary>
public sealed record DotResult(IReadOnlyList<NamedValue> Derived, IReadOnlyList<Observable> Observables);
