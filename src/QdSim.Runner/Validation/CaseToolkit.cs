using System.Globalization;
using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Traces;
using QdSim.Engine.Simulation;
using QdSim.Runner.Configuration;
using QdSim.TimeTags;

namespace QdSim.Runner.Validation;

/// <summary>A simulated experiment on disk: its configuration, the PTU file and what the engine reported.</summary>
/// <param name="Configuration">The loaded configuration (the model's rates the expectation is computed from).</param>
/// <param name="PtuPath">The time-tag file the analysis reads.</param>
/// <param name="Outcome">Engine outcome (records, wall time); never used as a measured value.</param>
public sealed record SimulatedFile(SimulationConfiguration Configuration, string PtuPath, RunOutcome Outcome);

/// <summary>
/// The pipeline every case uses: configuration file + overrides → engine → PTU file in the case's work folder →
/// QdSim.Analysis stages reading that file through <see cref="TimeTagFile.Open"/>. Nothing measured is taken from the
/// engine's memory: the analysis sees only the file, as it would a measured one.
/// </summary>
public static class CaseToolkit
{
    /// <summary>Loads validation/&lt;case&gt;/config.json with the overrides (Section:Key=Value), without running.</summary>
    public static SimulationConfiguration Load(CaseContext context, string caseId, IEnumerable<string> overrides) =>
        ConfigurationLoader.Load(context.CaseFile(caseId, "config.json"), overrides);

    /// <summary>Simulates validation/&lt;case&gt;/config.json with the overrides into WorkDirectory/&lt;case&gt;/&lt;name&gt;.ptu.</summary>
    public static SimulatedFile Simulate(CaseContext context, string caseId, string name, IEnumerable<string> overrides)
    {
        return SimulateConfig(context, caseId, context.CaseFile(caseId, "config.json"), name, overrides);
    }

    /// <summary>Simulates an arbitrary configuration file (e.g. a preset in configs/) into WorkDirectory/&lt;case&gt;/&lt;name&gt;.ptu.</summary>
    public static SimulatedFile SimulateConfig(CaseContext context, string caseId, string configPath, string name, IEnumerable<string> overrides)
    {
        var cfg = ConfigurationLoader.Load(configPath, overrides.Append("Run:Threads=1"));
        string directory = Path.Combine(context.WorkDirectory, caseId);
        var outcome = ExperimentRunner.Run(cfg.Experiment, cfg.Detection, new OutputOptions(directory, name, TimeTagFileFormat.Ptu, GroundTruth: false));
        return new SimulatedFile(cfg, outcome.Files[0], outcome);
    }

    /// <summary>Formats a number for a --set override (invariant culture, round-trip).</summary>
    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The two photon channels of a two-detector file, in header order.</summary>
    public static (short A, short B) PhotonChannels(TimeTagStreamInfo info)
    {
        var channels = info.PhotonChannels.OrderBy(c => c).ToArray();
        if (channels.Length < 2) throw new InvalidOperationException($"{info.Source}: needs two photon channels for a cross-correlation, found {channels.Length}");
        return (channels[0], channels[1]);
    }

    /// <summary>Pulsed g2(0) from the peak areas of the HBT cross-correlation of the file (laser period from its sync rate).</summary>
    public static PulsedG2Result PulsedG2Of(string ptuPath, int firstSidePeak = 5, int lastSidePeak = 20)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var info = reader.Info;
        double periodS = 1 / (info.SyncRateHz ?? throw new InvalidOperationException($"{ptuPath}: no sync rate in the header"));
        var options = new PulsedG2Options { LaserPeriodS = periodS, FirstSidePeak = firstSidePeak, LastSidePeak = lastSidePeak };
        var (a, b) = PhotonChannels(info);
        var correlator = new PhotonCorrelator(info, new CorrelatorOptions { ChannelA = a, ChannelB = b, Bins = PulsedG2.CreateBins(options, info.TickResolutionS) });
        StreamPass.Run(reader, [correlator]);
        return PulsedG2.Evaluate(correlator.Finish(), options);
    }

    /// <summary>Correlation histogram of channels (a, b) of the file with the given bins (same channel: autocorrelation).</summary>
    public static CorrelationHistogram CorrelationOf(string ptuPath, Func<TimeTagStreamInfo, CorrelationBins> bins, bool autocorrelation)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var info = reader.Info;
        var (a, b) = PhotonChannels(info);
        var correlator = new PhotonCorrelator(info, new CorrelatorOptions { ChannelA = a, ChannelB = autocorrelation ? a : b, Bins = bins(info) });
        StreamPass.Run(reader, [correlator]);
        return correlator.Finish();
    }

    /// <summary>Whole-file analysis (trace, ON/OFF, Mandel Q, dwell-time MLE, change points) of the file.</summary>
    public static FileAnalysisOutput AnalyzeFile(string ptuPath, AnalysisOptions options)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        return FileAnalysis.Run(reader, options);
    }

    /// <summary>Intensity trace (all channels summed) of the file in bins of <paramref name="binWidthS"/>, complete bins up to <paramref name="durationS"/>.</summary>
    public static IntensityTrace IntensityTraceOf(string ptuPath, double binWidthS, double durationS)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var stage = new IntensityTraceStage(reader.Info, binWidthS);
        StreamPass.Run(reader, [stage]);
        return stage.Result(durationS);
    }

    /// <summary>TRPL decay histogram (photon delay after the laser pulse, all channels) of the file.</summary>
    public static DecayHistogram DecayOf(string ptuPath, double? binWidthS = null)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var builder = new DecayHistogramBuilder(reader.Info, new DecayHistogramOptions { BinWidthS = binWidthS });
        StreamPass.Run(reader, [builder]);
        return builder.Result();
    }

    /// <summary>Photon counts (all channels) and the file's acquisition time, s.</summary>
    public static (long Photons, double DurationS) CountsOf(string ptuPath)
    {
        var (perChannel, durationS) = ChannelCountsOf(ptuPath);
        return (perChannel.Values.Sum(), durationS);
    }

    /// <summary>Photon counts per channel and the file's acquisition time, s.</summary>
    public static (IReadOnlyDictionary<short, long> PerChannel, double DurationS) ChannelCountsOf(string ptuPath)
    {
        using var reader = TimeTagFile.Open(ptuPath);
        var counter = new PhotonCounter();
        StreamPass.Run(reader, [counter]);
        return (counter.PerChannel, reader.Info.AcquisitionTimeS ?? throw new InvalidOperationException($"{ptuPath}: no acquisition time in the header"));
    }

    private sealed class PhotonCounter : IStreamingStage
    {
        public Dictionary<short, long> PerChannel { get; } = [];

        public void Accept(ReadOnlySpan<TimeTagEvent> events)
        {
            foreach (ref readonly var e in events)
                if (e.Kind == TimeTagKind.Photon) PerChannel[e.Channel] = PerChannel.GetValueOrDefault(e.Channel) + 1;
        }
    }

    /// <summary>Runs <paramref name="body"/> for every item on the case's threads, results in input order.</summary>
    public static TResult[] ForEachPoint<TItem, TResult>(CaseContext context, IReadOnlyList<TItem> items, Func<TItem, int, TResult> body)
    {
        var results = new TResult[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, context.Threads) }, i => results[i] = body(items[i], i));
        return results;
    }
}
