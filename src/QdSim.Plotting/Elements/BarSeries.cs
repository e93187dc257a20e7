namespace QdSim.Plotting.Elements;

/// <summary>Vertical bars centred at x with a common width in x units (e.g. a photon-number distribution).</summary>
public sealed class BarSeries : PlotElement
{
    /// <summary>Creates bars of height <paramref name="heights"/>[i] centred at <paramref name="centres"/>[i].</summary>
    public BarSeries(IReadOnlyList<double> centres, IReadOnlyList<double> heights, double barWidth)
    {
        RequireSameLength(centres.Count, heights.Count, nameof(heights));
        if (!(barWidth > 0)) throw new ArgumentOutOfRangeException(nameof(barWidth), barWidth, "bar width must be positive");
        Centres = centres;
        Heights = heights;
        BarWidth = barWidth;
    }

    /// <summary>Bar centres.</summary>
    public IReadOnlyList<double> Centres { get; }

    /// <summary>Bar heights.</summary>
    public IReadOnlyList<double> Heights { get; }

    /// <summary>Bar width in x units.</summary>
    public double BarWidth { get; }

    /// <summary>Fill opacity.</summary>
    public double FillOpacity { get; init; } = 0.7;

    internal override void AddExtent(Extent x, Extent y)
    {
        foreach (double c in Centres)
        {
            x.Include(c - BarWidth / 2);
            x.Include(c + BarWidth / 2);
        }
        y.Include(Heights);
    }

    internal override void Render(SvgCanvas canvas, AxisMapping x, AxisMapping y)
    {
        canvas.Open("g", "class=\"series bars\"");
        double basePx = y.Scale == ScaleKind.Linear && y.Min <= 0 && y.Max >= 0 ? y.ToPixel(0) : y.PixelAtMin;
        for (int i = 0; i < Centres.Count; i++)
        {
            double left = x.ToPixel(Centres[i] - BarWidth / 2), right = x.ToPixel(Centres[i] + BarWidth / 2);
            double top = PixelOrBase(y, Heights[i]);
            canvas.Rect(Math.Min(left, right), Math.Min(top, basePx), Math.Abs(right - left), Math.Abs(basePx - top), Colour, Colour, 0.6, FillOpacity);
        }
        canvas.Close("g");
    }
}
