using System.Text.Json;
using System.Text.Json.Serialization;

namespace QdSim.Analysis.Report;

/// <summary>
/// The content of analysis.json (schema in docs/analysis-json.md). Members of stages that do not apply to a file
/// (photon numbers without sync, g2 with one channel, ...) are null, never invented.
/// </summary>
public sealed record AnalysisResult
{
    public const int CurrentSchemaVersion = 1;
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required SourceInfo Source { get; init; }
    /// <summary>Time of the last event from the file start, seconds.</summary>
    public required double DurationS { get; init; }
    public required IReadOnlyList<ChannelInfo> Channels { get; init; }
    public IReadOnlyList<MarkerInfo> Markers { get; init; } = [];
    public required TraceInfo Trace { get; init; }
    public required BlinkingInfo Blinking { get; init; }
    public ChangePointInfo? ChangePoint { get; init; }
    public PhotonNumberInfo? PhotonNumbers { get; init; }
    public G2Info G2 { get; init; } = new();
    public LifetimeInfo Lifetime { get; init; } = new();
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>camelCase, indented, NaN/∞ written as null by the converters below.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Units and rules contain non-ASCII text (×, σ, µ); the file is UTF-8, so write it as is.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new FiniteDoubleConverter(), new FiniteNullableDoubleConverter(), new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static AnalysisResult FromJson(string json) =>
        JsonSerializer.Deserialize<AnalysisResult>(json, JsonOptions) ?? throw new JsonException("analysis.json is empty");
}

/// <summary>Where the data came from.</summary>
/// <param name="Path">File path.</param>
/// <param name="Mode">T2 or T3.</param>
/// <param name="RecordTypeCode">PTU record type code (0 for non-PTU sources).</param>
/// <param name="TickResolutionS">Tick length, seconds.</param>
/// <param name="MicroTimeResolutionS">T3 micro-time bin, seconds; null in T2.</param>
/// <param name="AcquisitionTimeS">Acquisition time the header states, seconds.</param>
/// <param name="DeclaredRecordCount">Record count the header states.</param>
/// <param name="Events">Events read.</param>
/// <param name="SyncRateHz">Laser repetition rate the analysis used; null when the stream has no laser clock (CW), even if the header states a sync rate.</param>
/// <param name="LaserClock">Where the laser clock came from: None (CW), T3, SyncRecords or SyncInputChannel (PicoHarp T2 channel 0 ticking periodically).</param>
/// <param name="HeaderSyncRateHz">TTResult_SyncRate as the header states it (the sync-input rate meter, whatever that input carried).</param>
/// <param name="SyncEvents">Sync events in the stream (T2 with a laser clock), 0 otherwise.</param>
public sealed record SourceInfo(string Path, string Mode, uint RecordTypeCode, double TickResolutionS, double? SyncRateHz,
    double? MicroTimeResolutionS, double? AcquisitionTimeS, long? DeclaredRecordCount, long Events,
    string? LaserClock = null, double? HeaderSyncRateHz = null, long SyncEvents = 0);

/// <summary>One detector channel: photon counts and mean rate over <see cref="AnalysisResult.DurationS"/>.</summary>
public sealed record ChannelInfo(int Channel, long Counts, double MeanRateCps);

/// <summary>Marker records by bit mask.</summary>
public sealed record MarkerInfo(int Mask, long Counts);

/// <summary>Intensity trace summary (summed channels).</summary>
/// <param name="BinWidthS">Trace bin width, s.</param>
/// <param name="Bins">Number of bins.</param>
/// <param name="MeanCountsPerBin">Mean counts per bin.</param>
/// <param name="MandelQ">Mandel Q = Var/mean − 1 of the counts per bin.</param>
/// <param name="PoissonChiSquarePerDof">χ²/dof of the intensity histogram against one Poisson law.</param>
/// <param name="Mixture">Poisson-mixture components of the intensity histogram (EM + BIC).</param>
/// <param name="MandelQStandardError">SE of Q under the Poisson null, √(2/N_bins): tests Q ≠ 0 (sub- or super-Poissonian light).</param>
/// <param name="MandelQBlockStandardError">SE of Q for this trace, from the spread over 10 blocks (includes blinking); null
/// for traces shorter than 100 bins or with a dark block.</param>
public sealed record TraceInfo(double BinWidthS, int Bins, double MeanCountsPerBin, double MandelQ, double MandelQStandardError,
    double PoissonChiSquarePerDof, IReadOnlyList<MixtureComponentInfo> Mixture, double? MandelQBlockStandardError = null);

/// <summary>Poisson-mixture component of the intensity histogram.</summary>
public sealed record MixtureComponentInfo(double Weight, double MeanCountsPerBin, double RateCps);

