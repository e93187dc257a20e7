using System.Globalization;

namespace QdSim.Models.Tests;

/// <summary>Reads the reference CSVs copied into Data/ (comment lines start with '#', first row is the header).</summary>
internal static class ReferenceData
{
    public static IReadOnlyList<Dictionary<string, string>> Rows(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Data", fileName))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',', header.Length);
            return header.Select((h, i) => (h, cells[i])).ToDictionary(x => x.h, x => x.Item2);
        }).ToList();
    }

    public static double Number(this Dictionary<string, string> row, string column) =>
        double.Parse(row[column], CultureInfo.InvariantCulture);

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
