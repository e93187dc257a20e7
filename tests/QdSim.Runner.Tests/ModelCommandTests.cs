using System.CommandLine;
using QdSim.Runner.Cli;
using QdSim.Runner.Commands;

namespace QdSim.Runner.Tests;

/// <summary>`qdsim model` run in-process through its System.CommandLine entry, output captured.</summary>
public class ModelCommandTests
{
    private static (int ExitCode, string Output) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        int exit = ModelCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        return (exit, output.ToString());
    }

    [Fact]
    public void Sweep_prints_csv_with_header_and_one_row_per_edge()
    {
        var (exit, output) = Invoke("--material", "CsPbBr3", "--temperature-k", "295", "--sweep", "edge-nm=3:15:0.5");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(CliRun.ExitOk, exit);
        Assert.Equal(
            "edge_nm,temperature_K,emission_peak_nm,emission_peak_eV,radiative_rate_per_ns,radiative_lifetime_ns,bright_sublevel_rate_per_ns," +
            "biexciton_auger_lifetime_ns,trion_auger_lifetime_ns,biexciton_binding_meV,trion_binding_meV,bright_dark_splitting_meV," +
            "bright_fss_meV,linewidth_fwhm_meV,absorption_cross_section_cm2", lines[0]);
        Assert.Equal(1 + 25, lines.Length); // 3, 3.5, …, 15 nm
        Assert.StartsWith("3,295,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("15,295,", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Single_dot_prints_every_quantity_with_unit_and_source()
    {
        var (exit, output) = Invoke("--material", "CsPbBr3", "--edge-nm", "4.5", "--temperature-k", "295", "--ligand", "PEA");
        Assert.Equal(CliRun.ExitOk, exit);
        Assert.Contains("radiative lifetime", output, StringComparison.Ordinal);
        Assert.Contains("PHYSICS.md §6", output, StringComparison.Ordinal);
        Assert.Contains("ligand preset PEA source:", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_option_prints_json()
    {
        var (exit, output) = Invoke("--edge-nm", "7", "--json");
        Assert.Equal(CliRun.ExitOk, exit);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(7, doc.RootElement.GetProperty("edge_nm").GetDouble());
    }

    [Theory]
    [InlineData("--edge-nm", "-2")]
    [InlineData("--edge-nm", "5", "--material", "CsPbF3")]
    [InlineData("--edge-nm", "5", "--temperature-k", "0")]
    [InlineData("--sweep", "edge-nm=3:1:0.5")]
    [InlineData("--temperature-k", "295")]
    [InlineData("--edge-nm", "5", "--delta-bd-constant", "3000")]
    public void Bad_input_exits_with_code_2(params string[] args) =>
        Assert.Equal(CliRun.ExitUserError, Invoke(args).ExitCode);
}
