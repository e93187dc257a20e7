using QdSim.Analysis.Fitting;
using QdSim.Analysis.Traces;

namespace QdSim.Analysis.Blinking;

/// <summary>How the ON/OFF intensity threshold is set.</summary>
public enum ThresholdRule
{
    /// <summary>A fraction (the seeds use 50%) of a robust maximum: a high percentile of the counts per bin, so a
    /// single afterpulse or cosmic burst does not set the scale.</summary>
    FractionOfMax,
    /// <summary>Background mean + k·σ with σ = √mean (Poisson); the background is given, or taken as the dimmest
    /// component of the intensity histogram's Poisson mixture.</summary>
    BackgroundPlusKSigma,
}

/// <summary>Validated threshold parameters.</summary>
public sealed record OnOffThresholdOptions
{
    public ThresholdRule Rule { get; init; } = ThresholdRule.FractionOfMax;

    /// <summary>Fraction of the robust maximum (0–1), FractionOfMax only.</summary>
    public double Fraction { get; init; } = 0.5;

    /// <summary>Percentile (50–100) of the counts per bin taken as the maximum; 99 by default.</summary>
    public double MaxPercentile { get; init; } = 99.0;

    /// <summary>k of background + kσ.</summary>
    public double KSigma { get; init; } = 3.0;

    /// <summary>Background count rate, counts/s; null: estimated from the histogram.</summary>
    public double? BackgroundCps { get; init; }

    public void Validate()
    {
        if (!(Fraction > 0 && Fraction < 1)) throw UserInputException.OutOfRange("Blinking:Fraction", Fraction, "(fraction)", "0 < f < 1");
        if (!(MaxPercentile >= 50 && MaxPercentile <= 100)) throw UserInputException.OutOfRange("Blinking:MaxPercentile", MaxPercentile, "%", "50–100");
        if (!(KSigma >= 0)) throw UserInputException.OutOfRange("Blinking:KSigma", KSigma, "σ", "≥ 0");
        if (BackgroundCps is { } b && !(b >= 0)) throw UserInputException.OutOfRange("Blinking:BackgroundCps", b, "counts/s", "≥ 0");
    }
}

/// <summary>ON/OFF classification of an intensity trace: a bin is ON when its count exceeds the threshold.</summary>
public static class OnOffClassifier
{
    public static OnOffClassification Classify(int[] counts, double binWidthS, OnOffThresholdOptions options)
    {
        options.Validate();
        double threshold;
        string rule;
        if (options.Rule == ThresholdRule.FractionOfMax)
        {
            int robustMax = Statistics.Percentile(counts, options.MaxPercentile);
            threshold = options.Fraction * robustMax;
            rule = $"{options.Fraction:G4} × P{options.MaxPercentile:G4} of counts per bin ({robustMax})";
        }
        else
        {
            double background = options.BackgroundCps is { } cps
                ? cps * binWidthS
                : IntensityHistogram.Of(counts, binWidthS).Mixture.FirstOrDefault()?.MeanCounts ?? 0;
            threshold = background + options.KSigma * Math.Sqrt(background);
            rule = $"background {background:G4} + {options.KSigma:G3}·√background counts per bin";
        }

        var on = new List<double>();
        var off = new List<double>();
        long onBins = 0;
        int runStart = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            bool isOn = counts[i] > threshold;
            if (isOn) onBins++;
            bool endOfRun = i + 1 == counts.Length || (counts[i + 1] > threshold) != isOn;
            if (!endOfRun) continue;
            // First and last runs are censored by the start and end of the measurement: their true length is
            // unknown, so they are left out of the dwell lists (they still count towards the ON fraction).
            bool censored = runStart == 0 || i + 1 == counts.Length;
            if (!censored) (isOn ? on : off).Add((i + 1 - runStart) * binWidthS);
            runStart = i + 1;
        }
        return new OnOffClassification(threshold, threshold / binWidthS, rule,
            counts.Length > 0 ? (double)onBins / counts.Length : double.NaN, binWidthS, on.ToArray(), off.ToArray());
    }
}

/// <summary>Result of ON/OFF classification.</summary>
/// <param name="ThresholdCounts">Threshold, counts per bin (ON: strictly above).</param>
/// <param name="ThresholdCps">The same as a rate, counts/s.</param>
/// <param name="Rule">How the threshold was set, in words.</param>
/// <param name="BinWidthS">Bin width of the classified trace, seconds.</param>
/// <param name="OnFraction">Fraction of bins ON (all bins, censored runs included).</param>
/// <param name="OnDwellsS">Complete ON dwell times, seconds (first and last run of the trace excluded: censored).</param>
/// <param name="OffDwellsS">Complete OFF dwell times, seconds (same exclusion).</param>
public sealed record OnOffClassification(
    double ThresholdCounts, double ThresholdCps, string Rule, double OnFraction, double BinWidthS,
    double[] OnDwellsS, double[] OffDwellsS);
