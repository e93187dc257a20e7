using System.Globalization;
using QdSim.Analysis.Saturation;
using QdSim.Runner.Reporting;

namespace QdSim.Runner.Saturation;

/// <summary>What the excitation values of a saturation series are.</summary>
internal enum ExcitationQuantity
{
    /// <summary>⟨N⟩, mean excitons per pulse: only the saturated rate A is fitted.</summary>
    MeanExcitons,
    /// <summary>Energy fluence per pulse, µJ/cm² (needs the wavelength): A and σ fitted.</summary>
    FluenceUJPerCm2,
    /// <summary>Photon fluence per pulse, photons/cm²: A and σ fitted.</summary>
    PhotonFluencePerCm2,
    /// <summary>Average power on the sample, µW: A and ⟨N⟩ per µW fitted; σ too with spot area, wavelength and repetition rate.</summary>
    PowerUW,
}

/// <summary>
/// The excitation quantity and what converts it to photon fluence per pulse (photons/cm²), in which ⟨N⟩ = σ·j.
/// Power P (µW) at repetition rate f gives the pulse energy P/f; over the effective spot area A_eff (peak fluence =
/// pulse energy / A_eff, so A_eff = πw²/2 for a Gaussian beam of 1/e² intensity radius w, the fluence a dot at the
/// centre sees) and divided by the photon energy hc/λ, that is the photon fluence.
/// </summary>
internal sealed record ExcitationUnits(ExcitationQuantity Quantity, double? WavelengthNm = null, double? RepetitionRateMHz = null, double? SpotAreaUm2 = null)
{
    /// <summary>The command-line option that gives values of this quantity.</summary>
    public string OptionName => Quantity switch
    {
        ExcitationQuantity.MeanExcitons => "--mean-excitons",
        ExcitationQuantity.FluenceUJPerCm2 => "--fluence-uj-per-cm2",
        ExcitationQuantity.PhotonFluencePerCm2 => "--fluence-photons-per-cm2",
        _ => "--power-uw",
    };

    /// <summary>The column of a --values-csv file that gives values of this quantity (also the excitation column of saturation.csv).</summary>
    public string CsvColumn => Quantity switch
    {
        ExcitationQuantity.MeanExcitons => "mean_excitons",
        ExcitationQuantity.FluenceUJPerCm2 => "fluence_uj_per_cm2",
        ExcitationQuantity.PhotonFluencePerCm2 => "fluence_photons_per_cm2",
        _ => "power_uw",
    };

    /// <summary>Display unit of the values.</summary>
    public string Unit => Quantity switch
    {
        ExcitationQuantity.MeanExcitons => "",
        ExcitationQuantity.FluenceUJPerCm2 => "µJ/cm²",
        ExcitationQuantity.PhotonFluencePerCm2 => "photons/cm²",
        _ => "µW",
    };

    /// <summary>Name of the quantity in messages and on the figure axis.</summary>
    public string Label => Quantity switch
    {
        ExcitationQuantity.MeanExcitons => "⟨N⟩ (mean excitons per pulse)",
        ExcitationQuantity.FluenceUJPerCm2 => "Pulse fluence",
        ExcitationQuantity.PhotonFluencePerCm2 => "Photon fluence per pulse",
        _ => "Excitation power",
    };

    /// <summary>Photons/cm² per pulse for one unit of the values; null for ⟨N⟩, and for power without spot area, wavelength and repetition rate.</summary>
    public double? PhotonFluencePerCm2PerUnit => Quantity switch
    {
        ExcitationQuantity.FluenceUJPerCm2 => SaturationFit.PhotonFluencePerCm2(1, WavelengthNm!.Value),
        ExcitationQuantity.PhotonFluencePerCm2 => 1,
        // 1 µW at f MHz: 1/(f·10⁶) µJ per pulse, over A_eff µm² = A_eff·10⁻⁸ cm².
        ExcitationQuantity.PowerUW when SpotAreaUm2 is { } a && RepetitionRateMHz is { } f && WavelengthNm is { } l =>
            SaturationFit.PhotonFluencePerCm2(1 / (f * 1e6) / (a * 1e-8), l),
        _ => null,
    };

