namespace QdSim.Plotting.Figures;

/// <summary>Photon-number distribution per pulse: P(n) measured and the Poisson law of the same mean.</summary>
/// <param name="Probability">P(n) for n = 0, 1, 2, … (index = photon number).</param>
/// <param name="MeanPhotonNumber">Mean number per pulse ⟨N⟩ used for the Poisson reference.</param>
/// <param name="LogY">Log probability axis (to show the small multi-photon terms).</param>
public sealed record PhotonNumberData(IReadOnlyList<double> Probability, double MeanPhotonNumber, bool LogY = false);

/// <summary>Saturation curve: detected rate against excitation power with an optional fitted curve.</summary>
/// <param name="ExcitationPowerW">Excitation power per point, watts.</param>
/// <param name="CountRateHz">Detected count rate, counts per second.</param>
/// <param name="CountRateErrorHz">Standard error of the rate, or null.</param>
/// <param name="FitPowerW">Powers of the fitted curve (may be empty).</param>
/// <param name="FitCountRateHz">Fitted rate at those powers.</param>
/// <param name="SaturationPowerW">Fitted saturation power, watts, or null.</param>
/// <param name="LogPower">Log power axis.</param>
public sealed record SaturationData(IReadOnlyList<double> ExcitationPowerW, IReadOnlyList<double> CountRateHz, IReadOnlyList<double>? CountRateErrorHz,
    IReadOnlyList<double> FitPowerW, IReadOnlyList<double> FitCountRateHz, double? SaturationPowerW, bool LogPower = true);

/// <summary>Figures of photon statistics per pulse and of excitation saturation.</summary>
public static class PhotonStatisticsFigures
{
    /// <summary>Bars of P(n) with Poisson(⟨N⟩) drawn as open markers joined by a dashed guide.</summary>
    public static Figure PhotonNumber(PhotonNumberData data)
    {
        Display.RequireData(data.Probability, nameof(data.Probability));
        double[] n = Enumerable.Range(0, data.Probability.Count).Select(i => (double)i).ToArray();
        double[] poisson = n.Select(k => PoissonDistribution.Probability((int)k, data.MeanPhotonNumber)).ToArray();
        var figure = new Figure(520, 400) { Title = "Photon number per pulse" };
        var yAxis = data.LogY ? new Axis("P(n)", "", ScaleKind.Log) : new Axis("P(n)") { Min = 0 };
        var panel = figure.Add(new Panel(new Axis("Photons per pulse n") { Min = -0.6, Max = n.Length - 0.4, CustomTicks = n.Select(v => (v, TickFormatter.Number(v, 0))).ToList() }, yAxis));
        panel.Add(new BarSeries(n, data.Probability, 0.7) { Colour = Palette.Blue, Label = "measured" });
        panel.Add(new LineSeries(n, poisson) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1 });
        panel.Add(new ScatterSeries(n, poisson) { Colour = Palette.Vermillion, Filled = false, SizePx = 6, Label = $"Poisson, ⟨N⟩ = {SiPrefix.Significant(data.MeanPhotonNumber, 3)}" });
        return figure;
    }

    /// <summary>Rate against power with error bars, fitted curve dashed, saturation power marked.</summary>
    public static Figure Saturation(SaturationData data)
    {
        Display.RequireData(data.ExcitationPowerW, nameof(data.ExcitationPowerW));
        Display.RequireSameLength(data.ExcitationPowerW, data.CountRateHz, nameof(data.CountRateHz));
        var (power, powerUnit, powerFactor) = Display.Scaled(data.ExcitationPowerW, "W");
        var (rate, rateUnit, rateFactor) = Display.Scaled(data.CountRateHz, "cps");
        var figure = new Figure(520, 400) { Title = "Saturation" };
        var panel = figure.Add(new Panel(new Axis("Excitation power", powerUnit, data.LogPower ? ScaleKind.Log : ScaleKind.Linear), new Axis("Count rate", rateUnit) { Min = 0 }) { Legend = LegendPosition.BottomRight });
        panel.Add(new ScatterSeries(power, rate, data.CountRateErrorHz is { } e ? Display.Times(e, rateFactor) : null) { Colour = Palette.Blue, Label = "data" });
        if (data.FitPowerW.Count > 0)
            panel.Add(new LineSeries(Display.Times(data.FitPowerW, powerFactor), Display.Times(data.FitCountRateHz, rateFactor)) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.5, Label = "fit" });
        if (data.SaturationPowerW is { } pSat)
            panel.Add(new ReferenceLine(Orientation.Vertical, pSat * powerFactor) { Style = LineStyle.Dotted, Annotation = $"P_sat = {SiPrefix.Format(pSat, "W")}" });
        return figure;
    }
}
