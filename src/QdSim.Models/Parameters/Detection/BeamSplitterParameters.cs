namespace QdSim.Models.Parameters.Detection;

/// <summary>How a beam splitter divides the light among the detection arms.</summary>
public enum BeamSplitterKind
{
    /// <summary>Non-polarising, wavelength-independent: arm k receives <see cref="BeamSplitterParameters.ArmFractions"/>[k] (any number of arms).</summary>
    Ratio,
    /// <summary>Polarising (two arms): arm 0 transmits polarisation along <see cref="BeamSplitterParameters.AxisDeg"/>, arm 1 the orthogonal one.</summary>
    Polarising,
    /// <summary>Dichroic (two arms): arm 0 transmits one side of <see cref="BeamSplitterParameters.EdgeNm"/>, arm 1 receives the rest.</summary>
    Dichroic,
}

/// <summary>The splitter between the common beam and the detection arms (HBT: a 50/50 ratio splitter).</summary>
/// <remarks>
/// Ratio fractions may sum to less than 1 (losses). The polarising splitter is energy-conserving:
/// each arm is a linear diattenuator with T_max = ER/(ER+1), T_min = 1/(ER+1). The dichroic edge is logistic
/// like a filter edge (10%–90% width <see cref="EdgeWidthNm"/>); arm 1 gets 1 − T(λ).
/// </remarks>
public sealed record BeamSplitterParameters
{
    public BeamSplitterKind Kind { get; init; } = BeamSplitterKind.Ratio;

    /// <summary>Fraction (0–1) of the light sent to each arm by a Ratio splitter; default 50/50.</summary>
    public IReadOnlyList<double> ArmFractions { get; init; } = [0.5, 0.5];

    /// <summary>Polarising splitter: polarisation axis sent to arm 0, degrees from the lab x axis.</summary>
    public double AxisDeg { get; init; }

    /// <summary>Polarising splitter extinction ratio (≥ 1), typically 1000 for a cube.</summary>
    public double ExtinctionRatio { get; init; } = 1000;

    /// <summary>Dichroic edge wavelength, nm.</summary>
    public double EdgeNm { get; init; }

    /// <summary>Dichroic 10%–90% edge width, nm.</summary>
    public double EdgeWidthNm { get; init; } = 5.0;

    /// <summary>Dichroic: true when arm 0 (transmitted) gets the long wavelengths (a long-pass dichroic).</summary>
    public bool LongWavelengthsToArm0 { get; init; } = true;

    /// <summary>Number of arms this splitter feeds.</summary>
    public int ArmCount => Kind == BeamSplitterKind.Ratio ? ArmFractions.Count : 2;

    /// <summary>Throws <see cref="UserInputException"/> naming the key when a value is out of range.</summary>
    public void Validate(string key)
    {
        switch (Kind)
        {
            case BeamSplitterKind.Ratio:
                if (ArmFractions.Count < 1) throw Check.Invalid($"{key}:ArmFractions", "needs one fraction per detection arm");
                double sum = 0;
                for (int i = 0; i < ArmFractions.Count; i++)
                {
                    Check.Fraction($"{key}:ArmFractions:{i}", ArmFractions[i]);
                    sum += ArmFractions[i];
                }
                if (sum > 1 + 1e-9) throw UserInputException.OutOfRange($"{key}:ArmFractions", sum, "(sum of fractions)", "<= 1");
                break;
            case BeamSplitterKind.Polarising:
                Check.Finite($"{key}:AxisDeg", AxisDeg, "deg");
                Check.AtLeast($"{key}:ExtinctionRatio", ExtinctionRatio, 1, "(ratio)");
                break;
            case BeamSplitterKind.Dichroic:
                Check.Positive($"{key}:EdgeNm", EdgeNm, "nm");
                Check.NonNegative($"{key}:EdgeWidthNm", EdgeWidthNm, "nm");
                break;
            default:
                throw Check.Invalid($"{key}:Kind", $"unknown beam splitter kind '{Kind}' (Ratio, Polarising, Dichroic)");
        }
    }
}
