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

    /// <summary>
    /// Time gate of the gated g2, seconds: photons arriving less than this long after their laser sync (micro time 0) are
    /// left out of a second, gated correlation. Null (default): no gated g2. Needs a laser clock (T3 or T2 with sync).
    /// </summary>
    public double? G2GateS { get; init; }

    /// <summary>
    /// Read the file a second time for the stages that need the first pass's results: g2 restricted to ON periods and
    /// the lifetime per intensity level (default true; only when the caller can reopen the file).
    /// </summary>
    public bool SecondPassEnabled { get; init; } = true;

    public void Validate()
    {
        if (!(BinWidthS >= 1e-6 && BinWidthS <= 100)) throw UserInputException.OutOfRange("BinWidthMs", BinWidthS * 1e3, "ms", "0.001–100000");
        Threshold.Validate();
        PowerLaw.Validate();
        ChangePoint.Validate();
        if (!(IrfFwhmS > 0 && IrfFwhmS < 1e-6)) throw UserInputException.OutOfRange("Lifetime:IrfFwhmPs", IrfFwhmS * 1e12, "ps", "0–10⁶");
        if (G2GateS is { } gate && !(gate >= 0 && gate < 1e-3)) throw UserInputException.OutOfRange("G2:GateNs", gate * 1e9, "ns", "0–10⁶");
        if (PhotonNumberMax is < 1 or > 1000) throw UserInputException.OutOfRange("PhotonNumbers:MaxN", PhotonNumberMax, "photons", "1–1000");
    }
}
