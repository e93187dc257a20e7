using QdSim.Analysis.Blinking;
using QdSim.Analysis.ChangePoint;

namespace QdSim.Analysis.Pipeline;

/// <summary>Validated parameters of a whole-file analysis (the `analysis.json` configuration of `qdsim analyze`).</summary>
public sealed record AnalysisOptions
{
    /// <summary>Intensity-trace bin width, seconds (default 10 ms).</summary>
    public double BinWidthS { get; init; } = 0.010;

    public OnOffThresholdOptions Threshold { get; init; } = new();

    public PowerLawFitOptions PowerLaw { get; init; } = new();

    /// <summary>Run the change-point analysis (it costs O(N log N) on the photons; off for very long files if wanted).</summary>
    public bool ChangePointEnabled { get; init; } = true;

    public ChangePointOptions ChangePoint { get; init; } = new();

    /// <summary>FWHM of the Gaussian instrument response used in the lifetime fit, seconds (default 100 ps).</summary>
    public double IrfFwhmS { get; init; } = 100e-12;

    /// <summary>Largest photon number per pulse tabulated.</summary>
    public int PhotonNumberMax { get; init; } = 8;

    public void Validate()
    {
        if (!(BinWidthS >= 1e-6 && BinWidthS <= 100)) throw UserInputException.OutOfRange("BinWidthMs", BinWidthS * 1e3, "ms", "0.001–100000");
        Threshold.Validate();
        PowerLaw.Validate();
        ChangePoint.Validate();
        if (!(IrfFwhmS > 0 && IrfFwhmS < 1e-6)) throw UserInputException.OutOfRange("Lifetime:IrfFwhmPs", IrfFwhmS * 1e12, "ps", "0–10⁶");
        if (PhotonNumberMax is < 1 or > 1000) throw UserInputException.OutOfRange("PhotonNumbers:MaxN", PhotonNumberMax, "photons", "1–1000");
    }
}
