using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Report;
using QdSim.TimeTags;

namespace QdSim.Analysis.Pipeline;

/// <summary>
/// The g2 and lifetime stages of a whole-file analysis, chosen by what the file has: two photon channels → g2
/// (pulsed peak areas with a laser clock, else the CW value of the 1 ns bin at zero lag and the CW antibunching fit);
/// a laser clock → decay histograms (total and per channel) → mono-exponential lifetime and the Nair background
/// correction of g2(0) with each channel's signal fraction from its decay tail; a laser clock and G2:GateNs → a second,
/// time-gated correlation.
/// <para>Pulsed light without a laser clock (a T2 file without sync records whose header states a sync rate, as an HBT
/// set-up that did not record the sync writes) is recognised from the photons themselves: with the header's period as
/// the candidate, the coincidences are also binned into narrow windows at multiples of the period and the gaps between
/// them; when the windows hold significantly more pairs per unit lag than the gaps (<see cref="ResolvePulsedWithoutClock"/>),
/// g2(0) is taken from peak areas exactly as with a clock, only without decays (no background correction, no gating,
/// no lifetime). A detector on the sync input or a CW source gives no peaks and stays CW.</para>
/// </summary>
internal sealed class CorrelationStages
{
    /// <summary>CW g2 lags whose level is quoted as <see cref="G2Info.SidePeakLevel"/>: outside any antibunching dip, inside the ±100 ns histogram.</summary>
    private const double CwPlateauStartS = 20e-9;

    private readonly TimeTagStreamInfo _info;
    private readonly PhotonCorrelator? _correlator;
    private readonly PhotonCorrelator? _gated;
    private readonly double? _gateS;
    private PulsedG2Options? _pulsed;
    private readonly PulsedG2Options? _candidate;
    private readonly CorrelationBins? _candidateBins;
    private readonly PhotonCorrelator? _candidateCorrelator, _contrastCorrelator;
    private bool _resolved;
    private readonly DecayHistogramBuilder? _decay;
    private readonly DecayHistogramBuilder?[] _channelDecays = [null, null];
    private readonly double _irfFwhmS;
    private readonly short[] _channels;
    private CorrelationBins? _bins;

    public List<IStreamingStage> Stages { get; } = [];

    /// <summary>Narrow windows (± this fraction of the period) of the periodicity test; the gaps between them are the rest.</summary>
    public const double ContrastWindowHalfWidthFraction = 0.1;

    /// <summary>Significance (standard deviations of the Poisson counts) of the window-over-gap excess that marks pulsed light.</summary>
    public const double PeriodicitySigmas = 5;

    /// <summary>Smallest window-over-gap ratio of pairs per unit lag that marks pulsed light (slow modulation stays CW).</summary>
    public const double PeriodicityMinContrast = 2;

    private CorrelationStages(TimeTagStreamInfo info, AnalysisOptions options, List<string> warnings, double? candidateSyncRateHz)
    {
        _info = info;
        _irfFwhmS = options.IrfFwhmS;
        _channels = info.PhotonChannels.Order().ToArray();
        if (info.SyncRateHz is > 0)
        {
            _decay = new DecayHistogramBuilder(info);
            Stages.Add(_decay);
        }
        if (_channels.Length >= 2)
        {
            if (_decay is not null)
            {
                _pulsed = new PulsedG2Options { LaserPeriodS = 1 / info.SyncRateHz!.Value };
                for (int i = 0; i < 2; i++)
                {
                    _channelDecays[i] = new DecayHistogramBuilder(info, new DecayHistogramOptions { Channels = [_channels[i]] });
                    Stages.Add(_channelDecays[i]!);
                }
            }
            _bins = _pulsed is not null
                ? PulsedG2.CreateBins(_pulsed, info.TickResolutionS)
                : CorrelationBins.LinearSymmetric(100e-9, 1e-9, info.TickResolutionS);
            _correlator = CreateCorrelator();
            Stages.Add(_correlator);
            if (_pulsed is null && candidateSyncRateHz is > 0)
            {
                _candidate = new PulsedG2Options { LaserPeriodS = 1 / candidateSyncRateHz.Value };
                _candidateBins = PulsedG2.CreateBins(_candidate, info.TickResolutionS);
                _candidateCorrelator = Correlator(_candidateBins);
                _contrastCorrelator = Correlator(PulsedG2.CreateBins(ContrastOptions(_candidate), info.TickResolutionS));
                Stages.Add(_candidateCorrelator);
                Stages.Add(_contrastCorrelator);
            }
            if (options.G2GateS is { } gate)
            {
                if (_pulsed is null)
                    warnings.Add($"G2:GateNs = {gate * 1e9:G4} ns ignored: the stream has no laser clock (T3, or T2 with sync events)");
                else
                {
                    _gateS = gate;
                    _gated = CreateCorrelator(gateS: gate);
                    Stages.Add(_gated);
                }
            }
        }
        else if (options.G2GateS is not null)
            warnings.Add("G2:GateNs ignored: fewer than two photon channels, no g2");
    }

