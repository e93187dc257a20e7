using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Correlation;

public class PulsedG2Tests
{
    private const double TickS = 1e-12, PeriodS = 100e-9, MicroTimeS = 10e-12, LifetimeS = 2e-9;

    // Per-pulse emitted photon number: P(0) = 0.901, P(1) = 0.098, P(2) = 0.001 ⇒ E[M] = 0.1, E[M(M−1)] = 0.002,
    // so g2(0) = E[M(M−1)]/E[M]² = 0.2 exactly (binomial detection and a 50/50 split leave it unchanged).
    private const double P1 = 0.098, P2 = 0.001, TrueG2Zero = 2 * P2 / ((P1 + 2 * P2) * (P1 + 2 * P2));

    private static TimeTagStreamInfo T3Info() => new()
    {
        Mode = MeasurementMode.T3, TickResolutionS = TickS, SyncRateHz = 1 / PeriodS, MicroTimeResolutionS = MicroTimeS, Source = "synthetic T3",
    };

    /// <summary>T3 events of a pulsed emitter (exponential decay after a Gaussian IRF) plus uncorrelated background on channels 1 and 2.</summary>
    private static TimeTagEvent[] PulsedSource(ulong seed, int pulses, double detectionEfficiency, double backgroundPerPulsePerChannel)
    {
        var rng = new TestRng(seed);
        var events = new List<TimeTagEvent>();
        var pulse = new List<(int Bins, short Channel)>();
        long periodTicks = (long)Math.Round(PeriodS / TickS);
        for (long k = 0; k < pulses; k++)
        {
            pulse.Clear();
            double u = rng.NextDouble();
            int m = u < P2 ? 2 : u < P2 + P1 ? 1 : 0;
            for (int p = 0; p < m; p++)
            {
                if (!rng.Bernoulli(detectionEfficiency)) continue;
                double delayS = 1e-9 + 0.1e-9 * rng.Gaussian() + rng.Exponential(LifetimeS);
                if (delayS < 0 || delayS >= PeriodS) continue;
                pulse.Add(((int)(delayS / MicroTimeS), rng.Bernoulli(0.5) ? (short)1 : (short)2));
            }
            for (short channel = 1; channel <= 2; channel++)
                for (int b = rng.Poisson(backgroundPerPulsePerChannel); b > 0; b--)
                    pulse.Add(((int)(rng.NextDouble() * PeriodS / MicroTimeS), channel));
            if (pulse.Count > 1) pulse.Sort();
            foreach (var (bins, channel) in pulse)
                events.Add(new TimeTagEvent(k * periodTicks + (long)Math.Round(bins * MicroTimeS / TickS), channel, TimeTagKind.Photon, k, bins));
        }
        return events.ToArray();
    }

    private static PulsedG2Result MeasurePulsedG2(TimeTagEvent[] events, PulsedG2Options options)
    {
        var correlator = new PhotonCorrelator(T3Info(), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = PulsedG2.CreateBins(options, TickS) });
        TestStreams.Feed(correlator, events, 10_000);
        return PulsedG2.Evaluate(correlator.Finish(), options);
    }

    [Fact]
    public void KnownPhotonNumberDistribution_GivesG2ZeroEqualToFactorialMomentRatio()
    {
        var events = PulsedSource(seed: 2011, pulses: 1_000_000, detectionEfficiency: 1.0, backgroundPerPulsePerChannel: 0);
        var result = MeasurePulsedG2(events, new PulsedG2Options { LaserPeriodS = PeriodS });

        Assert.Equal(32, result.SidePeakCount);
        Assert.True(Math.Abs(result.G2Zero - TrueG2Zero) < 4 * result.G2ZeroStdErr,
            $"g2(0) = {result.G2Zero:F4} ± {result.G2ZeroStdErr:F4} (Poisson error of the peak areas, A0 = {result.ZeroPeakPairs}); expected E[M(M−1)]/E[M]² = {TrueG2Zero:F4} within 4 sigma");
        Assert.True(result.G2ZeroStdErr < 0.05, $"σ = {result.G2ZeroStdErr:F4}: the test needs enough pairs to tell 0.2 from 0 and 1");
    }

    [Fact]
    public void UncorrelatedBackground_IsRemovedByNairCorrection_WithSignalFractionFromDecayTail()
    {
        // Background 0.01 per pulse per channel against 0.05 signal: ρ = 0.05/0.06 ≈ 0.83, raising g2(0) to ≈ 0.45.
        var events = PulsedSource(seed: 1136, pulses: 2_000_000, detectionEfficiency: 1.0, backgroundPerPulsePerChannel: 0.01);
        var result = MeasurePulsedG2(events, new PulsedG2Options { LaserPeriodS = PeriodS });

        var rho = new double[2];
        var rhoErr = new double[2];
        for (short channel = 1; channel <= 2; channel++)
        {
            var decay = new DecayHistogramBuilder(T3Info(), new DecayHistogramOptions { Channels = [channel], BinWidthS = 100e-12 });
            TestStreams.Feed(decay, events, 10_000);
            // Tail from 50 ns: the 2 ns decay has fallen by e^−24 there, only background is left.
            var (fraction, err) = decay.Result().BackgroundFraction(50e-9, PeriodS);
            rho[channel - 1] = 1 - fraction;
            rhoErr[channel - 1] = err;
        }
        var (corrected, correctedErr) = result.BackgroundCorrected(rho[0], rho[1]);

        Assert.True(result.G2Zero - TrueG2Zero > 5 * result.G2ZeroStdErr, $"raw g2(0) = {result.G2Zero:F3}: background must raise it visibly, else the test is vacuous");
        // σ_total² = σ_corrected² + (∂g_sig/∂(ρ_Aρ_B))² σ(ρ_Aρ_B)², ∂g_sig/∂(ρ_Aρ_B) = (1 − g_meas)/(ρ_Aρ_B)².
        double rho2 = rho[0] * rho[1];
        double rho2Err = Math.Sqrt(Math.Pow(rho[1] * rhoErr[0], 2) + Math.Pow(rho[0] * rhoErr[1], 2));
        double sigma = Math.Sqrt(correctedErr * correctedErr + Math.Pow((1 - result.G2Zero) / (rho2 * rho2) * rho2Err, 2));
        Assert.True(Math.Abs(corrected - TrueG2Zero) < 4 * sigma,
            $"background-corrected g2(0) = {corrected:F4} ± {sigma:F4} (raw {result.G2Zero:F4}, ρ = {rho[0]:F4}/{rho[1]:F4}); expected the background-free {TrueG2Zero:F4} within 4 sigma");
    }
}
