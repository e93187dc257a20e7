using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Tests.Correlation;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Pipeline;

/// <summary>
/// The g2 and lifetime members issue 3 asks of the whole-file analysis, each on a synthetic stream with a closed-form
/// truth: time-gated g2 (biexciton cascade), g2 in ON periods (telegraph blinking), lifetime per level (two levels),
/// CW antibunching fit (two-level emitter).
/// </summary>
public class G2AndLevelStagesTests
{
    private const double PeriodS = 100e-9, MicroS = 16e-12;
    private const long PeriodPs = 100_000;

    private static TimeTagStreamInfo T3Info() => new()
    {
        Mode = MeasurementMode.T3, TickResolutionS = 1e-12, SyncRateHz = 1 / PeriodS, MicroTimeResolutionS = MicroS,
        PhotonChannels = [0, 1], Source = "synthetic T3",
    };

    private static TimeTagEvent T3Photon(long pulse, double delayS, short channel)
    {
        int micro = (int)(delayS / MicroS);
        return new TimeTagEvent(pulse * PeriodPs + micro * 16, channel, TimeTagKind.Photon, pulse, micro);
    }

    /// <summary>
    /// Biexciton cascade: with probability p_XX a pulse makes XX (delay t₁ ~ Exp(τ_XX = 0.3 ns)) then X (t₁ + Exp(τ_X =
    /// 5 ns)); with p_X only X (Exp(τ_X)). Each photon is detected with η and routed 50/50. g2(0) = E[N(N−1)]/E[N]² of the
    /// kept photons: ungated 2p_XX/(2p_XX + p_X)²; gated at g, XX survives with e^(−g/τ_XX) (and then X surely does),
    /// X of a cascade with the hypo-exponential survival S(g) = (τ_X e^(−g/τ_X) − τ_XX e^(−g/τ_XX))/(τ_X − τ_XX), a lone
    /// X with e^(−g/τ_X): g2_g = 2p_XX e^(−g/τ_XX) / [p_XX(e^(−g/τ_XX) + S(g)) + p_X e^(−g/τ_X)]². The gate 1.024 ns is
    /// 64 micro-time bins, so bin flooring keeps exactly the photons with delay ≥ g.
    /// </summary>
    [Fact]
    public void Time_gating_removes_the_early_biexciton_photon_as_predicted()
    {
        const double PXX = 0.2, PX = 0.8, TauXXS = 0.3e-9, TauXS = 5e-9, Eta = 0.1, GateS = 1.024e-9;
        const int Pulses = 2_000_000;
        IEnumerable<TimeTagEvent> Stream()
        {
            var random = new TestRandom(31);
            var pulse = new List<(double Delay, short Channel)>();
            for (long k = 0; k < Pulses; k++)
            {
                pulse.Clear();
                double u = random.Uniform();
                void Emit(double delayS) { if (random.Bernoulli(Eta)) pulse.Add((delayS, (short)(random.Bernoulli(0.5) ? 0 : 1))); }
                if (u < PXX) { double t1 = random.Exponential(TauXXS); Emit(t1); Emit(t1 + random.Exponential(TauXS)); }
                else if (u < PXX + PX) Emit(random.Exponential(TauXS));
                foreach (var (delay, channel) in pulse.Where(p => p.Delay < PeriodS).OrderBy(p => p.Delay)) yield return T3Photon(k, delay, channel);
            }
        }
        using var reader = new InMemoryReader(T3Info(), Stream());
        var g2 = FileAnalysis.Run(reader, new AnalysisOptions { ChangePointEnabled = false, PowerLaw = new() { BootstrapSamples = 10 }, G2GateS = GateS }).Summary.G2;

        double ungated = 2 * PXX / Math.Pow(2 * PXX + PX, 2);
        double sXX = Math.Exp(-GateS / TauXXS), sX = Math.Exp(-GateS / TauXS);
        double cascade = (TauXS * sX - TauXXS * sXX) / (TauXS - TauXXS);
        double gated = 2 * PXX * sXX / Math.Pow(PXX * (sXX + cascade) + PX * sX, 2);
        Assert.Equal("pulsed", g2.Mode);
        Assert.True(Math.Abs(g2.ZeroDelay!.Value - ungated) < 4 * g2.ZeroDelayStdErr!.Value,
            $"ungated g2(0) = {g2.ZeroDelay} ± {g2.ZeroDelayStdErr} vs {ungated:F4} (4σ Poisson peak areas)");
        var g = g2.Gated!;
        Assert.Equal(GateS * 1e9, g.GateNs, 9);
        Assert.True(Math.Abs(g.ZeroDelay!.Value - gated) < 4 * g.ZeroDelayStdErr!.Value,
            $"gated g2(0) = {g.ZeroDelay} ± {g.ZeroDelayStdErr} vs {gated:F4} (4σ Poisson peak areas)");
        Assert.True(g.ZeroDelay + 4 * g.ZeroDelayStdErr < g2.ZeroDelay, "gating must lower g2(0) beyond the errors");
    }

