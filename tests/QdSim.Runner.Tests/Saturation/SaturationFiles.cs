using QdSim.Engine.Random;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Runner.Tests.Saturation;

/// <summary>
/// Synthetic measurements for the saturation verb: HydraHarp V2 T2 PTU files (1 ps ticks) holding independent Poisson
/// photon streams per channel whose rates are piecewise constant — one piece per excitation step, plus any transition
/// stretches. A Poisson stream of rate R over T gives Poisson(RT) counts, which is what the rate errors assume.
/// Randomness from the engine's Philox streams, so every file is the same on every run.
/// </summary>
internal static class SaturationFiles
{
    /// <summary>One stretch of constant rates: its length, s, and the rate of each channel, counts/s.</summary>
    public sealed record Piece(double DurationS, IReadOnlyDictionary<short, double> RateCps);

    /// <summary>Writes the pieces back to back; the header's acquisition time is their total length.</summary>
    public static void Write(string path, IReadOnlyList<Piece> pieces, ulong seed)
    {
        var channels = pieces.SelectMany(p => p.RateCps.Keys).Distinct().Order().ToArray();
        var info = new TimeTagStreamInfo { Mode = MeasurementMode.T2, TickResolutionS = 1e-12, PhotonChannels = channels };
        var events = new List<TimeTagEvent>();
        double start = 0;
        for (int index = 0; index < pieces.Count; index++)
        {
            var piece = pieces[index];
            foreach (var (channel, rate) in piece.RateCps)
            {
                if (!(rate > 0)) continue;
                var rng = new RandomStream(seed, (uint)channel, (uint)index); // a stream per channel and piece
                for (double t = start + rng.NextExponential(rate); t < start + piece.DurationS; t += rng.NextExponential(rate))
                    events.Add(TimeTagEvent.T2Photon((long)(t * 1e12), channel));
            }
            start += piece.DurationS;
        }
        events.Sort((a, b) => a.TimeTicks.CompareTo(b.TimeTicks));
        using var writer = new PtuWriter(path, info, new PtuWriterOptions { RecordType = PtuRecordType.HydraHarpV2T2 });
        writer.Write(events.ToArray());
        writer.Complete(start);
    }

    /// <summary>One piece with the same rate on two channels (a 50/50 HBT), <paramref name="totalCps"/> summed.</summary>
    public static Piece Split(double durationS, double totalCps, double extraChannel3Cps = 0)
    {
        var rates = new Dictionary<short, double> { [1] = totalCps / 2, [2] = totalCps / 2 };
        if (extraChannel3Cps > 0) rates[3] = extraChannel3Cps;
        return new Piece(durationS, rates);
    }
}
