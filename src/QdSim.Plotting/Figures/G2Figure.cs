namespace QdSim.Plotting.Figures;

/// <summary>Inputs of a pulsed g2(τ) figure.</summary>
/// <param name="DelayS">Delay bin centres in seconds.</param>
/// <param name="Coincidences">Coincidences per delay bin.</param>
/// <param name="RepetitionPeriodS">Laser repetition period in seconds (peak spacing).</param>
/// <param name="PeakWindowHalfWidthS">Half width of the integration window around each peak, seconds.</param>
/// <param name="G2Zero">g2(0): zero-delay peak area over the mean side-peak area.</param>
/// <param name="G2ZeroUncertainty">Standard error of g2(0), or null.</param>
public sealed record PulsedG2Data(IReadOnlyList<double> DelayS, IReadOnlyList<double> Coincidences, double RepetitionPeriodS,
    double PeakWindowHalfWidthS, double G2Zero, double? G2ZeroUncertainty = null);

/// <summary>Inputs of a continuous-wave g2(τ) figure.</summary>
/// <param name="DelayS">Delay bin centres in seconds.</param>
/// <param name="G2">Normalised g2 per bin.</param>
/// <param name="FitDelayS">Delays of the fitted curve, seconds (may be empty).</param>
/// <param name="FitG2">Fitted g2 at those delays.</param>
/// <param name="G2Zero">Fitted g2(0).</param>
/// <param name="G2ZeroUncertainty">Standard error of g2(0), or null.</param>
/// <param name="InsetHalfWidthS">Half width of the zero-delay inset, seconds.</param>
public sealed record ContinuousG2Data(IReadOnlyList<double> DelayS, IReadOnlyList<double> G2, IReadOnlyList<double> FitDelayS,
    IReadOnlyList<double> FitG2, double G2Zero, double? G2ZeroUncertainty, double InsetHalfWidthS);

/// <summary>
/// Second-order correlation figures in the style of seed 001 Fig. 2h: the coincidence histogram with peak
/// windows shaded (zero-delay window in vermillion) and g2(0) written on it, plus an inset around zero delay.
/// </summary>
public static class G2Figure
{
    /// <summary>Pulsed g2: coincidences vs delay, peak windows marked, inset over one period around τ = 0.</summary>
    public static Figure Pulsed(PulsedG2Data data)
    {
        Display.RequireData(data.DelayS, nameof(data.DelayS));
        Display.RequireSameLength(data.DelayS, data.Coincidences, nameof(data.Coincidences));
        var (delays, unit, factor) = Display.Scaled(data.DelayS, "s");
        double period = data.RepetitionPeriodS * factor, half = data.PeakWindowHalfWidthS * factor;
        var figure = new Figure(640, 420) { Title = "Pulsed second-order correlation" };
        var panel = figure.Add(new Panel(new Axis("Delay τ", unit) { Min = delays.Min(), Max = delays.Max() }, new Axis("Coincidences") { Min = 0 }) { Legend = LegendPosition.TopLeft });
        int lastPeak = (int)Math.Floor(delays.Max() / period + 0.5), firstPeak = (int)Math.Ceiling(delays.Min() / period - 0.5);
        bool sideLabelled = false;
        for (int k = firstPeak; k <= lastPeak; k++)
        {
            bool zero = k == 0;
            string? label = zero ? "τ = 0 window" : sideLabelled ? null : "side-peak windows";
            sideLabelled |= !zero;
            panel.Add(new Span(Orientation.Vertical, k * period - half, k * period + half) { Colour = zero ? Palette.Vermillion : Palette.Grey, Label = label });
        }
        panel.Add(new LineSeries(delays, data.Coincidences) { Colour = Palette.Blue, WidthPx = 0.9 });
        panel.Add(TextAnnotation.AtFraction($"g⁽²⁾(0) = {Display.WithUncertainty(data.G2Zero, data.G2ZeroUncertainty)}", 0.98, 0.92));
        var insetX = new Axis("τ", unit) { Min = -period / 2, Max = period / 2 };
        // The inset sits over the empty space above the zero-delay peak, between the neighbouring side peaks.
        double fromFraction = (-0.5 * period - delays.Min()) / (delays.Max() - delays.Min());
        double widthFraction = Math.Min(0.45, 1.05 * period / (delays.Max() - delays.Min()));
        var inset = panel.AddInset(new Panel(insetX, new Axis("") { Min = 0 }) { Legend = LegendPosition.None, ShowXTitle = false, ShowYTitle = false },
            Math.Clamp(fromFraction, 0.08, 0.5), 0.3, widthFraction, 0.45);
        inset.Add(new Span(Orientation.Vertical, -half, half) { Colour = Palette.Vermillion });
        AddWindowed(inset, delays, data.Coincidences, -period / 2, period / 2);
        return figure;
    }

