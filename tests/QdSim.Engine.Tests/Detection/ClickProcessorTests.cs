using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Models.Parameters.Detection;
using static QdSim.Engine.Tests.Detection.DetectionTestKit;

namespace QdSim.Engine.Tests.Detection;

public class ClickProcessorTests
{
    private const long Second = 1_000_000_000_000;

    [Fact]
    public void DarkCounts_RateIsPoissonAndIntervalsExponential()
    {
        const double rateCps = 1e5;
        const long durationPs = 2 * Second;
        var arm = new DetectionArmParameters { Detector = IdealDetector with { DarkCountRateCps = rateCps } };
        var output = RunAll(Processor(SingleArm(arm), seed: 21), [], durationPs);

        double expected = rateCps * durationPs * 1e-12;
        Assert.True(Math.Abs(output.Count - expected) <= 4 * Math.Sqrt(expected),
            $"dark counts {output.Count} vs {expected} ± 4√N = {4 * Math.Sqrt(expected)}");
        Assert.All(output, e => Assert.Equal(EventOrigin.DarkCount, e.Origin));

        var intervalsPs = new double[output.Count - 1];
        for (int i = 1; i < output.Count; i++) intervalsPs[i - 1] = output[i].DetectionTimePs - output[i - 1].DetectionTimePs;
        double meanPs = 1e12 / rateCps;
        double d = KolmogorovSmirnov(intervalsPs, x => 1 - Math.Exp(-x / meanPs));
        Assert.True(d < KsCritical(intervalsPs.Length), $"KS D = {d} vs critical {KsCritical(intervalsPs.Length)} (α = 0.001)");
    }

    [Fact]
    public void DeadTime_NoTwoEventsCloserAndNonParalysableRate()
    {
        const double rateCps = 1e6, deadNs = 500;
        const long durationPs = Second / 2;
        var arm = new DetectionArmParameters { Detector = IdealDetector with { DarkCountRateCps = rateCps, DeadTimeNs = deadNs } };
        var processor = Processor(SingleArm(arm), seed: 5);
        var output = RunAll(processor, [], durationPs);

        long minGap = long.MaxValue;
        for (int i = 1; i < output.Count; i++) minGap = Math.Min(minGap, output[i].DetectionTimePs - output[i - 1].DetectionTimePs);
        Assert.True(minGap >= (long)(deadNs * 1e3), $"closest clicks {minGap} ps apart, dead time {deadNs * 1e3} ps");
        Assert.True(processor.LostToDeadTime(0) > 0);

        // Non-paralysable dead time τ on a Poisson process of rate R: intervals τ + Exp(R), so the count in T has
        // mean T R/(1 + Rτ) and (renewal theory, Var = T σ²/μ³) variance N/(1 + Rτ)².
        double rTau = rateCps * deadNs * 1e-9;
        double expected = rateCps * durationPs * 1e-12 / (1 + rTau);
        double sigma = Math.Sqrt(expected) / (1 + rTau);
        Assert.True(Math.Abs(output.Count - expected) <= 4 * sigma, $"counts {output.Count} vs R/(1+Rτ)·T = {expected} ± 4σ = {4 * sigma}");
    }

