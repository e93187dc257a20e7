namespace QdSim.Plotting.Axes;

/// <summary>How data values are placed along an axis.</summary>
public enum ScaleKind
{
    /// <summary>Equal distances for equal differences.</summary>
    Linear,
    /// <summary>Equal distances for equal ratios (decades); non-positive values are not drawn.</summary>
    Log,
}

/// <summary>
/// Description of one axis: label with unit, scale and optional fixed limits. Two panels that hold the SAME
/// <see cref="Axis"/> instance share it: the range is resolved once over the data of both (e.g. a blinking trace
/// and the intensity histogram beside it share the intensity axis).
/// </summary>
public sealed class Axis
{
    /// <summary>Creates an axis.</summary>
    /// <param name="label">Quantity name, e.g. "Delay τ".</param>
    /// <param name="unit">Unit shown in parentheses after the label, e.g. "ns"; empty for dimensionless.</param>
    /// <param name="scale">Linear or logarithmic.</param>
    public Axis(string label, string unit = "", ScaleKind scale = ScaleKind.Linear)
    {
        Label = label;
        Unit = unit;
        Scale = scale;
    }

    /// <summary>Quantity name.</summary>
    public string Label { get; set; }

    /// <summary>Unit of the values along this axis (empty when dimensionless).</summary>
    public string Unit { get; set; }

    /// <summary>Linear or logarithmic scale.</summary>
    public ScaleKind Scale { get; set; }

    /// <summary>Fixed lower limit; null means derived from the data.</summary>
    public double? Min { get; set; }

    /// <summary>Fixed upper limit; null means derived from the data.</summary>
    public double? Max { get; set; }

    /// <summary>
    /// When true an automatic range ends at the data; when false (default) it is widened to the next major
    /// tick (linear) or decade (log), as most published panels do.
    /// </summary>
    public bool Tight { get; set; }

    /// <summary>Approximate number of major ticks wanted on a linear axis.</summary>
    public int TargetTickCount { get; set; } = 5;

    /// <summary>
    /// Fixed ticks with their own labels (e.g. environment state names at 0, 1, 2) replacing the generated ones;
    /// null for automatic ticks.
    /// </summary>
    public IReadOnlyList<(double Value, string Text)>? CustomTicks { get; set; }

    /// <summary>The label as printed: "Label (unit)" or just "Label".</summary>
    public string Title => Unit.Length == 0 ? Label : $"{Label} ({Unit})";

    /// <summary>Sets fixed limits and returns this axis (fluent).</summary>
    public Axis WithLimits(double? min, double? max)
    {
        Min = min;
        Max = max;
        return this;
    }
}
