using System.CommandLine;
using System.Globalization;
using QdSim.Runner.Cli;
using QdSim.Runner.Reporting;
using QdSim.Runner.Saturation;

namespace QdSim.Runner.Commands;

/// <summary>
/// `qdsim saturation FILE... (--mean-excitons | --fluence-uj-per-cm2 | --fluence-photons-per-cm2 | --power-uw) LIST`
/// or `qdsim saturation --values-csv CSV`: the count rate of each file (or each --segments-s window of each file) read
/// from its time tags, background-subtracted, fitted by A(1 − e^(−⟨N⟩)); writes saturation.json, saturation.csv and
/// saturation.svg. Numbers are taken as text and parsed here so that every mistake is one line naming the option and
/// its unit, exit code 2.
/// </summary>
internal static class SaturationCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("FILE") { Description = "Time-tag files of the series (PTU, QdSim binary or .npy), one per excitation value, or one file cut with --segments-s", Arity = ArgumentArity.ZeroOrMore };
        var excitation = ExcitationUnits.Options.ToDictionary(o => o.Option, o => new Option<string[]>(o.Option)
        {
            HelpName = "V1,V2,...",
            Description = o.Quantity switch
            {
                ExcitationQuantity.MeanExcitons => "⟨N⟩ per point (mean excitons per pulse), comma-separated: fits A only",
                ExcitationQuantity.FluenceUJPerCm2 => "Energy fluence per pulse per point, µJ/cm² (needs --wavelength-nm): fits A and σ (cm²)",
                ExcitationQuantity.PhotonFluencePerCm2 => "Photon fluence per pulse per point, photons/cm²: fits A and σ (cm²)",
                _ => "Average power on the sample per point, µW: fits A and ⟨N⟩ per µW; σ (cm²) too with --wavelength-nm, --repetition-rate-mhz and --spot-area-um2",
            },
        });
        var valuesCsv = new Option<string?>(ExcitationUnits.ValuesCsvOption) { HelpName = "CSV", Description = "CSV with a header row 'file,<quantity>' or 'file,segment_s,<quantity>', quantity mean_excitons | fluence_uj_per_cm2 | fluence_photons_per_cm2 | power_uw; one row per point, paths relative to the CSV (instead of FILE and a value list)" };
        var wavelength = new Option<string?>("--wavelength-nm") { HelpName = "NM", Description = "Excitation wavelength, nm (photon energy hc/λ for µJ/cm² and µW)" };
        var repetition = new Option<string?>("--repetition-rate-mhz") { HelpName = "MHZ", Description = "Laser repetition rate, MHz (pulse energy = power / rate; with --power-uw)" };
        var spot = new Option<string?>("--spot-area-um2") { HelpName = "UM2", Description = "Effective spot area, µm²: pulse energy / peak fluence, πw²/2 for a Gaussian of 1/e² intensity radius w (with --power-uw)" };
        var segments = new Option<string?>("--segments-s") { HelpName = "START:END,...", Description = "Windows of each FILE, s from its start, e.g. 0:60,65:125,130: ('a:' to the end); points in file order then segment order" };
        var channels = new Option<string?>("--channels") { HelpName = "CH,...", Description = "Photon channels to sum, e.g. 1,2 (default: every photon channel; a laser clock on the sync input is never counted)" };
        var backgroundCps = new Option<string?>("--background-cps") { HelpName = "CPS|CH=CPS,...", Description = "Background to subtract, counts/s: one rate for the summed channels, or per channel as 1=120,2=95" };
        var backgroundFile = new Option<string?>("--background-file") { HelpName = "FILE", Description = "Time-tag file recorded at zero excitation (laser blocked): its rate per channel is subtracted, its Poisson error propagated" };
        var output = new Option<string?>("--out") { HelpName = "DIR", Description = "Output folder for saturation.json, saturation.csv, saturation.svg (default: saturation)" };
        var figures = new Option<string>("--figures") { HelpName = "svg|none", Description = "svg: write saturation.svg (and a PNG copy when rsvg-convert is installed); none: no figure", DefaultValueFactory = _ => "svg" };

        var command = new Command("saturation", "Saturation analysis of a power series: count rate of each file or segment vs excitation, fitted by A(1 − e^(−⟨N⟩)) with ⟨N⟩ given or ⟨N⟩ = σ·fluence");
        command.Arguments.Add(files);
        foreach (var option in excitation.Values) command.Options.Add(option);
        foreach (var option in new Option[] { valuesCsv, wavelength, repetition, spot, segments, channels, backgroundCps, backgroundFile, output, figures })
            command.Options.Add(option);
        command.SetAction(parse => CliRun.Guard(() => Run(new SaturationArguments
        {
            Files = parse.GetValue(files) ?? [],
            ExcitationValues = excitation.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)(parse.GetValue(kv.Value) ?? [])),
            ValuesCsv = parse.GetValue(valuesCsv),
            WavelengthNm = parse.GetValue(wavelength),
            RepetitionRateMHz = parse.GetValue(repetition),
            SpotAreaUm2 = parse.GetValue(spot),
            SegmentsS = parse.GetValue(segments),
            Channels = parse.GetValue(channels),
            BackgroundCps = parse.GetValue(backgroundCps),
            BackgroundFile = parse.GetValue(backgroundFile),
            Out = parse.GetValue(output),
            Figures = parse.GetValue(figures)!,
        }, Console.Out)));
        return command;
    }

    /// <summary>The verb's body: validate everything, then read the files, fit, write the outputs and print a summary.</summary>
    internal static int Run(SaturationArguments arguments, TextWriter console)
    {
        var request = arguments.Validate();
        var units = request.Excitation;
        var report = SaturationSeries.Run(request, warning => Console.Error.WriteLine($"qdsim: warning: {warning}"));
        var written = SaturationOutputs.Write(report, units, request.OutFolder, request.Figures == FigureFormat.Svg);

        string unit = units.Unit.Length > 0 ? $" ({units.Unit})" : "";
        console.WriteLine($"saturation: {report.Points.Count} points from {report.Files.Count} file(s), excitation {units.Label}{unit}");
        console.WriteLine($"  {"file",-28} {"segment_s",-14} {"excitation",12} {"rate_cps",12} {"± cps",9} {"fit_cps",12} {"⟨N⟩",8}");
        foreach (var p in report.Points)
        {
            double x = p.PowerUW ?? p.FluenceUJPerCm2 ?? p.MeanExcitonsGiven ?? p.PhotonFluencePerCm2 ?? double.NaN;
            string segment = $"{p.SegmentStartS.ToString("G6", CultureInfo.InvariantCulture)}:{p.SegmentEndS.ToString("G6", CultureInfo.InvariantCulture)}";
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {Shorten(Path.GetFileName(p.File), 28),-28} {segment,-14} {x,12:G5} {p.RateCps,12:F1} {p.RateSigmaCps,9:F1} {p.FitRateCps,12:F1} {p.MeanExcitons,8:G4}"));
        }
        console.WriteLine($"  {report.FitSummary()}");
        console.WriteLine($"  written: {string.Join(", ", written.Select(Path.GetFileName))} in {Path.GetFullPath(request.OutFolder)}");
        if (request.Figures == FigureFormat.Svg)
            console.WriteLine($"  {QdSim.Plotting.Reports.PngExport.Convert(written.Where(w => w.EndsWith(".svg", StringComparison.Ordinal)).ToList()).Message}");
        return CliRun.ExitOk;
    }

    private static string Shorten(string text, int width) => text.Length <= width ? text : "…" + text[^(width - 1)..];
}
