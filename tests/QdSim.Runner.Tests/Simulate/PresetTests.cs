using QdSim.Models.Parameters;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Tests.Simulate;

/// <summary>
/// Every preset in configs/ loads, validates, names its source, and carries the blinking and charging laws of the
/// QdSim.Models surface preset its Dot:Ligand names (the presets document the numbers, the configurations run them).
/// </summary>
public class PresetTests
{
    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "QdSim.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("QdSim.sln not found above " + AppContext.BaseDirectory);
    }

    public static TheoryData<string> Presets()
    {
        var data = new TheoryData<string>();
        // Sweep files (*-sweep.json) live beside the presets but are not simulate configurations.
        foreach (var f in Directory.GetFiles(Path.Combine(RepoRoot(), "configs"), "*.json")
                     .Where(f => !f.EndsWith("-sweep.json", StringComparison.Ordinal)).OrderBy(f => f))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_loads_validates_and_names_its_sources(string file)
    {
        string path = Path.Combine(RepoRoot(), "configs", file);
        var cfg = ConfigurationLoader.Load(path, [], environment: new Dictionary<string, string>());
        string text = File.ReadAllText(path);
        Assert.Contains("\"Source\"", text);
        Assert.Contains("Seed 00", text);
        Assert.Contains(cfg.Sources.Values, s => s == path);
        string? ligand = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("Dot").TryGetProperty("Ligand", out var l) ? l.GetString() : null;
        if (string.IsNullOrEmpty(ligand)) return;
        var preset = QdSim.Models.SurfacePresets.Get(ligand);
        var states = cfg.Experiment.Environment.Processes[0].States;
        var on = states.Single(s => s.Level == EmissiveLevel.On);
        var off = states.Single(s => s.Level != EmissiveLevel.On);
        Assert.Equal(preset.OnExponent, on.Dwell.Exponent);
        Assert.Equal(preset.OffExponent, off.Dwell.Exponent);
        Assert.Equal(preset.MinDwellS, on.Dwell.Min);
        Assert.Equal(preset.MinDwellS, off.Dwell.Min);
        Assert.Equal(preset.OnCutoffS, on.Dwell.Cutoff);
        Assert.Equal(preset.OffCutoffS, off.Dwell.Cutoff);
        Assert.Equal(preset.OffTrapRatePerNs, off.TrapRatePerNs);
        var charging = cfg.Experiment.Environment.Charging;
        Assert.Equal(preset.ChargingProbabilityPerPhoton, charging.ProbabilityPerAbsorbedPhoton);
        Assert.Equal(DwellLawKind.Exponential, charging.Neutralisation.Law);
        Assert.Equal(preset.NeutralisationMeanS, charging.Neutralisation.Mean);
        if (preset.Name == "PEA") Assert.Contains("SWAPPED", text); // the printed exponents are swapped: the file must say so
    }

    [Fact]
    public void Explicit_values_win_over_values_derived_from_the_physical_description()
    {
        var derived = ConfigurationLoader.Load(null, [], new Dictionary<string, string>());
        var explicitRate = ConfigurationLoader.Load(null, ["Dot:BiexcitonAugerLifetimeNs=0.02"], new Dictionary<string, string>());
        Assert.StartsWith("derived", derived.Sources["Dot:BiexcitonAugerLifetimeNs"]);
        Assert.Equal(0.02, explicitRate.Experiment.Dot.BiexcitonAugerLifetimeNs);
        Assert.Equal("--set", explicitRate.Sources["Dot:BiexcitonAugerLifetimeNs"]);
        // The derived value for 4.5 nm CsPbBr3 is γV = 0.06 ps nm⁻³ × 91 nm³ ≈ 5.5 ps (PHYSICS.md §6), not 20 ps.
        Assert.InRange(derived.Experiment.Dot.BiexcitonAugerLifetimeNs, 0.004, 0.008);
    }
}
