using System.Collections.Concurrent;
using QdSim.Engine.Detection;
using QdSim.Engine.Environment;
using QdSim.Engine.Excitation;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Simulation;

/// <summary>
/// Runs one single-dot experiment: environment trajectory → kinetics (skip-ahead, PHYSICS.md §7, or per pulse) →
/// optical path → click processor → sinks, streaming in chunks.
/// </summary>
/// <remarks>
/// <para>Skip-ahead (pulsed, cascades shorter than a period): the run is cut into segments of a fixed number of pulses
/// chosen from the parameters alone; each segment draws from its own streams (StreamIds.SegmentBase + 16 s + id), so
/// segments can run on any number of threads and the output is byte-identical for every thread count. The environment
/// trajectory is generated sequentially from its own stream (it does not depend on kinetic draws).</para>
/// <para>Per-pulse path (brute-force reference mode, the fallback when a cascade may outlast a period, and CW): one
/// sequential segment; excitons left at the next pulse carry over (exact: all holding times are exponential). CW
/// simulates every absorption (cost ∝ absorbed photons, not detected ones).</para>
/// </remarks>
public sealed class ExperimentSimulator
{
    /// <summary>Expected optical detections per segment when the segment length is chosen automatically.</summary>
    public const double DetectionsPerSegment = 200_000;
    /// <summary>Cascade overrun bound above which pulses are not treated as independent.</summary>
    /// <remarks>Above it the per-pulse path is used; below it, the skip-ahead neglects a carry-over of probability ≤ this bound per pulse (reported in the summary).</remarks>
    public const double OverrunTolerance = 1e-6;

    private readonly ExperimentParameters _p;
    private readonly IOpticalPath _path;
    private readonly IClickProcessor _clicks;
    private readonly ExcitationContext _x;
    private readonly uint _dot;
    private readonly ConcurrentDictionary<DotCondition, (CascadeTable Table, PulseStatistics Stats)> _tables = new();

    public ExperimentSimulator(ExperimentParameters parameters, IOpticalPath path, IClickProcessor clicks, uint dot = 0)
    {
        parameters.Validate();
        _p = parameters;
        _path = path;
        _clicks = clicks;
        _x = ExcitationContext.From(parameters.Excitation);
        _dot = dot;
    }

    public ExcitationContext Excitation => _x;

    /// <summary>Rates and photon-number statistics of a condition (cached; deterministic, so thread-safe to share).</summary>
    public (CascadeTable Table, PulseStatistics Stats) TablesFor(in DotCondition c) =>
        _tables.GetOrAdd(c, cond =>
        {
            var t = new CascadeTable(_p.Dot, _p.Damage, cond, _path);
            return (t, new PulseStatistics(t, _x.MeanPerPulse));
        });

