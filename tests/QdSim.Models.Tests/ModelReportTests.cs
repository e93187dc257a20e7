using System.Text.Json;

namespace QdSim.Models.Tests;

public class ModelReportTests
{
    [Fact]
    public void Sweep_spec_parses_and_includes_the_end_point()
    {
        var spec = SweepSpec.Parse("edge-nm=3:15:0.5");
        Assert.Equal(SweepParameter.EdgeNm, spec.Parameter);
        var values = spec.Values().ToList();
        Assert.Equal(25, values.Count);
        Assert.Equal(15, values[^1], 9);
        Assert.Equal(SweepParameter.TemperatureK, SweepSpec.Parse("temperature-k=4:300:2").Parameter);
    }

    [Theory]
    [InlineData("edge-nm")]
    [InlineData("mass=1:2:1")]
    [InlineData("edge-nm=3:15")]
    [InlineData("edge-nm=3:15:0")]
    [InlineData("edge-nm=15:3:1")]
    [InlineData("edge-nm=3:x:1")]
    [InlineData("edge-nm=0:1e9:1e-3")]
    public void Bad_sweep_is_a_user_error_naming_the_key(string text)
    {
        var e = Assert.Throws<UserInputException>(() => SweepSpec.Parse(text));
        Assert.StartsWith("sweep:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_row_has_one_value_per_header_column_in_order()
    {
        var d = DotPhysics.Derive(new DotDescription("CsPbBr3", 4.5, 295));
        var cells = ModelReport.CsvRow(d).Split(',');
        Assert.Equal(ModelReport.CsvColumns.Count, cells.Length);
        Assert.StartsWith("edge_nm,temperature_K,emission_peak_nm,emission_peak_eV,radiative_rate_per_ns,radiative_lifetime_ns", ModelReport.CsvHeader, StringComparison.Ordinal);
        Assert.Equal("4.5", cells[0]);
        Assert.Equal(d.RadiativeLifetimeNs, double.Parse(cells[5], System.Globalization.CultureInfo.InvariantCulture), 4);
    }

    [Fact]
    public void Table_and_json_list_every_quantity()
    {
        var d = DotPhysics.Derive(new DotDescription("CsPbBr3", 4.5, 295, "DDA"));
        string table = ModelReport.Table(d);
        Assert.All(d.Quantities, q => Assert.Contains(q.Name, table, StringComparison.Ordinal));
        using var json = JsonDocument.Parse(ModelReport.Json(d));
        var quantities = json.RootElement.GetProperty("quantities");
        Assert.Equal(d.Quantities.Count, quantities.GetArrayLength());
        // DDA has no OFF cut-off: written as null, not as a non-JSON infinity.
        Assert.Equal(JsonValueKind.Null, quantities.EnumerateArray().Single(q => q.GetProperty("name").GetString() == "OFF cut-off").GetProperty("value").ValueKind);
    }
}
