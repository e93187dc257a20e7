using QdSim.Engine.Excitation;
using QdSim.Engine.Kinetics;
using QdSim.Engine.Random;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Environment;

/// <summary>
/// Generates the environment trajectory of one dot, interval by interval, from its own random stream
/// (StreamIds.Environment): blinking processes (semi-Markov), photo-charging and neutralisation, photodarkening and
/// bleaching (PHYSICS.md §4, §5). Environment events are competing events; the earliest wins and changes the
/// condition.
/// </summary>
/// <remarks>
/// <para>Per-absorbed-photon probabilities p become per-pulse probabilities 1 − e^(−p⟨N⟩) (the number of events in
/// a pulse is a Poisson thinning of the Poisson photon number), so the pulse of the next event is geometric; under CW
/// they are rates p G. After every change the memoryless events are redrawn (exact by memorylessness).</para>
/// <para>Approximation: these events are drawn from their rates, independently of the particular cascade simulated in
/// the same pulse (the marginal statistics are exact; the correlation between an ionising pulse and its own photon
/// number is not modelled). This independence is what lets the kinetics run segment-parallel.</para>
/// <para>Photon clock: a dwell of A absorbed photons ends at the time the Poisson absorption process reaches A, i.e.
/// after Gamma(A, 1)/⟨N⟩ pulse periods (pulsed) or Gamma(A, 1)/G (CW): exact for the Poisson absorption process.</para>
/// <para>Each blinking process starts in its configured state, or one drawn ∝ its mean dwell, with a fresh dwell
/// (not the equilibrium residual dwell).</para>
/// </remarks>
public sealed class EnvironmentTimeline
{
    private readonly ExperimentParameters _p;
    private readonly BlinkingProcessParameters[] _processes;
    private readonly ExcitationContext _x;
    private readonly long _endPs;
    private readonly double _ionisationPerAbsorbedPhotonScale;
    private RandomStream _rng;

    private readonly int[] _state;
    private readonly double[] _nextSwitchPs;
    private int _charge;
    private double _chargeEventPs;
    private int _defects;
    private bool _bleached;
    private double _defectEventPs, _bleachEventPs;
    private double _nowPs;

    /// <param name="p">Validated experiment parameters.</param>
    /// <param name="excitation">Resolved excitation (converts per-photon probabilities and photon clocks to time).</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="dot">Dot index (stream coordinate).</param>
    /// <param name="ionisationScale">Charging events per absorbed photon per unit p_ion: 1, or (only via XX Auger) the
    /// mean XX Auger decays per absorbed photon.</param>
    public EnvironmentTimeline(ExperimentParameters p, ExcitationContext excitation, ulong seed, uint dot, double ionisationScale)
    {
        _p = p;
        _x = excitation;
        _endPs = (long)Math.Round(p.Run.DurationS * 1e12);
        _ionisationPerAbsorbedPhotonScale = ionisationScale;
        _rng = new RandomStream(seed, dot, StreamIds.Environment);
        _processes = p.Environment.Processes.Where(x => x.Enabled).ToArray();
        var procs = _processes;
        _state = new int[procs.Length];
        _nextSwitchPs = new double[procs.Length];
        for (int i = 0; i < procs.Length; i++)
        {
            _state[i] = procs[i].InitialState ?? DrawInitialState(procs[i]);
            _nextSwitchPs[i] = ScheduleDwell(procs[i].States[_state[i]].Dwell, procs[i].Clock, 0, procs[i].States.Length > 1);
        }
        RedrawMemorylessEvents();
    }

    public long EndPs => _endPs;

    /// <summary>Current condition of the dot.</summary>
    public DotCondition Condition
    {
        get
        {
            var c = new DotCondition { Charge = _charge, Defects = _defects, Bleached = _bleached, Level = EmissiveLevel.On };
            var procs = _processes;
            for (int i = 0; i < procs.Length; i++)
            {
                var s = procs[i].States[_state[i]];
                c.TrapRatePerNs += s.TrapRatePerNs;
                c.EnergyShiftEv += s.EnergyShiftMeV * 1e-3;
                if (s.Charge != 0) c.Charge = s.Charge;
                if (s.Level > c.Level) c.Level = s.Level;
            }
            if (c.Charge != 0 || _bleached) c.Level = EmissiveLevel.Off;
            return c;
        }
    }

    private string Label()
    {
        var procs = _processes;
        var parts = new List<string>(procs.Length + 3);
        for (int i = 0; i < procs.Length; i++) parts.Add(procs[i].States[_state[i]].Name);
        if (_charge != 0) parts.Add(_charge < 0 ? "charged-" : "charged+");
        if (_defects > 0) parts.Add($"defects={_defects}");
        if (_bleached) parts.Add("bleached");
        return parts.Count == 0 ? "ON" : string.Join('|', parts);
    }

