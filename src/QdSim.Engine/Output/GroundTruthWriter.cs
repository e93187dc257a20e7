using System.Globalization;
using System.Text;
using QdSim.Engine.Environment;
using QdSim.Engine.Photons;
using QdSim.Engine.Simulation;
using QdSim.TimeTags.IO;

namespace QdSim.Engine.Output;

/// <summary>
/// Ground truth beside the time tags, as CSV streamed through a temporary file renamed on <see cref="Complete"/>:
/// <c>*.truth.csv</c> — one row per recorded detector event: detection_time_ps, detector, origin, emission_time_ps
/// (true emission time; for dark counts/afterpulses the click time before jitter), photon_energy_ev (0 when no photon),
/// pulse_index (−1 under CW or for events not tied to a pulse);
/// <c>*.trajectory.csv</c> — the environment trajectory: start_s, end_s, state, level, charge, trap_rate_per_ns,
/// energy_shift_mev, defects, bleached.
/// </summary>
public sealed class GroundTruthWriter : IExperimentSink, IDisposable
{
    private readonly AtomicFile _events, _trajectory;
    private readonly StreamWriter _eventText, _trajectoryText;
    private readonly StringBuilder _line = new(128);
    private bool _completed;

    public GroundTruthWriter(string eventsPath, string trajectoryPath)
    {
        _events = AtomicFile.Create(eventsPath);
        _trajectory = AtomicFile.Create(trajectoryPath);
        _eventText = new StreamWriter(_events.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        _trajectoryText = new StreamWriter(_trajectory.Stream, new UTF8Encoding(false), 1 << 14, leaveOpen: true);
        _eventText.WriteLine("detection_time_ps,detector,origin,emission_time_ps,photon_energy_ev,pulse_index");
        _trajectoryText.WriteLine("start_s,end_s,state,level,charge,trap_rate_per_ns,energy_shift_mev,defects,bleached");
    }

    public IReadOnlyList<string> Paths => [_events.FinalPath, _trajectory.FinalPath];

    public void OnEnvironment(in EnvironmentInterval interval)
    {
        var c = interval.Condition;
        var inv = CultureInfo.InvariantCulture;
        _trajectoryText.WriteLine(string.Create(inv,
            $"{interval.StartPs * 1e-12:R},{interval.EndPs * 1e-12:R},{interval.Label},{c.Level},{c.Charge},{c.TrapRatePerNs:R},{c.EnergyShiftEv * 1e3:R},{c.Defects},{(c.Bleached ? 1 : 0)}"));
    }

    public void OnEvents(ReadOnlySpan<DetectedEvent> events)
    {
        var inv = CultureInfo.InvariantCulture;
        foreach (ref readonly var e in events)
        {
            _line.Clear();
            _line.Append(e.DetectionTimePs).Append(',').Append(e.Detector).Append(',').Append(OriginName(e.Origin)).Append(',')
                .Append(e.EmissionTimePs).Append(',').Append(e.EnergyEv.ToString("0.######", inv)).Append(',').Append(e.PulseIndex);
            _eventText.WriteLine(_line);
        }
    }

    /// <summary>Ground-truth label of an origin (snake case, stable: analysis scripts key on it).</summary>
    public static string OriginName(EventOrigin origin) => origin switch
    {
        EventOrigin.Exciton => "exciton",
        EventOrigin.Biexciton => "biexciton",
        EventOrigin.Multiexciton => "multiexciton",
        EventOrigin.TrionNegative => "trion_negative",
        EventOrigin.TrionPositive => "trion_positive",
        EventOrigin.GrayExciton => "gray_exciton",
        EventOrigin.DarkExciton => "dark_exciton",
        EventOrigin.UncorrelatedBackground => "background",
        EventOrigin.LaserBackground => "laser_background",
        EventOrigin.DarkCount => "dark_count",
        EventOrigin.Afterpulse => "afterpulse",
        EventOrigin.Crosstalk => "crosstalk",
        _ => origin.ToString(),
    };

    /// <summary>Flushes both files and renames them to their final names.</summary>
    public void Complete()
    {
        _eventText.Dispose(); // flushes; the AtomicFile keeps the stream open (leaveOpen) until Commit
        _trajectoryText.Dispose();
        _completed = true;
        _events.Commit();
        _trajectory.Commit();
    }

    /// <summary>Without <see cref="Complete"/>, deletes the temporary files.</summary>
    public void Dispose()
    {
        if (!_completed)
        {
            _eventText.Dispose();
            _trajectoryText.Dispose();
        }
        _events.Dispose();
        _trajectory.Dispose();
    }
}