    /// <summary>
    /// A single-photon source (≤ 1 photon per pulse) blinking between ON (100 kcps detected) and dark with exponential
    /// dwells of mean 0.5 s: at lags of a few laser periods the coincidences over the uncorrelated expectation are
    /// T/T_on (blinking bunching) for the whole stream, and 1 within the ON periods. Tolerances: 4 Poisson σ of the
    /// side-peak pairs; the ON windows' edge bins hold ≲ 0.1 ms of dark time per 500 ms dwell (bias ≲ 3·10⁻⁴ ≪ σ ≈ 4·10⁻³).
    /// </summary>
    [Fact]
    public void G2_in_ON_periods_has_flat_side_peaks_where_the_whole_stream_shows_blinking_bunching()
    {
        const double DurationS = 20, OnRateCps = 100_000, MeanDwellS = 0.5;
        double onTimeS = 0;
        IEnumerable<TimeTagEvent> Stream(bool countOnTime)
        {
            var random = new TestRandom(77);
            double t = 0;
            bool on = true;
            long lastPulse = -1;
            while (t < DurationS)
            {
                double end = Math.Min(DurationS, t + random.Exponential(MeanDwellS));
                if (on)
                {
                    if (countOnTime) onTimeS += end - t;
                    for (double p = t + random.Exponential(1 / OnRateCps); p < end; p += random.Exponential(1 / OnRateCps))
                    {
                        long pulse = (long)(p / PeriodS);
                        if (pulse == lastPulse) continue;
                        lastPulse = pulse;
                        yield return T3Photon(pulse, 2e-9 + random.Exponential(3e-9) % 90e-9, (short)(random.Bernoulli(0.5) ? 0 : 1));
                    }
                }
                t = end;
                on = !on;
            }
        }
        using var reader = new InMemoryReader(T3Info(), Stream(countOnTime: true));
        var options = new AnalysisOptions { BinWidthS = 1e-3, ChangePointEnabled = false, PowerLaw = new() { BootstrapSamples = 10 } };
        var g2 = FileAnalysis.Run(reader, options, reopen: () => new InMemoryReader(T3Info(), Stream(countOnTime: false))).Summary.G2;

        double bunching = DurationS / onTimeS;
        Assert.True(Math.Abs(g2.SidePeakLevel!.Value - bunching) < 4 * g2.SidePeakLevelStdErr!.Value + 0.01 * bunching,
            $"whole-stream side-peak level {g2.SidePeakLevel} ± {g2.SidePeakLevelStdErr} vs T/T_on = {bunching:F4} (4σ + 1 % for the trace length vs T)");
        var on = g2.OnPeriods!;
        Assert.True(Math.Abs(on.SidePeakLevel!.Value - 1) < 4 * on.SidePeakLevelStdErr!.Value,
            $"ON-period side-peak level {on.SidePeakLevel} ± {on.SidePeakLevelStdErr} vs 1 (4σ Poisson)");
        Assert.Equal(0, on.ZeroDelay!.Value, 12); // at most one photon per pulse: no zero-peak pair at all
        Assert.True(Math.Abs(on.OnTimeFraction - onTimeS / DurationS) < 0.01, $"ON time fraction {on.OnTimeFraction} vs {onTimeS / DurationS}");
    }

