using System.Globalization;
using System.Text.Json;
using QdSim.Analysis.Report;
using QdSim.Plotting.Axes;
using QdSim.Plotting.Elements;
using QdSim.Plotting.Figures;
using QdSim.Plotting.Layout;
using QdSim.Plotting.Svg;
using QdSim.TimeTags.IO;

namespace QdSim.Runner.Saturation;

/// <summary>The content of saturation.json (schema: docs/saturation.md). Members that do not apply are null.</summary>
internal sealed record SaturationReport
{
    public const int CurrentSchemaVersion = 1;
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public string Model { get; init; } = "rate = A·(1 − exp(−⟨N⟩)); ⟨N⟩ given, or ⟨N⟩ = k·x for excitation x (k = σ for photon fluence)";
    public required SaturationExcitationInfo Excitation { get; init; }
    /// <summary>Channels requested with --channels; null: every photon channel of each file.</summary>
    public IReadOnlyList<short>? Channels { get; init; }
    public required SaturationBackgroundInfo Background { get; init; }
    public required SaturationFitInfo Fit { get; init; }
    public required IReadOnlyList<SaturationPointInfo> Points { get; init; }
    public required IReadOnlyList<SaturationFileInfo> Files { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>camelCase, indented, NaN/∞ as null: the conventions of analysis.json.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, AnalysisResult.JsonOptions);

    /// <summary>Header and rows of saturation.csv: one row per point, the excitation column named after its quantity and unit.</summary>
    public void WriteCsv(TextWriter writer, string excitationColumn)
    {
        writer.WriteLine(string.Join(',', "file", "segment_start_s", "segment_end_s", "duration_s", excitationColumn, "photon_fluence_per_cm2", "counts",
            "background_cps", "rate_cps", "rate_sigma_cps", "fit_rate_cps", "residual_sigmas", "mean_excitons", "mean_excitons_stderr",
            "mean_excitons_from_rate", "mean_excitons_from_rate_stderr"));
        foreach (var p in Points)
        {
            double? excitation = p.PowerUW ?? p.FluenceUJPerCm2 ?? p.MeanExcitonsGiven ?? p.PhotonFluencePerCm2;
            writer.WriteLine(string.Join(',', Quote(p.File), N(p.SegmentStartS), N(p.SegmentEndS), N(p.DurationS), N(excitation), N(p.PhotonFluencePerCm2),
                p.Counts.ToString(CultureInfo.InvariantCulture), N(p.BackgroundCps), N(p.RateCps), N(p.RateSigmaCps), N(p.FitRateCps), N(p.ResidualSigmas),
                N(p.MeanExcitons), N(p.MeanExcitonsStdErr), N(p.MeanExcitonsFromRate), N(p.MeanExcitonsFromRateStdErr)));
        }
    }

