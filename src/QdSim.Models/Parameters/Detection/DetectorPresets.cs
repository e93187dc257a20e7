namespace QdSim.Models.Parameters.Detection;

/// <summary>
/// Detector presets from PHYSICS.md §9. Marks: [L] = literature/datasheet figure quoted in PHYSICS.md,
/// [E] = our estimate where the table gives only a range or a qualitative statement (check the datasheet of the
/// actual unit). Efficiency tables hold the PDE at 450/500/550/650 nm from §9.
/// </summary>
public static class DetectorPresets
{
    /// <summary>Names accepted by <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ExcelitasSpcmAqrh", "MpdPdm50", "IdqId100", "HamamatsuC11202"];

    private static IReadOnlyList<QuantumEfficiencyPoint> Table(double q450, double q500, double q550, double q650) =>
    [
        new() { WavelengthNm = 450, EfficiencyFraction = q450 },
        new() { WavelengthNm = 500, EfficiencyFraction = q500 },
        new() { WavelengthNm = 550, EfficiencyFraction = q550 },
        new() { WavelengthNm = 650, EfficiencyFraction = q650 },
    ];

    /// <summary>Excelitas SPCM-AQRH: PDE ≈40/50/58/65% [L], 22 ns dead time [L], 350 ps FWHM [L] + diffusion tail
    /// (10% with 500 ps decay [E]), dark 100 cps (range 25–1500 [L]), afterpulsing 0.5% [L] with mean delay 50 ns
    /// (&lt; 0.5 µs [L], shape [E]).</summary>
    public static DetectorParameters ExcelitasSpcmAqrh => new()
    {
        Name = "Excelitas SPCM-AQRH",
        QuantumEfficiencyTable = Table(0.40, 0.50, 0.58, 0.65),
        DeadTimeNs = 22,
        Irf = new IrfParameters { GaussianFwhmPs = 350, TailFraction = 0.10, TailDecayPs = 500 },
        DarkCountRateCps = 100,
        Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = 0.005, Delay = DelayLawParameters.ExponentialNs(50) },
    };

    /// <summary>MPD PDM 50 µm: PDE ≈43/48/49/37% [L], ≈77 ns dead time [L], 40 ps FWHM (35–50 [L]) + tail 150 ps
    /// (100–200 [L], 20% weight [E]), dark 100 cps (25–250 [L]), afterpulsing 2% (1–3% [L], mean delay 100 ns [E]).</summary>
    public static DetectorParameters MpdPdm50 => new()
    {
        Name = "MPD PDM 50um",
        QuantumEfficiencyTable = Table(0.43, 0.48, 0.49, 0.37),
        DeadTimeNs = 77,
        Irf = new IrfParameters { GaussianFwhmPs = 40, TailFraction = 0.20, TailDecayPs = 150 },
        DarkCountRateCps = 100,
        Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = 0.02, Delay = DelayLawParameters.ExponentialNs(100) },
    };

    /// <summary>IDQ ID100: PDE ≈33/35/33/20% [L], 45 ns dead time [L], 40 ps FWHM [L], dark 50 cps (&lt; 60 [L]),
    /// afterpulsing 0.5% (&lt; 1% [L], mean delay 50 ns [E]).</summary>
    public static DetectorParameters IdqId100 => new()
    {
        Name = "IDQ ID100",
        QuantumEfficiencyTable = Table(0.33, 0.35, 0.33, 0.20),
        DeadTimeNs = 45,
        Irf = new IrfParameters { GaussianFwhmPs = 40 },
        DarkCountRateCps = 50,
        Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = 0.005, Delay = DelayLawParameters.ExponentialNs(50) },
    };

    /// <summary>Hamamatsu C11202-100 (used in [S1]): PDE 55% flat (placeholder 50–60% [E]), 25 ns dead time
    /// (20–30 [E]), 350 ps FWHM [E], dark 50 cps (25–100 [E]), afterpulsing 0.75% (0.5–1% [E], mean 50 ns [E]).</summary>
    public static DetectorParameters HamamatsuC11202 => new()
    {
        Name = "Hamamatsu C11202-100",
        QuantumEfficiencyFraction = 0.55,
        DeadTimeNs = 25,
        Irf = new IrfParameters { GaussianFwhmPs = 350 },
        DarkCountRateCps = 50,
        Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = 0.0075, Delay = DelayLawParameters.ExponentialNs(50) },
    };

    /// <summary>Preset by name (case-insensitive); <see cref="UserInputException"/> naming the key otherwise.</summary>
    public static DetectorParameters Get(string name, string key = "Detector:Preset") => name.ToLowerInvariant() switch
    {
        "excelitasspcmaqrh" => ExcelitasSpcmAqrh,
        "mpdpdm50" => MpdPdm50,
        "idqid100" => IdqId100,
        "hamamatsuc11202" => HamamatsuC11202,
        _ => throw new UserInputException($"{key}: unknown detector preset '{name}' (known: {string.Join(", ", Names)})"),
    };
}

/// <summary>Time-tagger presets from PHYSICS.md §9 ([L] = PicoQuant product data quoted there).</summary>
public static class TimeTaggerPresets
{
    public static IReadOnlyList<string> Names { get; } = ["HydraHarp400", "PicoHarp300", "MultiHarp150"];

    /// <summary>HydraHarp 400: 1 ps base resolution [L], dead time &lt; 80 ns (80 used) [L]; HydraHarp V2 records.</summary>
    public static TimeTaggerParameters HydraHarp400 => new()
    {
        Name = "HydraHarp", ResolutionPs = 1, DeadTimeNs = 80, RecordType = PtuRecordType.HydraHarpV2,
    };

    /// <summary>PicoHarp 300: 4 ps resolution [L], ≈ 95 ns dead time [L]; PicoHarp records.</summary>
    public static TimeTaggerParameters PicoHarp300 => new()
    {
        Name = "PicoHarp", ResolutionPs = 4, DeadTimeNs = 95, RecordType = PtuRecordType.PicoHarp,
    };

    /// <summary>MultiHarp 150: 5 ps resolution (P model; 10/80 ps for others) [L], 650 ps dead time [L]; Generic records.</summary>
    public static TimeTaggerParameters MultiHarp150 => new()
    {
        Name = "MultiHarp", ResolutionPs = 5, DeadTimeNs = 0.65, RecordType = PtuRecordType.Generic,
    };

    public static TimeTaggerParameters Get(string name, string key = "TimeTagger:Preset") => name.ToLowerInvariant() switch
    {
        "hydraharp400" => HydraHarp400,
        "picoharp300" => PicoHarp300,
        "multiharp150" => MultiHarp150,
        _ => throw new UserInputException($"{key}: unknown time-tagger preset '{name}' (known: {string.Join(", ", Names)})"),
    };
}
