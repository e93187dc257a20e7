namespace QdSim.Analysis.Correlation;

/// <summary>Validated parameters of the pulsed g2(0) peak-area analysis.</summary>
public sealed record PulsedG2Options
{
    /// <summary>Laser repetition period, seconds (1 / sync rate).</summary>
    public required double LaserPeriodS { get; init; }

    /// <summary>
    /// Half-width of each peak's integration window as a fraction of the period. Default 0.5: windows tile the lag
    /// axis, so every pair counts in exactly one peak whatever the lifetime, and the Nair background correction is exact
    /// with the overall signal fraction (narrower windows reject more background but need the in-window fraction).
    /// </summary>
    public double WindowHalfWidthFraction { get; init; } = 0.5;

    /// <summary>Nearest side peak used for the reference area, in periods from zero. Default 5: away from the short-lag
    /// bunching that blinking adds to the first peaks.</summary>
    public int FirstSidePeak { get; init; } = 5;

    /// <summary>Farthest side peak used, in periods (default 20; peaks ±5…±20 give 32 reference areas).</summary>
    public int LastSidePeak { get; init; } = 20;

    /// <summary>Lag of the zero-delay peak, seconds: the cable/detector delay between the channels (0 when matched).</summary>
    public double ZeroDelayLagS { get; init; }

    public void Validate()
    {
        if (!(LaserPeriodS > 0)) throw UserInputException.OutOfRange("g2 laser period", LaserPeriodS, "s", "> 0 (the file needs a sync rate)");
        if (!(WindowHalfWidthFraction > 0 && WindowHalfWidthFraction <= 0.5))
            throw UserInputException.OutOfRange("g2 window half-width", WindowHalfWidthFraction, "periods", "(0, 0.5]");
        if (FirstSidePeak < 1 || LastSidePeak < FirstSidePeak)
            throw new UserInputException($"g2 side peaks: {FirstSidePeak}…{LastSidePeak} periods is not a valid range (expected 1 ≤ first ≤ last)");
    }
}

/// <summary>Peak areas and the pulsed g2(0) = zero-peak area / mean side-peak area, with its Poisson error.</summary>
public sealed record PulsedG2Result
{
    /// <summary>Pairs in the zero-delay window.</summary>
    public required long ZeroPeakPairs { get; init; }

    /// <summary>Pairs in each peak window, index j + LastSidePeak for peak j = −Last…+Last.</summary>
    public required long[] PeakPairs { get; init; }

    /// <summary>Mean pairs per side-peak window over the chosen side peaks.</summary>
    public required double MeanSidePeakPairs { get; init; }

    public required int SidePeakCount { get; init; }

    /// <summary>g2(0) = A₀ / Ā_side.</summary>
    public required double G2Zero { get; init; }

    /// <summary>Poisson standard error: σ/g = √(1/A₀ + 1/ΣA_side) (A₀ replaced by 1 when empty).</summary>
    public required double G2ZeroStdErr { get; init; }

    /// <summary>
    /// Background-corrected g2(0) (Nair et al., Nano Lett. 11, 1136 (2011)); see <see cref="PulsedG2.CorrectForBackground"/>.
    /// </summary>
    public (double G2Zero, double StdErr) BackgroundCorrected(double signalFractionA, double signalFractionB) =>
        PulsedG2.CorrectForBackground(G2Zero, G2ZeroStdErr, signalFractionA, signalFractionB);
}

/// <summary>
/// Pulsed antibunching from a correlation histogram whose bins are the peak windows (<see cref="CreateBins"/>): the
/// zero-delay peak area over the mean area of side peaks chosen away from zero. For a source emitting M photons per
/// pulse split onto two detectors, A₀ / Ā_side = E[M(M−1)] / E[M]², detection efficiencies cancelling.
/// </summary>
public static class PulsedG2
{
    /// <summary>Bins for <see cref="PhotonCorrelator"/>: one bin per peak window, with gap bins between windows narrower than the period.</summary>
    public static CorrelationBins CreateBins(PulsedG2Options options, double tickResolutionS)
    {
        options.Validate();
        var edges = new List<long>();
        foreach (var (start, end) in PeakWindowsTicks(options, tickResolutionS))
        {
            if (edges.Count == 0 || edges[^1] < start) edges.Add(start);
            edges.Add(end);
        }
        return new CorrelationBins(edges, tickResolutionS);
    }

