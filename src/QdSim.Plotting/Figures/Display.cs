namespace QdSim.Plotting.Figures;

/// <summary>Shared helpers of the figure builders: unit scaling for display and argument checks.</summary>
internal static class Display
{
    /// <summary>Scales base-unit values by the SI prefix that suits their largest magnitude; returns the scaled values and the prefixed unit.</summary>
    public static (double[] Values, string Unit, double Factor) Scaled(IReadOnlyList<double> values, string baseUnit)
    {
        double largest = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var (prefix, factor) = SiPrefix.For(largest);
        return (values.Select(v => v * factor).ToArray(), prefix + baseUnit, factor);
    }

    /// <summary>Multiplies every value by a factor.</summary>
    public static double[] Times(IReadOnlyList<double> values, double factor) => values.Select(v => v * factor).ToArray();

    /// <summary>Throws a one-line error naming the argument when a required array is empty.</summary>
    public static void RequireData(IReadOnlyList<double> values, string name)
    {
        if (values.Count == 0) throw new ArgumentException($"{name} is empty: nothing to plot", name);
    }

    /// <summary>Throws when two paired arrays differ in length.</summary>
    public static void RequireSameLength(IReadOnlyList<double> a, IReadOnlyList<double> b, string name)
    {
        if (a.Count != b.Count) throw new ArgumentException($"{name} has {b.Count} values, expected {a.Count}", name);
    }

    /// <summary>Value ± uncertainty with matching decimals, e.g. "0.013 ± 0.002"; just the value when the uncertainty is absent.</summary>
    public static string WithUncertainty(double value, double? uncertainty)
    {
        if (uncertainty is not { } u || !(u > 0)) return SiPrefix.Significant(value, 3);
        int decimals = Math.Max(0, 1 - (int)Math.Floor(Math.Log10(u)));
        return $"{TickFormatter.Number(value, decimals)} ± {TickFormatter.Number(u, decimals)}";
    }
}
