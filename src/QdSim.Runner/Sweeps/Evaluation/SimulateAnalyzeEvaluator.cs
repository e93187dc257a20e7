using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using QdSim.Analysis.Pipeline;
using QdSim.Engine.Detection;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Output;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Engine.Simulation;
using QdSim.Engine.Tagging;
using QdSim.Models.Parameters;
using QdSim.Models.Parameters.Detection;
using QdSim.Runner.Configuration;

namespace QdSim.Runner.Sweeps.Evaluation;

/// <summary>
/// The shipped point evaluator of <c>qdsim sweep</c>: a dot's configuration is loaded exactly as
/// <c>qdsim simulate --set Key=Value ...</c> would load it (<see cref="ConfigurationLoader"/>: embedded default, then the
/// sweep's base, fixed, axis and drawn values as overrides, with the engine's schema and range checks), simulated by the
/// engine, and analysed in memory by the pipeline of <c>qdsim analyze</c> (<see cref="FileAnalysis"/>, change points off)
/// while the time tags are produced, through a bounded <see cref="TimeTagPipe"/>: no file is written.
/// </summary>
/// <remarks>
/// Two keys are owned by the sweep: <c>Run:Seed</c> is replaced by the dot's seed (<see cref="PointSeeds.ForDot"/>), and
/// environment variables (QDSIM_Section__Key) are ignored, so that a point's result depends on the sweep file alone,
/// whichever node of a cluster computes it.
/// </remarks>
public sealed class SimulateAnalyzeEvaluator : IPointEvaluator
{
    /// <summary>
    /// CPU time per detected photon of one dot (simulation + in-memory analysis) on one core, for <c>--plan</c>:
    /// about 1.5–2 µs measured on the 2-core development machine (Release; docs/sweeps.md, "Benchmark"). A planning
    /// figure, not a guarantee.
    /// </summary>
    public const double SecondsPerDetectedPhoton = 2.0e-6;

    /// <summary>Fixed CPU time per dot without laser-delay data (T2 without sync: no decay histograms or lifetime fit),
    /// seconds, for <c>--plan</c>: about 50–75 ms measured with 1 ms runs on the development machine (Release).</summary>
    public const double SecondsPerDotWithoutDelays = 0.075;

    /// <summary>Fixed CPU time per dot with laser delays (T3, or T2 with sync): the decay histograms and the lifetime
    /// fit of the analysis dominate short runs, about 0.35–0.6 s measured with 1–10 ms runs (Release).</summary>
    public const double SecondsPerDotWithDelays = 0.6;

    private static readonly IDictionary NoEnvironment = new Hashtable();

    /// <summary>`qdsim analyze` defaults, without the change-point stage (levels are not a sweep column; it costs most).</summary>
    private static readonly AnalysisOptions AnalysisOptions = new() { ChangePointEnabled = false };
    private readonly Dictionary<string, string> _defaults;