    /// <summary>CW g2: normalised g2 vs delay with the fit drawn dashed, g2 = 1 and 0.5 guides, inset around τ = 0.</summary>
    public static Figure Continuous(ContinuousG2Data data)
    {
        Display.RequireData(data.DelayS, nameof(data.DelayS));
        Display.RequireSameLength(data.DelayS, data.G2, nameof(data.G2));
        Display.RequireSameLength(data.FitDelayS, data.FitG2, nameof(data.FitG2));
        var (delays, unit, factor) = Display.Scaled(data.DelayS, "s");
        double[] fitDelays = Display.Times(data.FitDelayS, factor);
        var figure = new Figure(640, 420) { Title = "CW second-order correlation" };
        var g2Axis = new Axis("g⁽²⁾(τ)") { Min = 0 };
        var panel = figure.Add(new Panel(new Axis("Delay τ", unit) { Min = delays.Min(), Max = delays.Max() }, g2Axis) { Legend = LegendPosition.BottomLeft });
        panel.Add(new ReferenceLine(Orientation.Horizontal, 1) { Style = LineStyle.Dotted });
        panel.Add(new ReferenceLine(Orientation.Horizontal, 0.5) { Style = LineStyle.Dotted, Annotation = "0.5" });
        panel.Add(new LineSeries(delays, data.G2) { Colour = Palette.Blue, WidthPx = 0.9, Label = "data" });
        if (fitDelays.Length > 0) panel.Add(new LineSeries(fitDelays, data.FitG2) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.5, Label = "fit" });
        panel.Add(TextAnnotation.AtFraction($"g⁽²⁾(0) = {Display.WithUncertainty(data.G2Zero, data.G2ZeroUncertainty)}", 0.98, 0.92));
        double w = data.InsetHalfWidthS * factor;
        var inset = panel.AddInset(new Panel(new Axis("τ", unit) { Min = -w, Max = w }, new Axis("") { Min = 0 }) { Legend = LegendPosition.None, ShowXTitle = false, ShowYTitle = false }, 0.62, 0.12, 0.33, 0.36);
        AddWindowed(inset, delays, data.G2, -w, w);
        var fitInWindow = Enumerable.Range(0, fitDelays.Length).Where(i => fitDelays[i] >= -w && fitDelays[i] <= w).ToArray();
        if (fitInWindow.Length > 0)
            inset.Add(new LineSeries(fitInWindow.Select(i => fitDelays[i]).ToArray(), fitInWindow.Select(i => data.FitG2[i]).ToArray()) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.3 });
        return figure;
    }

    /// <summary>Adds only the points inside [from, to] so the inset's y range follows the zoomed data.</summary>
    private static void AddWindowed(Panel inset, double[] x, IReadOnlyList<double> y, double from, double to)
    {
        int[] inside = Enumerable.Range(0, x.Length).Where(i => x[i] >= from && x[i] <= to).ToArray();
        inset.Add(new LineSeries(inside.Select(i => x[i]).ToArray(), inside.Select(i => y[i]).ToArray()) { Colour = Palette.Blue, WidthPx = 0.9 });
    }
}
