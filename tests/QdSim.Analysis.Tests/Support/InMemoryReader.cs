using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Support;

/// <summary>An <see cref="ITimeTagReader"/> over a lazily generated event sequence (nothing is materialised).</summary>
public sealed class InMemoryReader(TimeTagStreamInfo info, IEnumerable<TimeTagEvent> events) : ITimeTagReader
{
    private readonly IEnumerator<TimeTagEvent> _events = events.GetEnumerator();
    private long _read;

    public TimeTagStreamInfo Info { get; } = info;

    public int Read(Span<TimeTagEvent> buffer)
    {
        int n = 0;
        while (n < buffer.Length && _events.MoveNext()) buffer[n++] = _events.Current;
        _read += n;
        return n;
    }

    public (long Done, long Total) Position => (_read, 0);

    public void Dispose() => _events.Dispose();

    /// <summary>T2 stream description with 1 ps ticks.</summary>
    public static TimeTagStreamInfo T2Info(params short[] channels) => new()
    {
        Mode = MeasurementMode.T2, TickResolutionS = 1e-12, PhotonChannels = channels, Source = "synthetic T2",
    };
}

/// <summary>Synthetic photon streams in 1 ps ticks.</summary>
public static class SyntheticStreams
{
    /// <summary>Poisson process of rate <paramref name="rateCps"/> on one channel for <paramref name="durationS"/>.</summary>
    public static IEnumerable<TimeTagEvent> Poisson(TestRandom random, double rateCps, double durationS, short channel = 0)
    {
        double t = 0;
        while (true)
        {
            t += random.Exponential(1 / rateCps);
            if (t >= durationS) yield break;
            yield return TimeTagEvent.T2Photon((long)(t * 1e12), channel);
        }
    }

    /// <summary>Piecewise-constant Poisson process: (rate, duration) pieces back to back.</summary>
    public static IEnumerable<TimeTagEvent> Piecewise(TestRandom random, IEnumerable<(double RateCps, double DurationS)> pieces, short channel = 0)
    {
        double start = 0;
        foreach (var (rate, duration) in pieces)
        {
            double t = start;
            while (true)
            {
                t += random.Exponential(1 / rate);
                if (t >= start + duration) break;
                yield return TimeTagEvent.T2Photon((long)(t * 1e12), channel);
            }
            start += duration;
        }
    }
}
