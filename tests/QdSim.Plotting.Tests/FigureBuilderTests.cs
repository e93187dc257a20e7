using QdSim.Plotting.Figures;

namespace QdSim.Plotting.Tests;

public class FigureBuilderTests
{
    [Fact]
    public void Blinking_HasTraceHistogramPoissonThresholdAndNumbers()
    {
        var data = SyntheticData.Blinking();
        var svg = SvgAssert.WellFormedSvg(BlinkingFigure.Create(data).ToSvg());
        Assert.Equal(4, SvgAssert.WithClass(svg, "g", "panel").Count);
        Assert.Equal(2, SvgAssert.WithClass(svg, "path", "series", "histogram").Count);
        // Two traces plus one Poisson curve (only the full-trace histogram carries the fit).
        Assert.Equal(3, SvgAssert.WithClass(svg, "path", "series", "line").Count);
        Assert.Equal(2, SvgAssert.WithClass(svg, "line", "reference").Count);
        Assert.Single(SvgAssert.WithClass(svg, "rect", "span"));
        string annotation = string.Join("\n", SvgAssert.WithClass(svg, "text", "annotation").Select(t => t.Value));
        Assert.Contains($"ON {100 * data.OnFraction:F1} %  ·  Q", annotation);
        Assert.Contains($"Q = {data.MandelQ:F2}".Replace('-', '\u2212'), annotation);
    }

    [Fact]
    public void PulsedG2_MarksEveryPeakWindowAndHasAnInset()
    {
        var data = SyntheticData.PulsedG2();
        var svg = SvgAssert.WellFormedSvg(G2Figure.Pulsed(data).ToSvg());
        // Delays ±30 ns with 12.5 ns period: peaks at k = −2..2 → five windows, plus the zero window in the inset.
        Assert.Equal(5 + 1, SvgAssert.WithClass(svg, "rect", "span").Count);
        Assert.Single(SvgAssert.WithClass(svg, "g", "inset"));
        Assert.Contains(SvgAssert.WithClass(svg, "text", "annotation"), t => t.Value == "g⁽²⁾(0) = 0.0150 ± 0.0020");
    }

    [Fact]
    public void ContinuousG2_DrawsDataFitAndInset()
    {
        double[] delay = Enumerable.Range(-200, 401).Select(i => i * 0.25e-9).ToArray();
        double[] g2 = delay.Select(t => 1 - 0.9 * Math.Exp(-Math.Abs(t) / 3e-9)).ToArray();
        var figure = G2Figure.Continuous(new ContinuousG2Data(delay, g2, delay, g2, 0.1, 0.01, 10e-9));
        var svg = SvgAssert.WellFormedSvg(figure.ToSvg());
        Assert.Equal(2 + 2, SvgAssert.WithClass(svg, "path", "series", "line").Count); // data + fit, in main and inset
        Assert.Single(SvgAssert.WithClass(svg, "g", "inset"));
    }

    [Fact]
    public void DwellTimes_AreOnLogLogAxesWithPowerLaws()
    {
        double[] t = Enumerable.Range(0, 20).Select(i => 0.01 * Math.Pow(1.5, i)).ToArray();
        var on = new DwellTimeSeries("ON", t, t.Select(v => 0.5 * Math.Pow(v, -2.0)).ToArray(), 2.0, 0.5, 0.01, 10);
        var off = new DwellTimeSeries("OFF", t, t.Select(v => 0.2 * Math.Pow(v, -1.2)).ToArray(), 1.2, 0.2, 0.01, 10);
        var svg = SvgAssert.WellFormedSvg(DwellTimeFigure.Create(on, off).ToSvg());
        Assert.Equal(2, SvgAssert.WithClass(svg, "g", "series", "scatter").Count);
        Assert.Equal(2, SvgAssert.WithClass(svg, "path", "series", "line").Count);
        var legend = SvgAssert.WithClass(svg, "g", "legend-entry").Select(e => e.Value).ToList();
        Assert.Equal(["ON, k = 2.00", "OFF, k = 1.20"], legend);
    }

