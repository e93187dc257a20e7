using QdSim.Analysis.Blinking;
using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Pipeline;
using QdSim.Analysis.PhotonStatistics;
using QdSim.Analysis.Traces;
using QdSim.TimeTags;

namespace QdSim.Runner.Sweeps.Evaluation;

/// <summary>
/// The analysis of one simulated dot, streamed: the stages of <c>qdsim analyze</c> (summary, intensity trace, photon
/// numbers per pulse, decay histogram) plus the pulsed HBT cross-correlation of the first two detector channels, fed
/// chunk by chunk, then reduced to the sweep's observables with their one-sigma statistical uncertainties. Stages that
/// do not apply (no sync: no photon numbers, no decay, no background correction; one channel: no g2) give NaN.
/// </summary>
internal sealed class PointAnalysis
{
    /// <summary>Decay-tail window for the background fraction (Nair et al. 2011), as fractions of the laser period:
    /// late enough that a ns-scale decay has died, early enough to stay clear of the next pulse's IRF.</summary>
    private const double TailStartFraction = 0.5, TailEndFraction = 0.95;

    private readonly TimeTagStreamInfo _info;
    private readonly AnalysisOptions _options = new();
    private readonly StreamSummaryStage _summary;
    private readonly IntensityTraceStage _trace;
    private readonly PhotonNumberStage? _photonNumbers;
    private readonly DecayHistogramBuilder? _decay;
    private readonly PhotonCorrelator? _correlator;
    private readonly PulsedG2Options? _g2Options;
    private readonly double _recordedDelayRangeS;

    /// <param name="info">The stream the tagger produces.</param>
    /// <param name="laserPeriodS">Laser period for the pulsed g2 (null: CW, no pulsed g2).</param>
    /// <param name="zeroDelayLagS">Lag of the zero-delay peak (cable delay of channel B minus A).</param>
    /// <param name="recordedDelayRangeS">Longest delay after the pulse the tagger can record (the T3 micro-time range;
    /// infinity in T2): a decay tail beyond it is empty, so no background fraction can be read from it.</param>
    public PointAnalysis(TimeTagStreamInfo info, double? laserPeriodS, double zeroDelayLagS, double recordedDelayRangeS)
    {
        _info = info;
        _recordedDelayRangeS = recordedDelayRangeS;
        _summary = new StreamSummaryStage(info);
        _trace = new IntensityTraceStage(info, _options.BinWidthS);
        bool synced = info.SyncRateHz is > 0;
        if (synced)
        {
            _photonNumbers = new PhotonNumberStage(info, _options.PhotonNumberMax);
            _decay = new DecayHistogramBuilder(info);
        }
        if (laserPeriodS is > 0 && info.PhotonChannels.Count >= 2)
        {
            _g2Options = new PulsedG2Options { LaserPeriodS = laserPeriodS.Value, ZeroDelayLagS = zeroDelayLagS };
            _correlator = new PhotonCorrelator(info, new CorrelatorOptions
            {
                ChannelA = info.PhotonChannels[0],
                ChannelB = info.PhotonChannels[1],
                Bins = PulsedG2.CreateBins(_g2Options, info.TickResolutionS),
            });
        }
    }

    public IReadOnlyList<IStreamingStage> Stages =>
        new IStreamingStage?[] { _summary, _trace, _photonNumbers, _decay, _correlator }.OfType<IStreamingStage>().ToList();

    /// <summary>Observables in a fixed order (the result columns), NaN where a stage does not apply.</summary>
    public List<Observable> Observables(double durationS)
    {
        var observables = new List<Observable>();
        var summary = _summary.Result();
        long total = summary.TotalPhotons;
        // Count rates: Poisson error √N / T (a lower bound when the dot blinks: blinking adds super-Poisson noise).
        observables.Add(new("totalRateCps", total / durationS, Math.Sqrt(total) / durationS));
        for (int i = 0; i < _info.PhotonChannels.Count; i++)
        {
            long counts = summary.PhotonsPerChannel.GetValueOrDefault(_info.PhotonChannels[i]);
            observables.Add(new($"rateCh{_info.PhotonChannels[i]}Cps", counts / durationS, Math.Sqrt(counts) / durationS));
        }

        var (rho, rhoError) = SignalFraction();
        observables.Add(new("signalFraction", rho, rhoError));
        AddG2(observables, rho);

        var trace = _trace.Result(durationS);
        if (trace.BinCount >= 2)
        {
            var mandel = MandelQ.Of(trace.TotalCounts);
            var onOff = OnOffClassifier.Classify(trace.TotalCounts, trace.BinWidthS, _options.Threshold);
            // Binomial error over bins: a lower bound, since ON bins come in correlated runs.
            observables.Add(new("onFraction", onOff.OnFraction, Math.Sqrt(onOff.OnFraction * (1 - onOff.OnFraction) / trace.BinCount)));
            observables.Add(new("mandelQ", mandel.Q, mandel.StandardError));
            var onFit = TruncatedPowerLaw.Fit(onOff.OnDwellsS, trace.BinWidthS, _options.PowerLaw);
            var offFit = TruncatedPowerLaw.Fit(onOff.OffDwellsS, trace.BinWidthS, _options.PowerLaw with { Seed = _options.PowerLaw.Seed + 1 });
            observables.Add(new("onExponent", onFit?.Exponent ?? double.NaN, onFit?.BootstrapSigma ?? onFit?.AnalyticSigma ?? double.NaN));
            observables.Add(new("offExponent", offFit?.Exponent ?? double.NaN, offFit?.BootstrapSigma ?? offFit?.AnalyticSigma ?? double.NaN));
        }
        else
        {
            foreach (var name in new[] { "onFraction", "mandelQ", "onExponent", "offExponent" }) observables.Add(new(name, double.NaN, double.NaN));
        }

        AddMeanDelay(observables);
        AddPhotonNumbers(observables);
        return observables;
    }