    /// <summary>
    /// Two intensity levels with different lifetimes (bright 40 kcps τ = 5 ns, gray 10 kcps τ = 1.5 ns; exponential
    /// dwells of mean 1 s; Gaussian IRF of the analysis' default 100 ps FWHM after a 2 ns offset): the lifetime per
    /// change-point level recovers each τ within 4 Fisher σ. Change points place each boundary within a few photons
    /// (≲ 1 ms here), moving ≲ 0.05 % of a level's photons to the other: a bias ≲ 0.3σ. (Binned ON/OFF classes would
    /// not do: at 1 ms bins Poisson noise puts ≈ 1 % of bright bins below the threshold, a 10 % bias of the gray τ.)
    /// </summary>
    [Fact]
    public void Lifetime_per_level_recovers_each_levels_lifetime()
    {
        const double DurationS = 10, MeanDwellS = 1;
        var levels = new[] { (RateCps: 10_000.0, TauS: 1.5e-9), (RateCps: 40_000.0, TauS: 5e-9) };
        IEnumerable<TimeTagEvent> Stream()
        {
            var random = new TestRandom(404);
            double t = 0;
            int level = 1;
            long lastPulse = -1;
            while (t < DurationS)
            {
                double end = Math.Min(DurationS, t + random.Exponential(MeanDwellS));
                var (rate, tau) = levels[level];
                for (double p = t + random.Exponential(1 / rate); p < end; p += random.Exponential(1 / rate))
                {
                    long pulse = (long)(p / PeriodS);
                    if (pulse == lastPulse) continue;
                    lastPulse = pulse;
                    double delay = 2e-9 + random.Exponential(tau) + 100e-12 / 2.3548 * random.Gaussian();
                    if (delay is > 0 and < PeriodS) yield return T3Photon(pulse, delay, 0);
                }
                t = end;
                level = 1 - level;
            }
        }
        var info = T3Info() with { PhotonChannels = [0] };
        using var reader = new InMemoryReader(info, Stream());
        var options = new AnalysisOptions { PowerLaw = new() { BootstrapSamples = 10 }, ChangePoint = new() { Alpha = 0.01 } };
        var perLevel = FileAnalysis.Run(reader, options, reopen: () => new InMemoryReader(info, Stream())).Summary.Lifetime.PerLevel!;

        Assert.Equal(2, perLevel.Count);
        foreach (var l in perLevel)
        {
            Assert.Equal("changePoint", l.Classification);
            double truthNs = levels[l.Level].TauS * 1e9;
            Assert.True(Math.Abs(l.TauNs!.Value - truthNs) < 4 * l.TauSigmaNs!.Value,
                $"level {l.Level}: τ = {l.TauNs} ± {l.TauSigmaNs} ns vs {truthNs} ns (4σ Fisher); levels: {string.Join("; ", perLevel)}");
            Assert.True(Math.Abs(l.IntensityCps - levels[l.Level].RateCps) < 0.02 * levels[l.Level].RateCps, $"level {l.Level}: {l.IntensityCps} cps");
        }
    }

    /// <summary>
    /// Incoherently pumped two-level emitter (k_exc = k_r = 1/(8 ns)): g2(τ) = 1 − e^(−|τ|/τ_a), τ_a = 4 ns, g2(0) = 0;
    /// detected with η = 2·10⁻³ and 100 ps FWHM jitter per detector (the analysis' default IRF). The analysis' CW
    /// antibunching fit recovers g2(0), τ_a and the level within 4 Fisher σ. Generator as in AntibunchingFitTests.
    /// </summary>
    [Fact]
    public void CW_antibunching_fit_is_reported_for_a_CW_stream()
    {
        const double RateNs = 0.125, Eta = 2e-3, DurationS = 10, JitterS = 100e-12 / 2.3548;
        var rng = new TestRng(4004);
        var channels = new[] { new List<long>(), new List<long>() };
        double t = 0;
        while (true)
        {
            t += rng.Gamma(2 * rng.Geometric(Eta), RateNs) * 1e-9;
            if (t >= DurationS) break;
            channels[rng.Bernoulli(0.5) ? 0 : 1].Add((long)((t + JitterS * rng.Gaussian()) / 1e-12));
        }
        var events = TestStreams.MergeT2((channels[0].Order().ToArray(), 1), (channels[1].Order().ToArray(), 2));
        using var reader = new InMemoryReader(InMemoryReader.T2Info(1, 2), events);
        var g2 = FileAnalysis.Run(reader, new AnalysisOptions { ChangePointEnabled = false, PowerLaw = new() { BootstrapSamples = 10 } }).Summary.G2;

        Assert.Equal("cw", g2.Mode);
        var fit = g2.Antibunching!;
        Assert.True(fit.Converged);
        Assert.Equal(Math.Sqrt(2) * 0.1, fit.IrfFwhmNs, 9);
        foreach (var (name, value, error, truth) in new[]
                 {
                     ("g2(0)", fit.G2Zero, fit.G2ZeroStdErr, 0.0), ("τ_a", fit.TauNs, fit.TauSigmaNs, 4.0),
                     ("delay", fit.DelayNs, fit.DelaySigmaNs, 0.0), ("level", fit.Amplitude, fit.AmplitudeStdErr, 1.0),
                 })
            Assert.True(Math.Abs(value - truth) < 4 * error, $"{name} = {value} ± {error} vs {truth} (4 Fisher σ)");
        Assert.True(fit.G2ZeroStdErr < 0.1 && fit.TauSigmaNs < 0.2 * 4.0, $"σ(g2(0)) = {fit.G2ZeroStdErr}, σ(τ_a) = {fit.TauSigmaNs} ns: too loose to mean anything");
    }
}
