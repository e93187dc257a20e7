namespace QdSim.Plotting.Figures;

/// <summary>Inputs of a TRPL decay figure.</summary>
/// <param name="DelayS">Delay after the laser pulse (bin centres), seconds.</param>
/// <param name="Counts">Photons per delay bin.</param>
/// <param name="IrfCounts">Instrument response per bin (same delays), or null; drawn scaled to the decay's peak.</param>
/// <param name="FitCounts">Fitted model per bin, or null.</param>
/// <param name="LifetimeS">Fitted lifetime, seconds, or null.</param>
/// <param name="LifetimeUncertaintyS">Standard error of the lifetime, seconds, or null.</param>
public sealed record DecayData(IReadOnlyList<double> DelayS, IReadOnlyList<double> Counts, IReadOnlyList<double>? IrfCounts,
    IReadOnlyList<double>? FitCounts, double? LifetimeS, double? LifetimeUncertaintyS = null);

/// <summary>Time-resolved PL decay on a log count axis with IRF and fit (seed 001 Fig. 6a).</summary>
public static class DecayFigure
{
    /// <summary>Builds the decay figure; empty bins (0 counts) are not drawn on the log axis.</summary>
    public static Figure Create(DecayData data)
    {
        Display.RequireData(data.DelayS, nameof(data.DelayS));
        Display.RequireSameLength(data.DelayS, data.Counts, nameof(data.Counts));
        var (delays, unit, factor) = Display.Scaled(data.DelayS, "s");
        var figure = new Figure(560, 420) { Title = "Time-resolved photoluminescence" };
        double peak = data.Counts.Max();
        var yAxis = new Axis("Counts", "", ScaleKind.Log) { Min = Math.Max(0.5, data.Counts.Where(c => c > 0).DefaultIfEmpty(1).Min() * 0.8) };
        var panel = figure.Add(new Panel(new Axis("Delay", unit) { Min = delays.Min(), Max = delays.Max() }, yAxis));
        if (data.IrfCounts is { } irf)
        {
            Display.RequireSameLength(data.DelayS, irf, nameof(data.IrfCounts));
            double irfPeak = irf.Max();
            double scale = irfPeak > 0 ? peak / irfPeak : 1;
            panel.Add(new LineSeries(delays, irf.Select(v => v * scale).ToArray()) { Colour = Palette.Grey, WidthPx = 1, Label = "IRF (scaled)" });
        }
        panel.Add(new LineSeries(delays, data.Counts) { Colour = Palette.Blue, WidthPx = 1, Label = "data" });
        if (data.FitCounts is { } fit)
        {
            Display.RequireSameLength(data.DelayS, fit, nameof(data.FitCounts));
            panel.Add(new LineSeries(delays, fit) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.5, Label = "fit" });
        }
        if (data.LifetimeS is { } tau)
        {
            string text = data.LifetimeUncertaintyS is { } u
                ? $"τ = {Display.WithUncertainty(tau * factor, u * factor)} {unit}"
                : $"τ = {SiPrefix.Format(tau, "s")}";
            panel.Add(TextAnnotation.AtFraction(text, 0.97, 0.62));
        }
        return figure;
    }
}

/// <summary>Inputs of a fluorescence-lifetime–intensity distribution (FLID).</summary>
/// <param name="LifetimeEdgesS">Lifetime bin edges, seconds.</param>
/// <param name="IntensityEdgesCps">Intensity bin edges, counts per second.</param>
/// <param name="Occurrences">Number of trace bins in each [lifetime, intensity] cell.</param>
/// <param name="LogColour">Log colour scale (occurrences often span decades).</param>
public sealed record FlidData(IReadOnlyList<double> LifetimeEdgesS, IReadOnlyList<double> IntensityEdgesCps, double[,] Occurrences, bool LogColour = true);

/// <summary>FLID colour map: lifetime along x, intensity along y, occurrences as colour with a colour bar.</summary>
public static class FlidFigure
{
    /// <summary>Builds the FLID map.</summary>
    public static Figure Create(FlidData data)
    {
        var (lifetimes, lifetimeUnit, _) = Display.Scaled(data.LifetimeEdgesS, "s");
        var (intensities, intensityUnit, _) = Display.Scaled(data.IntensityEdgesCps, "cps");
        var figure = new Figure(560, 440) { Title = "Fluorescence lifetime–intensity distribution" };
        var panel = figure.Add(new Panel(new Axis("Lifetime", lifetimeUnit) { Tight = true }, new Axis("Intensity", intensityUnit) { Tight = true }));
        panel.Add(new Heatmap(lifetimes, intensities, data.Occurrences) { LogColour = data.LogColour, ColourBarLabel = "Occurrences" });
        return figure;
    }
}