    public const string ValuesCsvOption = "--values-csv";

    /// <summary>Options naming an excitation quantity, each with its quantity.</summary>
    public static readonly (string Option, ExcitationQuantity Quantity)[] Options =
    [
        ("--mean-excitons", ExcitationQuantity.MeanExcitons),
        ("--fluence-uj-per-cm2", ExcitationQuantity.FluenceUJPerCm2),
        ("--fluence-photons-per-cm2", ExcitationQuantity.PhotonFluencePerCm2),
        ("--power-uw", ExcitationQuantity.PowerUW),
    ];

    /// <summary>The quantity a --values-csv column names, or null.</summary>
    public static ExcitationQuantity? FromCsvColumn(string column) =>
        Options.Select(o => new ExcitationUnits(o.Quantity)).FirstOrDefault(u => u.CsvColumn == column.Trim().ToLowerInvariant())?.Quantity;
}

/// <summary>One point of the series before measurement.</summary>
/// <param name="File">Time-tag file.</param>
/// <param name="Segment">Window of the file counted for this point.</param>
/// <param name="Excitation">Excitation value in the unit of <see cref="ExcitationUnits"/>.</param>
/// <param name="Origin">Where the point was given, for error messages ("--segments-s 60:120", "values.csv line 4").</param>
internal sealed record SaturationPointSpec(string File, TimeSegment Segment, double Excitation, string Origin);

/// <summary>Background to subtract from each point's summed rate: none, given rates, or a file recorded at zero excitation.</summary>
/// <param name="TotalCps">One rate for the sum of the counted channels, counts/s.</param>
/// <param name="PerChannelCps">Rates by channel, counts/s (summed over the counted channels).</param>
/// <param name="File">Time-tag file at zero excitation (dark counts, ambient light): its rates, with their Poisson error.</param>
internal sealed record BackgroundSpec(double? TotalCps = null, IReadOnlyDictionary<short, double>? PerChannelCps = null, string? File = null)
{
    public static BackgroundSpec None { get; } = new();
}

/// <summary>A validated `qdsim saturation` request.</summary>
internal sealed record SaturationRequest(IReadOnlyList<SaturationPointSpec> Points, ExcitationUnits Excitation, IReadOnlyList<short>? Channels,
    BackgroundSpec Background, string OutFolder, FigureFormat Figures);

/// <summary>The raw option values of `qdsim saturation`, as strings so that every mistake gets a one-line message naming the option and unit.</summary>
internal sealed record SaturationArguments
{
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>Values by excitation option name (each option may be repeated; values are comma-separated).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExcitationValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public string? ValuesCsv { get; init; }
    public string? WavelengthNm { get; init; }
    public string? RepetitionRateMHz { get; init; }
    public string? SpotAreaUm2 { get; init; }
    public string? SegmentsS { get; init; }
    public string? Channels { get; init; }
    public string? BackgroundCps { get; init; }
    public string? BackgroundFile { get; init; }
    public string? Out { get; init; }
    public string Figures { get; init; } = "svg";

    /// <summary>Checks everything that can be checked before any file is read.</summary>
    public SaturationRequest Validate()
    {
        var given = ExcitationValues.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key).ToList();
        if (ValuesCsv is not null) given.Add(ExcitationUnits.ValuesCsvOption);
        if (given.Count == 0)
            throw new UserInputException("excitation: missing; give one value per point with --mean-excitons, --fluence-uj-per-cm2 (µJ/cm²), --fluence-photons-per-cm2 (photons/cm²) or --power-uw (µW), or a --values-csv file");
        if (given.Count > 1)
            throw new UserInputException($"{string.Join(" and ", given)}: give the excitation one way only");

        var figures = FigureFormats.Parse(Figures);
        double? wavelength = Positive("--wavelength-nm", WavelengthNm, "nm");
        double? repetition = Positive("--repetition-rate-mhz", RepetitionRateMHz, "MHz");
        double? spot = Positive("--spot-area-um2", SpotAreaUm2, "µm²");