    /// <summary>
    /// The stages for <paramref name="info"/>; <paramref name="candidateSyncRateHz"/> is the header's sync rate when the stream
    /// has no laser clock: the period to test for pulsed light in the photons (<see cref="ResolvePulsedWithoutClock"/>), or
    /// null to analyse a clock-less stream as CW.
    /// </summary>
    public static CorrelationStages Create(TimeTagStreamInfo info, AnalysisOptions options, List<string> warnings, double? candidateSyncRateHz = null) =>
        new(info, options, warnings, candidateSyncRateHz);

    /// <summary>Where the pulsed period comes from: "laser clock", "photon correlation at the header's sync rate", or null (CW).</summary>
    public string? PeriodSource => _decay is not null ? "laser clock" : _pulsed is not null ? "photon correlation at the header's sync rate" : null;

    /// <summary>
    /// After the first pass, for a stream without laser clock: decides from the narrow-window correlation whether the light
    /// was pulsed at the candidate period, and if so switches g2 (and a second pass) to peak areas. Pairs per unit lag in
    /// the side windows ±FirstSidePeak…±LastSidePeak (density d_w) against the gaps between them (d_g): pulsed when
    /// d_w − d_g exceeds <see cref="PeriodicitySigmas"/> Poisson σ and d_w ≥ <see cref="PeriodicityMinContrast"/>·d_g.
    /// Blinking bunching, slow on these lags, raises both alike. Idempotent.
    /// </summary>
    public void ResolvePulsedWithoutClock(List<string> warnings)
    {
        if (_resolved || _contrastCorrelator is null) return;
        _resolved = true;
        var contrast = _contrastCorrelator.Finish();
        var narrow = ContrastOptions(_candidate!);
        var windows = PulsedG2.PeakWindowsTicks(narrow, contrast.Bins.TickResolutionS).ToArray();
        int last = narrow.LastSidePeak;
        double windowPairs = 0, gapPairs = 0, windowTicks = 0, gapTicks = 0;
        void AddBin(long startTicks, ref double pairs, ref double ticks)
        {
            int bin = contrast.Bins.IndexOf(startTicks);
            pairs += contrast.Counts[bin];
            ticks += contrast.Bins.EdgesTicks[bin + 1] - contrast.Bins.EdgesTicks[bin];
        }
        for (int j = narrow.FirstSidePeak; j <= last; j++)
        {
            AddBin(windows[last + j].Start, ref windowPairs, ref windowTicks);
            AddBin(windows[last - j].Start, ref windowPairs, ref windowTicks);
            if (j == last) continue;
            // The gaps between consecutive side windows, on both sides of zero (each is one bin of CreateBins).
            AddBin(windows[last + j].End, ref gapPairs, ref gapTicks);
            AddBin(windows[last - j - 1].End, ref gapPairs, ref gapTicks);
        }
        double windowDensity = windowPairs / windowTicks, gapDensity = gapPairs / gapTicks;
        double sigma = Math.Sqrt(Math.Max(windowPairs, 1) / (windowTicks * windowTicks) + Math.Max(gapPairs, 1) / (gapTicks * gapTicks));
        if (!(windowDensity - gapDensity > PeriodicitySigmas * sigma && windowDensity >= PeriodicityMinContrast * gapDensity)) return;
        _pulsed = _candidate;
        _bins = _candidateBins;
        _histogram = _candidateCorrelator!.Finish();
        warnings.Add($"no laser clock in the file, but the photon coincidences peak every {_candidate!.LaserPeriodS * 1e9:G6} ns (the header's sync rate; " +
            $"{(gapDensity > 0 ? $"{windowDensity / gapDensity:G3}×" : "far")} more pairs per unit lag in the peak windows than between them): " +
            "pulsed g2 from peak areas, without background correction, gating or lifetimes (they need the laser delays)");
    }

    private static PulsedG2Options ContrastOptions(PulsedG2Options candidate) => candidate with { WindowHalfWidthFraction = ContrastWindowHalfWidthFraction };