    public RunResult Run(IExperimentSink sink, IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        var result = new RunResult { EventsByDetector = new long[_path.DetectorCount] };
        var baseTables = TablesFor(new DotCondition { Level = EmissiveLevel.On });
        double ionisationScale = 1;
        if (_p.Environment.Charging.OnlyViaBiexcitonAuger)
        {
            // Charging events per absorbed photon per unit p_ion = mean XX (and higher) Auger decays per absorbed photon.
            ionisationScale = _x.Pulsed
                ? (_x.MeanPerPulse > 0 ? baseTables.Stats.MeanAugerPerPulse / _x.MeanPerPulse : 0)
                // CW: an absorption during an exciton's life makes an XX: P ≈ G/(G + K₁), times its Auger probability.
                : _x.AbsorptionRatePerPs / (_x.AbsorptionRatePerPs + baseTables.Table.TotalRatePerPs[1]) * baseTables.Table.AugerProbability[2];
        }
        var timeline = new EnvironmentTimeline(_p, _x, _p.Run.Seed, _dot, ionisationScale);
        result.TruncationProbabilityPerPulse = _x.Pulsed ? baseTables.Stats.TruncationProbability : 0;

        if (_x.Pulsed)
        {
            result.TotalPulses = _x.FirstPulseAtOrAfter(timeline.EndPs);
            result.CascadeOverrunBound = baseTables.Table.CascadeOverrunBound(_x.PeriodPs);
        }
        result.ExpectedAbsorbedPhotons = _x.AbsorbedPerPs * timeline.EndPs;

        string? perPulse = !_x.Pulsed ? "continuous-wave excitation (every absorption is simulated)"
            : _p.Run.Mode == SimulationMode.BruteForce ? "brute-force reference mode requested"
            : result.CascadeOverrunBound > OverrunTolerance
                ? $"a cascade may outlast the pulse period (bound {result.CascadeOverrunBound:E2} > {OverrunTolerance:E0}); excitons carry over between pulses"
                : null;
        result.PerPulseReason = perPulse;
        result.ModeUsed = perPulse is null ? SimulationMode.SkipAhead : SimulationMode.BruteForce;

        var output = new List<DetectedEvent>(1 << 16);
        void Deliver(ReadOnlySpan<DetectedEvent> clicks, long untilPs)
        {
            _clicks.Push(clicks, untilPs);
            output.Clear();
            _clicks.Drain(output);
            Emit(sink, output, result);
        }

        if (perPulse is null) RunSkipAhead(timeline, sink, result, Deliver, progress, cancel);
        else RunPerPulse(timeline, sink, result, Deliver, progress, cancel);

        output.Clear();
        _clicks.Finish(timeline.EndPs, output);
        Emit(sink, output, result);
        progress?.Report(1);
        return result;
    }