    private (double Fraction, double StdErr) SignalFraction()
    {
        if (_decay is null) return (double.NaN, double.NaN);
        var histogram = _decay.Result();
        if (histogram.TotalCounts == 0 || _recordedDelayRangeS < TailEndFraction * histogram.LaserPeriodS) return (double.NaN, double.NaN);
        var (background, error) = histogram.BackgroundFraction(TailStartFraction * histogram.LaserPeriodS, TailEndFraction * histogram.LaserPeriodS);
        return (1 - background, error);
    }

    private void AddG2(List<Observable> observables, double signalFraction)
    {
        if (_correlator is null || _g2Options is null)
        {
            observables.Add(new("g2Zero", double.NaN, double.NaN));
            observables.Add(new("g2ZeroBackgroundCorrected", double.NaN, double.NaN));
            return;
        }
        var g2 = PulsedG2.Evaluate(_correlator.Finish(), _g2Options);
        observables.Add(new("g2Zero", g2.G2Zero, g2.G2ZeroStdErr));
        if (signalFraction is > 0 and <= 1 && double.IsFinite(g2.G2Zero))
        {
            // Both channels see the same dot and the same background per channel here, so one fraction serves both.
            var (corrected, error) = g2.BackgroundCorrected(signalFraction, signalFraction);
            observables.Add(new("g2ZeroBackgroundCorrected", corrected, error));
        }
        else
        {
            observables.Add(new("g2ZeroBackgroundCorrected", double.NaN, double.NaN));
        }
    }

    /// <summary>
    /// Mean delay of the photons after their laser pulse, ns, with its standard error s/√n. For a mono-exponential decay
    /// much shorter than the period this is the lifetime plus the mean IRF offset (a moment, not a fit; background
    /// photons pull it towards half the period, so read it with signalFraction).
    /// </summary>
    private void AddMeanDelay(List<Observable> observables)
    {
        if (_decay is null)
        {
            observables.Add(new("meanPhotonDelayNs", double.NaN, double.NaN));
            return;
        }
        var histogram = _decay.Result();
        double n = 0, sum = 0, sumSquares = 0;
        for (int i = 0; i < histogram.Counts.Length; i++)
        {
            double t = (i + 0.5) * histogram.BinWidthS * 1e9;
            n += histogram.Counts[i];
            sum += histogram.Counts[i] * t;
            sumSquares += histogram.Counts[i] * t * t;
        }
        double mean = n > 0 ? sum / n : double.NaN;
        double variance = n > 1 ? (sumSquares - n * mean * mean) / (n - 1) : double.NaN;
        observables.Add(new("meanPhotonDelayNs", mean, Math.Sqrt(variance / n)));
    }

    /// <summary>
    /// Moments of the detected photon number per pulse (all channels): mean and variance with their errors, and the
    /// normalised factorial moment ⟨n(n−1)⟩/⟨n⟩² with a delta-method error from the sample moments.
    /// </summary>
    private void AddPhotonNumbers(List<Observable> observables)
    {
        var result = _photonNumbers?.Result();
        if (result is null || result.Pulses == 0)
        {
            foreach (var name in new[] { "photonsPerPulseMean", "photonsPerPulseVariance", "photonsPerPulseFactorialMoment" })
                observables.Add(new(name, double.NaN, double.NaN));
            return;
        }
        var d = result.Total;
        double pulses = result.Pulses;
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        for (int k = 0; k < d.Probability.Length; k++)
        {
            double p = d.Probability[k];
            m1 += k * p; m2 += (double)k * k * p; m3 += (double)k * k * k * p; m4 += (double)k * k * k * k * p;
        }
        double f = m2 - m1;                          // ⟨n(n−1)⟩
        double varN = m2 - m1 * m1;                  // Var(n)
        double varF = m4 - 2 * m3 + m2 - f * f;      // Var(n(n−1))
        double covFN = m3 - m2 - f * m1;             // Cov(n(n−1), n)
        double g = m1 > 0 ? f / (m1 * m1) : double.NaN;
        // Delta method for g = F / N²: Var(g) ≈ g² [Var F / F² + 4 Var N / N² − 4 Cov(F, N) / (F N)] / pulses.
        double relative = f > 0 ? varF / (f * f) + 4 * varN / (m1 * m1) - 4 * covFN / (f * m1) : double.NaN;
        double gError = f > 0 ? Math.Abs(g) * Math.Sqrt(Math.Max(relative, 0) / pulses) : 2.0 / (pulses * m1 * m1);
        double varianceError = Math.Sqrt(Math.Max(m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * Math.Pow(m1, 4) - varN * varN, 0) / pulses);
        observables.Add(new("photonsPerPulseMean", d.Mean, Math.Sqrt(varN / pulses)));
        observables.Add(new("photonsPerPulseVariance", d.Variance, varianceError));
        observables.Add(new("photonsPerPulseFactorialMoment", g, gError));
    }
}
