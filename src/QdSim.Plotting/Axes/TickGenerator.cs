namespace QdSim.Plotting.Axes;

/// <summary>Major and minor tick values of one axis, in data units.</summary>
/// <param name="Major">Labelled ticks, ascending.</param>
/// <param name="Minor">Unlabelled ticks, ascending.</param>
/// <param name="Step">Spacing of the major ticks on a linear axis (0 on a log axis).</param>
public sealed record TickSet(IReadOnlyList<double> Major, IReadOnlyList<double> Minor, double Step);

/// <summary>
/// "Nice" tick values: steps of 1, 2 or 5 × 10^k on linear axes (Heckbert, "Nice numbers for graph labels",
/// Graphics Gems I, 1990) and whole decades with minor ticks at 2…9 on log axes.
/// </summary>
public static class TickGenerator
{
    /// <summary>
    /// The 1-2-5 × 10^k step nearest to <paramref name="range"/> / <paramref name="targetCount"/>, rounded as in
    /// Heckbert's nicenum (mantissa &lt; 1.5 → 1, &lt; 3 → 2, &lt; 7 → 5, else 10), which gives 0.75…1.5 times the wanted count.
    /// </summary>
    public static double NiceStep(double range, int targetCount)
    {
        if (!(range > 0) || double.IsInfinity(range)) throw new ArgumentOutOfRangeException(nameof(range), range, "range must be positive and finite");
        double rough = range / Math.Max(1, targetCount);
        int exponent = (int)Math.Floor(Math.Log10(rough));
        double decade = Pow10(exponent);
        double mantissa = rough / decade;
        double nice = mantissa < 1.5 ? 1 : mantissa < 3 ? 2 : mantissa < 7 ? 5 : 10;
        return Snap(nice * decade);
    }

    /// <summary>Linear ticks: multiples of a 1-2-5 step within [min, max], with minor ticks at step/5 (step/4 for a step of 2 × 10^k) between.</summary>
    public static TickSet Linear(double min, double max, int targetCount = 5)
    {
        double step = NiceStep(max - min, targetCount);
        var major = Multiples(min, max, step);
        double mantissa = step / Pow10((int)Math.Floor(Math.Log10(step) + 1e-9));
        double minorStep = step / (Math.Abs(mantissa - 2) < 1e-6 ? 4 : 5);
        var minor = Multiples(min, max, minorStep).Where(v => !major.Any(m => Math.Abs(m - v) < minorStep * 1e-3)).ToList();
        return new TickSet(major, minor, step);
    }

    /// <summary>Range widened outwards to the nearest multiples of the nice step.</summary>
    public static (double Min, double Max) NiceLimits(double dataMin, double dataMax, int targetCount = 5)
    {
        double step = NiceStep(dataMax - dataMin, targetCount);
        return (Snap(Math.Floor(dataMin / step + 1e-9) * step), Snap(Math.Ceiling(dataMax / step - 1e-9) * step));
    }

    /// <summary>
    /// Log ticks: every decade in range (every n-th when more than 8 decades are shown, the rest becoming minor),
    /// minor ticks at 2…9 × 10^k. When the range holds fewer than two decades, 1, 2 and 5 × 10^k are labelled.
    /// </summary>
    public static TickSet Log(double min, double max)
    {
        if (!(min > 0) || !(max > min)) throw new ArgumentOutOfRangeException(nameof(min), $"log axis needs 0 < min < max, got [{min}, {max}]");
        int firstDecade = (int)Math.Floor(Math.Log10(min) + 1e-9);
        int lastDecade = (int)Math.Ceiling(Math.Log10(max) - 1e-9);
        var decades = new List<double>();
        var minor = new List<double>();
        for (int k = firstDecade; k <= lastDecade; k++)
        {
            double decade = Pow10(k);
            if (InRange(decade, min, max)) decades.Add(decade);
            for (int m = 2; m <= 9; m++)
            {
                double v = Snap(m * decade);
                if (InRange(v, min, max)) minor.Add(v);
            }
        }
        if (decades.Count < 2)
        {
            var major = decades.Concat(minor.Where(v => IsOneTwoFive(v))).Order().ToList();
            return new TickSet(major, minor.Where(v => !major.Contains(v)).ToList(), 0);
        }
        int stride = (int)Math.Ceiling(decades.Count / 8.0);
        if (stride > 1)
        {
            // Keep every stride-th decade labelled, anchored at 10^0 so the labels line up across panels.
            var labelled = decades.Where(d => Math.Round(Math.Log10(d)) % stride == 0).ToList();
            minor = decades.Except(labelled).ToList();
            decades = labelled;
        }
        return new TickSet(decades, minor, 0);
    }

    /// <summary>10^k correctly rounded (Math.Pow can be one ulp off for negative k, which would print 0.0010000000000000002).</summary>
    public static double Pow10(int k) => double.Parse("1e" + k.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);

    private static bool IsOneTwoFive(double v)
    {
        double mantissa = v / Pow10((int)Math.Floor(Math.Log10(v) + 1e-9));
        return Math.Abs(mantissa - 2) < 1e-6 || Math.Abs(mantissa - 5) < 1e-6;
    }

    private static bool InRange(double v, double min, double max) => v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9);

    private static List<double> Multiples(double min, double max, double step)
    {
        long first = (long)Math.Ceiling(min / step - 1e-9);
        long last = (long)Math.Floor(max / step + 1e-9);
        var values = new List<double>();
        for (long i = first; i <= last; i++) values.Add(Snap(i * step));
        return values;
    }

    /// <summary>Rounds away binary noise (0.30000000000000004 → 0.3) keeping 12 significant digits.</summary>
    private static double Snap(double v)
    {
        if (v == 0) return 0; // also turns -0 into 0
        if (!double.IsFinite(v)) return v;
        int digits = 12 - (int)Math.Ceiling(Math.Log10(Math.Abs(v)));
        return digits is >= 0 and <= 15 ? Math.Round(v, digits) : double.Parse(v.ToString("G12", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }
}