    private PhotonCorrelator Correlator(CorrelationBins bins) =>
        new(_info, new CorrelatorOptions { ChannelA = _channels[0], ChannelB = _channels[1], Bins = bins });

    /// <summary>True when the stream has two photon channels (a g2).</summary>
    public bool HasCorrelation => _correlator is not null;

    /// <summary>True when the stream has a laser clock (decays, pulsed g2).</summary>
    public bool IsPulsed => _decay is not null;

    /// <summary>A correlator of the first two photon channels with the analysis' bins, optionally gated or restricted to windows.</summary>
    public PhotonCorrelator CreateCorrelator(double? gateS = null, IReadOnlyList<TickInterval>? intervals = null) =>
        new(_info, new CorrelatorOptions { ChannelA = _channels[0], ChannelB = _channels[1], Bins = _bins!, GateAfterPulseS = gateS, Intervals = intervals });

    private CorrelationHistogram? _histogram;

    public G2Info G2(List<string> warnings)
    {
        if (_correlator is null) return new G2Info();
        ResolvePulsedWithoutClock(warnings);
        _histogram ??= _correlator.Finish();
        var (level, levelErr) = SidePeakLevel(_histogram);
        if (_pulsed is not null)
        {
            var result = PulsedG2.Evaluate(_histogram, _pulsed);
            double? corrected = null, correctedErr = null;
            if (_decay is not null)
            try
            {
                var rhoA = 1 - _channelDecays[0]!.Result().BackgroundFractionAfterPeak().Fraction;
                var rhoB = 1 - _channelDecays[1]!.Result().BackgroundFractionAfterPeak().Fraction;
                if (rhoA > 0 && rhoB > 0) (corrected, correctedErr) = result.BackgroundCorrected(Math.Min(1, rhoA), Math.Min(1, rhoB));
            }
            catch (UserInputException e) { warnings.Add($"g2 background correction skipped: {e.Message}"); }
            return new G2Info
            {
                Mode = "pulsed", LaserPeriodNs = _pulsed.LaserPeriodS * 1e9, PeriodSource = PeriodSource,
                ZeroDelay = result.G2Zero, ZeroDelayStdErr = result.G2ZeroStdErr,
                ZeroDelayBackgroundCorrected = corrected, ZeroDelayBackgroundCorrectedStdErr = correctedErr,
                SidePeakLevel = level, SidePeakLevelStdErr = levelErr, Gated = GatedInfo(),
            };
        }
        var g = _histogram.Normalized();
        int zero = _histogram.Bins.IndexOf(0);
        var expected = _histogram.ExpectedUncorrelatedPairs();
        return new G2Info
        {
            Mode = "cw", ZeroDelay = zero >= 0 ? g[zero] : null,
            ZeroDelayStdErr = zero >= 0 && expected[zero] > 0 ? 1 / Math.Sqrt(expected[zero]) : null,
            SidePeakLevel = level, SidePeakLevelStdErr = levelErr, Antibunching = FitAntibunching(_histogram, warnings),
        };
    }

    /// <summary>g2 restricted to windows (ON periods) from a histogram made by <see cref="CreateCorrelator"/> with those windows.</summary>
    public G2OnPeriodsInfo OnPeriods(CorrelationHistogram restricted, double traceLengthS, int windows)
    {
        var (level, levelErr) = SidePeakLevel(restricted);
        double? zeroDelay, zeroErr;
        if (_pulsed is not null)
        {
            var result = PulsedG2.Evaluate(restricted, _pulsed);
            (zeroDelay, zeroErr) = (result.G2Zero, result.G2ZeroStdErr);
        }
        else
        {
            int zero = restricted.Bins.IndexOf(0);
            var expected = restricted.ExpectedUncorrelatedPairs();
            zeroDelay = zero >= 0 && expected[zero] > 0 ? restricted.Counts[zero] / expected[zero] : null;
            zeroErr = zero >= 0 && expected[zero] > 0 ? 1 / Math.Sqrt(expected[zero]) : null;
        }
        return new G2OnPeriodsInfo(zeroDelay, zeroErr, level, levelErr, traceLengthS > 0 ? restricted.DurationS / traceLengthS : double.NaN, windows);
    }

