using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Models.Parameters.Detection;

namespace QdSim.Engine.Detection;

/// <summary>
/// Detector physics on the click stream (PHYSICS.md §7–§9), streaming and exact. Input: optical clicks whose
/// <see cref="DetectedEvent.DetectionTimePs"/> is the avalanche time (photon arrival, no jitter yet), time-ordered.
/// Merged with them, per detector: dark counts and uncorrelated background (Poisson), laser-synchronous background
/// (geometric over pulses + delay law), afterpulses and crosstalk (from every registered avalanche, whatever caused
/// it). Each detector has a non-paralysable dead time on avalanche times: an avalanche inside it is lost and causes
/// nothing. Registered avalanches then get IRF jitter (Gaussian truncated at ±6σ + optional exponential tail) and
/// the channel's cable delay, and leave sorted by that time.
/// </summary>
/// <remarks>
/// Avalanches are processed in global time order (a min-heap of pending events and generators merged with the
/// input queue by next-event time), so crosstalk between detectors and chains of afterpulses are exact. Only
/// avalanches earlier than the latest <c>untilPs</c> are processed (later input could still precede the rest);
/// an output is released once no future avalanche can produce an earlier one (time &lt; frontier + smallest
/// possible cable delay + jitter). Buffers are bounded by the event count within those windows.
/// Randomness: <see cref="StreamIds.Detectors"/> for afterpulse, crosstalk and jitter draws;
/// <see cref="StreamIds.Background"/> for dark counts and both backgrounds. Draws are consumed in processing order,
/// which does not depend on how the input is chunked: one big push and many small ones give identical output.
/// </remarks>
public sealed class ClickProcessor : IClickProcessor
{
    private const double GaussianTruncationSigmas = 6;
    private const double FwhmPerSigma = 2.3548200450309493; // 2√(2 ln 2)

    private readonly int _detectorCount;
    private readonly long[] _deadTimePs;
    private readonly long[] _lastAvalanchePs;
    private readonly uint[] _afterpulseThreshold;
    private readonly DelaySampler[] _afterpulseDelay;
    private readonly uint[] _crosstalkThreshold;
    private readonly long[] _crosstalkDelayPs;
    private readonly int[] _crosstalkTarget;
    private readonly double[] _irfSigmaPs, _tailDecayPs;
    private readonly uint[] _tailThreshold;
    private readonly long[] _cableDelayPs;
    private readonly double[] _darkRatePerPs, _backgroundRatePerPs, _laserProbability;
    private readonly DelaySampler[] _laserDelay;
    private readonly LaserPulseClock? _clock;
    private readonly long _minimumShiftPs;
    private readonly long _lastSchedulablePulse;

    /// <summary>Generators are not scheduled beyond this time (≈ 46 days), far from long overflow.</summary>
    private const long HorizonPs = 4_000_000_000_000_000_000;

    private RandomStream _detectorRng, _backgroundRng;
    private readonly EventHeap _pending = new();
    private readonly ReorderBuffer _output = new();
    private DetectedEvent[] _input = new DetectedEvent[1024];
    private int _inputHead, _inputCount;
    private DetectedEvent[] _ready = new DetectedEvent[1024];   // final outputs waiting for Drain
    private int _readyCount;
    private bool _hasSpareGaussian;
    private double _spareGaussian;
    private long _frontierPs;
    private bool _finished;

    private readonly long[,] _registered;
    private readonly long[] _lostToDeadTime;

