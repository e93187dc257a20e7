using QdSim.Analysis.Report;
using QdSim.Runner.Reporting;

namespace QdSim.Runner.Tests.Reporting;

/// <summary>The pieces behind the figures that compute something: trajectory reduction and the drawn power law.</summary>
public class ReportPartsTests
{
    [Fact]
    public void Trajectory_cells_show_the_state_occupying_most_of_each_cell_ordered_by_level()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qdsim-trajectory-{Guid.NewGuid():N}.csv");
        try
        {
            // 0–0.25 s bright (level 1), 0.25–0.26 s a short trap visit, 0.26–0.7 s dark (level 0.1), 0.7–1 s bright again.
            File.WriteAllLines(path,
            [
                "start_s,end_s,state,level,charge,trap_rate_per_ns,energy_shift_mev,defects,bleached",
                "0,0.25,ON,1,0,0,0,0,0",
                "0.25,0.26,trap,0.5,0,0,0,0,0",
                "0.26,0.7,OFF,0.1,0,0,0,0,0",
                "0.7,1,ON,1,0,0,0,0,0",
            ]);
            var read = GroundTruthTrajectory.Read(path, durationS: 1, minCellWidthS: 0.1);
            Assert.Equal(["ON", "trap", "OFF"], read.StateNames); // order of first appearance
            Assert.Equal(4, read.Intervals);
            // Cell 2 (0.2–0.3 s): ON 0.05 s, trap 0.01 s, OFF 0.04 s → ON; the 10 ms trap visit is below display resolution.
            Assert.Equal([0, 0, 0, 2, 2, 2, 2, 0, 0, 0], read.CellStates);

            // A measured trace in 50 ms bins, bright (20 counts) while ON and dim (1 count) while OFF: OFF goes to the bottom.
            int[] trace = Enumerable.Range(0, 20).Select(b => b * 0.05 is >= 0.3 and < 0.7 ? 1 : 20).ToArray();
            var truth = read.OrderedByIntensity(trace, 0.05);
            Assert.Equal(["trap", "OFF", "ON"], truth.StateNames); // trap never dominates a cell: no intensity, lowest
            Assert.Equal([2, 2, 2, 1, 1, 1, 1, 2, 2, 2], truth.CellStates);
            var (times, states) = truth.Steps();
            Assert.Equal([0, 0.3, 0.7], times.Select(t => Math.Round(t, 9)));
            Assert.Equal([2, 1, 2], states);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Trajectory_with_a_malformed_line_is_a_user_error_naming_file_and_line()
    {
        string path = Path.Combine(Path.GetTempPath(), $"qdsim-trajectory-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(path, ["start_s,end_s,state,level", "0,0.5,ON,1", "0.5,x,OFF,0"]);
            var error = Assert.Throws<UserInputException>(() => GroundTruthTrajectory.Read(path, 1, 0.01));
            Assert.Contains($"{path}: line 3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1.5, null)]
    [InlineData(1.0, null)]   // the logarithmic limit
    [InlineData(2.2, 0.01)]   // binned fit: range widened by half a bin
    public void Drawn_power_law_integrates_to_the_fraction_of_dwells_in_its_range(double alpha, double? binWidthS)
    {
        // ∫ A t^(−α) dt over the fit range must equal Dwells/total: the density is normalised to all dwells (Kuno 2001).
        var fit = new PowerLawInfo(alpha, 0.1, null, TMinS: 0.02, TMaxS: 3, Dwells: 60, KsDistance: 0.05, Binned: binWidthS is not null);
        double a = AnalysisReport.PowerLawPrefactor(fit, totalDwells: 80, binWidthS);
        double lo = fit.TMinS - 0.5 * (binWidthS ?? 0), hi = fit.TMaxS + 0.5 * (binWidthS ?? 0);
        // Midpoint rule on a log grid (10⁵ steps): relative error ~1e−9, far below the 1e−6 asserted.
        int steps = 100_000;
        double integral = 0, ratio = Math.Pow(hi / lo, 1.0 / steps);
        for (int i = 0; i < steps; i++)
        {
            double t0 = lo * Math.Pow(ratio, i), t1 = t0 * ratio, mid = Math.Sqrt(t0 * t1);
            integral += a * Math.Pow(mid, -alpha) * (t1 - t0);
        }
        Assert.Equal(60.0 / 80, integral, 1e-6);
    }
}