        List<SaturationPointSpec> points;
        ExcitationQuantity quantity;
        if (ValuesCsv is not null)
        {
            if (Files.Count > 0) throw new UserInputException($"{ExcitationUnits.ValuesCsvOption}: the CSV lists the files; give no FILE arguments beside it ({Files[0]})");
            if (SegmentsS is not null) throw new UserInputException($"--segments-s: not used with {ExcitationUnits.ValuesCsvOption} (give segments in its segment_s column)");
            (points, quantity) = ValuesCsvFile.Read(ValuesCsv);
        }
        else
        {
            quantity = ExcitationUnits.Options.Single(o => o.Option == given[0]).Quantity;
            points = PointsFromArguments(given[0], ExcitationValues[given[0]], quantity);
        }

        var units = new ExcitationUnits(quantity, wavelength, repetition, spot);
        CheckConversionOptions(units);
        var channels = Channels is null ? null : ParseChannels(Channels);
        var background = ParseBackground(channels);
        foreach (var file in points.Select(p => p.File).Append(background.File).OfType<string>().Distinct())
            if (!File.Exists(file)) throw new UserInputException($"{file}: not found");
        return new SaturationRequest(points, units, channels, background, Out ?? "saturation", figures);
    }

    private List<SaturationPointSpec> PointsFromArguments(string option, IReadOnlyList<string> valueTokens, ExcitationQuantity quantity)
    {
        if (Files.Count == 0) throw new UserInputException("FILE: missing; give the time-tag files of the series (or a --values-csv file listing them)");
        var unit = new ExcitationUnits(quantity);
        var values = valueTokens.SelectMany(t => t.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Select(text => ExcitationValue(option, text, unit.Unit)).ToList();
        var segments = SegmentsS is null ? [TimeSegment.Whole] : ParseSegments("--segments-s", SegmentsS);
        int expected = Files.Count * segments.Count;
        if (values.Count != expected)
        {
            string what = SegmentsS is null ? $"{Files.Count} file(s)" : $"{Files.Count} file(s) × {segments.Count} segment(s)";
            throw new UserInputException($"{option}: {values.Count} value(s) for {expected} point(s) ({what}); give one value{UnitSuffix(unit.Unit)} per point, in file order then segment order");
        }
        var points = new List<SaturationPointSpec>();
        int k = 0;
        foreach (var file in Files)
            foreach (var segment in segments)
                points.Add(new SaturationPointSpec(file, segment, values[k++], SegmentsS is null ? file : $"--segments-s {segment} of {file}"));
        return points;
    }

    private static string UnitSuffix(string unit) => unit.Length > 0 ? $" in {unit}" : "";

    /// <summary>An excitation value: a finite number &gt; 0 (a point at zero excitation is a background measurement: --background-file).</summary>
    internal static double ExcitationValue(string where, string text, string unit)
    {
        if (!TryFinite(text, out double value))
            throw new UserInputException($"{where}: '{text}' is not a number (expected {(unit.Length > 0 ? $"a value in {unit}" : "⟨N⟩, mean excitons per pulse")})");
        if (value < 0) throw new UserInputException($"{where}: {text}{(unit.Length > 0 ? " " + unit : "")} is negative (expected > 0)");
        if (value == 0) throw new UserInputException($"{where}: 0{(unit.Length > 0 ? " " + unit : "")} is not allowed (expected > 0; give a measurement at zero excitation as --background-file)");
        return value;
    }

    private static double? Positive(string option, string? text, string unit)
    {
        if (text is null) return null;
        if (!TryFinite(text, out double value))
            throw new UserInputException($"{option}: '{text}' is not a number (expected {unit})");
        if (!(value > 0)) throw UserInputException.OutOfRange(option, value, unit, "> 0");
        return value;
    }

    /// <summary>Wavelength, repetition rate and spot area are needed exactly where the conversion to photon fluence uses them.</summary>
    private static void CheckConversionOptions(ExcitationUnits u)
    {
        var extra = new List<string>();
        switch (u.Quantity)
        {
            case ExcitationQuantity.FluenceUJPerCm2:
                if (u.WavelengthNm is null) throw new UserInputException("--wavelength-nm: missing; --fluence-uj-per-cm2 needs the excitation wavelength in nm to convert µJ/cm² to photons/cm²");
                if (u.RepetitionRateMHz is not null) extra.Add("--repetition-rate-mhz");
                if (u.SpotAreaUm2 is not null) extra.Add("--spot-area-um2");
                break;
            case ExcitationQuantity.PowerUW:
                var have = new[] { ("--wavelength-nm", u.WavelengthNm), ("--repetition-rate-mhz", u.RepetitionRateMHz), ("--spot-area-um2", u.SpotAreaUm2) };
                var missing = have.Where(h => h.Item2 is null).Select(h => h.Item1).ToList();
                if (missing.Count is > 0 and < 3)
                    throw new UserInputException($"{string.Join(", ", missing)}: missing; the cross-section from --power-uw needs --wavelength-nm (nm), --repetition-rate-mhz (MHz) and --spot-area-um2 (µm², effective area: πw²/2 for a Gaussian of 1/e² radius w); without all three only ⟨N⟩ per µW is fitted");
                break;
            default:
                if (u.WavelengthNm is not null) extra.Add("--wavelength-nm");
                if (u.RepetitionRateMHz is not null) extra.Add("--repetition-rate-mhz");
                if (u.SpotAreaUm2 is not null) extra.Add("--spot-area-um2");
                break;
        }
        if (extra.Count > 0)
            throw new UserInputException($"{string.Join(", ", extra)}: not used with {u.OptionName} (they convert --fluence-uj-per-cm2 or --power-uw to photon fluence)");
    }

    /// <summary>"0:60,60:120,120:" → disjoint windows in time order, seconds; "a:" runs to the end of the file.</summary>
    internal static List<TimeSegment> ParseSegments(string where, string text)
    {
        var segments = new List<TimeSegment>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = item.IndexOf(':');
            if (colon < 0) throw new UserInputException($"{where}: '{item}' is not start:end (seconds from the file start, e.g. 0:60; 'start:' runs to the end)");
            double start = Seconds(where, item, item[..colon]);
            string endText = item[(colon + 1)..].Trim();
            double? end = endText.Length == 0 ? null : Seconds(where, item, endText);
            if (end is { } e && !(e > start)) throw new UserInputException($"{where}: '{item}' ends before it starts (expected start < end, s)");
            var segment = new TimeSegment(start, end);
            if (segments.Count > 0 && !(segments[^1].EndS is { } previous && previous <= start))
                throw new UserInputException($"{where}: '{item}' overlaps or precedes '{segments[^1]}' (segments must be disjoint and in time order)");
            segments.Add(segment);
        }
        if (segments.Count == 0) throw new UserInputException($"{where}: no segment given (expected start:end in s, comma-separated)");
        return segments;
    }

    /// <summary>A finite number in invariant culture (the command line's only number format).</summary>
    private static bool TryFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static double Seconds(string where, string item, string text)
    {
        if (!TryFinite(text, out double value) || value < 0)
            throw new UserInputException($"{where}: '{item}' is not start:end with times ≥ 0 s");
        return value;
    }

    private static List<short> ParseChannels(string text)
    {
        var channels = new List<short>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!short.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out short c) || c < 0)
                throw new UserInputException($"--channels: '{item}' is not a channel number (as `qdsim analyze` lists them)");
            if (!channels.Contains(c)) channels.Add(c);
        }
        if (channels.Count == 0) throw new UserInputException("--channels: no channel given");
        return channels;
    }

    private BackgroundSpec ParseBackground(IReadOnlyList<short>? channels)
    {
        if (BackgroundCps is not null && BackgroundFile is not null)
            throw new UserInputException("--background-cps and --background-file: give the background one way only");
        if (BackgroundFile is not null) return new BackgroundSpec(File: BackgroundFile);
        if (BackgroundCps is null) return BackgroundSpec.None;
        string text = BackgroundCps.Trim();
        if (!text.Contains('='))
            return new BackgroundSpec(TotalCps: Rate("--background-cps", text));
        var perChannel = new Dictionary<short, double>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || !short.TryParse(item[..eq], NumberStyles.Integer, CultureInfo.InvariantCulture, out short channel) || channel < 0)
                throw new UserInputException($"--background-cps: '{item}' is not CHANNEL=RATE (e.g. 1=120,2=95 in counts/s) or one total rate");
            if (channels is not null && !channels.Contains(channel))
                throw new UserInputException($"--background-cps: channel {channel} is not among --channels {string.Join(",", channels)}");
            perChannel[channel] = Rate("--background-cps", item[(eq + 1)..]);
        }
        return new BackgroundSpec(PerChannelCps: perChannel);
    }

    private static double Rate(string option, string text)
    {
        if (!TryFinite(text, out double value))
            throw new UserInputException($"{option}: '{text}' is not a number (expected counts/s)");
        if (value < 0) throw UserInputException.OutOfRange(option, value, "counts/s", "≥ 0");
        return value;
    }
}