    private static string N(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    /// <summary>
    /// Rate against excitation with Poisson error bars and the fitted curve, drawn by the same sweep builder as
    /// validation case 08's saturation figure; the fitted numbers are written in the panel.
    /// </summary>
    public Figure BuildFigure(ExcitationUnits units)
    {
        var x = Points.Select(p => p.PowerUW ?? p.FluenceUJPerCm2 ?? p.MeanExcitonsGiven ?? p.PhotonFluencePerCm2 ?? double.NaN).ToArray();
        double largestRate = Points.Select(p => Math.Abs(p.RateCps) + p.RateSigmaCps).Append(Fit.SaturatedRateCps).Max();
        var (rateUnit, rateFactor) = largestRate >= 1e6 ? ("Mcps", 1e-6) : largestRate >= 1e3 ? ("kcps", 1e-3) : ("cps", 1.0);
        double min = x.Min(), max = x.Max();
        bool logX = max / min >= 20;
        // The curve spans the data and a little beyond, so the plateau and the initial slope are both visible.
        double lo = logX ? min / 1.5 : 0, hi = logX ? max * 1.5 : max * 1.05;
        var curveX = Enumerable.Range(0, 201).Select(i => logX ? lo * Math.Pow(hi / lo, i / 200.0) : lo + (hi - lo) * i / 200.0).ToArray();
        double perUnit = units.Quantity == ExcitationQuantity.MeanExcitons ? 1 : Fit.MeanExcitonsPerUW ?? Fit.MeanExcitonsPerUJPerCm2 ?? Fit.CrossSectionCm2 ?? double.NaN;
        var curveY = curveX.Select(v => Fit.SaturatedRateCps * (1 - Math.Exp(-perUnit * v)) * rateFactor).ToArray();
        var figure = ValidationFigures.Sweep(new SweepData(units.Label, units.Unit, x, "Count rate", rateUnit,
            Points.Select(p => p.RateCps * rateFactor).ToArray(), Points.Select(p => p.RateSigmaCps * rateFactor).ToArray(), curveX, curveY, LogX: logX),
            "Saturation: rate = A(1 − e^(−⟨N⟩))", dataLabel: "measured", modelLabel: "fit");
        var panel = figure.Panels[0].Panel;
        panel.Legend = LegendPosition.BottomRight;
        panel.Add(TextAnnotation.AtFraction(FitSummary("\n"), 0.04, 0.93, TextAnchor.Start));
        return figure;
    }

    /// <summary>The fitted numbers joined by <paramref name="separator"/> (", " for the console, a new line in the figure).</summary>
    public string FitSummary(string separator = ", ")
    {
        var f = Fit;
        var parts = new List<string> { $"A = {SiPrefix.Significant(f.SaturatedRateCps, 4)} ± {SiPrefix.Significant(f.SaturatedRateSigmaCps, 2)} cps" };
        if (f.CrossSectionCm2 is { } s) parts.Add($"σ = {s:E3} ± {f.CrossSectionSigmaCm2:E1} cm²");
        if (f.SaturationPowerUW is { } p) parts.Add($"⟨N⟩ = 1 at {SiPrefix.Significant(p, 4)} ± {SiPrefix.Significant(f.SaturationPowerSigmaUW ?? double.NaN, 2)} µW");
        if (f.SaturationFluenceUJPerCm2 is { } j) parts.Add($"⟨N⟩ = 1 at {SiPrefix.Significant(j, 4)} ± {SiPrefix.Significant(f.SaturationFluenceSigmaUJPerCm2 ?? double.NaN, 2)} µJ/cm²");
        parts.Add($"χ²/dof = {f.ChiSquare:F1}/{f.DegreesOfFreedom}");
        return string.Join(separator, parts);
    }
}

/// <summary>The excitation quantity and its conversion to photon fluence.</summary>
/// <param name="Quantity">MeanExcitons, FluenceUJPerCm2, PhotonFluencePerCm2 or PowerUW.</param>
/// <param name="Unit">Its unit ("" for ⟨N⟩).</param>
/// <param name="WavelengthNm">--wavelength-nm.</param>
/// <param name="RepetitionRateMHz">--repetition-rate-mhz.</param>
/// <param name="SpotAreaUm2">--spot-area-um2 (effective area: pulse energy / peak fluence).</param>
/// <param name="PhotonFluencePerCm2PerUnit">Photons/cm² per pulse for one unit of the values; null when not convertible.</param>
internal sealed record SaturationExcitationInfo(string Quantity, string Unit, double? WavelengthNm, double? RepetitionRateMHz, double? SpotAreaUm2,
    double? PhotonFluencePerCm2PerUnit);

/// <summary>What was subtracted from each point's rate.</summary>
/// <param name="Source">none, rates (--background-cps) or file (--background-file).</param>
/// <param name="File">The background file, or null.</param>
/// <param name="TotalCps">One rate for the summed channels, counts/s.</param>
/// <param name="PerChannelCps">Rate by channel, counts/s (given, or measured from the file).</param>
/// <param name="DurationS">Duration of the background file, s.</param>
internal sealed record SaturationBackgroundInfo(string Source, string? File, double? TotalCps, IReadOnlyDictionary<string, double>? PerChannelCps, double? DurationS);

/// <summary>The fitted saturation curve: A always; the slope of ⟨N⟩ and the excitation at ⟨N⟩ = 1 in the unit given.</summary>
internal sealed record SaturationFitInfo
{
    public double SaturatedRateCps { get; init; }
    public double SaturatedRateSigmaCps { get; init; }
    public double? CrossSectionCm2 { get; init; }
    public double? CrossSectionSigmaCm2 { get; init; }
    public double? MeanExcitonsPerUW { get; init; }
    public double? MeanExcitonsPerUWStdErr { get; init; }
    public double? MeanExcitonsPerUJPerCm2 { get; init; }
    public double? MeanExcitonsPerUJPerCm2StdErr { get; init; }
    public double? SaturationPowerUW { get; init; }
    public double? SaturationPowerSigmaUW { get; init; }
    public double? SaturationFluenceUJPerCm2 { get; init; }
    public double? SaturationFluenceSigmaUJPerCm2 { get; init; }
    public double? SaturationPhotonFluencePerCm2 { get; init; }
    public double? SaturationPhotonFluenceSigmaPerCm2 { get; init; }
    public double ChiSquare { get; init; }
    public int DegreesOfFreedom { get; init; }
    public double? ReducedChiSquare { get; init; }
    public bool ErrorsScaledByReducedChiSquare { get; init; }
}

/// <summary>One point: where its counts came from, its excitation, its rate and what the fit says about it.</summary>
internal sealed record SaturationPointInfo
{
    public required string File { get; init; }
    public double SegmentStartS { get; init; }
    public double SegmentEndS { get; init; }
    public double DurationS { get; init; }
    public double? MeanExcitonsGiven { get; init; }
    public double? FluenceUJPerCm2 { get; init; }
    public double? PhotonFluencePerCm2 { get; init; }
    public double? PowerUW { get; init; }
    public long Counts { get; init; }
    public IReadOnlyDictionary<string, long> CountsPerChannel { get; init; } = new Dictionary<string, long>();
    public double BackgroundCps { get; init; }
    public double RateCps { get; init; }
    public double RateSigmaCps { get; init; }
    public double FitRateCps { get; init; }
    public double ResidualSigmas { get; init; }
    public double MeanExcitons { get; init; }
    public double? MeanExcitonsStdErr { get; init; }
    public double? MeanExcitonsFromRate { get; init; }
    public double? MeanExcitonsFromRateStdErr { get; init; }
}

/// <summary>One file read: its duration and how it was decided, laser clock, channels.</summary>
internal sealed record SaturationFileInfo(string Path, double DurationS, string DurationSource, double LastEventS, string LaserClock,
    IReadOnlyList<short> PhotonChannels, IReadOnlyList<short> CountedChannels);

/// <summary>Writes saturation.json, saturation.csv and saturation.svg, each under a temporary name renamed when complete.</summary>
internal static class SaturationOutputs
{
    public static IReadOnlyList<string> Write(SaturationReport report, ExcitationUnits units, string folder, bool figure)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        string json = Path.Combine(folder, "saturation.json");
        AtomicFile.WriteText(json, w => w.Write(report.ToJson()));
        written.Add(json);
        string csv = Path.Combine(folder, "saturation.csv");
        AtomicFile.WriteText(csv, w => report.WriteCsv(w, units.Quantity == ExcitationQuantity.MeanExcitons ? "mean_excitons_given" : units.CsvColumn));
        written.Add(csv);
        if (figure)
        {
            string svg = Path.Combine(folder, "saturation.svg");
            report.BuildFigure(units).Save(svg); // Figure.Save writes atomically (Plotting's AtomicFile)
            written.Add(svg);
        }
        return written;
    }
}
