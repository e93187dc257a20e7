using QdSim.Analysis.ChangePoint;
using QdSim.Analysis.Flid;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.Engine.Kinetics;
using QdSim.Plotting.Elements;
using QdSim.Plotting.Figures;
using QdSim.Plotting.Layout;
using QdSim.TimeTags;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 4, second part: trion (OFF/gray) lifetime shortening per intensity level (PHYSICS.md §1–§4, Auger/charging
/// blinking). A dot that photo-charges (exponential neutral and charged dwells) emits as exciton (τ_X = 1/(k_r,X + k_nr,X))
/// or as trion (τ_T = 1/(k_r,T + k_A,T + k_nr,X), dimmer by QY_T/QY_X). From the T3 file alone: change-point levels
/// (Watkins &amp; Yang, <see cref="ChangePointStage"/>), one decay histogram per level (<see cref="DecayHistogramBuilder"/>
/// with the levels' intervals), a reconvolution fit per level (<see cref="DecayFit"/>), and the FLID
/// (<see cref="FlidBuilder"/>; Galland et al., Nature 479, 203 (2011)).
/// </summary>
internal static class TrionFlidCheck
{
    public const string ConfigFile = "flid.json";
    public const double SigmaMultiple = LifetimeReconvolutionCase.SigmaMultiple;
    private const double FlidBinS = 10e-3, FlidDelayCellS = 10e-12;

    public static CaseOutcome Run(CaseContext context, string caseId, double irfFwhmS)
    {
        string config = context.CaseFile(caseId, ConfigFile);
        double durationS = context.Quick ? 6 : 30;
        var file = CaseToolkit.SimulateConfig(context, caseId, config, "flid", [$"Run:DurationS={CaseToolkit.Num(durationS)}"]);
        var rates = ExcitonRates.From(file.Configuration.Experiment.Dot);
        double excitonNs = 1 / (rates.ExcitonRadiativePerNs + rates.NonradiativeXPerNs);
        double trionNs = 1 / (rates.TrionRadiativePerNs + 1 / rates.NegativeTrionAugerLifetimeNs + rates.NonradiativeXPerNs);

        // Pass 1: intensity levels by change points (binning-free), 0 = dimmest.
        ChangePointResult changePoints;
        TimeTagStreamInfo info;
        using (var reader = TimeTagFile.Open(file.PtuPath))
        {
            info = reader.Info;
            var stage = new ChangePointStage(info, new ChangePointOptions());
            StreamPass.Run(reader, [stage]);
            changePoints = stage.Result();
        }
        // The two states are the two most occupied levels (the clustering may add a short-lived level from segments
        // that straddle a switch); the dimmer is the trion, the brighter the exciton.
        var main = changePoints.Levels.OrderByDescending(l => l.TimeFraction).Take(2).OrderBy(l => l.IntensityCps).Select(l => l.Index).ToArray();
        int dim = main[0], bright = main[^1];
        var intervals = changePoints.Segments
            .Select(s => new LevelInterval((long)Math.Round(s.StartS / info.TickResolutionS), (long)Math.Round(s.EndS / info.TickResolutionS), s.Level))
            .ToArray();

        // Pass 2: the overall decay and one decay histogram per level; the overall fit (two components: exciton and
        // trion) locates the IRF peak, which pass 3 subtracts from the FLID's mean delays.
        var irf = new GaussianIrf(irfFwhmS);
        var (overall, perLevel) = DecaysOf(file.PtuPath, intervals);
        var overallFit = DecayFit.Fit(overall, new DecayFitOptions { Irf = irf, Components = 2, InitialLifetimeS = 1e-9 });
        var flidHistogram = FlidOf(file.PtuPath, overallFit.IrfOffsetS);
        var checks = new List<CheckResult>();
        var notes = new List<string>
        {
            $"FLID dot: {changePoints.Levels.Count} change-point levels ({string.Join(", ", changePoints.Levels.Select(l => $"{l.IntensityCps / 1e3:F1} kcps, {l.TimeFraction:P0}"))}); " +
            $"expected τ_X = 1/(k_r,X + k_nr,X) = {excitonNs:F4} ns, τ_T = 1/(k_r,T + k_A,T + k_nr,X) = {trionNs:F4} ns, intensity ratio QY_T/QY_X = {rates.TrionRadiativePerNs * trionNs / (rates.ExcitonRadiativePerNs * excitonNs):F3}.",
        };
        if (changePoints.Levels.Count < 2)
        {
            checks.Add(new CheckResult("FLID: change-point levels found", changePoints.Levels.Count, double.NaN, 2, 2, double.PositiveInfinity, "", "the charging dot has two emissive states"));
            return new CaseOutcome(checks, [], notes);
        }
        foreach (var (level, expectedNs, name) in new[] { (dim, trionNs, "dim level (trion)"), (bright, excitonNs, "bright level (exciton)") })
        {
            var histogram = perLevel[level];
            var fit = DecayFit.Fit(histogram, new DecayFitOptions { Irf = irf, Components = 1, InitialLifetimeS = expectedNs * 1e-9 });
            double tauNs = fit.LifetimesS[0] * 1e9, sigmaNs = fit.LifetimeErrorsS[0] * 1e9;
            checks.Add(CheckResult.WithinSigmas($"FLID: lifetime of the {name}", tauNs, sigmaNs, expectedNs, SigmaMultiple, "ns",
                $"{SigmaMultiple}σ, σ = Fisher error of the Poisson ML reconvolution fit of the level's decay ({histogram.TotalCounts} photons)"));
        }

        // FLID correlation: mean photon delay of the trace bins below / above the midpoint between the two levels.
        double thresholdCounts = 0.5 * (changePoints.Levels.Single(l => l.Index == dim).IntensityCps + changePoints.Levels.Single(l => l.Index == bright).IntensityCps) * flidHistogram.TimeBinS;
        var low = DelayMoments(flidHistogram, 1, (int)Math.Floor(thresholdCounts));
        var high = DelayMoments(flidHistogram, (int)Math.Floor(thresholdCounts) + 1, int.MaxValue);
        double difference = high.Mean - low.Mean, differenceSigma = Math.Sqrt(low.StandardError * low.StandardError + high.StandardError * high.StandardError);
        checks.Add(new CheckResult("FLID: mean delay of bright bins − dim bins", difference * 1e9, differenceSigma * 1e9, (excitonNs - trionNs),
            SigmaMultiple * differenceSigma * 1e9, double.PositiveInfinity, "ns",
            $"correlated lifetime and intensity: positive by at least {SigmaMultiple}σ, σ = standard error of the mean bin delays ({low.Bins} dim, {high.Bins} bright {FlidBinS * 1e3:F0} ms bins); " +
            "expected value τ_X − τ_T for pure levels (bins with a switch lower it)"));
        notes.Add($"FLID: {low.Bins} dim bins, mean delay {low.Mean * 1e9:F3} ns; {high.Bins} bright bins, {high.Mean * 1e9:F3} ns (delays after the fitted IRF offset {overallFit.IrfOffsetS * 1e12:F0} ps).");

        var figure = Figure(flidHistogram, excitonNs, trionNs, changePoints, checks.All(c => c.Passed));
        return new CaseOutcome(checks, [("flid", figure,
            $"FLID of the charging dot ({FlidBinS * 1e3:F0} ms bins: photon rate vs mean delay after the IRF peak) with the expected exciton ({excitonNs:F2} ns) and trion ({trionNs:F2} ns) lifetimes (dashed) and the two change-point level intensities (dotted).")], notes);
    }

    private static (DecayHistogram Overall, IReadOnlyDictionary<int, DecayHistogram> PerLevel) DecaysOf(string ptuPath, LevelInterval[] levels)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var decay = new DecayHistogramBuilder(reader.Info, new DecayHistogramOptions { Levels = levels });
        StreamPass.Run(reader, [decay]);
        return (decay.Result(), decay.LevelResults());
    }

    private static FlidHistogram FlidOf(string ptuPath, double irfOffsetS)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var flid = new FlidBuilder(reader.Info, new FlidOptions { TimeBinS = FlidBinS, DelayCellS = FlidDelayCellS, DelayOffsetS = irfOffsetS });
        StreamPass.Run(reader, [flid]);
        return flid.Finish();
    }

    /// <summary>Mean and standard error of the per-bin mean delays of FLID rows [minRow, maxRow] (cell centres).</summary>
    private static (double Mean, double StandardError, long Bins) DelayMoments(FlidHistogram flid, int minRow, int maxRow)
    {
        double sum = 0, sumSq = 0;
        long n = 0;
        for (int row = Math.Max(1, minRow); row <= Math.Min(maxRow, flid.Cells.Length - 1); row++)
            for (int column = 0; column < flid.Cells[row].Length; column++)
            {
                long c = flid.Cells[row][column];
                if (c == 0) continue;
                double d = flid.MeanDelayS(column);
                sum += c * d;
                sumSq += c * d * d;
                n += c;
            }
        if (n < 2) return (double.NaN, double.NaN, n);
        double mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(sumSq / n - mean * mean, 0) / (n - 1)), n);
    }

    private static Figure Figure(FlidHistogram flid, double excitonNs, double trionNs, ChangePointResult changePoints, bool passed)
    {
        const int delayBins = 60, rateBins = 40;
        double maxDelayNs = 2.5 * excitonNs;
        int rows = flid.Cells.Length;
        double maxRateKcps = rows / flid.TimeBinS / 1e3;
        var occurrences = new double[delayBins, rateBins];
        for (int row = 1; row < rows; row++)
            for (int column = 0; column < flid.Cells[row].Length; column++)
            {
                if (flid.Cells[row][column] == 0) continue;
                int x = (int)(flid.MeanDelayS(column) * 1e9 / maxDelayNs * delayBins), y = (int)((double)row / rows * rateBins);
                if (x >= 0 && x < delayBins && y < rateBins) occurrences[x, y] += flid.Cells[row][column];
            }
        var delayEdges = Enumerable.Range(0, delayBins + 1).Select(k => k * maxDelayNs / delayBins).ToArray();
        var rateEdges = Enumerable.Range(0, rateBins + 1).Select(k => k * maxRateKcps / rateBins).ToArray();
        var figure = new Figure(560, 440) { Title = "Case 04: FLID of a charging dot (trion = dim, short)" };
        var panel = figure.Add(new Panel(new QdSim.Plotting.Axes.Axis("Mean delay after the IRF peak", "ns") { Tight = true },
            new QdSim.Plotting.Axes.Axis("Photon rate", "kcps") { Tight = true }));
        panel.Add(new Heatmap(delayEdges, rateEdges, occurrences) { LogColour = true, ColourBarLabel = "10 ms bins" });
        panel.Add(new ReferenceLine(Orientation.Vertical, excitonNs) { Annotation = $"τ_X {excitonNs:F2} ns" });
        panel.Add(new ReferenceLine(Orientation.Vertical, trionNs) { Annotation = $"τ_T {trionNs:F2} ns" });
        foreach (var level in changePoints.Levels)
            panel.Add(new ReferenceLine(Orientation.Horizontal, level.IntensityCps / 1e3) { Style = QdSim.Plotting.Svg.LineStyle.Dotted });
        panel.Add(new TextAnnotation(passed ? "PASS" : "FAIL", 0.03, 0.92) { Colour = passed ? QdSim.Plotting.Colour.Palette.Green : "#c00000", FontSizePx = 12 });
        return figure;
    }
}