/// <summary>ON/OFF blinking statistics.</summary>
public sealed record BlinkingInfo
{
    public required string ThresholdRule { get; init; }
    public required double ThresholdCps { get; init; }
    public required double OnFraction { get; init; }
    /// <summary>Mandel Q of the summed trace (same as trace.mandelQ, here because blinking reports quote it).</summary>
    public required double MandelQ { get; init; }
    public required int OnDwells { get; init; }
    public required int OffDwells { get; init; }
    public double? OnExponent { get; init; }
    public double? OffExponent { get; init; }
    public PowerLawInfo? OnFit { get; init; }
    public PowerLawInfo? OffFit { get; init; }
}

/// <summary>Truncated power-law fit of a dwell-time list.</summary>
public sealed record PowerLawInfo(double Exponent, double AnalyticSigma, double? BootstrapSigma, double TMinS, double TMaxS, int Dwells,
    double KsDistance, bool Binned);

/// <summary>Change-point analysis summary.</summary>
public sealed record ChangePointInfo(double Alpha, int Segments, int LevelChanges, IReadOnlyList<LevelInfo> Levels, IReadOnlyList<LevelBicInfo> BicByLevels);

/// <summary>An intensity level of the change-point analysis.</summary>
public sealed record LevelInfo(int Index, double IntensityCps, double IntensitySigmaCps, long Photons, double TotalTimeS, double TimeFraction,
    int Dwells, double? MeanDwellS);

/// <summary>BIC per number of levels.</summary>
public sealed record LevelBicInfo(int Levels, double Bic);

/// <summary>Photon numbers per pulse.</summary>
public sealed record PhotonNumberInfo(long Pulses, PhotonNumberChannelInfo Total, IReadOnlyList<PhotonNumberChannelInfo> Channels);

/// <summary>P(n) per pulse for one channel (−1: all channels).</summary>
public sealed record PhotonNumberChannelInfo(int Channel, IReadOnlyList<double> Probability, double Mean, double Variance,
    double NormalisedFactorialMoment);

/// <summary>Second-order correlation; filled by the correlation stages, null where they do not apply.</summary>
public sealed record G2Info
{
    /// <summary>"pulsed" (peak areas), "cw" (1 ns bin at zero lag) or null (fewer than two channels).</summary>
    public string? Mode { get; init; }

    /// <summary>Laser period of the peak windows, ns (pulsed only).</summary>
    public double? LaserPeriodNs { get; init; }

    /// <summary>Where the period comes from (pulsed only): "laser clock" (T3, sync records, periodic sync input) or "photon
    /// correlation at the header's sync rate" (T2 without sync whose coincidences peak at that period).</summary>
    public string? PeriodSource { get; init; }
    public double? ZeroDelay { get; init; }
    public double? ZeroDelayStdErr { get; init; }
    /// <summary>Nair et al. 2011 correction with each channel's signal fraction from its decay tail (pulsed only).</summary>
    public double? ZeroDelayBackgroundCorrected { get; init; }
    public double? ZeroDelayBackgroundCorrectedStdErr { get; init; }

    /// <summary>
    /// Coincidences just outside zero delay over the uncorrelated expectation from the mean rates: pulsed, the side peaks
    /// ±FirstSidePeak…±LastSidePeak (5…20); CW, the bins with 20 ns ≤ |τ| &lt; 100 ns. 1 for a stable emitter; 1/f for an
    /// emitter that blinks between ON (fraction f of the time) and dark on time scales much longer than these lags.
    /// </summary>
    public double? SidePeakLevel { get; init; }
    public double? SidePeakLevelStdErr { get; init; }

    /// <summary>Time-gated g2 (G2:GateNs set and a laser clock present), else null.</summary>
    public G2GatedInfo? Gated { get; init; }

    /// <summary>g2 restricted to the ON periods of the ON/OFF classification (second pass), else null.</summary>
    public G2OnPeriodsInfo? OnPeriods { get; init; }

    /// <summary>CW antibunching fit (CW streams with two channels), else null.</summary>
    public AntibunchingInfo? Antibunching { get; init; }
}

/// <summary>g2 of the photons that arrive at least <paramref name="GateNs"/> after their laser sync (pulsed peak areas).</summary>
/// <param name="GateNs">Gate measured from the sync (micro time 0), ns.</param>
/// <param name="ZeroDelay">Zero-peak area over the mean side-peak area of the gated photons.</param>
/// <param name="ZeroDelayStdErr">Poisson standard error of <paramref name="ZeroDelay"/>.</param>
/// <param name="PhotonsA">Gated photons kept on the first channel.</param>
/// <param name="PhotonsB">Gated photons kept on the second channel.</param>
public sealed record G2GatedInfo(double GateNs, double? ZeroDelay, double? ZeroDelayStdErr, long PhotonsA, long PhotonsB);