    /// <summary>Areas and g2(0) from a histogram made with <see cref="CreateBins"/> and the same options.</summary>
    public static PulsedG2Result Evaluate(CorrelationHistogram histogram, PulsedG2Options options)
    {
        options.Validate();
        var windows = PeakWindowsTicks(options, histogram.Bins.TickResolutionS).ToArray();
        var peaks = new long[windows.Length];
        for (int i = 0; i < windows.Length; i++)
        {
            int bin = histogram.Bins.IndexOf(windows[i].Start);
            if (bin < 0 || histogram.Bins.EdgesTicks[bin] != windows[i].Start || histogram.Bins.EdgesTicks[bin + 1] != windows[i].End)
                throw new InvalidOperationException("PulsedG2.Evaluate: the histogram was not binned with PulsedG2.CreateBins for these options");
            peaks[i] = histogram.Counts[bin];
        }
        int last = options.LastSidePeak;
        long zero = peaks[last];
        long sideSum = 0;
        int sideCount = 0;
        for (int j = options.FirstSidePeak; j <= last; j++)
        {
            sideSum += peaks[last + j] + peaks[last - j];
            sideCount += 2;
        }
        double meanSide = (double)sideSum / sideCount;
        double g2 = meanSide > 0 ? zero / meanSide : double.NaN;
        double relativeError = Math.Sqrt(1.0 / Math.Max(zero, 1) + 1.0 / Math.Max(sideSum, 1));
        return new PulsedG2Result
        {
            ZeroPeakPairs = zero,
            PeakPairs = peaks,
            MeanSidePeakPairs = meanSide,
            SidePeakCount = sideCount,
            G2Zero = g2,
            G2ZeroStdErr = (zero > 0 ? g2 : 1 / meanSide) * relativeError,
        };
    }

    /// <summary>
    /// Removes uncorrelated background from a measured g2(0) (Nair, Zhao, Bawendi et al., Nano Lett. 11, 1136 (2011)).
    /// <para>
    /// Derivation: each detector sees I_i = S_i + B_i with B_i uncorrelated with everything, and ρ_i = ⟨S_i⟩/⟨I_i⟩ its
    /// signal fraction. Then ⟨I_A I_B⟩ = ⟨S_A S_B⟩ + ⟨S_A⟩⟨B_B⟩ + ⟨B_A⟩⟨S_B⟩ + ⟨B_A⟩⟨B_B⟩; dividing by ⟨I_A⟩⟨I_B⟩,
    /// g2_meas = ρ_Aρ_B g2_sig + ρ_A(1 − ρ_B) + (1 − ρ_A)ρ_B + (1 − ρ_A)(1 − ρ_B) = ρ_Aρ_B g2_sig + 1 − ρ_Aρ_B, hence
    /// g2_sig = (g2_meas − (1 − ρ_Aρ_B)) / (ρ_Aρ_B), i.e. (g2 − (1 − ρ²))/ρ² for equal channels. For peak areas the same
    /// holds window by window with ρ the signal fraction of the photons inside the windows (the overall fraction for
    /// full-period windows). ρ from the decay tail: <c>DecayHistogram.BackgroundFraction</c>. The error is propagated
    /// with ρ taken as exact: σ_sig = σ_meas / (ρ_Aρ_B).
    /// </para>
    /// </summary>
    public static (double G2Zero, double StdErr) CorrectForBackground(double g2Measured, double g2StdErr, double signalFractionA, double signalFractionB)
    {
        if (!(signalFractionA > 0 && signalFractionA <= 1)) throw UserInputException.OutOfRange("g2 signal fraction A", signalFractionA, "", "(0, 1]");
        if (!(signalFractionB > 0 && signalFractionB <= 1)) throw UserInputException.OutOfRange("g2 signal fraction B", signalFractionB, "", "(0, 1]");
        double rho2 = signalFractionA * signalFractionB;
        return ((g2Measured - (1 - rho2)) / rho2, g2StdErr / rho2);
    }

    /// <summary>Peak windows j = −Last…+Last around ZeroDelayLag + j·period, ticks, half-open.</summary>
    internal static IEnumerable<(long Start, long End)> PeakWindowsTicks(PulsedG2Options o, double tickS)
    {
        double periodTicks = o.LaserPeriodS / tickS, halfTicks = o.WindowHalfWidthFraction * periodTicks, zeroTicks = o.ZeroDelayLagS / tickS;
        for (int j = -o.LastSidePeak; j <= o.LastSidePeak; j++)
        {
            double centre = zeroTicks + j * periodTicks;
            yield return ((long)Math.Round(centre - halfTicks), (long)Math.Round(centre + halfTicks));
        }
    }
}
