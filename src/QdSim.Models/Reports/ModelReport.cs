using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace QdSim.Models;

/// <summary>Text renderings of derived properties for `qdsim model`: aligned table, JSON, and sweep CSV rows.</summary>
public static class ModelReport
{
    /// <summary>Columns of the sweep CSV, units in the names.</summary>
    public static IReadOnlyList<string> CsvColumns { get; } =
    [
        "edge_nm", "temperature_K", "emission_peak_nm", "emission_peak_eV", "radiative_rate_per_ns", "radiative_lifetime_ns",
        "bright_sublevel_rate_per_ns", "biexciton_auger_lifetime_ns", "trion_auger_lifetime_ns", "biexciton_binding_meV",
        "trion_binding_meV", "bright_dark_splitting_meV", "bright_fss_meV", "linewidth_fwhm_meV", "absorption_cross_section_cm2",
    ];

    /// <summary>Header line of the sweep CSV.</summary>
    public static string CsvHeader => string.Join(',', CsvColumns);

    /// <summary>One CSV row in the order of <see cref="CsvColumns"/> (invariant culture, round-trippable precision).</summary>
    public static string CsvRow(DerivedDotProperties r)
    {
        ArgumentNullException.ThrowIfNull(r);
        double[] values =
        [
            r.Description.EdgeNm, r.Description.TemperatureK, r.EmissionWavelengthNm, r.ExcitonEnergyEv, r.ExcitonRadiativeRatePerNs,
            r.RadiativeLifetimeNs, r.BrightSublevelRadiativeRatePerNs, r.BiexcitonAugerLifetimeNs, r.TrionAugerLifetimeNs,
            r.BiexcitonBindingEnergyMeV, r.TrionBindingEnergyMeV, r.BrightDarkSplittingMeV, r.BrightFineStructureSplittingMeV,
            r.LinewidthFwhmMeV, r.AbsorptionCrossSectionCm2,
        ];
        return string.Join(',', values.Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
    }

    /// <summary>Aligned table: quantity, value, unit, source.</summary>
    public static string Table(DerivedDotProperties r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var d = r.Description;
        var rows = r.Quantities.Select(q => (q.Name, Value: FormatValue(q.Value), q.Unit, q.Source)).ToList();
        int nameWidth = rows.Max(x => x.Name.Length), valueWidth = rows.Max(x => x.Value.Length), unitWidth = rows.Max(x => x.Unit.Length);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{r.Material.Name}, edge {d.EdgeNm} nm, {d.TemperatureK} K, ligand {d.Ligand ?? "(none)"}, excitation {d.ExcitationWavelengthNm} nm, " +
            $"Δ_BD set {d.RadiativeVariant}\n");
        foreach (var (name, value, unit, source) in rows)
        {
            text.Append(name.PadRight(nameWidth)).Append("  ").Append(value.PadLeft(valueWidth)).Append("  ")
                .Append(unit.PadRight(unitWidth)).Append("  ").Append(source).Append('\n');
        }

        if (r.Surface is { } surface)
        {
            text.Append(CultureInfo.InvariantCulture, $"ligand preset {surface.Name} source: {surface.Source}\n");
        }

        return text.ToString();
    }

    /// <summary>JSON object: the description and the quantity list (non-finite values, i.e. "no cut-off", as null).</summary>
    public static string Json(DerivedDotProperties r)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var d = r.Description;
            json.WriteStartObject();
            json.WriteString("material", r.Material.Name);
            json.WriteNumber("edge_nm", d.EdgeNm);
            json.WriteNumber("temperature_K", d.TemperatureK);
            if (d.Ligand is null)
            {
                json.WriteNull("ligand");
            }
            else
            {
                json.WriteString("ligand", r.Surface!.Name);
                json.WriteString("ligand_source", r.Surface.Source);
            }

            json.WriteNumber("excitation_wavelength_nm", d.ExcitationWavelengthNm);
            json.WriteString("radiative_variant", d.RadiativeVariant.ToString());
            json.WriteStartArray("quantities");
            foreach (var q in r.Quantities)
            {
                json.WriteStartObject();
                json.WriteString("name", q.Name);
                if (double.IsFinite(q.Value))
                {
                    json.WriteNumber("value", q.Value);
                }
                else
                {
                    json.WriteNull("value");
                }

                json.WriteString("unit", q.Unit);
                json.WriteString("source", q.Source);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string FormatValue(double value) =>
        double.IsPositiveInfinity(value) ? "none" : value.ToString("G5", CultureInfo.InvariantCulture);
}