    /// <param name="path">Validated optical path (its arms are the detectors).</param>
    /// <param name="tagger">Time tagger: supplies the per-channel cable delays.</param>
    /// <param name="clock">Laser pulse times; null under CW excitation (then no laser-synchronous background may be configured).</param>
    /// <param name="detectorRng">Stream <see cref="StreamIds.Detectors"/> of this dot.</param>
    /// <param name="backgroundRng">Stream <see cref="StreamIds.Background"/> of this dot.</param>
    /// <param name="startPs">Start of the experiment, ps: the background processes begin here.</param>
    public ClickProcessor(OpticalPathParameters path, TimeTaggerParameters tagger, LaserPulseClock? clock,
        RandomStream detectorRng, RandomStream backgroundRng, long startPs = 0)
    {
        path.Validate();
        tagger.Validate();
        int n = _detectorCount = path.DetectorCount;
        _clock = clock;
        _detectorRng = detectorRng;
        _backgroundRng = backgroundRng;
        _frontierPs = startPs;
        _deadTimePs = new long[n];
        _lastAvalanchePs = new long[n];
        _afterpulseThreshold = new uint[n];
        _afterpulseDelay = new DelaySampler[n];
        _crosstalkThreshold = new uint[n];
        _crosstalkDelayPs = new long[n];
        _crosstalkTarget = new int[n];
        _irfSigmaPs = new double[n];
        _tailThreshold = new uint[n];
        _tailDecayPs = new double[n];
        _cableDelayPs = new long[n];
        _darkRatePerPs = new double[n];
        _backgroundRatePerPs = new double[n];
        _laserProbability = new double[n];
        _laserDelay = new DelaySampler[n];
        _registered = new long[n, Enum.GetValues<EventOrigin>().Length];
        _lostToDeadTime = new long[n];
        _minimumShiftPs = long.MaxValue;
        _lastSchedulablePulse = clock is null ? 0 : (long)(HorizonPs / clock.Value.PeriodPs);
        for (int d = 0; d < n; d++)
        {
            var arm = path.Arms[d];
            var det = arm.Detector;
            _deadTimePs[d] = (long)Math.Round(det.DeadTimeNs * 1e3);
            _lastAvalanchePs[d] = long.MinValue / 2;
            _afterpulseThreshold[d] = Threshold(det.Afterpulsing.ProbabilityPerAvalanche);
            _afterpulseDelay[d] = new DelaySampler(det.Afterpulsing.Delay);
            _crosstalkThreshold[d] = Threshold(det.Crosstalk.ProbabilityPerAvalanche);
            _crosstalkDelayPs[d] = (long)Math.Round(det.Crosstalk.DelayNs * 1e3);
            _crosstalkTarget[d] = det.Crosstalk.ResolveTarget(d, n);
            _irfSigmaPs[d] = det.Irf.GaussianFwhmPs / FwhmPerSigma;
            _tailThreshold[d] = Threshold(det.Irf.TailFraction);
            _tailDecayPs[d] = det.Irf.TailDecayPs;
            _cableDelayPs[d] = (long)Math.Round(tagger.CableDelayPs(d));
            _minimumShiftPs = Math.Min(_minimumShiftPs, _cableDelayPs[d] - (long)Math.Ceiling(GaussianTruncationSigmas * _irfSigmaPs[d]) - 1);
            _darkRatePerPs[d] = det.DarkCountRateCps * 1e-12;
            _backgroundRatePerPs[d] = arm.UncorrelatedBackgroundCps * 1e-12;
            _laserProbability[d] = arm.LaserBackground.ProbabilityPerPulse;
            _laserDelay[d] = new DelaySampler(arm.LaserBackground.Delay);
            if (_laserProbability[d] > 0 && clock is null)
                throw new UserInputException($"Detection:OpticalPath:Arms:{d}:LaserBackground:ProbabilityPerPulse: laser-synchronous background needs pulsed excitation (got CW)");

            var generator = new DetectedEvent { Detector = (short)d, PulseIndex = -1 };
            if (_darkRatePerPs[d] > 0)
                _pending.Push(startPs + NextInterval(_darkRatePerPs[d]), PendingKind.DarkGenerator, generator);
            if (_backgroundRatePerPs[d] > 0)
                _pending.Push(startPs + NextInterval(_backgroundRatePerPs[d]), PendingKind.BackgroundGenerator, generator);
            if (_laserProbability[d] > 0)
            {
                long first = clock!.Value.PulseIndexAtOrBefore(startPs - 1) + 1;
                generator.PulseIndex = first + PulsesToNextSuccess(_laserProbability[d]) - 1;
                if (generator.PulseIndex <= _lastSchedulablePulse)
                    _pending.Push(clock.Value.PulseTimePs(generator.PulseIndex), PendingKind.LaserGenerator, generator);
            }
        }
    }

