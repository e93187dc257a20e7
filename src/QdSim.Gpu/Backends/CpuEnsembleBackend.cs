using System.Diagnostics;
using QdSim.Engine.Detection;
using QdSim.Engine.Environment;
using QdSim.Engine.Photons;
using QdSim.Engine.Simulation;

namespace QdSim.Gpu.Backends;

/// <summary>
/// The reference backend: the CPU engine's own per-dot simulation (<see cref="ExperimentSimulator"/>, skip-ahead of
/// PHYSICS.md §7, every environment model) for each dot, dots in parallel, each on its own streams
/// RandomStream(seed, dot, ...). Clicks go through no click processor (no dead time, dark counts or background):
/// summaries describe the optical clicks, as the CUDA kernel's do.
/// </summary>
public sealed class CpuEnsembleBackend : IEnsembleBackend
{
    public string Name => "cpu";

    public BackendProbe Probe() => new(true, "the CPU engine is always available");

    public BackendProbe Supports(EnsembleRequest request) =>
        request.OpticalPath is { } op && new OpticalPath(op).DetectorCount != 2
            ? new(false, "ensemble summaries need exactly two detectors (an HBT pair)")
            : new(true, "every configuration the engine runs");

    public EnsembleResult Run(EnsembleRequest request, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        request.Validate();
        var support = Supports(request);
        if (!support.Available) throw new UserInputException($"backend cpu: {support.Reason}");
        var clock = Stopwatch.StartNew();
        var experiment = request.Experiment with { Run = request.Experiment.Run with { Threads = 1 } };
        int bins = request.TraceHistogramBins;
        var summaries = new DotSummary[request.Dots];
        var histograms = new long[(long)request.Dots * bins];
        long done = 0;
        Parallel.For(0, request.Dots, new ParallelOptions { MaxDegreeOfParallelism = request.Threads, CancellationToken = cancel }, i =>
        {
            IOpticalPath path = request.OpticalPath is { } op ? new OpticalPath(op) : new IdealOpticalPath(request.DetectionEfficiency, 2);
            var simulator = new ExperimentSimulator(experiment, path, new PassThroughClickProcessor(), request.FirstDot + (uint)i);
            long pulses = simulator.Excitation.FirstPulseAtOrAfter(Math.Round(experiment.Run.DurationS * 1e12));
            var sink = new SummarySink(pulses, request.PulsesPerTraceBin, histograms.AsMemory(i * bins, bins));
            simulator.Run(sink, null, cancel);
            summaries[i] = sink.Finish();
            progress?.Report((double)Interlocked.Increment(ref done) / request.Dots);
        });
        return new EnsembleResult(Name, summaries, histograms, bins, clock.Elapsed.TotalSeconds);
    }

    public void Dispose() { }

    /// <summary>Groups the time-ordered clicks of a run by pulse and feeds the accumulator.</summary>
    private sealed class SummarySink(long pulses, long pulsesPerBin, Memory<long> histogram) : IExperimentSink
    {
        private PulseSummaryAccumulator _acc = new(pulses, pulsesPerBin);
        private long _pulse = -1, _n0, _n1;

        public void OnEnvironment(in EnvironmentInterval interval) { }

        public void OnEvents(ReadOnlySpan<DetectedEvent> events)
        {
            foreach (ref readonly var e in events)
            {
                if (e.PulseIndex != _pulse)
                {
                    Flush();
                    _pulse = e.PulseIndex;
                }
                if (e.Detector == 0) _n0++; else _n1++;
            }
        }

        private void Flush()
        {
            if (_n0 + _n1 > 0) _acc.AddPulse(_pulse, _n0, _n1, histogram.Span);
            _n0 = _n1 = 0;
        }

        public DotSummary Finish()
        {
            Flush();
            return _acc.Finish(histogram.Span);
        }
    }
}
