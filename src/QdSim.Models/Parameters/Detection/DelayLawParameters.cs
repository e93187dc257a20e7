namespace QdSim.Models.Parameters.Detection;

/// <summary>Shape of a delay distribution (afterpulse delays, laser-synchronous background delays).</summary>
public enum DelayLawKind
{
    /// <summary><see cref="DelayLawParameters.OffsetNs"/> + Exponential(mean <see cref="DelayLawParameters.MeanNs"/>); MeanNs = 0 is a fixed delay.</summary>
    Exponential,
    /// <summary>Histogram: bin i spans BinEdgesNs[i]..BinEdgesNs[i+1] with relative weight BinWeights[i], uniform inside a bin.</summary>
    Tabulated,
}

/// <summary>A delay distribution, nanoseconds. Delays are never negative: a consequence follows its cause.</summary>
public sealed record DelayLawParameters
{
    public DelayLawKind Kind { get; init; } = DelayLawKind.Exponential;

    /// <summary>Mean of the exponential part, ns.</summary>
    public double MeanNs { get; init; } = 50;

    /// <summary>Fixed delay added to the exponential part, ns.</summary>
    public double OffsetNs { get; init; }

    /// <summary>Tabulated law: bin edges, ns, strictly increasing, first ≥ 0 (one more than the weights).</summary>
    public IReadOnlyList<double> BinEdgesNs { get; init; } = [];

    /// <summary>Tabulated law: relative weight of each bin (≥ 0, not all 0; normalised internally).</summary>
    public IReadOnlyList<double> BinWeights { get; init; } = [];

    /// <summary>An exponential law with the given mean and offset, ns.</summary>
    public static DelayLawParameters ExponentialNs(double meanNs, double offsetNs = 0) =>
        new() { Kind = DelayLawKind.Exponential, MeanNs = meanNs, OffsetNs = offsetNs };

    /// <summary>Throws <see cref="UserInputException"/> naming the key when a value is out of range.</summary>
    public void Validate(string key)
    {
        switch (Kind)
        {
            case DelayLawKind.Exponential:
                Check.NonNegative($"{key}:MeanNs", MeanNs, "ns");
                Check.NonNegative($"{key}:OffsetNs", OffsetNs, "ns");
                break;
            case DelayLawKind.Tabulated:
                if (BinWeights.Count < 1 || BinEdgesNs.Count != BinWeights.Count + 1)
                    throw Check.Invalid($"{key}:BinEdgesNs", $"needs one more edge than BinWeights ({BinEdgesNs.Count} edges, {BinWeights.Count} weights)");
                Check.NonNegative($"{key}:BinEdgesNs:0", BinEdgesNs[0], "ns");
                for (int i = 1; i < BinEdgesNs.Count; i++)
                    if (!(BinEdgesNs[i] > BinEdgesNs[i - 1]) || double.IsInfinity(BinEdgesNs[i]))
                        throw Check.Invalid($"{key}:BinEdgesNs:{i}", "edges (ns) must be finite and strictly increasing");
                double total = 0;
                for (int i = 0; i < BinWeights.Count; i++)
                {
                    Check.NonNegative($"{key}:BinWeights:{i}", BinWeights[i], "(relative weight)");
                    total += BinWeights[i];
                }
                if (!(total > 0)) throw Check.Invalid($"{key}:BinWeights", "weights must not all be 0");
                break;
            default:
                throw Check.Invalid($"{key}:Kind", $"unknown delay law '{Kind}' (Exponential, Tabulated)");
        }
    }
}