    [Fact]
    public void OtherBuilders_ProduceWellFormedSvg()
    {
        double[] n = [0.6, 0.3, 0.08, 0.02];
        string[] documents =
        [
            DecayFigure.Create(SyntheticData.Decay()).ToSvg(),
            FlidFigure.Create(SyntheticData.Flid()).ToSvg(),
            PhotonStatisticsFigures.PhotonNumber(new PhotonNumberData(n, 0.5)).ToSvg(),
            PhotonStatisticsFigures.Saturation(new SaturationData([1e-7, 1e-6, 1e-5], [1e4, 5e4, 9e4], [300, 500, 700], [1e-7, 1e-5], [1e4, 9e4], 2e-6)).ToSvg(),
            TrajectoryAndSpectrumFigures.EnvironmentTrajectory(new EnvironmentTrajectoryData(0.01, Enumerable.Repeat(40.0, 1000).ToArray(), [0, 3.2, 5.0], [0, 1, 0], ["neutral", "charged"])).ToSvg(),
            TrajectoryAndSpectrumFigures.Spectrum(new SpectrumData([500, 505, 510, 515], [1, 10, 4, 1], [1, 9, 5, 1])).ToSvg(),
            TrajectoryAndSpectrumFigures.SpectralTimeSeries(new SpectralSeriesData([0, 1, 2], [500, 505, 510], new double[,] { { 1, 2 }, { 3, 4 } })).ToSvg(),
            ValidationFigures.Sweep(new SweepData("Temperature", "K", [10, 100, 300], "Lifetime", "ns", [5, 6, 8], [0.1, 0.2, 0.3], [10, 300], [5, 8])).ToSvg(),
        ];
        foreach (string svg in documents) SvgAssert.WellFormedSvg(svg);
        var flid = SvgAssert.WellFormedSvg(documents[1]);
        Assert.Single(SvgAssert.WithClass(flid, "g", "colour-bar"));
        var trajectory = SvgAssert.WellFormedSvg(documents[4]);
        Assert.Equal(["neutral", "charged"], SvgAssert.WithClass(SvgAssert.WithClass(trajectory, "g", "axis", "y")[1], "text", "tick-label").Select(t => t.Value));
    }

    [Fact]
    public void ValidationCase_ShowsBandExpectedCurveAndVerdict()
    {
        var sweep = new SweepData("Power", "µW", [1, 2, 3], "Rate", "kcps", [10, 19, 31], [1, 1, 1], [1, 3], [10, 30]);
        var svg = SvgAssert.WellFormedSvg(ValidationFigures.Case(new ValidationCaseData("Linear regime", sweep, [9, 28], [11, 32], Passed: false)).ToSvg());
        Assert.Single(SvgAssert.WithClass(svg, "path", "band"));
        Assert.Contains(SvgAssert.WithClass(svg, "text", "annotation"), t => t.Value == "FAIL");
    }

    [Fact]
    public void Builders_RejectMismatchedArraysWithANamedError()
    {
        var error = Assert.Throws<ArgumentException>(() => DecayFigure.Create(new DecayData([1e-9, 2e-9], [5], null, null, null)));
        Assert.Contains("Counts", error.Message);
    }

    [Fact]
    public void RankComparisons_DrawOneDistributionPanelPerStatisticWithThePublishedLineAndQuantile()
    {
        // 4 simulated values, published 0.25 has 1 below (0.1) and 3 above → quantile 0.25; 7.3 against values all below → 1.00.
        var figure = ValidationFigures.RankComparisons("case", [
            new RankComparisonData("ON fraction", "", 0.25, [0.4, 0.1, 0.9, 0.3], true),
            new RankComparisonData("Mandel Q", "", 7.3, [1, 2, 3], false),
            new RankComparisonData("third", "", 1, [0, 2], true),
        ]);
        var svg = SvgAssert.WellFormedSvg(figure.ToSvg());
        Assert.Equal(3, SvgAssert.WithClass(svg, "g", "panel").Count);
        Assert.Equal(3, SvgAssert.WithClass(svg, "path", "series", "line").Count);
        Assert.Equal(3, SvgAssert.WithClass(svg, "line", "reference").Count);
        var annotations = SvgAssert.WithClass(svg, "text", "annotation").Select(t => t.Value).ToArray();
        Assert.Contains("quantile 0.25 · PASS", annotations);
        Assert.Contains("quantile 1.00 · FAIL", annotations);
        Assert.Contains("quantile 0.50 · PASS", annotations);
        Assert.Throws<ArgumentException>(() => ValidationFigures.RankComparisons("empty", []));
    }
}
