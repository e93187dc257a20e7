using QdSim.Models.Parameters;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Tests.Simulate;

/// <summary>Every preset in configs/ loads, validates, names its source, and the PEA ones use the swapped exponents.</summary>
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
        foreach (var f in Directory.GetFiles(Path.Combine(RepoRoot(), "configs"), "*.json").OrderBy(f => f)) data.Add(Path.GetFileName(f));
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
        if (file.StartsWith("pea-", StringComparison.Ordinal))
        {
            Assert.Contains("SWAPPED", text);
            var states = cfg.Experiment.Environment.Processes[0].States;
            Assert.Equal(1.2, states.Single(s => s.Level == EmissiveLevel.On).Dwell.Exponent);
            Assert.Equal(2.0, states.Single(s => s.Level == EmissiveLevel.Off).Dwell.Exponent);
        }
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
