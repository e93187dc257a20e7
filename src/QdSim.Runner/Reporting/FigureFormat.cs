namespace QdSim.Runner.Reporting;

/// <summary>What <c>--figures</c> asks for: SVG files under figures/ (PNG copies when rsvg-convert exists), or none.</summary>
public enum FigureFormat
{
    /// <summary>figures/&lt;name&gt;.svg for every figure of the report (default).</summary>
    Svg,

    /// <summary>No figure files; report.html (when written) still holds every figure inline.</summary>
    None,
}

/// <summary>Parsing of the <c>--figures</c> value.</summary>
public static class FigureFormats
{
    /// <summary>Parses "svg" or "none" (any case); anything else is a user error naming the option.</summary>
    public static FigureFormat Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "svg" => FigureFormat.Svg,
        "none" => FigureFormat.None,
        _ => throw new UserInputException($"--figures: '{text}' is not svg or none"),
    };
}

/// <summary>What <c>qdsim simulate</c> was asked to produce after the run (null request: <c>--no-analysis</c>).</summary>
/// <param name="Figures">--figures.</param>
/// <param name="WriteReport">--report (and not --no-report).</param>
internal sealed record SimulationReportRequest(FigureFormat Figures, bool WriteReport);