    public int DetectorCount => _detectorCount;

    /// <summary>Registered (recorded) clicks of <paramref name="detector"/> with the given origin so far.</summary>
    public long RegisteredCount(int detector, EventOrigin origin) => _registered[detector, (int)origin];

    /// <summary>Avalanches of <paramref name="detector"/> lost in its dead time so far (they caused nothing).</summary>
    public long LostToDeadTime(int detector) => _lostToDeadTime[detector];

    /// <inheritdoc />
    /// <remarks>After this call all further clicks must have times ≥ <paramref name="untilPs"/>.</remarks>
    public void Push(ReadOnlySpan<DetectedEvent> clicks, long untilPs)
    {
        if (_finished) throw new InvalidOperationException("ClickProcessor: Push after Finish");
        if (untilPs < _frontierPs) throw new InvalidOperationException($"ClickProcessor: untilPs {untilPs} goes back before {_frontierPs}");
        CheckOrder(clicks, untilPs);
        if (_inputHead < _inputCount)
        {
            // Clicks left from the previous push (at its untilPs) come first: queue the new ones behind them.
            Enqueue(clicks);
            Advance(ReadOnlySpan<DetectedEvent>.Empty, untilPs);
        }
        else
        {
            _inputHead = _inputCount = 0;
            int used = Advance(clicks, untilPs);
            Enqueue(clicks[used..]);
        }
    }

    /// <inheritdoc />
    public void Drain(List<DetectedEvent> output)
    {
        ReleaseOutputsBefore(_frontierPs + _minimumShiftPs);
        MoveReady(output);
    }

    /// <inheritdoc />
    /// <remarks>Avalanches at or after <paramref name="endPs"/> are discarded; all remaining outputs are released.</remarks>
    public void Finish(long endPs, List<DetectedEvent> output)
    {
        if (_finished) return;
        Advance(ReadOnlySpan<DetectedEvent>.Empty, Math.Max(endPs, _frontierPs));
        _finished = true;
        ReleaseOutputsBefore(long.MaxValue);
        MoveReady(output);
    }

    private void MoveReady(List<DetectedEvent> output)
    {
        output.AddRange(new ReadOnlySpan<DetectedEvent>(_ready, 0, _readyCount));
        _readyCount = 0;
    }

    private void CheckOrder(ReadOnlySpan<DetectedEvent> clicks, long untilPs)
    {
        long previous = _inputCount > _inputHead ? _input[_inputCount - 1].DetectionTimePs : _frontierPs;
        foreach (ref readonly var click in clicks)
        {
            if (click.DetectionTimePs < previous || click.DetectionTimePs > untilPs)
                throw new InvalidOperationException($"ClickProcessor: click at {click.DetectionTimePs} ps is out of time order (previous {previous} ps, until {untilPs} ps)");
            if ((uint)click.Detector >= (uint)_detectorCount)
                throw new InvalidOperationException($"ClickProcessor: detector {click.Detector} does not exist ({_detectorCount} detectors)");
            previous = click.DetectionTimePs;
        }
    }

    /// <summary>Appends clicks to the input queue (used only for clicks not yet processable).</summary>
    private void Enqueue(ReadOnlySpan<DetectedEvent> clicks)
    {
        if (clicks.IsEmpty) return;
        int live = _inputCount - _inputHead;
        if (_inputCount + clicks.Length > _input.Length)
        {
            var target = live + clicks.Length > _input.Length ? new DetectedEvent[Math.Max(2 * _input.Length, live + clicks.Length)] : _input;
            Array.Copy(_input, _inputHead, target, 0, live);
            _input = target;
            _inputHead = 0;
            _inputCount = live;
        }
        clicks.CopyTo(_input.AsSpan(_inputCount));
        _inputCount += clicks.Length;
    }