    /// <summary>Pairs over the uncorrelated expectation in the side peaks ±5…±20 (pulsed) or at 20 ns ≤ |τ| (CW), with the Poisson error √C/E.</summary>
    private (double? Level, double? StdErr) SidePeakLevel(CorrelationHistogram histogram)
    {
        var expected = histogram.ExpectedUncorrelatedPairs();
        double pairs = 0, uncorrelated = 0;
        if (_pulsed is not null)
        {
            double periodTicks = _pulsed.LaserPeriodS / histogram.Bins.TickResolutionS;
            for (int j = _pulsed.FirstSidePeak; j <= _pulsed.LastSidePeak; j++)
                foreach (int sign in new[] { -1, 1 })
                {
                    int bin = histogram.Bins.IndexOf((long)Math.Round(sign * j * periodTicks));
                    if (bin < 0) continue;
                    pairs += histogram.Counts[bin];
                    uncorrelated += expected[bin];
                }
        }
        else
        {
            var edges = histogram.Bins.EdgesS();
            for (int k = 0; k < expected.Length; k++)
                if (Math.Min(Math.Abs(edges[k]), Math.Abs(edges[k + 1])) >= CwPlateauStartS - 1e-15)
                {
                    pairs += histogram.Counts[k];
                    uncorrelated += expected[k];
                }
        }
        return uncorrelated > 0 ? (pairs / uncorrelated, Math.Sqrt(Math.Max(pairs, 1)) / uncorrelated) : (null, null);
    }

    private G2GatedInfo? GatedInfo()
    {
        if (_gated is null || _pulsed is null) return null;
        var histogram = _gated.Finish();
        var result = PulsedG2.Evaluate(histogram, _pulsed);
        return new G2GatedInfo(_gateS!.Value * 1e9, result.G2Zero, result.G2ZeroStdErr, histogram.PhotonsA, histogram.PhotonsB);
    }

    /// <summary>
    /// CW antibunching fit with the correlation's IRF: two equal Gaussian detectors of FWHM w (Lifetime:IrfFwhmPs) give
    /// a Gaussian of FWHM √2·w in the time difference.
    /// </summary>
    private AntibunchingInfo? FitAntibunching(CorrelationHistogram histogram, List<string> warnings)
    {
        if (histogram.Counts.Sum() < 100) { warnings.Add("fewer than 100 coincidences within ±100 ns: no CW antibunching fit"); return null; }
        double irfS = Math.Sqrt(2) * _irfFwhmS;
        try
        {
            var fit = AntibunchingFit.Fit(histogram, new AntibunchingFitOptions { IrfFwhmS = irfS });
            if (!fit.Converged) warnings.Add("CW antibunching fit did not converge");
            return new AntibunchingInfo(fit.G2Zero, fit.G2ZeroStdErr, fit.AntibunchingTimeS * 1e9, fit.AntibunchingTimeStdErrS * 1e9,
                fit.DelayS * 1e9, fit.DelayStdErrS * 1e9, fit.Amplitude, fit.AmplitudeStdErr, irfS * 1e9, fit.ReducedChiSquare, fit.Converged);
        }
        catch (UserInputException e) { warnings.Add($"CW antibunching fit skipped: {e.Message}"); return null; }
    }

    public LifetimeInfo Lifetime(List<string> warnings)
    {
        if (_decay is null) return new LifetimeInfo();
        var histogram = _decay.Result();
        if (histogram.TotalCounts < 100) { warnings.Add("fewer than 100 photons with a laser delay: no lifetime fit"); return new LifetimeInfo(); }
        var fit = FitMono(histogram, "lifetime", warnings);
        return fit is null ? new LifetimeInfo() : new LifetimeInfo
        {
            TauNs = fit.LifetimesS[0] * 1e9, TauSigmaNs = fit.LifetimeErrorsS[0] * 1e9,
            BackgroundFraction = fit.BackgroundFraction, ReducedChiSquare = fit.ReducedChiSquare, IrfFwhmNs = _irfFwhmS * 1e9,
        };
    }

    /// <summary>Mono-exponential Gaussian-IRF reconvolution fit; null (with a warning naming <paramref name="what"/>) when it cannot be made.</summary>
    public DecayFitResult? FitMono(DecayHistogram histogram, string what, List<string> warnings)
    {
        try
        {
            var fit = DecayFit.Fit(histogram, new DecayFitOptions { Irf = new GaussianIrf(_irfFwhmS), Components = 1 });
            if (!fit.Converged) warnings.Add($"{what}: mono-exponential decay fit did not converge");
            return fit;
        }
        catch (UserInputException e) { warnings.Add($"{what} fit skipped: {e.Message}"); return null; }
    }

    /// <summary>The decay histogram (for the CSV table), null without sync.</summary>
    public DecayHistogram? Decay => _decay?.Result();

    /// <summary>The g2 histogram (for the CSV table), null with fewer than two channels.</summary>
    public CorrelationHistogram? Correlation => _correlator is null ? null : _histogram ??= _correlator.Finish();
}
