namespace QdSim.Analysis.Fitting;

/// <summary>Small descriptive statistics shared by the stages.</summary>
public static class Statistics
{
    /// <summary>Mean and unbiased variance in one pass (Welford), stable for 10⁷ values of any numeric type.</summary>
    public static (double Mean, double Variance) MeanVariance<T>(ReadOnlySpan<T> values) where T : System.Numerics.INumberBase<T>
    {
        double mean = 0, m2 = 0;
        for (int i = 0; i < values.Length; i++)
        {
            double x = double.CreateChecked(values[i]);
            double delta = x - mean;
            mean += delta / (i + 1);
            m2 += delta * (x - mean);
        }
        return (mean, values.Length > 1 ? m2 / (values.Length - 1) : double.NaN);
    }

    /// <summary>
    /// The p-th percentile (0–100) of non-negative integer counts by a counting pass (no sort of the whole trace):
    /// the smallest value v with at least p% of the values ≤ v.
    /// </summary>
    public static int Percentile(ReadOnlySpan<int> counts, double percent)
    {
        if (counts.Length == 0) return 0;
        int max = 0;
        foreach (int c in counts) max = Math.Max(max, c);
        var histogram = new long[max + 1];
        foreach (int c in counts) histogram[c]++;
        long needed = (long)Math.Ceiling(percent / 100.0 * counts.Length);
        long seen = 0;
        for (int v = 0; v <= max; v++)
        {
            seen += histogram[v];
            if (seen >= Math.Max(1, needed)) return v;
        }
        return max;
    }
}
