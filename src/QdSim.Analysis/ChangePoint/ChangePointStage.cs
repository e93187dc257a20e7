using QdSim.Analysis.Pipeline;
using QdSim.TimeTags;

namespace QdSim.Analysis.ChangePoint;

/// <summary>Validated parameters of the change-point analysis.</summary>
public sealed record ChangePointOptions
{
    /// <summary>Type-I error of each likelihood-ratio test (Watkins &amp; Yang use 0.05 and smaller).</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Photons held at once (memory bound: 8 bytes each). Change points are found within such windows.</summary>
    public int WindowPhotons { get; init; } = 1 << 18;

    public void Validate()
    {
        if (!(Alpha > 0 && Alpha < 0.5)) throw UserInputException.OutOfRange("ChangePoint:Alpha", Alpha, "(probability)", "0 < α < 0.5");
        if (WindowPhotons is < 1024 or > 1 << 26) throw UserInputException.OutOfRange("ChangePoint:WindowPhotons", WindowPhotons, "photons", "1024–67108864");
    }
}

/// <summary>
/// Binning-free level detection on the photons of all channels merged (Watkins &amp; Yang 2005). Photon times are held
/// in a bounded window: when it is full, change points are found in it, everything up to the last change point is
/// committed as segments, and the photons after it are carried into the next window. If the carried tail would exceed
/// half the window (a very long constant stretch), the window is cut there instead; that cut is a segment boundary
/// that is not a change point, and the clustering puts both sides on the same level, so dwell times are unaffected.
/// </summary>
public sealed class ChangePointStage : IStreamingStage
{
    private readonly ChangePointOptions _options;
    private readonly double _tickS;
    private readonly double[] _window;
    private int _count;
    private readonly List<ChangePointSegment> _segments = new();

    public ChangePointStage(TimeTagStreamInfo info, ChangePointOptions options)
    {
        options.Validate();
        _options = options;
        _tickS = info.TickResolutionS;
        _window = new double[options.WindowPhotons];
    }

    public void Accept(ReadOnlySpan<TimeTagEvent> events)
    {
        foreach (ref readonly var e in events)
        {
            if (e.Kind != TimeTagKind.Photon) continue;
            if (_count == _window.Length) Flush(final: false);
            _window[_count++] = e.TimeTicks;
        }
    }

    private void Flush(bool final)
    {
        if (_count < 2) return;
        var times = new ReadOnlySpan<double>(_window, 0, _count);
        var points = ChangePointDetector.Detect(times, _options.Alpha);
        int commitUpTo = final ? _count - 1
            : points.Count > 0 && _count - points[^1] <= _count / 2 ? points[^1]
            : _count / 2;
        int start = 0;
        foreach (int k in points.Where(k => k <= commitUpTo).Append(commitUpTo).Distinct())
        {
            if (k <= start) continue;
            _segments.Add(new ChangePointSegment(_window[start] * _tickS, _window[k] * _tickS, k - start, -1));
            start = k;
        }
        if (final) { _count = 0; return; }
        // Carry the photons from the last committed boundary on (the boundary photon starts the next segment).
        Array.Copy(_window, commitUpTo, _window, 0, _count - commitUpTo);
        _count -= commitUpTo;
    }

    /// <summary>Runs the detection on the last window and clusters all segments into levels.</summary>
    public ChangePointResult Result()
    {
        Flush(final: true);
        var model = LevelClustering.Cluster(_segments.Select(s => ((long)s.Intervals, s.EndS - s.StartS)).ToList());
        var segments = _segments.Select((s, j) => s with { Level = model.LevelOfSegment[j] }).ToArray();

        // Dwells: runs of consecutive segments on the same level; the first and last run are censored and excluded.
        var dwellsByLevel = model.Rates.Select(_ => new List<double>()).ToArray();
        var levelTime = new double[model.Rates.Length];
        var levelPhotons = new long[model.Rates.Length];
        int runStart = 0;
        for (int j = 0; j < segments.Length; j++)
        {
            levelTime[segments[j].Level] += segments[j].EndS - segments[j].StartS;
            levelPhotons[segments[j].Level] += segments[j].Intervals;
            bool endOfRun = j + 1 == segments.Length || segments[j + 1].Level != segments[j].Level;
            if (!endOfRun) continue;
            if (runStart > 0 && j + 1 < segments.Length)
                dwellsByLevel[segments[j].Level].Add(segments[j].EndS - segments[runStart].StartS);
            runStart = j + 1;
        }
        double totalTime = levelTime.Sum();
        var levels = model.Rates.Select((rate, g) => new IntensityLevel(
            g, rate, levelPhotons[g] > 0 ? rate / Math.Sqrt(levelPhotons[g]) : double.NaN, levelPhotons[g], levelTime[g],
            totalTime > 0 ? levelTime[g] / totalTime : double.NaN, dwellsByLevel[g].ToArray())).ToArray();
        return new ChangePointResult(_options.Alpha, segments, levels, model.BicByLevels.Select(b => new LevelBic(b.Levels, b.Bic)).ToArray());
    }
}

/// <summary>A stretch of constant intensity between change points.</summary>
/// <param name="StartS">Time of its first photon, seconds from the file start.</param>
/// <param name="EndS">Time of the photon that starts the next segment, seconds.</param>
/// <param name="Intervals">Inter-photon intervals in it (photons counted once).</param>
/// <param name="Level">Intensity level index (0 dimmest).</param>
public sealed record ChangePointSegment(double StartS, double EndS, int Intervals, int Level)
{
    public double IntensityCps => EndS > StartS ? Intervals / (EndS - StartS) : double.NaN;
}

/// <summary>An intensity level from the clustering.</summary>
/// <param name="Index">Level index, 0 the dimmest.</param>
/// <param name="IntensityCps">Level intensity, counts/s (maximum likelihood over its segments).</param>
/// <param name="IntensitySigmaCps">Poisson standard error, I/√n.</param>
/// <param name="Photons">Photons (intervals) on the level.</param>
/// <param name="TotalTimeS">Time spent on the level, seconds.</param>
/// <param name="TimeFraction">Fraction of the analysed time on the level.</param>
/// <param name="DwellsS">Complete dwell times on the level, seconds (first and last, censored, excluded).</param>
public sealed record IntensityLevel(int Index, double IntensityCps, double IntensitySigmaCps, long Photons, double TotalTimeS,
    double TimeFraction, double[] DwellsS);

/// <summary>BIC of the clustering into a given number of levels.</summary>
public sealed record LevelBic(int Levels, double Bic);

/// <summary>Result of the change-point analysis.</summary>
public sealed record ChangePointResult(double Alpha, IReadOnlyList<ChangePointSegment> Segments, IReadOnlyList<IntensityLevel> Levels,
    IReadOnlyList<LevelBic> BicByLevels)
{
    /// <summary>Boundaries between segments (change points, plus any window cuts).</summary>
    public int Boundaries => Math.Max(0, Segments.Count - 1);

    /// <summary>Boundaries where the level changes.</summary>
    public int LevelChanges => Enumerable.Range(1, Math.Max(0, Segments.Count - 1)).Count(j => Segments[j].Level != Segments[j - 1].Level);
}