    public SimulateAnalyzeEvaluator()
    {
        _defaults = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(DefaultConfigurationJson)))
            .Build().AsEnumerable().Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.OrdinalIgnoreCase);
    }

    public string Name => "qdsim simulate+analyze/1";

    public string DefaultConfigurationJson => ConfigurationLoader.EmbeddedDefaultText();

    /// <summary>Asks the engine's loader itself, so the sweep accepts exactly the keys <c>qdsim simulate --set</c> accepts.</summary>
    public bool IsKnownKey(string key)
    {
        try
        {
            ConfigurationLoader.Load(null, [$"{key}=0"], NoEnvironment);
            return true;
        }
        catch (UserInputException e)
        {
            // Any other complaint (0 out of range, not a number, ...) means the key itself exists.
            return !e.Message.Contains("unknown configuration key", StringComparison.Ordinal);
        }
    }

    public PointCostEstimate Estimate(IConfiguration configuration)
    {
        var loaded = Load(configuration, seed: 0);
        var p = loaded.Experiment;
        var path = new OpticalPath(loaded.Detection.OpticalPath);
        var simulator = new ExperimentSimulator(p, path, new NullClicks());
        var (_, stats) = simulator.TablesFor(new DotCondition { Level = EmissiveLevel.On });
        double pulses = p.Excitation.Mode == ExcitationMode.Pulsed ? p.Run.DurationS * p.Excitation.RepetitionRateHz : 0;
        double photons = pulses * (1 - stats.NoDetectionProbability);
        var tagger = loaded.Detection.TimeTagger;
        bool delays = p.Excitation.Mode == ExcitationMode.Pulsed && (tagger.Mode == TaggerMode.T3 || tagger.SyncEnabled);
        double perDot = delays ? SecondsPerDotWithDelays : SecondsPerDotWithoutDelays;
        return new PointCostEstimate(photons, perDot + photons * SecondsPerDetectedPhoton);
    }

    public DotResult Evaluate(DotRun run, CancellationToken cancellation)
    {
        var loaded = Load(run.Configuration, run.Seed);
        var p = loaded.Experiment;
        var detection = loaded.Detection;
        ulong seed = p.Run.Seed;
        const uint dot = 0;

        // The pipeline of ExperimentRunner.Run, with the file writer replaced by a pipe into `qdsim analyze`'s pipeline.
        var path = new OpticalPath(detection.OpticalPath);
        bool pulsed = p.Excitation.Mode == ExcitationMode.Pulsed;
        LaserPulseClock? laser = pulsed ? new LaserPulseClock(p.Excitation.RepetitionRateHz) : null;
        var clicks = new ClickProcessor(detection.OpticalPath, detection.TimeTagger, laser,
            new RandomStream(seed, dot, StreamIds.Detectors), new RandomStream(seed, dot, StreamIds.Background));
        var tagger = new TimeTagger(detection.TimeTagger, path.DetectorCount, laser);
        var simulator = new ExperimentSimulator(p, path, clicks, dot);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var pipe = new TimeTagPipe(tagger.BuildStreamInfo(p.Run.DurationS), stop.Token);
        var produce = Task.Run(() =>
        {
            try
            {
                var sink = new TimeTagSink(tagger, pipe.Writer);
                var run = simulator.Run(sink, null, stop.Token);
                sink.Complete((long)Math.Round(p.Run.DurationS * 1e12));
                return run;
            }
            finally
            {
                pipe.CompleteAdding();
            }
        }, stop.Token);

        FileAnalysisOutput analysis;
        try
        {
            analysis = FileAnalysis.Run(pipe.Reader, AnalysisOptions);
        }
        catch
        {
            stop.Cancel(); // unblock the producer, then report the analysis failure
            try { produce.Wait(CancellationToken.None); } catch (AggregateException) { /* the analysis error is the one to report */ }
            throw;
        }
        RunResult result;
        try
        {
            result = produce.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new InvalidOperationException("the simulation stopped before the analysis finished");
        }

        var derived = Derived(simulator, p, result);
        // Diagnostics next to the model values: photons the tagger could not record (dead time, micro-time range).
        derived.Add(new("taggerDroppedEvents", tagger.DroppedTaggerDeadTime + tagger.DroppedOutOfRange));
        return new DotResult(derived, AnalysisObservables.From(analysis.Summary, analysis.PhotonNumbers));
    }

    /// <summary>The model values the engine actually used (after derivation from size, material and ligand).</summary>
    private static List<NamedValue> Derived(ExperimentSimulator simulator, ExperimentParameters p, RunResult result)
    {
        var dot = p.Dot;
        var (table, stats) = simulator.TablesFor(new DotCondition { Level = EmissiveLevel.On });
        double meanPerPulse = simulator.Excitation.MeanPerPulse;
        return
        [
            new("meanExcitonsPerPulse", meanPerPulse),
            new("excitonEnergyEv", dot.ExcitonEnergyEv),
            new("excitonRadiativeRatePerNs", dot.ExcitonRadiativeRatePerNs ?? double.NaN),
            new("excitonQuantumYield", dot.ExcitonQuantumYield),
            new("biexcitonRadiativeRatePerNs", dot.BiexcitonRadiativeRatePerNs ?? double.NaN),
            new("biexcitonAugerLifetimeNs", dot.BiexcitonAugerLifetimeNs),
            new("biexcitonQuantumYield", table.MaxExcitons >= 2 ? table.PhotonProbability[2] : double.NaN),
            new("absorptionCrossSectionCm2", p.Excitation.AbsorptionCrossSectionCm2 ?? double.NaN),
            new("emittedPhotonsPerPulseOn", stats.MeanEmittedPerPulse),
            new("g2ZeroCascadeOn", CascadeG2Zero(table.PhotonProbability, stats.PairProbability)),
            new("simulatedDurationS", p.Run.DurationS),
            new("laserPulses", result.TotalPulses),
        ];
    }

    /// <summary>
    /// g2(0) = E[M(M−1)]/E[M]² of the photons emitted per pulse in the ON state. Every step n → n−1 of the cascade
    /// emits independently with probability q_n, so given n excitons M is a sum of Bernoulli(q_k), k ≤ n:
    /// E[M | n] = Σq_k and E[M(M−1) | n] = (Σq_k)² − Σq_k²; then average over P(n) (Poisson(⟨N⟩), tail at n_max).
    /// </summary>
    public static double CascadeG2Zero(IReadOnlyList<double> photonProbability, IReadOnlyList<double> pairProbability)
    {
        double mean = 0, factorial = 0, sum = 0, sumSquares = 0;
        for (int n = 1; n < pairProbability.Count; n++)
        {
            sum += photonProbability[n];
            sumSquares += photonProbability[n] * photonProbability[n];
            mean += pairProbability[n] * sum;
            factorial += pairProbability[n] * (sum * sum - sumSquares);
        }
        return mean > 0 ? factorial / (mean * mean) : double.NaN;
    }

    /// <summary>Loads a dot's configuration through the engine's loader: only keys that differ from the embedded default are passed, as --set overrides.</summary>
    private SimulationConfiguration Load(IConfiguration configuration, ulong seed)
    {
        var overrides = configuration.AsEnumerable()
            .Where(p => p.Value is not null && !p.Key.Equals("Run:Seed", StringComparison.OrdinalIgnoreCase)
                        && !(_defaults.TryGetValue(p.Key, out var d) && d == p.Value))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}")
            .Append($"Run:Seed={seed.ToString(CultureInfo.InvariantCulture)}")
            .ToList();
        return ConfigurationLoader.Load(null, overrides, NoEnvironment);
    }

    /// <summary>Click processor stand-in for <see cref="Estimate"/>, which only builds cascade tables and never runs.</summary>
    private sealed class NullClicks : IClickProcessor
    {
        public void Push(ReadOnlySpan<DetectedEvent> clicks, long untilPs) { }
        public void Drain(List<DetectedEvent> output) { }
        public void Finish(long endPs, List<DetectedEvent> output) { }
    }
}
