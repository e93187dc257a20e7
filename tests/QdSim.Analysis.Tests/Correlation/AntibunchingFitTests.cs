using QdSim.Analysis.Correlation;

namespace QdSim.Analysis.Tests.Correlation;

public class AntibunchingFitTests
{
    [Fact]
    public void CwTwoLevelEmitterWithBackgroundAndJitter_DipRecoveredWithinFisherErrors()
    {
        // Incoherently pumped two-level emitter: each emission takes Exp(k_exc) + Exp(k_r) with k_exc = k_r = 1/(4 ns),
        // so emitted light has g2(τ) = 1 − e^(−|τ|/τ_a), τ_a = 1/(k_exc + k_r) = 2 ns. Detecting each photon with
        // probability η and routing it 50/50 keeps that shape; the gap between detected photons is then the sum of a
        // Geometric(η) number of Gamma(2, k) periods, i.e. Gamma(2n, k). Uncorrelated background (ρ = signal fraction)
        // fills the dip to g2(0) = 1 − ρ_Aρ_B; Gaussian jitter σ per detector gives a correlation IRF of σ√2.
        const double tickS = 1e-12, rateNs = 0.25, eta = 2e-2, durationS = 0.4, backgroundHz = 3e5, jitterS = 0.3e-9;
        var rng = new TestRng(968);
        var channels = new[] { new List<long>(), new List<long>() };
        double t = 0;
        while (true)
        {
            t += rng.Gamma(2 * rng.Geometric(eta), rateNs) * 1e-9;
            if (t >= durationS) break;
            channels[rng.Bernoulli(0.5) ? 0 : 1].Add((long)((t + jitterS * rng.Gaussian()) / tickS));
        }
        var signal = channels.Select(c => (double)c.Count).ToArray();
        foreach (var channel in channels) channel.AddRange(TestStreams.Poisson(rng, backgroundHz, durationS, tickS));
        var rho = channels.Select((c, i) => signal[i] / c.Count).ToArray();
        double trueG2Zero = 1 - rho[0] * rho[1];

        var bins = CorrelationBins.LinearSymmetric(25e-9, 0.25e-9, tickS);
        var correlator = new PhotonCorrelator(TestStreams.T2Info(tickS), new CorrelatorOptions { ChannelA = 1, ChannelB = 2, Bins = bins });
        TestStreams.Feed(correlator, TestStreams.MergeT2((channels[0].Order().ToArray(), 1), (channels[1].Order().ToArray(), 2)), 8192);
        var fit = AntibunchingFit.Fit(correlator.Finish(), new AntibunchingFitOptions { IrfFwhmS = 2.3548 * jitterS * Math.Sqrt(2) });

        Assert.True(fit.Converged, "fit did not converge");
        foreach (var (name, value, error, truth) in new[]
                 {
                     ("g2(0)", fit.G2Zero, fit.G2ZeroStdErr, trueG2Zero),
                     ("τ_a", fit.AntibunchingTimeS, fit.AntibunchingTimeStdErrS, 2e-9),
                     ("delay", fit.DelayS, fit.DelayStdErrS, 0.0),
                     ("level", fit.Amplitude, fit.AmplitudeStdErr, 1.0),
                 })
        {
            double pull = Math.Abs(value - truth) / error;
            Assert.True(pull < 4, $"{name} = {value:E4} ± {error:E3} vs true {truth:E4}: pull {pull:F2} (limit 4 Fisher sigma); χ²r = {fit.ReducedChiSquare:F2}");
        }
        Assert.True(fit.G2ZeroStdErr < 0.05 && fit.AntibunchingTimeStdErrS < 0.2e-9,
            $"σ(g2(0)) = {fit.G2ZeroStdErr:F3}, σ(τ_a) = {fit.AntibunchingTimeStdErrS:E2} s: too loose for the recovery to mean anything");
    }
}