    private static void Emit(IExperimentSink sink, List<DetectedEvent> events, RunResult result)
    {
        if (events.Count == 0) return;
        foreach (var e in events)
        {
            if ((uint)e.Detector < (uint)result.EventsByDetector.Length) result.EventsByDetector[e.Detector]++;
        }
        sink.OnEvents(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events));
    }

    private void Record(in EnvironmentInterval iv, IExperimentSink sink, RunResult result)
    {
        sink.OnEnvironment(iv);
        result.EnvironmentIntervals++;
        var level = iv.Condition.Level;
        result.TimeInLevelS[level] = result.TimeInLevelS.GetValueOrDefault(level) + (iv.EndPs - iv.StartPs) * 1e-12;
        result.FinalDefects = iv.Condition.Defects;
        result.Bleached = iv.Condition.Bleached;
    }

    private void RunSkipAhead(EnvironmentTimeline timeline, IExperimentSink sink, RunResult result,
        Action<ReadOnlySpan<DetectedEvent>, long> deliver, IProgress<double>? progress, CancellationToken cancel)
    {
        var baseStats = TablesFor(new DotCondition { Level = EmissiveLevel.On }).Stats;
        long totalPulses = result.TotalPulses;
        long pulsesPerSegment = _p.Run.SegmentDurationS is { } sd
            ? Math.Max(1, (long)Math.Round(sd * 1e12 / _x.PeriodPs))
            : Math.Max(1000, (long)Math.Ceiling(DetectionsPerSegment / Math.Max(1 - baseStats.NoDetectionProbability, 1e-12)));
        pulsesPerSegment = Math.Min(pulsesPerSegment, Math.Max(1, totalPulses));
        long segments = (totalPulses + pulsesPerSegment - 1) / pulsesPerSegment;
        result.Segments = (int)Math.Min(int.MaxValue, segments);
        result.SegmentDurationS = pulsesPerSegment * _x.PeriodPs * 1e-12;

        int threads = _p.Run.Threads;
        int window = threads == 1 ? 1 : 2 * threads;
        var work = new SegmentWork[window];
        for (int i = 0; i < window; i++) work[i] = new SegmentWork();
        EnvironmentInterval? pending = null;
        bool timelineDone = false;

        for (long first = 0; first < segments; first += window)
        {
            cancel.ThrowIfCancellationRequested();
            int count = (int)Math.Min(window, segments - first);
            // Sequential: cut the environment trajectory into the window's segments.
            for (int i = 0; i < count; i++)
            {
                long s = first + i;
                var w = work[i];
                w.Reset(s, s * pulsesPerSegment, Math.Min(totalPulses, (s + 1) * pulsesPerSegment));
                long segStartPs = _x.PulseTimePs(w.FirstPulse);
                long segEndPs = w.EndPulse >= totalPulses ? timeline.EndPs : _x.PulseTimePs(w.EndPulse);
                while (true)
                {
                    if (pending is null)
                    {
                        if (timelineDone || !timeline.Next(out var next))
                        {
                            timelineDone = true;
                            break;
                        }
                        Record(next, sink, result);
                        pending = next;
                    }
                    var iv = pending.Value;
                    w.Intervals.Add(iv with { StartPs = Math.Max(iv.StartPs, segStartPs), EndPs = Math.Min(iv.EndPs, segEndPs) });
                    if (iv.EndPs > segEndPs) break;
                    pending = null;
                }
            }
            if (count == 1 || threads == 1)
            {
                for (int i = 0; i < count; i++) SimulateSegment(work[i]);
            }
            else
            {
                Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancel },
                    i => SimulateSegment(work[i]));
            }
            for (int i = 0; i < count; i++)
            {
                var w = work[i];
                w.Events.SortByTime();
                long untilPs = w.EndPulse >= totalPulses ? timeline.EndPs : _x.PulseTimePs(w.EndPulse);
                deliver(w.Events.Span, untilPs);
                result.Counters.Add(w.Counters);
                result.ExpectedEmittedPhotons += w.ExpectedEmitted;
            }
            progress?.Report((double)Math.Min(segments, first + count) / segments);
        }
    }

    private sealed class SegmentWork
    {
        public long Index, FirstPulse, EndPulse;
        public readonly List<EnvironmentInterval> Intervals = [];
        public readonly DetectedEventBuffer Events = new(1 << 16);
        public EmissionCounters Counters = new();
        public double ExpectedEmitted;

        public void Reset(long index, long firstPulse, long endPulse)
        {
            Index = index;
            FirstPulse = firstPulse;
            EndPulse = endPulse;
            Intervals.Clear();
            Events.Clear();
            Counters = new EmissionCounters();
            ExpectedEmitted = 0;
        }
    }

    private static uint SegmentStream(long segment, uint id) => StreamIds.SegmentBase + (uint)(segment * 16) + id;

    /// <summary>Skip-ahead over one segment: geometric jumps to the next pulse with a detection, restarted (exactly, by memorylessness) at each environment change.</summary>
    private void SimulateSegment(SegmentWork w)
    {
        ulong seed = _p.Run.Seed;
        var excitation = new RandomStream(seed, _dot, SegmentStream(w.Index, StreamIds.Excitation));
        var cascade = new RandomStream(seed, _dot, SegmentStream(w.Index, StreamIds.Cascade));
        var optics = new RandomStream(seed, _dot, SegmentStream(w.Index, StreamIds.Optics));
        foreach (var iv in w.Intervals)
        {
            var (table, stats) = TablesFor(iv.Condition);
            long pulse = Math.Max(w.FirstPulse, _x.FirstPulseAtOrAfter(iv.StartPs));
            long endPulse = Math.Min(w.EndPulse, _x.FirstPulseAtOrAfter(iv.EndPs));
            if (endPulse <= pulse) continue;
            w.ExpectedEmitted += (endPulse - pulse) * stats.MeanEmittedPerPulse;
            while (true)
            {
                long skip = stats.DrawPulsesToNextDetection(ref excitation);
                if (skip > endPulse - pulse) break;
                pulse += skip - 1;
                int pairs = stats.DrawPairsGivenDetection(ref excitation);
                w.Counters.PulsesWithDetection++;
                w.Counters.SimulatedPulses++;
                CascadeSampler.SimulateDetectedPulse(table, pairs, pulse, _x.PulseTimePs(pulse), _path,
                    ref cascade, ref optics, w.Events, w.Counters);
                pulse++;
            }
        }
    }

    /// <summary>Per-pulse path (pulsed) or per-absorption path (CW), sequential, streamed in chunks.</summary>
    private void RunPerPulse(EnvironmentTimeline timeline, IExperimentSink sink, RunResult result,
        Action<ReadOnlySpan<DetectedEvent>, long> deliver, IProgress<double>? progress, CancellationToken cancel)
    {
        ulong seed = _p.Run.Seed;
        var excitation = new RandomStream(seed, _dot, SegmentStream(0, StreamIds.Excitation));
        var cascade = new RandomStream(seed, _dot, SegmentStream(0, StreamIds.Cascade));
        var optics = new RandomStream(seed, _dot, SegmentStream(0, StreamIds.Optics));
        var buffer = new DetectedEventBuffer(1 << 16);
        var counters = result.Counters;
        var state = new DotState();
        int nMax = _p.Dot.MaxExcitons;
        result.Segments = 1;
        result.SegmentDurationS = timeline.EndPs * 1e-12;
        long pulse = 0;
        double cwTimePs = 0;
        double nextAbsorptionPs = _x.Pulsed ? 0 : (_x.AbsorptionRatePerPs > 0 ? excitation.NextExponential(_x.AbsorptionRatePerPs) : double.PositiveInfinity);
        long steps = 0;

        while (timeline.Next(out var iv))
        {
            Record(iv, sink, result);
            var (table, stats) = TablesFor(iv.Condition);
            if (_x.Pulsed) result.ExpectedEmittedPhotons += Math.Max(0, _x.FirstPulseAtOrAfter(iv.EndPs) - _x.FirstPulseAtOrAfter(iv.StartPs)) * stats.MeanEmittedPerPulse;
            while (true)
            {
                double startPs, untilPs;
                long pulseIndex;
                if (_x.Pulsed)
                {
                    long pulseTime = _x.PulseTimePs(pulse);
                    if (pulseTime >= iv.EndPs) break;
                    startPs = pulseTime;
                    untilPs = Math.Min(_x.PulseTimePs(pulse + 1), timeline.EndPs);
                    pulseIndex = pulse++;
                    Absorb(PulseStatistics.DrawPoisson(_x.MeanPerPulse, ref excitation), ref state, table, nMax, counters, ref cascade);
                    counters.SimulatedPulses++;
                }
                else
                {
                    startPs = cwTimePs;
                    if (startPs >= iv.EndPs) break;
                    untilPs = Math.Min(nextAbsorptionPs, iv.EndPs);
                    pulseIndex = -1;
                }
                long before = buffer.Count;
                CascadeSampler.Evolve(table, ref state, pulseIndex, startPs, untilPs, _path, ref cascade, ref optics, buffer, counters);
                if (_x.Pulsed && buffer.Count > before) counters.PulsesWithDetection++;
                if (!_x.Pulsed)
                {
                    cwTimePs = untilPs;
                    if (untilPs >= nextAbsorptionPs)
                    {
                        Absorb(1, ref state, table, nMax, counters, ref cascade);
                        nextAbsorptionPs += excitation.NextExponential(_x.AbsorptionRatePerPs);
                    }
                }
                if (buffer.Count >= 1 << 15)
                {
                    deliver(buffer.Span, (long)untilPs);
                    buffer.Clear();
                }
                if ((++steps & 0xFFFF) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    progress?.Report(untilPs / timeline.EndPs);
                }
            }
        }
        deliver(buffer.Span, timeline.EndPs);
    }

    private static void Absorb(int photons, ref DotState state, CascadeTable table, int nMax, EmissionCounters counters, ref RandomStream cascade)
    {
        if (photons == 0) return;
        counters.AbsorbedPhotonsSimulated += photons;
        int before = state.Pairs;
        int after = before + photons;
        if (after > nMax)
        {
            counters.TruncatedExcitons += after - nMax;
            after = nMax;
        }
        state.Pairs = after;
        if (before == 0 && after == 1 && table.ExcitonChain is not null) state.Bright = table.ExcitonChain.DrawInitialBright(ref cascade);
    }
}
