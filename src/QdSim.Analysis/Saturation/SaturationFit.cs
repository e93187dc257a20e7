namespace QdSim.Analysis.Saturation;

/// <summary>One measurement of the saturation series (one file or one segment at one excitation).</summary>
/// <param name="Excitation">⟨N⟩ (mean excitons per pulse) for <see cref="SaturationFit.FitMeanExcitons"/>; photon
/// fluence per pulse, photons/cm², for <see cref="SaturationFit.FitCrossSection"/>.</param>
/// <param name="RateCps">Detected count rate, counts/s.</param>
/// <param name="RateSigmaCps">Its standard error, counts/s (Poisson: √counts / duration; must be &gt; 0).</param>
public sealed record SaturationPoint(double Excitation, double RateCps, double RateSigmaCps);

/// <summary>
/// Saturation of a single quantum emitter under pulsed excitation: with Poisson-distributed absorption the probability
/// that a pulse leaves at least one exciton is 1 − e^(−⟨N⟩), so the detected rate is R = A(1 − e^(−⟨N⟩)) with A the
/// saturated rate (rep. rate × QY × collection × detection). ⟨N⟩ = σ·j for photon fluence j per pulse and absorption
/// cross-section σ. Weighted least squares with weights 1/σᵢ²; parameter errors from the inverse of JᵀWJ scaled by
/// the reduced χ² when it exceeds 1 (errors are never made smaller than the weights imply).
/// </summary>
public static class SaturationFit
{
    /// <summary>Fits A with ⟨N⟩ known for each point (linear in A: closed form).</summary>
    public static SaturationResult FitMeanExcitons(IReadOnlyList<SaturationPoint> points)
    {
        Validate(points, 1);
        double sfy = 0, sff = 0;
        foreach (var p in points)
        {
            double f = 1 - Math.Exp(-p.Excitation), w = 1 / (p.RateSigmaCps * p.RateSigmaCps);
            sfy += w * f * p.RateCps; sff += w * f * f;
        }
        double a = sfy / sff;
        double chi2 = points.Sum(p => Square((p.RateCps - a * (1 - Math.Exp(-p.Excitation))) / p.RateSigmaCps));
        double scale = ReducedChiSquareScale(chi2, points.Count - 1);
        return new SaturationResult(a, Math.Sqrt(1 / sff * scale), null, null, chi2, points.Count - 1);
    }

    /// <summary>Fits A and the cross-section σ (cm²) with ⟨N⟩ = σ·j, j the photon fluence per pulse (photons/cm²), by Gauss–Newton.</summary>
    public static SaturationResult FitCrossSection(IReadOnlyList<SaturationPoint> points)
    {
        Validate(points, 2);
        // Start: A from the largest rate, σ from the point nearest half saturation.
        double a = points.Max(p => p.RateCps) * 1.1;
        var mid = points.OrderBy(p => Math.Abs(p.RateCps / a - 0.5)).First();
        double sigma = -Math.Log(1 - Math.Clamp(mid.RateCps / a, 0.01, 0.99)) / mid.Excitation;
        double[,] inverse = new double[2, 2];
        double chi2 = double.PositiveInfinity;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            double jaa = 0, jas = 0, jss = 0, ga = 0, gs = 0, c2 = 0;
            foreach (var p in points)
            {
                double e = Math.Exp(-sigma * p.Excitation), w = 1 / (p.RateSigmaCps * p.RateSigmaCps);
                double model = a * (1 - e), r = p.RateCps - model;
                double da = 1 - e, ds = a * p.Excitation * e;
                jaa += w * da * da; jas += w * da * ds; jss += w * ds * ds;
                ga += w * da * r; gs += w * ds * r; c2 += w * r * r;
            }
            double det = jaa * jss - jas * jas;
            inverse = new[,] { { jss / det, -jas / det }, { -jas / det, jaa / det } };
            double stepA = inverse[0, 0] * ga + inverse[0, 1] * gs;
            double stepS = inverse[1, 0] * ga + inverse[1, 1] * gs;
            // Damped step keeps σ positive.
            double damping = 1;
            while (sigma + damping * stepS <= 0) damping /= 2;
            a += damping * stepA; sigma += damping * stepS;
            bool converged = Math.Abs(stepA) < 1e-10 * Math.Abs(a) && Math.Abs(stepS) < 1e-10 * Math.Abs(sigma);
            chi2 = c2;
            if (converged) break;
        }
        int dof = points.Count - 2;
        double scale = ReducedChiSquareScale(chi2, dof);
        return new SaturationResult(a, Math.Sqrt(inverse[0, 0] * scale), sigma, Math.Sqrt(inverse[1, 1] * scale), chi2, dof);
    }

    /// <summary>Photon fluence per pulse (photons/cm²) from the energy fluence (µJ/cm²) at a wavelength (nm).</summary>
    public static double PhotonFluencePerCm2(double energyFluenceUJPerCm2, double wavelengthNm) =>
        energyFluenceUJPerCm2 * 1e-6 / (6.62607015e-34 * 299792458.0 / (wavelengthNm * 1e-9));

    private static double ReducedChiSquareScale(double chi2, int dof) => dof > 0 ? Math.Max(1, chi2 / dof) : 1;

    private static double Square(double x) => x * x;

    private static void Validate(IReadOnlyList<SaturationPoint> points, int parameters)
    {
        if (points.Count < parameters + 1)
            throw new UserInputException($"Saturation: {points.Count} points given; fitting {parameters} parameter(s) needs at least {parameters + 1}");
        foreach (var p in points)
        {
            if (!(p.Excitation > 0)) throw UserInputException.OutOfRange("Saturation:Excitation", p.Excitation, "(⟨N⟩ or photons/cm²)", "> 0");
            if (!(p.RateSigmaCps > 0)) throw UserInputException.OutOfRange("Saturation:RateSigmaCps", p.RateSigmaCps, "counts/s", "> 0");
        }
    }
}

/// <summary>Fitted saturation curve.</summary>
/// <param name="SaturatedRateCps">A, counts/s.</param>
/// <param name="SaturatedRateSigmaCps">Its standard error, counts/s.</param>
/// <param name="CrossSectionCm2">σ, cm² (null when ⟨N⟩ was given).</param>
/// <param name="CrossSectionSigmaCm2">Its standard error, cm².</param>
/// <param name="ChiSquare">Weighted χ² at the optimum.</param>
/// <param name="DegreesOfFreedom">Points minus parameters.</param>
public sealed record SaturationResult(double SaturatedRateCps, double SaturatedRateSigmaCps, double? CrossSectionCm2,
    double? CrossSectionSigmaCm2, double ChiSquare, int DegreesOfFreedom)
{
    /// <summary>⟨N⟩ at photon fluence j (photons/cm²) from the fitted cross-section.</summary>
    public double MeanExcitons(double photonFluencePerCm2) => (CrossSectionCm2 ?? double.NaN) * photonFluencePerCm2;
}