    /// <summary>Next interval of constant condition; false after the end of the experiment.</summary>
    public bool Next(out EnvironmentInterval interval)
    {
        if (_nowPs >= _endPs)
        {
            interval = default;
            return false;
        }
        // Earliest competing event.
        double t = Math.Min(_chargeEventPs, Math.Min(_defectEventPs, _bleachEventPs));
        int which = t == _chargeEventPs ? -1 : t == _defectEventPs ? -2 : -3;
        for (int i = 0; i < _nextSwitchPs.Length; i++)
        {
            if (_nextSwitchPs[i] < t)
            {
                t = _nextSwitchPs[i];
                which = i;
            }
        }
        long start = (long)Math.Round(_nowPs);
        long end = (long)Math.Min(_endPs, Math.Ceiling(t));
        interval = new EnvironmentInterval(start, Math.Max(end, start + 1), Condition, Label());
        _nowPs = interval.EndPs;
        if (t >= _endPs) return true;

        if (which >= 0)
        {
            var proc = _processes[which];
            _state[which] = NextState(proc, _state[which]);
            _nextSwitchPs[which] = ScheduleDwell(proc.States[_state[which]].Dwell, proc.Clock, _nowPs, proc.States.Length > 1);
        }
        else if (which == -1)
        {
            if (_charge != 0) _charge = 0;
            else
            {
                _charge = _p.Environment.Charging.Sign switch
                {
                    ChargeSign.Negative => -1,
                    ChargeSign.Positive => 1,
                    _ => _rng.NextDouble() < 0.5 ? -1 : 1,
                };
            }
        }
        else if (which == -2) _defects++;
        else _bleached = true;
        RedrawMemorylessEvents();
        return true;
    }

    private void RedrawMemorylessEvents()
    {
        var d = _p.Damage;
        var ch = _p.Environment.Charging;
        if (_charge != 0)
        {
            // A neutralisation dwell already running stays; only draw when it is not scheduled yet.
            if (_chargeEventPs <= _nowPs || double.IsPositiveInfinity(_chargeEventPs))
                _chargeEventPs = ScheduleDwell(ch.Neutralisation, ch.NeutralisationClock, _nowPs, true);
        }
        else
        {
            double pIon = (ch.ProbabilityPerAbsorbedPhoton + _defects * d.ChargingProbabilityPerDefect) * _ionisationPerAbsorbedPhotonScale;
            _chargeEventPs = _bleached ? double.PositiveInfinity : NextPhotonEvent(Math.Min(pIon, 1));
        }
        _defectEventPs = _bleached ? double.PositiveInfinity : NextPhotonEvent(d.DefectProbabilityPerAbsorbedPhoton);
        _bleachEventPs = _bleached ? double.PositiveInfinity : NextPhotonEvent(d.BleachProbabilityPerAbsorbedPhoton);
    }

    /// <summary>Time of the next event that each absorbed photon triggers with probability p (after now).</summary>
    private double NextPhotonEvent(double p)
    {
        if (p <= 0 || _x.AbsorbedPerPs <= 0) return double.PositiveInfinity;
        if (_x.Pulsed)
        {
            double perPulse = -double.ExpM1(-p * _x.MeanPerPulse);
            long first = _x.FirstPulseAtOrAfter(_nowPs);
            double k = perPulse >= 1 ? 0 : Math.Floor(Math.Log(_rng.NextDouble()) / double.LogP1(-perPulse));
            // The event happens in pulse `first + k`; the new condition applies from just after that pulse.
            return (first + k) * _x.PeriodPs + 1;
        }
        return _nowPs + _rng.NextExponential(p * _x.AbsorptionRatePerPs);
    }

    private double ScheduleDwell(DwellLawParameters law, DwellClock clock, double fromPs, bool switches)
    {
        if (!switches) return double.PositiveInfinity;
        double dwell = DwellSampler.Sample(law, ref _rng);
        if (clock == DwellClock.Time) return fromPs + dwell * 1e12;
        if (_x.AbsorbedPerPs <= 0) return double.PositiveInfinity;
        return fromPs + DwellSampler.Gamma(dwell, ref _rng) / _x.AbsorbedPerPs;
    }

    private int DrawInitialState(BlinkingProcessParameters proc)
    {
        int n = proc.States.Length;
        Span<double> weight = stackalloc double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double m = DwellSampler.Mean(proc.States[i].Dwell);
            weight[i] = double.IsFinite(m) ? m : 1;
            sum += weight[i];
        }
        double u = _rng.NextDouble() * sum;
        for (int i = 0; i < n; i++)
        {
            if (u < weight[i]) return i;
            u -= weight[i];
        }
        return n - 1;
    }

    private int NextState(BlinkingProcessParameters proc, int current)
    {
        int n = proc.States.Length;
        var probs = proc.States[current].NextStateProbabilities;
        double u = _rng.NextDouble();
        if (probs is null)
        {
            int pick = (int)(u * (n - 1));
            return pick >= current ? pick + 1 : pick;
        }
        for (int i = 0; i < n; i++)
        {
            if (u < probs[i]) return i;
            u -= probs[i];
        }
        return n - 1;
    }
}
