using System.Globalization;

namespace QdSim.Runner.Reporting;

/// <summary>
/// The simulation's ground-truth environment trajectory (<c>&lt;stem&gt;.trajectory.csv</c> of <c>qdsim simulate</c>:
/// start_s, end_s, state, level, ...) reduced for display: the time axis is cut into at most
/// <see cref="MaxCells"/> equal cells and each cell shows the state that occupied most of it. A long run can hold
/// millions of intervals; the reduction is done while streaming the file, so memory stays bounded, and states shorter
/// than a cell are as invisible here as they are in the binned trace drawn above them.
/// </summary>
/// <param name="CellWidthS">Width of one display cell, seconds.</param>
/// <param name="CellStates">State index per cell (index into <paramref name="StateNames"/>), −1 where the file has no interval.</param>
/// <param name="StateNames">State labels ordered by their emission level, dimmest first (so the plot reads like the trace).</param>
/// <param name="Intervals">Intervals in the file.</param>
public sealed record GroundTruthTrajectory(double CellWidthS, IReadOnlyList<int> CellStates, IReadOnlyList<string> StateNames, long Intervals)
{
    /// <summary>Upper bound on display cells (a figure is ~800 px wide; more only inflates the SVG).</summary>
    public const int MaxCells = 20_000;

    /// <summary>
    /// Reads <paramref name="path"/> and reduces it to cells of at least <paramref name="minCellWidthS"/> (the trace bin
    /// width) covering [0, <paramref name="durationS"/>). Errors name the file and line.
    /// </summary>
    public static GroundTruthTrajectory Read(string path, double durationS, double minCellWidthS)
    {
        if (!(durationS > 0)) throw new ArgumentOutOfRangeException(nameof(durationS), durationS, "duration must be positive, s");
        int cells = (int)Math.Clamp(Math.Ceiling(durationS / minCellWidthS), 1, MaxCells);
        double cellS = durationS / cells;
        var stateIndex = new Dictionary<string, int>();
        var levelSum = new List<double>();
        var levelTime = new List<double>();
        var occupancy = new List<double>(); // time per state in the current cell
        var cellStates = new int[cells];
        Array.Fill(cellStates, -1);
        int cell = 0;
        long intervals = 0;

        void FinishCell()
        {
            if (cell >= cells) return;
            int best = -1;
            for (int s = 0; s < occupancy.Count; s++) if (occupancy[s] > 0 && (best < 0 || occupancy[s] > occupancy[best])) best = s;
            cellStates[cell++] = best;
            for (int s = 0; s < occupancy.Count; s++) occupancy[s] = 0;
        }

        using var reader = new StreamReader(path);
        string? header = reader.ReadLine();
        var columns = header?.Split(',') ?? [];
        int startCol = Array.IndexOf(columns, "start_s"), endCol = Array.IndexOf(columns, "end_s"),
            stateCol = Array.IndexOf(columns, "state"), levelCol = Array.IndexOf(columns, "level");
        if (startCol < 0 || endCol < 0 || stateCol < 0)
            throw new UserInputException($"{path}: line 1: expected a trajectory header with start_s, end_s and state columns");
        string? line;
        int lineNumber = 1;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length < columns.Length
                || !double.TryParse(fields[startCol], NumberStyles.Float, CultureInfo.InvariantCulture, out double startS)
                || !double.TryParse(fields[endCol], NumberStyles.Float, CultureInfo.InvariantCulture, out double endS))
                throw new UserInputException($"{path}: line {lineNumber}: expected {columns.Length} comma-separated fields with start_s and end_s in seconds");
            intervals++;
            string state = fields[stateCol];
            if (!stateIndex.TryGetValue(state, out int s))
            {
                stateIndex[state] = s = stateIndex.Count;
                levelSum.Add(0);
                levelTime.Add(0);
                occupancy.Add(0);
            }
            double level = levelCol >= 0 && double.TryParse(fields[levelCol], NumberStyles.Float, CultureInfo.InvariantCulture, out double l) ? l : s;
            levelSum[s] += level * (endS - startS);
            levelTime[s] += endS - startS;
            // Spread the interval over the cells it covers; cells before it that nothing touched stay −1.
            double t = startS;
            while (cell < cells && t < endS)
            {
                double cellEnd = (cell + 1) * cellS;
                if (t >= cellEnd) { FinishCell(); continue; }
                double until = Math.Min(endS, cellEnd);
                occupancy[s] += until - Math.Max(t, cell * cellS);
                t = until;
                if (until >= cellEnd) FinishCell();
            }
        }
        if (cell < cells && occupancy.Any(o => o > 0)) FinishCell();

        // Order states by mean level, dimmest first, and renumber the cells.
        var order = Enumerable.Range(0, stateIndex.Count)
            .OrderBy(s => levelTime[s] > 0 ? levelSum[s] / levelTime[s] : 0).ThenBy(s => s).ToArray();
        var rank = new int[order.Length];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r;
        var names = stateIndex.OrderBy(kv => rank[kv.Value]).Select(kv => kv.Key).ToArray();
        for (int i = 0; i < cells; i++) if (cellStates[i] >= 0) cellStates[i] = rank[cellStates[i]];
        return new GroundTruthTrajectory(cellS, cellStates, names, intervals);
    }

    /// <summary>Change times and states of the reduced trajectory (consecutive equal cells merged; gaps left out).</summary>
    public (double[] ChangeTimesS, int[] States) Steps()
    {
        var times = new List<double>();
        var states = new List<int>();
        for (int i = 0; i < CellStates.Count; i++)
        {
            if (CellStates[i] < 0 || (states.Count > 0 && states[^1] == CellStates[i] && times.Count > 0)) continue;
            times.Add(i * CellWidthS);
            states.Add(CellStates[i]);
        }
        return (times.ToArray(), states.ToArray());
    }
}