    /// <summary>Moves outputs earlier than <paramref name="boundPs"/> from the reordering buffer to the ready buffer.</summary>
    private void ReleaseOutputsBefore(long boundPs)
    {
        while (_output.PeekTimePs < boundPs)
        {
            if (_readyCount == _ready.Length) Array.Resize(ref _ready, 2 * _ready.Length);
            _ready[_readyCount++] = _output.RemoveFirst();
        }
    }

    /// <summary>
    /// Processes every avalanche earlier than <paramref name="frontierPs"/>, in time order, taking optical clicks from
    /// the input queue and then from <paramref name="fresh"/>; returns how many of <paramref name="fresh"/> it used.
    /// </summary>
    private int Advance(ReadOnlySpan<DetectedEvent> fresh, long frontierPs)
    {
        int used = 0;
        while (true)
        {
            long inputTime = _inputHead < _inputCount ? _input[_inputHead].DetectionTimePs
                : used < fresh.Length ? fresh[used].DetectionTimePs : long.MaxValue;
            long pendingTime = _pending.PeekTimePs;
            if (inputTime <= pendingTime)
            {
                if (inputTime >= frontierPs) break;
                Avalanche(_inputHead < _inputCount ? _input[_inputHead++] : fresh[used++]);
                continue;
            }
            if (pendingTime >= frontierPs) break;
            var item = _pending.Pop();
            ref var ev = ref item.Event;
            int d = ev.Detector;
            switch (item.Kind)
            {
                case PendingKind.Avalanche:
                    Avalanche(ev);
                    break;
                case PendingKind.DarkGenerator:
                    Avalanche(Spontaneous(item.TimePs, d, EventOrigin.DarkCount));
                    _pending.Push(item.TimePs + NextInterval(_darkRatePerPs[d]), PendingKind.DarkGenerator, ev);
                    break;
                case PendingKind.BackgroundGenerator:
                    Avalanche(Spontaneous(item.TimePs, d, EventOrigin.UncorrelatedBackground));
                    _pending.Push(item.TimePs + NextInterval(_backgroundRatePerPs[d]), PendingKind.BackgroundGenerator, ev);
                    break;
                case PendingKind.LaserGenerator:
                    {
                        // Delays are ≥ 0, so the background photon never precedes its pulse: pushing it now keeps order.
                        long arrivalPs = item.TimePs + (long)Math.Round(_laserDelay[d].Sample(ref _backgroundRng));
                        var photon = Spontaneous(arrivalPs, d, EventOrigin.LaserBackground);
                        photon.PulseIndex = ev.PulseIndex;
                        _pending.Push(arrivalPs, PendingKind.Avalanche, photon);
                        ev.PulseIndex += PulsesToNextSuccess(_laserProbability[d]);
                        if (ev.PulseIndex <= _lastSchedulablePulse) // beyond: later than any experiment, and would overflow
                            _pending.Push(_clock!.Value.PulseTimePs(ev.PulseIndex), PendingKind.LaserGenerator, ev);
                        break;
                    }
            }
        }
        _frontierPs = frontierPs;
        if (_inputHead == _inputCount) _inputHead = _inputCount = 0;
        return used;
    }

    private static DetectedEvent Spontaneous(long timePs, int detector, EventOrigin origin) => new()
    {
        DetectionTimePs = timePs,
        EmissionTimePs = timePs,
        Detector = (short)detector,
        Origin = origin,
        PulseIndex = -1,
    };