/// <summary>g2 of the photons inside ON periods only, pairs formed within one ON period.</summary>
/// <param name="ZeroDelay">As <see cref="G2Info.ZeroDelay"/>, restricted to ON periods.</param>
/// <param name="ZeroDelayStdErr">Its standard error.</param>
/// <param name="SidePeakLevel">As <see cref="G2Info.SidePeakLevel"/>, with the uncorrelated expectation from the ON windows (1 once blinking bunching is removed).</param>
/// <param name="SidePeakLevelStdErr">Poisson standard error of <paramref name="SidePeakLevel"/>.</param>
/// <param name="OnTimeFraction">Time inside ON windows over the trace length.</param>
/// <param name="Windows">Number of ON windows.</param>
public sealed record G2OnPeriodsInfo(double? ZeroDelay, double? ZeroDelayStdErr, double? SidePeakLevel, double? SidePeakLevelStdErr,
    double OnTimeFraction, int Windows);

/// <summary>CW antibunching fit A·[1 − (1 − g2(0))·e^(−|τ − τ₀|/τ_a)] ⊗ Gaussian IRF, Poisson ML with Fisher errors.</summary>
/// <param name="G2Zero">g2(0) of the IRF-free model.</param>
/// <param name="G2ZeroStdErr">Its standard error.</param>
/// <param name="TauNs">Antibunching time τ_a, ns.</param>
/// <param name="TauSigmaNs">Its standard error, ns.</param>
/// <param name="DelayNs">Dip centre τ₀ (channel delay), ns.</param>
/// <param name="DelaySigmaNs">Its standard error, ns.</param>
/// <param name="Amplitude">Level far from the dip.</param>
/// <param name="AmplitudeStdErr">Its standard error.</param>
/// <param name="IrfFwhmNs">FWHM of the correlation IRF used (√2 × Lifetime:IrfFwhmPs), ns.</param>
/// <param name="ReducedChiSquare">Pearson χ²/dof of the fit.</param>
/// <param name="Converged">Whether the optimiser converged.</param>
public sealed record AntibunchingInfo(double G2Zero, double G2ZeroStdErr, double TauNs, double TauSigmaNs, double DelayNs, double DelaySigmaNs,
    double Amplitude, double AmplitudeStdErr, double IrfFwhmNs, double ReducedChiSquare, bool Converged);

/// <summary>Mono-exponential lifetime of the photons emitted while the dot sat in one intensity level.</summary>
/// <param name="Level">Level index (change points: 0 dimmest; ON/OFF: 0 OFF, 1 ON).</param>
/// <param name="Classification">"changePoint" or "onOff": where the levels come from.</param>
/// <param name="IntensityCps">Mean intensity of the level, counts/s.</param>
/// <param name="TimeS">Time spent in the level, s.</param>
/// <param name="Photons">Photons with a laser delay in the level's decay histogram.</param>
/// <param name="TauNs">Fitted lifetime, ns; null with fewer than 100 photons.</param>
/// <param name="TauSigmaNs">Its Fisher standard error, ns.</param>
/// <param name="BackgroundFraction">Fitted background fraction.</param>
/// <param name="ReducedChiSquare">χ²/dof of the fit.</param>
public sealed record LevelLifetimeInfo(int Level, string Classification, double IntensityCps, double TimeS, long Photons, double? TauNs, double? TauSigmaNs,
    double? BackgroundFraction, double? ReducedChiSquare);

/// <summary>Lifetime; filled by the lifetime stages, null without sync/micro times.</summary>
public sealed record LifetimeInfo
{
    /// <summary>Mono-exponential lifetime with Gaussian-IRF reconvolution (Poisson ML), ns.</summary>
    public double? TauNs { get; init; }
    public double? TauSigmaNs { get; init; }
    public double? BackgroundFraction { get; init; }
    public double? ReducedChiSquare { get; init; }
    public double? IrfFwhmNs { get; init; }

    /// <summary>Lifetime per intensity level (second pass; change-point levels, or ON/OFF classes without change points), else null.</summary>
    public IReadOnlyList<LevelLifetimeInfo>? PerLevel { get; init; }
}

/// <summary>Writes NaN and infinities as null (JSON has no NaN); reads null as NaN.</summary>
internal sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value); else writer.WriteNullValue();
    }

    public override bool HandleNull => true;
}

/// <summary>Nullable doubles: NaN and infinities written as null.</summary>
internal sealed class FiniteNullableDoubleConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble();

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumberValue(v); else writer.WriteNullValue();
    }

    public override bool HandleNull => true;
}
