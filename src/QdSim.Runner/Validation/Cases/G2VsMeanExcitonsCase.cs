using QdSim.Plotting.Figures;

namespace QdSim.Runner.Validation.Cases;

/// <summary>
/// Case 1: pulsed g2(0) of a non-blinking dot against ⟨N⟩ = 0.01 … 2, measured from peak areas of the simulated
/// PTU file, compared with the exact cascade expectation E[M(M−1)]/E[M]² (<see cref="CascadeExpectation"/>); its
/// low-⟨N⟩ limit QY_XX/QY_X is drawn and checked at the lowest ⟨N⟩.
/// </summary>
public sealed class G2VsMeanExcitonsCase : ValidationCase
{
    public const string CaseId = "01-g2-vs-mean-excitons";
    /// <summary>Accepted |measured − expected| in units of the Poisson standard error of the point (two-sided 4σ:
    /// false-alarm probability 6e-5 per point).</summary>
    public const double SigmaMultiple = 4;

    public override string Id => CaseId;
    public override string Title => "g2(0) vs ⟨N⟩ against the exact Poisson-loaded cascade";

    public override CaseOutcome Run(CaseContext context)
    {
        double[] meanN = context.Quick ? [0.02, 0.3, 2] : [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2];
        // Zero-peak pairs aimed at per point: the relative error of g2(0) is ≈ 1/√(pairs).
        double targetZeroPairs = context.Quick ? 150 : 1500;
        var baseline = CaseToolkit.Load(context, Id, []);
        var q = CascadeExpectation.StepQuantumYields(baseline.Experiment.Dot);
        double repetitionHz = baseline.Experiment.Excitation.RepetitionRateHz;
        double detection = 0.5; // collection × QE of the configuration (explicit, orientation-independent)
        var points = CaseToolkit.ForEachPoint(context, meanN, (n, i) =>
        {
            double expected = CascadeExpectation.G2Zero(n, q);
            var (mean, _) = CascadeExpectation.Moments(n, q);
            // Zero-peak pairs per pulse = g2 · (η E[M]/2)²: the duration that gives the target count.
            double pairsPerS = expected * Math.Pow(detection * mean / 2, 2) * repetitionHz;
            double durationS = Math.Clamp(targetZeroPairs / pairsPerS, 0.2, 300);
            var file = CaseToolkit.Simulate(context, Id, $"g2-N{i}", [$"Excitation:MeanExcitonsPerPulse={CaseToolkit.Num(n)}",
                $"Run:DurationS={CaseToolkit.Num(durationS)}", $"Run:Seed={101 + i}"]);
            var g2 = CaseToolkit.PulsedG2Of(file.PtuPath);
            return (N: n, Expected: expected, g2.G2Zero, g2.G2ZeroStdErr, g2.ZeroPeakPairs);
        });
        var checks = points.Select(p => CheckResult.WithinSigmas($"g2(0) at ⟨N⟩ = {p.N}", p.G2Zero, p.G2ZeroStdErr, p.Expected, SigmaMultiple, "",
            $"{SigmaMultiple}σ, σ = Poisson error of the peak areas ({p.ZeroPeakPairs} zero-peak pairs)")).ToList();
        double limit = q[1] / q[0];
        var low = points[0];
        double limitDeviation = Math.Abs(low.Expected - limit);
        // The O(⟨N⟩) departure of the exact value from the limit is added to the statistical tolerance, not hidden in it.
        checks.Add(new CheckResult($"g2(0) at ⟨N⟩ = {low.N} → QY_XX/QY_X", low.G2Zero, low.G2ZeroStdErr, limit,
            limit - SigmaMultiple * low.G2ZeroStdErr - limitDeviation, limit + SigmaMultiple * low.G2ZeroStdErr + limitDeviation, "",
            $"{SigmaMultiple}σ (Poisson) + |exact − limit| = {limitDeviation:G3} (finite-⟨N⟩ correction)"));

        var curveN = Enumerable.Range(0, 81).Select(k => Math.Pow(10, -2.2 + k * 2.6 / 80)).ToArray();
        var curve = curveN.Select(n => CascadeExpectation.G2Zero(n, q)).ToArray();
        var sigmaAt = curveN.Select(n => Interpolate(points.Select(p => p.N).ToArray(), points.Select(p => p.G2ZeroStdErr).ToArray(), n)).ToArray();
        var figure = ValidationFigures.Case(new ValidationCaseData(Title,
            new SweepData("⟨N⟩", "", points.Select(p => p.N).ToArray(), "g2(0)", "", points.Select(p => p.G2Zero).ToArray(),
                points.Select(p => p.G2ZeroStdErr).ToArray(), curveN, curve, LogX: true),
            curve.Select((c, k) => c - SigmaMultiple * sigmaAt[k]).ToArray(), curve.Select((c, k) => c + SigmaMultiple * sigmaAt[k]).ToArray(),
            checks.All(c => c.Passed)));
        var notes = new List<string>
        {
            $"Step photon yields from the configuration's rates: q = [{string.Join(", ", q.Select(v => v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}]; QY_XX/QY_X = {limit:G4}.",
            "Ideal detectors (no dead time, dark counts or afterpulsing) so that the file's peak areas measure E[M(M−1)]/E[M]² exactly; detector artefacts are case 10.",
        };
        return new CaseOutcome(checks, [("g2-vs-N", figure, "Measured g2(0) (peak areas of the PTU cross-correlation) with the exact expectation (dashed) and the 4σ band (interpolated between points).")], notes);
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        if (at <= x[0]) return y[0];
        for (int i = 1; i < x.Length; i++)
            if (at <= x[i]) return y[i - 1] + (y[i] - y[i - 1]) * (Math.Log(at) - Math.Log(x[i - 1])) / (Math.Log(x[i]) - Math.Log(x[i - 1]));
        return y[^1];
    }
}
