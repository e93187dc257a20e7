using System.Globalization;

namespace QdSim.Analysis.Report;

/// <summary>
/// A CSV table produced by the analysis: a file name, a header and rows written on demand (the intensity trace of a
/// 12 h file has millions of rows, so rows are streamed to the writer rather than built as strings first).
/// </summary>
public sealed class CsvTable(string fileName, IReadOnlyList<string> header, Action<Action<IReadOnlyList<double>>> rows)
{
    public string FileName { get; } = fileName;
    public IReadOnlyList<string> Header { get; } = header;

    /// <summary>Writes the header and all rows; numbers in invariant culture, round-trip precision, NaN as empty.</summary>
    public void WriteTo(TextWriter writer)
    {
        writer.WriteLine(string.Join(',', Header));
        var line = new System.Text.StringBuilder();
        rows(values =>
        {
            line.Clear();
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) line.Append(',');
                if (double.IsFinite(values[i])) line.Append(values[i].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.WriteLine(line);
        });
    }
}