/// <summary>
/// A --values-csv file: a header row `file,&lt;quantity&gt;` or `file,segment_s,&lt;quantity&gt;` (any column order),
/// quantity one of mean_excitons, fluence_uj_per_cm2, fluence_photons_per_cm2, power_uw; one row per point; file paths
/// relative to the CSV's folder; segment_s as for --segments-s (one window, empty = whole file); blank lines and lines
/// starting with # are skipped. Fields are plain (no quoting): a comma in a file name is not supported.
/// </summary>
internal static class ValuesCsvFile
{
    public static (List<SaturationPointSpec> Points, ExcitationQuantity Quantity) Read(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: not found ({ExcitationUnits.ValuesCsvOption})");
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var lines = File.ReadAllLines(path);
        int fileColumn = -1, segmentColumn = -1, valueColumn = -1, columns = 0;
        ExcitationQuantity quantity = default;
        var points = new List<SaturationPointSpec>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            string where = $"{path} line {i + 1}";
            if (fileColumn < 0)
            {
                columns = fields.Length;
                for (int c = 0; c < fields.Length; c++)
                {
                    string name = fields[c].ToLowerInvariant();
                    if (name == "file") fileColumn = c;
                    else if (name == "segment_s") segmentColumn = c;
                    else if (ExcitationUnits.FromCsvColumn(name) is { } q)
                    {
                        if (valueColumn >= 0) throw new UserInputException($"{where}: two excitation columns ({fields[valueColumn]}, {fields[c]}); give one");
                        (valueColumn, quantity) = (c, q);
                    }
                    else throw new UserInputException($"{where}: unknown column '{fields[c]}' (expected file, optional segment_s, and one of mean_excitons, fluence_uj_per_cm2, fluence_photons_per_cm2, power_uw)");
                }
                if (fileColumn < 0 || valueColumn < 0)
                    throw new UserInputException($"{where}: the header needs a file column and an excitation column (mean_excitons, fluence_uj_per_cm2, fluence_photons_per_cm2 or power_uw)");
                continue;
            }
            if (fields.Length != columns) throw new UserInputException($"{where}: {fields.Length} fields, the header has {columns}");
            string file = fields[fileColumn];
            if (file.Length == 0) throw new UserInputException($"{where}: empty file name");
            file = Path.IsPathRooted(file) ? file : Path.Combine(folder, file);
            var segment = segmentColumn >= 0 && fields[segmentColumn].Length > 0
                ? Single(SaturationArguments.ParseSegments($"{where} segment_s", fields[segmentColumn]), where)
                : TimeSegment.Whole;
            var units = new ExcitationUnits(quantity);
            double value = SaturationArguments.ExcitationValue($"{where} {units.CsvColumn}", fields[valueColumn], units.Unit);
            points.Add(new SaturationPointSpec(file, segment, value, where));
        }
        if (fileColumn < 0) throw new UserInputException($"{path}: empty ({ExcitationUnits.ValuesCsvOption} needs a header row and one row per point)");
        if (points.Count == 0) throw new UserInputException($"{path}: no points after the header");
        return (points, quantity);
    }

    private static TimeSegment Single(List<TimeSegment> segments, string where) =>
        segments.Count == 1 ? segments[0] : throw new UserInputException($"{where}: segment_s holds {segments.Count} segments; give one per row");
}
