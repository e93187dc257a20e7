namespace QdSim.Analysis.Fitting;

/// <summary>Straight line y = Intercept + Slope·x fitted by weighted least squares, with the parameter errors.</summary>
public sealed record WeightedLine(double Slope, double SlopeSigma, double Intercept, double InterceptSigma, int Points)
{
    /// <summary>Fits with weights 1/σᵢ² (errors from the weights, not rescaled by the residuals).</summary>
    public static WeightedLine Fit(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> weights)
    {
        if (x.Count != y.Count || x.Count != weights.Count) throw new ArgumentException("x, y and weights differ in length");
        if (x.Count < 2) throw new ArgumentException("a line needs at least two points");
        double s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double w = weights[i];
            s += w; sx += w * x[i]; sy += w * y[i]; sxx += w * x[i] * x[i]; sxy += w * x[i] * y[i];
        }
        double det = s * sxx - sx * sx;
        double slope = (s * sxy - sx * sy) / det;
        double intercept = (sxx * sy - sx * sxy) / det;
        return new WeightedLine(slope, Math.Sqrt(s / det), intercept, Math.Sqrt(sxx / det), x.Count);
    }
}
