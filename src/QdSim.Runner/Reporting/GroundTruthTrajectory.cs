using System.Globalization;

namespace QdSim.Runner.Reporting;

/// <summary>
/// The simulation's ground-truth environment trajectory (<c>&lt;stem&gt;.trajectory.csv</c> of <c>qdsim simulate</c>:
/// start_s, end_s, state, ...) reduced for display: the time axis is cut into at most
/// <see cref="MaxCells"/> equal cells and each cell shows the state that occupied most of it. A long run can hold
/// millions of intervals; the reduction is done while streaming the file, so memory stays bounded, and states shorter
/// than a cell are as invisible here as they are in the binned trace drawn above them.
/// </summary>
/// <param name="CellWidthS">Width of one display cell, seconds.</param>
/// <param name="CellStates">State index per cell (index into <paramref name="StateNames"/>), −1 where the file has no interval.</param>
/// <param name="StateNames">State labels in order of first appearance (<see cref="OrderedByIntensity"/> reorders them).</param>
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
            stateCol = Array.IndexOf(columns, "state");
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
                occupancy.Add(0);
            }
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

        var names = stateIndex.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        return new GroundTruthTrajectory(cellS, cellStates, names, intervals);
    }

    /// <summary>
    /// The same trajectory with states ordered by the mean measured intensity while they held, dimmest first, so the
    /// state axis reads like the trace above it (the trajectory file names states but does not rank them).
    /// </summary>
    /// <param name="countsPerBin">Measured counts per trace bin, bin i starting at i·<paramref name="binWidthS"/>.</param>
    /// <param name="binWidthS">Trace bin width, seconds (cells are at least one bin wide).</param>
    public GroundTruthTrajectory OrderedByIntensity(IReadOnlyList<int> countsPerBin, double binWidthS)
    {
        var sum = new double[StateNames.Count];
        var bins = new double[StateNames.Count];
        for (int i = 0; i < CellStates.Count; i++)
        {
            if (CellStates[i] < 0) continue;
            int from = (int)Math.Floor(i * CellWidthS / binWidthS + 1e-9), to = Math.Min(countsPerBin.Count, (int)Math.Floor((i + 1) * CellWidthS / binWidthS + 1e-9));
            for (int b = from; b < to; b++) { sum[CellStates[i]] += countsPerBin[b]; bins[CellStates[i]]++; }
        }
        var order = Enumerable.Range(0, StateNames.Count).OrderBy(s => bins[s] > 0 ? sum[s] / bins[s] : double.NegativeInfinity).ThenBy(s => s).ToArray();
        var rank = new int[order.Length];
        for (int r = 0; r < order.Length; r++) rank[order[r]] = r;
        return this with
        {
            CellStates = CellStates.Select(s => s < 0 ? s : rank[s]).ToArray(),
            StateNames = order.Select(s => StateNames[s]).ToArray(),
        };
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
