using QdSim.Analysis.Correlation;
using QdSim.Analysis.Lifetimes;
using QdSim.Analysis.Report;
using QdSim.TimeTags;

namespace QdSim.Analysis.Pipeline;

/// <summary>
/// The g2 and lifetime stages of a whole-file analysis, chosen by what the file has: two photon channels → g2
/// (pulsed peak areas with a sync, else the CW value of the 1 ns bin at zero lag); a sync → decay histograms
/// (total and per channel) → mono-exponential lifetime and the Nair background correction of g2(0) with each
/// channel's signal fraction from its decay tail.
/// </summary>
internal sealed class CorrelationStages
{
    /// <summary>Tail of the decay taken as background: the last tenth of the laser period (Nair et al. 2011).</summary>
    private const double TailStartFraction = 0.9;

    private readonly PhotonCorrelator? _correlator;
    private readonly PulsedG2Options? _pulsed;
    private readonly DecayHistogramBuilder? _decay;
    private readonly DecayHistogramBuilder?[] _channelDecays = [null, null];
    private readonly double _irfFwhmS;

    public List<IStreamingStage> Stages { get; } = [];

    private CorrelationStages(TimeTagStreamInfo info, AnalysisOptions options)
    {
        _irfFwhmS = options.IrfFwhmS;
        var channels = info.PhotonChannels.Order().ToArray();
        bool hasSync = info.SyncRateHz is > 0;
        if (info.SyncRateHz is > 0)
        {
            _decay = new DecayHistogramBuilder(info);
            Stages.Add(_decay);
        }
        if (channels.Length >= 2)
        {
            if (hasSync && _decay is not null)
            {
                _pulsed = new PulsedG2Options { LaserPeriodS = 1 / info.SyncRateHz!.Value };
                for (int i = 0; i < 2; i++)
                {
                    _channelDecays[i] = new DecayHistogramBuilder(info, new DecayHistogramOptions { Channels = [channels[i]] });
                    Stages.Add(_channelDecays[i]!);
                }
            }
            var bins = _pulsed is not null
                ? PulsedG2.CreateBins(_pulsed, info.TickResolutionS)
                : CorrelationBins.LinearSymmetric(100e-9, 1e-9, info.TickResolutionS);
            _correlator = new PhotonCorrelator(info, new CorrelatorOptions { ChannelA = channels[0], ChannelB = channels[1], Bins = bins });
            Stages.Add(_correlator);
        }
    }

    public static CorrelationStages Create(TimeTagStreamInfo info, AnalysisOptions options) => new(info, options);

    private CorrelationHistogram? _histogram;

    public G2Info G2(List<string> warnings)
    {
        if (_correlator is null) return new G2Info();
        _histogram ??= _correlator.Finish();
        if (_pulsed is not null)
        {
            var result = PulsedG2.Evaluate(_histogram, _pulsed);
            double? corrected = null, correctedErr = null;
            try
            {
                var rhoA = 1 - _channelDecays[0]!.Result().BackgroundFraction(TailStartFraction * _pulsed.LaserPeriodS, _pulsed.LaserPeriodS).Fraction;
                var rhoB = 1 - _channelDecays[1]!.Result().BackgroundFraction(TailStartFraction * _pulsed.LaserPeriodS, _pulsed.LaserPeriodS).Fraction;
                if (rhoA > 0 && rhoB > 0) (corrected, correctedErr) = result.BackgroundCorrected(Math.Min(1, rhoA), Math.Min(1, rhoB));
            }
            catch (UserInputException e) { warnings.Add($"g2 background correction skipped: {e.Message}"); }
            return new G2Info
            {
                Mode = "pulsed", ZeroDelay = result.G2Zero, ZeroDelayStdErr = result.G2ZeroStdErr,
                ZeroDelayBackgroundCorrected = corrected, ZeroDelayBackgroundCorrectedStdErr = correctedErr,
            };
        }
        var g = _histogram.Normalized();
        int zero = _histogram.Bins.IndexOf(0);
        var expected = _histogram.ExpectedUncorrelatedPairs();
        return new G2Info
        {
            Mode = "cw", ZeroDelay = zero >= 0 ? g[zero] : null,
            ZeroDelayStdErr = zero >= 0 && expected[zero] > 0 ? 1 / Math.Sqrt(expected[zero]) : null,
        };
    }

    public LifetimeInfo Lifetime(List<string> warnings)
    {
        if (_decay is null) return new LifetimeInfo();
        var histogram = _decay.Result();
        if (histogram.TotalCounts < 100) { warnings.Add("fewer than 100 photons with a laser delay: no lifetime fit"); return new LifetimeInfo(); }
        try
        {
            var fit = DecayFit.Fit(histogram, new DecayFitOptions { Irf = new GaussianIrf(_irfFwhmS), Components = 1 });
            if (!fit.Converged) warnings.Add("mono-exponential decay fit did not converge");
            return new LifetimeInfo
            {
                TauNs = fit.LifetimesS[0] * 1e9, TauSigmaNs = fit.LifetimeErrorsS[0] * 1e9,
                BackgroundFraction = fit.BackgroundFraction, ReducedChiSquare = fit.ReducedChiSquare, IrfFwhmNs = _irfFwhmS * 1e9,
            };
        }
        catch (UserInputException e) { warnings.Add($"lifetime fit skipped: {e.Message}"); return new LifetimeInfo(); }
    }

    /// <summary>The decay histogram (for the CSV table), null without sync.</summary>
    public DecayHistogram? Decay => _decay?.Result();

    /// <summary>The g2 histogram (for the CSV table), null with fewer than two channels.</summary>
    public CorrelationHistogram? Correlation => _correlator is null ? null : _histogram ??= _correlator.Finish();
}
