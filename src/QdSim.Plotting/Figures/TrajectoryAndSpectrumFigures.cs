namespace QdSim.Plotting.Figures;

/// <summary>A simulated trace with the ground-truth environment states that produced it.</summary>
/// <param name="BinWidthS">Trace bin width, seconds.</param>
/// <param name="CountsPerBin">Detected photons per bin (bin i starts at i·BinWidthS).</param>
/// <param name="StateChangeTimesS">Times at which the environment entered a state, ascending; the first is usually 0.</param>
/// <param name="StateIndices">State entered at each change time (index into <paramref name="StateNames"/>).</param>
/// <param name="StateNames">Names of the states, e.g. ["neutral", "charged", "trap"].</param>
public sealed record EnvironmentTrajectoryData(double BinWidthS, IReadOnlyList<double> CountsPerBin, IReadOnlyList<double> StateChangeTimesS,
    IReadOnlyList<int> StateIndices, IReadOnlyList<string> StateNames);

/// <summary>Emission spectrum with an optional fitted line shape.</summary>
/// <param name="WavelengthNm">Wavelengths, nm.</param>
/// <param name="Intensity">Counts per wavelength bin.</param>
/// <param name="FitIntensity">Fitted line shape at the same wavelengths, or null.</param>
public sealed record SpectrumData(IReadOnlyList<double> WavelengthNm, IReadOnlyList<double> Intensity, IReadOnlyList<double>? FitIntensity = null);

/// <summary>Spectra recorded over time, one row per exposure.</summary>
/// <param name="TimeEdgesS">Exposure edges, seconds.</param>
/// <param name="WavelengthEdgesNm">Wavelength bin edges, nm.</param>
/// <param name="Intensity">Counts [time index, wavelength index].</param>
public sealed record SpectralSeriesData(IReadOnlyList<double> TimeEdgesS, IReadOnlyList<double> WavelengthEdgesNm, double[,] Intensity);

/// <summary>Simulation-only ground-truth figure and spectral figures.</summary>
public static class TrajectoryAndSpectrumFigures
{
    /// <summary>Measured trace on top, the true environment state as a step line below, sharing the time axis.</summary>
    public static Figure EnvironmentTrajectory(EnvironmentTrajectoryData data)
    {
        Display.RequireData(data.CountsPerBin, nameof(data.CountsPerBin));
        if (data.StateChangeTimesS.Count != data.StateIndices.Count || data.StateChangeTimesS.Count == 0)
            throw new ArgumentException($"StateChangeTimesS ({data.StateChangeTimesS.Count}) and StateIndices ({data.StateIndices.Count}) must be non-empty and of equal length", nameof(data));
        double endS = data.CountsPerBin.Count * data.BinWidthS;
        var time = new Axis("Time", "s") { Min = 0, Max = endS };
        var figure = new Figure(820, 480, rows: 2) { Title = "Measured trace and ground-truth environment" };
        figure.RowWeights[0] = 2;
        var trace = figure.Add(new Panel(time, new Axis("Intensity", "kcps") { Min = 0 }) { Letter = "a", ShowXTickLabels = false, ShowXTitle = false }, 0);
        double[] t = Enumerable.Range(0, data.CountsPerBin.Count).Select(i => (i + 0.5) * data.BinWidthS).ToArray();
        trace.Add(new LineSeries(t, Display.Times(data.CountsPerBin, 1e-3 / data.BinWidthS)) { WidthPx = 0.7 });
        var stateAxis = new Axis("State")
        {
            Min = -0.5,
            Max = data.StateNames.Count - 0.5,
            CustomTicks = data.StateNames.Select((name, i) => ((double)i, name)).ToList(),
        };
        var states = figure.Add(new Panel(time, stateAxis) { Letter = "b", Legend = LegendPosition.None }, 1);
        var stepX = new List<double>();
        var stepY = new List<double>();
        for (int i = 0; i < data.StateIndices.Count; i++)
        {
            double until = i + 1 < data.StateChangeTimesS.Count ? data.StateChangeTimesS[i + 1] : endS;
            stepX.Add(data.StateChangeTimesS[i]);
            stepY.Add(data.StateIndices[i]);
            stepX.Add(until);
            stepY.Add(data.StateIndices[i]);
        }
        states.Add(new LineSeries(stepX, stepY) { Colour = Palette.Green, WidthPx = 1.2 });
        return figure;
    }

    /// <summary>Spectrum with the fitted line shape dashed; the peak wavelength written on it.</summary>
    public static Figure Spectrum(SpectrumData data)
    {
        Display.RequireData(data.WavelengthNm, nameof(data.WavelengthNm));
        Display.RequireSameLength(data.WavelengthNm, data.Intensity, nameof(data.Intensity));
        var figure = new Figure(520, 400) { Title = "Photoluminescence spectrum" };
        var panel = figure.Add(new Panel(new Axis("Wavelength", "nm") { Tight = true }, new Axis("Intensity", "counts") { Min = 0 }));
        panel.Add(new LineSeries(data.WavelengthNm, data.Intensity) { Label = "data" });
        if (data.FitIntensity is { } fit)
            panel.Add(new LineSeries(data.WavelengthNm, fit) { Colour = Palette.Vermillion, Style = LineStyle.Dashed, WidthPx = 1.5, Label = "fit" });
        int peak = Enumerable.Range(0, data.Intensity.Count).MaxBy(i => data.Intensity[i]);
        panel.Add(TextAnnotation.AtFraction($"peak {TickFormatter.Number(data.WavelengthNm[peak], 1)} nm", 0.03, 0.92, TextAnchor.Start));
        return figure;
    }

    /// <summary>Spectral time series as a colour map: wavelength along x, time along y (seed 001 Fig. 2g style).</summary>
    public static Figure SpectralTimeSeries(SpectralSeriesData data)
    {
        int times = data.Intensity.GetLength(0), wavelengths = data.Intensity.GetLength(1);
        var transposed = new double[wavelengths, times];
        for (int i = 0; i < times; i++)
            for (int j = 0; j < wavelengths; j++) transposed[j, i] = data.Intensity[i, j];
        var figure = new Figure(560, 440) { Title = "Spectral time series" };
        var panel = figure.Add(new Panel(new Axis("Wavelength", "nm") { Tight = true }, new Axis("Time", "s") { Tight = true }));
        panel.Add(new Heatmap(data.WavelengthEdgesNm, data.TimeEdgesS, transposed) { ColourBarLabel = "Intensity (counts)" });
        return figure;
    }
}
