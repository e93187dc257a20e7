using QdSim.Engine.Random;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Runner.Tests.Reporting;

/// <summary>
/// A small pulsed single-emitter measurement written as a HydraHarp T3 PTU by QdSim.TimeTags' writer: telegraph
/// blinking (exponential ON and OFF dwells), at most one photon per laser pulse (a perfect single-photon source),
/// exponential delays after the pulse convolved with a Gaussian IRF, a 50/50 beam splitter onto channels 0 and 1, and a
/// weak uncorrelated background. Randomness from one Philox stream, so the file is the same on every run.
/// </summary>
internal static class SyntheticPtu
{
    public const double SyncRateHz = 10_000_000;          // 100 ns period
    public const double MicroTimeResolutionS = 16e-12;
    public const double LifetimeS = 3e-9;
    public const double IrfFwhmS = 100e-12;                // the analysis' default Gaussian IRF
    public const double IrfOffsetS = 2e-9;
    public const double DurationS = 8;
    public const double OnRateCps = 30_000, OffRateCps = 300, BackgroundCps = 300;
    public const double MeanOnDwellS = 0.15, MeanOffDwellS = 0.15;

    public static void Write(string path, ulong seed = 7)
    {
        var info = new TimeTagStreamInfo
        {
            Mode = MeasurementMode.T3, TickResolutionS = 1e-12, SyncRateHz = SyncRateHz, MicroTimeResolutionS = MicroTimeResolutionS,
            PhotonChannels = [0, 1],
        };
        var rng = new RandomStream(seed, 0, 1);
        double periodS = 1 / SyncRateHz, sigmaS = IrfFwhmS / (2 * Math.Sqrt(2 * Math.Log(2)));
        var events = new List<(long Sync, int Micro, short Channel)>();
        // Emitter: piecewise-constant Poisson rate, thinned to one photon per pulse.
        double t = 0, stateEnd = 0;
        bool on = false;
        long lastPulse = -1;
        while (t < DurationS)
        {
            if (t >= stateEnd) { on = !on; stateEnd = t + rng.NextExponential(1 / (on ? MeanOnDwellS : MeanOffDwellS)); }
            double next = t + rng.NextExponential(on ? OnRateCps : OffRateCps);
            if (next >= stateEnd) { t = stateEnd; continue; }
            t = next;
            long pulse = (long)(t / periodS);
            if (pulse == lastPulse) continue;
            lastPulse = pulse;
            double delayS = IrfOffsetS + rng.NextExponential(1 / LifetimeS) + sigmaS * rng.NextGaussian();
            Add(events, pulse, delayS, (short)(rng.NextDouble() < 0.5 ? 0 : 1), periodS);
        }
        for (double b = rng.NextExponential(BackgroundCps); b < DurationS; b += rng.NextExponential(BackgroundCps))
            Add(events, (long)(b / periodS), rng.NextDouble() * periodS, (short)(rng.NextDouble() < 0.5 ? 0 : 1), periodS);

        var ordered = events.OrderBy(e => e.Sync).ThenBy(e => e.Micro).Select(e => new TimeTagEvent(
            (long)Math.Round(e.Sync * periodS * 1e12 + e.Micro * MicroTimeResolutionS * 1e12), e.Channel, TimeTagKind.Photon, e.Sync, e.Micro)).ToArray();
        using var writer = new PtuWriter(path, info, new PtuWriterOptions { RecordType = PtuRecordType.HydraHarpV2T3 });
        writer.Write(ordered);
        writer.Complete(DurationS);
    }

    private static void Add(List<(long, int, short)> events, long pulse, double delayS, short channel, double periodS)
    {
        while (delayS >= periodS) { delayS -= periodS; pulse++; }
        if (delayS < 0) { delayS += periodS; pulse--; }
        if (pulse < 0) return;
        events.Add((pulse, (int)(delayS / MicroTimeResolutionS), channel));
    }
}