    [Fact]
    public void DeadTime_HoldsWithAfterpulsesAndOpticalClicks()
    {
        const double deadNs = 50;
        var arm = new DetectionArmParameters
        {
            Detector = IdealDetector with
            {
                DarkCountRateCps = 2e6,
                DeadTimeNs = deadNs,
                Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = 0.3, Delay = DelayLawParameters.ExponentialNs(60) },
            },
        };
        var output = RunAll(Processor(SingleArm(arm), seed: 9), RegularClicks(100_000, 1_000_000), Second / 10);
        for (int i = 1; i < output.Count; i++)
            Assert.True(output[i].DetectionTimePs - output[i - 1].DetectionTimePs >= (long)(deadNs * 1e3),
                $"events {i - 1} and {i} closer than the dead time");
        Assert.Contains(output, e => e.Origin == EventOrigin.Afterpulse);
        Assert.Contains(output, e => e.Origin == EventOrigin.Exciton);
    }

    [Fact]
    public void Afterpulsing_ProbabilityPerAvalancheAndExponentialDelayLaw()
    {
        const double probability = 0.05, meanNs = 50;
        var arm = new DetectionArmParameters
        {
            Detector = IdealDetector with
            {
                Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = probability, Delay = DelayLawParameters.ExponentialNs(meanNs) },
            },
        };
        var output = RunAll(Processor(SingleArm(arm), seed: 33), RegularClicks(200_000, 10_000_000), 3 * Second);
        AssertAfterpulseLaw(output, probability, x => 1 - Math.Exp(-x / (meanNs * 1e3)));
    }

    [Fact]
    public void Afterpulsing_TabulatedDelayLaw()
    {
        double[] edgesNs = [0, 10, 50, 200];
        double[] weights = [1, 2, 1];
        var arm = new DetectionArmParameters
        {
            Detector = IdealDetector with
            {
                Afterpulsing = new AfterpulsingParameters
                {
                    ProbabilityPerAvalanche = 0.2,
                    Delay = new DelayLawParameters { Kind = DelayLawKind.Tabulated, BinEdgesNs = edgesNs, BinWeights = weights },
                },
            },
        };
        var output = RunAll(Processor(SingleArm(arm), seed: 34), RegularClicks(50_000, 10_000_000), Second);
        // Piecewise-uniform CDF of the histogram.
        double Cdf(double xPs)
        {
            double x = xPs / 1e3, below = 0;
            for (int i = 0; i < weights.Length; i++)
            {
                if (x >= edgesNs[i + 1]) { below += weights[i]; continue; }
                if (x > edgesNs[i]) below += weights[i] * (x - edgesNs[i]) / (edgesNs[i + 1] - edgesNs[i]);
                break;
            }
            return below / weights.Sum();
        }
        AssertAfterpulseLaw(output, 0.2, Cdf);
    }

    /// <summary>Each registered avalanche has one afterpulse with probability p (binomial, 4σ); delays from the preceding avalanche follow the law (KS, α = 0.001).</summary>
    private static void AssertAfterpulseLaw(List<DetectedEvent> output, double probability, Func<double, double> cdfPs)
    {
        // No dead time, no jitter and clicks 10 µs apart: an afterpulse's parent is the event just before it.
        var delaysPs = new List<double>();
        for (int i = 1; i < output.Count; i++)
            if (output[i].Origin == EventOrigin.Afterpulse)
                delaysPs.Add(output[i].DetectionTimePs - output[i - 1].DetectionTimePs);
        int n = output.Count;
        double fraction = delaysPs.Count / (double)n;
        double sigma = Math.Sqrt(probability * (1 - probability) / n);
        Assert.True(Math.Abs(fraction - probability) <= 4 * sigma,
            $"afterpulses per avalanche {fraction} vs {probability} ± 4σ = {4 * sigma}");
        var sample = delaysPs.ToArray();
        double d = KolmogorovSmirnov(sample, cdfPs);
        Assert.True(d < KsCritical(sample.Length), $"afterpulse delays: KS D = {d} vs critical {KsCritical(sample.Length)}");
    }

    [Fact]
    public void Crosstalk_CoincidencePeakAtDelayWithConfiguredProbability()
    {
        const double probability = 0.01, delayNs = 5;
        var source = new DetectionArmParameters
        {
            Detector = IdealDetector with { Crosstalk = new CrosstalkParameters { ProbabilityPerAvalanche = probability, DelayNs = delayNs } },
        };
        var target = new DetectionArmParameters { Detector = IdealDetector };
        const int n = 300_000;
        var output = RunAll(Processor(TwoArms(source, target), seed: 44), RegularClicks(n, 1_000_000), Second);

        long delayPs = (long)(delayNs * 1e3);
        var sourceTimes = new HashSet<long>(output.Where(e => e.Detector == 0).Select(e => e.DetectionTimePs));
        var onTarget = output.Where(e => e.Detector == 1).ToList();
        Assert.All(onTarget, e => Assert.Equal(EventOrigin.Crosstalk, e.Origin));
        // Coincidence histogram: every target click sits exactly at +delay from a source click (no jitter here).
        int inPeak = onTarget.Count(e => sourceTimes.Contains(e.DetectionTimePs - delayPs));
        Assert.Equal(onTarget.Count, inPeak);
        double sigma = Math.Sqrt(probability * (1 - probability) / n);
        Assert.True(Math.Abs(inPeak / (double)n - probability) <= 4 * sigma,
            $"crosstalk coincidences per click {inPeak / (double)n} vs {probability} ± 4σ = {4 * sigma}");
    }

    [Fact]
    public void Irf_GaussianWidthAndCableDelay()
    {
        const double fwhmPs = 350, cablePs = 1000;
        var arm = new DetectionArmParameters { Detector = IdealDetector with { Irf = new IrfParameters { GaussianFwhmPs = fwhmPs } } };
        const int n = 200_000;
        var clicks = RegularClicks(n, 1_000_000);
        var output = RunAll(Processor(SingleArm(arm), new TimeTaggerParameters { CableDelaysPs = [cablePs] }, seed: 55), clicks, Second);
        Assert.Equal(n, output.Count);
        var jitter = output.Select(e => (double)(e.DetectionTimePs - e.EmissionTimePs - cablePs)).ToArray();
        double sigma = fwhmPs / 2.3548200450309493;
        double mean = jitter.Average();
        double std = Math.Sqrt(jitter.Sum(x => (x - mean) * (x - mean)) / (n - 1));
        // Mean: σ/√N; sample std of a Gaussian: σ/√(2N). Rounding to 1 ps and the ±6σ truncation are ≪ these.
        Assert.True(Math.Abs(mean) <= 4 * sigma / Math.Sqrt(n), $"IRF mean {mean} ps vs 0 ± {4 * sigma / Math.Sqrt(n)}");
        Assert.True(Math.Abs(std - sigma) <= 4 * sigma / Math.Sqrt(2.0 * n), $"IRF std {std} ps vs σ = {sigma} ± {4 * sigma / Math.Sqrt(2.0 * n)}");
    }

    [Fact]
    public void Irf_ExponentialTailMeanAndVariance()
    {
        const double fwhmPs = 40, fraction = 0.2, decayPs = 150;
        var arm = new DetectionArmParameters
        {
            Detector = IdealDetector with { Irf = new IrfParameters { GaussianFwhmPs = fwhmPs, TailFraction = fraction, TailDecayPs = decayPs } },
        };
        const int n = 200_000;
        var output = RunAll(Processor(SingleArm(arm), seed: 56), RegularClicks(n, 1_000_000), Second);
        var x = output.Select(e => (double)(e.DetectionTimePs - e.EmissionTimePs)).ToArray();
        double sigma = fwhmPs / 2.3548200450309493;
        // Jitter = G + B·E: mean fτ; variance σ² + fτ²(2 − f) (+1/12 ps² from rounding to whole ps).
        double expectedMean = fraction * decayPs;
        double expectedVar = sigma * sigma + fraction * decayPs * decayPs * (2 - fraction) + 1.0 / 12;
        double mean = x.Average();
        double variance = x.Sum(v => (v - mean) * (v - mean)) / (n - 1);
        double m4 = x.Sum(v => Math.Pow(v - mean, 4)) / n;
        Assert.True(Math.Abs(mean - expectedMean) <= 4 * Math.Sqrt(expectedVar / n), $"mean {mean} vs fτ = {expectedMean}");
        double varError = Math.Sqrt((m4 - variance * variance) / n); // standard error of the sample variance
        Assert.True(Math.Abs(variance - expectedVar) <= 4 * varError, $"variance {variance} vs {expectedVar} ± {4 * varError}");
    }

    [Fact]
    public void UncorrelatedBackground_RateAndOrigin()
    {
        const double rateCps = 5e4;
        const long durationPs = 2 * Second;
        var arm = new DetectionArmParameters { Detector = IdealDetector, UncorrelatedBackgroundCps = rateCps };
        var output = RunAll(Processor(SingleArm(arm), seed: 61), [], durationPs);
        double expected = rateCps * durationPs * 1e-12;
        Assert.True(Math.Abs(output.Count - expected) <= 4 * Math.Sqrt(expected), $"background {output.Count} vs {expected}");
        Assert.All(output, e => Assert.Equal(EventOrigin.UncorrelatedBackground, e.Origin));
    }

    [Fact]
    public void ChunkedPushes_GiveIdenticalTimeOrderedOutput()
    {
        var detector = DetectorPresets.ExcelitasSpcmAqrh with
        {
            DarkCountRateCps = 2e4,
            Afterpulsing = new AfterpulsingParameters { ProbabilityPerAvalanche = 0.05, Delay = DelayLawParameters.ExponentialNs(80) },
            Crosstalk = new CrosstalkParameters { ProbabilityPerAvalanche = 0.02, DelayNs = 4 },
        };
        var arm = new DetectionArmParameters
        {
            Detector = detector,
            UncorrelatedBackgroundCps = 1e4,
            LaserBackground = new LaserBackgroundParameters { ProbabilityPerPulse = 0.002, Delay = DelayLawParameters.ExponentialNs(30, 1) },
        };
        var path = TwoArms(arm, arm with { Detector = detector with { Irf = new IrfParameters { GaussianFwhmPs = 50, TailFraction = 0.3, TailDecayPs = 2000 } } });
        var tagger = new TimeTaggerParameters { CableDelaysPs = [0, 25_000] };
        var clock = new LaserPulseClock(10e6);
        const long endPs = Second / 20;

        // Optical clicks: random times, random detector (stream 99 is test-only).
        var rng = new RandomStream(99, 0, 99);
        var clicks = new List<DetectedEvent>();
        for (long t = 0; ;)
        {
            t += 1 + (long)rng.NextExponential(1.0 / 2_000_000); // ~500 kcps
            if (t >= endPs) break;
            clicks.Add(new DetectedEvent { DetectionTimePs = t, EmissionTimePs = t, Detector = (short)(rng.NextUInt32() & 1), Origin = EventOrigin.Exciton });
        }
        var whole = RunAll(Processor(path, tagger, clock, seed: 77), clicks.ToArray(), endPs);

        var processor = Processor(path, tagger, clock, seed: 77);
        var chunked = new List<DetectedEvent>();
        int next = 0;
        long until = 0;
        while (next < clicks.Count)
        {
            int size = (int)(rng.NextUInt32() % 500);
            int end = Math.Min(clicks.Count, next + size);
            // Until: anywhere between the last click of the chunk and the next click (inclusive).
            long last = end > 0 ? clicks[end - 1].DetectionTimePs : 0;
            long limit = end < clicks.Count ? clicks[end].DetectionTimePs : endPs;
            until = Math.Max(until, last + (long)(rng.NextDouble() * (limit - last)));
            int before = chunked.Count;
            processor.Push(clicks.GetRange(next, end - next).ToArray(), until);
            processor.Drain(chunked);
            for (int i = Math.Max(1, before); i < chunked.Count; i++)
                Assert.True(chunked[i].DetectionTimePs >= chunked[i - 1].DetectionTimePs, "drained output out of time order");
            next = end;
        }
        processor.Finish(endPs, chunked);

        Assert.Equal(whole.Count, chunked.Count);
        for (int i = 0; i < whole.Count; i++) Assert.Equal(whole[i], chunked[i]);
        for (int i = 1; i < whole.Count; i++) Assert.True(whole[i].DetectionTimePs >= whole[i - 1].DetectionTimePs, "output out of time order");
        foreach (var origin in new[] { EventOrigin.Exciton, EventOrigin.DarkCount, EventOrigin.Afterpulse, EventOrigin.Crosstalk, EventOrigin.UncorrelatedBackground, EventOrigin.LaserBackground })
            Assert.Contains(whole, e => e.Origin == origin);
    }
}
