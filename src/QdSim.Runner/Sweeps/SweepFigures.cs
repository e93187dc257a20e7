using System.Globalization;
using QdSim.Plotting.Axes;
using QdSim.Plotting.Colour;
using QdSim.Plotting.Elements;
using QdSim.Plotting.Layout;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// Figures of a finished sweep: every observable against every numeric swept key, with one-sigma error bars,
/// one series per combination of the keys crossed with it (figures/OBSERVABLE-vs-KEY.svg). The x axis is logarithmic
/// when the key's values are positive and span a factor of 20 or more (log grids); categorical keys (e.g. a ligand
/// name) get no figure of their own but still separate the series.
/// </summary>
public static class SweepFigures
{
    public const string Folder = "figures";

    /// <summary>Above this many series the legend is left out (it would cover the data).</summary>
    private const int MaxLegendSeries = 8;

    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<IReadOnlyList<string>> axisGroups,
        IReadOnlyList<PointResult> ordered)
    {
        var axisKeys = axisGroups.SelectMany(g => g).ToList();
        var written = new List<string>();
        if (ordered.Count < 2) return written;
        string folder = Path.Combine(directory, Folder);
        var observables = ordered.SelectMany(p => p.Observables.Select(o => o.Name)).Distinct().ToList();
        foreach (string key in axisKeys)
        {
            var x = ordered.Select(p => Numeric(p, key)).ToList();
            if (x.Any(v => v is null) || x.Distinct().Count() < 2) continue;
            bool logX = x.All(v => v > 0) && x.Max()!.Value / x.Min()!.Value >= 20;
            // Series: one per combination of the crossed keys; keys zipped with this one move with it.
            var others = axisGroups.Where(g => !g.Contains(key)).SelectMany(g => g).ToList();
            var series = ordered.GroupBy(p => string.Join(", ", others.Select(k => $"{Short(k)}={Input(p, k)}"))).ToList();
            foreach (string observable in observables)
            {
                var figure = new Figure(560, 420) { Title = $"{observable} vs {Short(key)}" };
                var panel = figure.Add(new Panel(new Axis(key, "", logX ? ScaleKind.Log : ScaleKind.Linear), new Axis(observable)));
                int plotted = 0;
                foreach (var (group, index) in series.Select((g, i) => (g, i)))
                {
                    var rows = group
                        .Select(p => (X: Numeric(p, key)!.Value, O: p.Observables.FirstOrDefault(o => o.Name == observable)))
                        .Where(r => r.O.Name is not null && double.IsFinite(r.O.Value))
                        .OrderBy(r => r.X).ToList();
                    if (rows.Count == 0) continue;
                    string? label = series.Count > 1 && series.Count <= MaxLegendSeries ? group.Key : null;
                    string colour = Palette.At(index);
                    panel.Add(new LineSeries(rows.Select(r => r.X).ToList(), rows.Select(r => r.O.Value).ToList()) { Colour = colour, WidthPx = 0.8 });
                    panel.Add(new ScatterSeries(rows.Select(r => r.X).ToList(), rows.Select(r => r.O.Value).ToList(),
                        rows.Select(r => double.IsFinite(r.O.Uncertainty) ? r.O.Uncertainty : 0).ToList()) { Colour = colour, Label = label });
                    plotted++;
                }
                if (plotted == 0) continue;
                Directory.CreateDirectory(folder);
                string path = Path.Combine(folder, $"{FileSafe(observable)}-vs-{FileSafe(key)}.svg");
                figure.Save(path);
                written.Add(path);
            }
        }
        return written;
    }

    private static string? Input(PointResult point, string key) => point.Inputs.FirstOrDefault(i => i.Key == key).Value;

    private static double? Numeric(PointResult point, string key) =>
        double.TryParse(Input(point, key), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : null;

    /// <summary>Last segment of a colon path: "excitation:meanExcitonsPerPulse" → "meanExcitonsPerPulse".</summary>
    private static string Short(string key) => key[(key.LastIndexOf(':') + 1)..];

    private static string FileSafe(string name) =>
        string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
