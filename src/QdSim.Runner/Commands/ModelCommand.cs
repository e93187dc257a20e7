using System.CommandLine;
using QdSim.Models;
using QdSim.Runner.Cli;

namespace QdSim.Runner.Commands;

/// <summary>
/// `qdsim model`: every derived quantity of one dot with unit and source (table or --json), or a CSV sweep over edge
/// length or temperature (PHYSICS.md §6). All physics lives in QdSim.Models; this verb only parses and prints.
/// </summary>
internal static class ModelCommand
{
    public static Command Create()
    {
        var material = new Option<string>("--material") { Description = $"Composition: {string.Join(", ", Materials.Names)}", DefaultValueFactory = _ => "CsPbBr3" };
        var edge = new Option<double?>("--edge-nm") { Description = "Cube edge length L in nm (not needed when sweeping edge-nm)" };
        var temperature = new Option<double>("--temperature-k") { Description = "Temperature in K", DefaultValueFactory = _ => 295 };
        var ligand = new Option<string?>("--ligand") { Description = $"Surface preset: {string.Join(", ", SurfacePresets.Names)}" };
        var wavelength = new Option<double>("--excitation-wavelength-nm") { Description = "Excitation wavelength in nm (σ calibrated at 405 nm)", DefaultValueFactory = _ => 405 };
        var deltaBd = new Option<double>("--delta-bd-constant") { Description = "C_BD of Δ_BD = 2 + C_BD/L³ meV: 3984 (default), 2500 or 1400 meV nm³", DefaultValueFactory = _ => 3984 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of the table" };
        var sweep = new Option<string?>("--sweep") { Description = "CSV sweep, e.g. edge-nm=3:15:0.5 or temperature-k=4:300:2" };

        var command = new Command("model", "Derive rates, energies and line shape of a dot from material, size, temperature and ligand");
        foreach (var option in new Option[] { material, edge, temperature, ligand, wavelength, deltaBd, json, sweep })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => CliRun.Guard(() =>
        {
            var sweepText = parse.GetValue(sweep);
            var spec = sweepText is null ? null : SweepSpec.Parse(sweepText);
            double? edgeNm = parse.GetValue(edge);
            if (edgeNm is null && spec?.Parameter != SweepParameter.EdgeNm)
            {
                throw new UserInputException("edge-nm: missing (give --edge-nm in nm, or sweep it with --sweep edge-nm=start:stop:step)");
            }

            var description = new DotDescription(
                parse.GetValue(material)!, edgeNm ?? 0, parse.GetValue(temperature), parse.GetValue(ligand),
                parse.GetValue(wavelength), RadiativeModelVariants.FromBrightDarkConstant(parse.GetValue(deltaBd)));
            Run(description, spec, parse.GetValue(json), parse.InvocationConfiguration.Output);
            return CliRun.ExitOk;
        }));
        return command;
    }

    /// <summary>The verb's body, writing to <paramref name="output"/>; a sweep is derived in full before printing so a bad
    /// point fails the command without half a table on stdout.</summary>
    internal static void Run(DotDescription description, SweepSpec? sweep, bool asJson, TextWriter output)
    {
        if (sweep is null)
        {
            var derived = DotPhysics.Derive(description);
            output.Write(asJson ? ModelReport.Json(derived) : ModelReport.Table(derived));
            return;
        }

        var rows = sweep.Values().Select(v => ModelReport.CsvRow(DotPhysics.Derive(sweep.Apply(description, v)))).ToList();
        output.WriteLine(ModelReport.CsvHeader);
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }
    }
}