    /// <summary>One avalanche at its (un-jittered) time: dead time, then its consequences, then jitter into the output.</summary>
    private void Avalanche(DetectedEvent ev)
    {
        int d = ev.Detector;
        long t = ev.DetectionTimePs;
        if (t - _lastAvalanchePs[d] < _deadTimePs[d])
        {
            _lostToDeadTime[d]++;
            return;
        }
        _lastAvalanchePs[d] = t;
        _registered[d, (int)ev.Origin]++;

        if (_afterpulseThreshold[d] != 0 && _detectorRng.NextUInt32() < _afterpulseThreshold[d])
        {
            long at = t + (long)Math.Round(_afterpulseDelay[d].Sample(ref _detectorRng));
            _pending.Push(at, PendingKind.Avalanche, Spontaneous(at, d, EventOrigin.Afterpulse));
        }
        if (_crosstalkThreshold[d] != 0 && _detectorRng.NextUInt32() < _crosstalkThreshold[d])
        {
            long at = t + _crosstalkDelayPs[d];
            _pending.Push(at, PendingKind.Avalanche, Spontaneous(at, _crosstalkTarget[d], EventOrigin.Crosstalk));
        }

        ev.DetectionTimePs = t + _cableDelayPs[d] + Jitter(d);
        _output.Insert(ev);
        // Every later avalanche is at ≥ t, so outputs before t + smallest shift are final: keeps the reordering buffer small.
        ReleaseOutputsBefore(t + _minimumShiftPs);
    }

    /// <summary>IRF jitter, ps: Gaussian truncated at ±6σ (redrawn beyond; probability 2e-9) plus the optional exponential tail.</summary>
    private long Jitter(int d)
    {
        double jitter = 0;
        double sigma = _irfSigmaPs[d];
        if (sigma > 0)
        {
            do jitter = NextGaussian();
            while (Math.Abs(jitter) > GaussianTruncationSigmas);
            jitter *= sigma;
        }
        if (_tailThreshold[d] != 0 && _detectorRng.NextUInt32() < _tailThreshold[d])
            jitter += _detectorRng.NextExponential(1.0 / _tailDecayPs[d]);
        return (long)Math.Round(jitter);
    }

    /// <summary>Standard normal from <see cref="StreamIds.Detectors"/>: Box–Muller (Box &amp; Muller 1958) using both values of each pair.</summary>
    private double NextGaussian()
    {
        if (_hasSpareGaussian)
        {
            _hasSpareGaussian = false;
            return _spareGaussian;
        }
        // 32-bit uniforms suffice for picosecond jitter (radius resolution far below 1 ps; the smallest u1 gives
        // 6.8σ, beyond the truncation) and halve the random words per pair.
        const double scale = 1.0 / 4294967296.0;
        double radius = Math.Sqrt(-2.0 * Math.Log((_detectorRng.NextUInt32() + 0.5) * scale));
        (double sin, double cos) = Math.SinCos(2.0 * Math.PI * (_detectorRng.NextUInt32() + 0.5) * scale);
        _spareGaussian = radius * sin;
        _hasSpareGaussian = true;
        return radius * cos;
    }

    /// <summary>Bernoulli threshold on a 32-bit draw: success when draw &lt; p·2³² (probability resolution 2.3e-10).</summary>
    private static uint Threshold(double probability) => probability >= 1 ? uint.MaxValue : (uint)Math.Round(probability * 4294967296.0);

    /// <summary>Waiting time to the next event of a Poisson process, ps (at least 1 ps so the process always advances).</summary>
    private long NextInterval(double ratePerPs) =>
        Math.Max(1, (long)Math.Round(Math.Min(_backgroundRng.NextExponential(ratePerPs), HorizonPs)));

    /// <summary>Number of pulses up to and including the next one with a success of probability p: Geometric(p) ≥ 1.</summary>
    private long PulsesToNextSuccess(double p)
    {
        if (p >= 1) return 1;
        double k = Math.Floor(Math.Log(_backgroundRng.NextDouble()) / Math.Log(1 - p));
        return 1 + (long)Math.Min(k, HorizonPs);
    }
}
