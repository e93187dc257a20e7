namespace QdSim.Plotting.Figures;

/// <summary>Dwell-time probability density of one state with its fitted power law P(t) = A·t^(−k).</summary>
/// <param name="Name">State name for the legend ("ON", "OFF").</param>
/// <param name="DurationS">Durations (bin centres) in seconds.</param>
/// <param name="ProbabilityDensityPerS">Probability density at each duration, 1/s.</param>
/// <param name="PowerLawExponent">Fitted k, or null when no fit.</param>
/// <param name="PowerLawPrefactor">Fitted A in s^(k−1) so that A·t^(−k) is in 1/s.</param>
/// <param name="FitMinS">Shortest duration of the fit range, seconds.</param>
/// <param name="FitMaxS">Longest duration of the fit range, seconds.</param>
public sealed record DwellTimeSeries(string Name, IReadOnlyList<double> DurationS, IReadOnlyList<double> ProbabilityDensityPerS,
    double? PowerLawExponent, double? PowerLawPrefactor, double FitMinS, double FitMaxS);

/// <summary>ON/OFF dwell-time densities on log-log axes with the fitted power laws (seed 001 Fig. 2i).</summary>
public static class DwellTimeFigure
{
    /// <summary>Builds the log-log figure; each series gets markers and, when fitted, a dashed power law over its fit range.</summary>
    public static Figure Create(params DwellTimeSeries[] series)
    {
        var figure = new Figure(520, 420) { Title = "ON/OFF dwell-time statistics" };
        var panel = figure.Add(new Panel(new Axis("Duration t", "s", ScaleKind.Log), new Axis("P(t)", "s⁻¹", ScaleKind.Log)));
        MarkerShape[] shapes = [MarkerShape.Circle, MarkerShape.Square, MarkerShape.Triangle];
        for (int s = 0; s < series.Length; s++)
        {
            var d = series[s];
            Display.RequireSameLength(d.DurationS, d.ProbabilityDensityPerS, nameof(d.ProbabilityDensityPerS));
            string colour = s == 0 ? Palette.Blue : s == 1 ? Palette.Vermillion : Palette.At(s);
            string label = d.PowerLawExponent is { } k ? $"{d.Name}, k = {TickFormatter.Number(k, 2)}" : d.Name;
            panel.Add(new ScatterSeries(d.DurationS, d.ProbabilityDensityPerS) { Colour = colour, Shape = shapes[s % shapes.Length], Filled = s == 0, Label = label });
            if (d.PowerLawExponent is { } exponent && d.PowerLawPrefactor is { } prefactor && d.FitMaxS > d.FitMinS && d.FitMinS > 0)
            {
                double[] t = Enumerable.Range(0, 24).Select(i => d.FitMinS * Math.Pow(d.FitMaxS / d.FitMinS, i / 23.0)).ToArray();
                panel.Add(new LineSeries(t, t.Select(v => prefactor * Math.Pow(v, -exponent)).ToArray()) { Colour = colour, Style = LineStyle.Dashed, WidthPx = 1.4 });
            }
        }
        return figure;
    }
}
