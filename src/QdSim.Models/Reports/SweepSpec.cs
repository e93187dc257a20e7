using System.Globalization;

namespace QdSim.Models;

/// <summary>Which description field a sweep varies.</summary>
public enum SweepParameter
{
    EdgeNm,
    TemperatureK,
}

/// <summary>A parameter sweep "name=start:stop:step" (inclusive stop), e.g. "edge-nm=3:15:0.5".</summary>
public sealed record SweepSpec(SweepParameter Parameter, double Start, double Stop, double Step)
{
    /// <summary>Upper bound on the number of points, so a typo cannot ask for billions of rows.</summary>
    public const int MaxPoints = 100_000;

    private const string Key = "sweep";

    /// <summary>Parses "edge-nm=3:15:0.5" or "temperature-k=4:300:2"; mistakes throw <see cref="UserInputException"/>.</summary>
    public static SweepSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2)
        {
            throw new UserInputException($"{Key}: '{text}' is not name=start:stop:step (e.g. edge-nm=3:15:0.5)");
        }

        var parameter = parts[0].ToLowerInvariant() switch
        {
            "edge-nm" => SweepParameter.EdgeNm,
            "temperature-k" => SweepParameter.TemperatureK,
            _ => throw new UserInputException($"{Key}: parameter '{parts[0]}' cannot be swept (expected edge-nm or temperature-k)"),
        };
        var numbers = parts[1].Split(':', StringSplitOptions.TrimEntries);
        if (numbers.Length != 3)
        {
            throw new UserInputException($"{Key}: range '{parts[1]}' is not start:stop:step");
        }

        var values = numbers.Select(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new UserInputException($"{Key}: '{n}' in '{text}' is not a number")).ToArray();
        var spec = new SweepSpec(parameter, values[0], values[1], values[2]);
        string unit = parameter == SweepParameter.EdgeNm ? "nm" : "K";
        if (!(spec.Step > 0) || !(spec.Stop >= spec.Start) || !double.IsFinite(spec.Stop))
        {
            throw new UserInputException($"{Key}: '{text}' needs step > 0 and stop ≥ start (values in {unit})");
        }

        if ((spec.Stop - spec.Start) / spec.Step + 1 > MaxPoints)
        {
            throw new UserInputException($"{Key}: '{text}' gives more than {MaxPoints} points (step in {unit})");
        }

        return spec;
    }

    /// <summary>The swept values start, start + step, … up to stop (a rounding tolerance of 1e-9 step keeps the end point).</summary>
    public IEnumerable<double> Values()
    {
        for (int i = 0; Start + i * Step <= Stop + 1e-9 * Step; i++)
        {
            yield return Start + i * Step;
        }
    }

    /// <summary>The description at one swept value.</summary>
    public DotDescription Apply(DotDescription baseDescription, double value)
    {
        ArgumentNullException.ThrowIfNull(baseDescription);
        return Parameter == SweepParameter.EdgeNm
            ? baseDescription with { EdgeNm = value }
            : baseDescription with { TemperatureK = value };
    }
}
