using System.Globalization;

namespace QdSim.Models.Parameters.Detection;

/// <summary>
/// Range checks shared by the detection parameter records. Each throws <see cref="UserInputException"/> with the
/// configuration key, the value and its unit, so the CLI can print one line.
/// </summary>
internal static class Check
{
    public static void Fraction(string key, double value)
    {
        if (!(value >= 0 && value <= 1)) throw UserInputException.OutOfRange(key, value, "(fraction)", "0 to 1");
    }

    public static void NonNegative(string key, double value, string unit)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw UserInputException.OutOfRange(key, value, unit, "a finite value >= 0");
    }

    public static void Positive(string key, double value, string unit)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw UserInputException.OutOfRange(key, value, unit, "a finite value > 0");
    }

    public static void Finite(string key, double value, string unit)
    {
        if (!double.IsFinite(value)) throw UserInputException.OutOfRange(key, value, unit, "a finite number");
    }

    public static void AtLeast(string key, double value, double minimum, string unit)
    {
        if (!(value >= minimum) || double.IsInfinity(value))
            throw UserInputException.OutOfRange(key, value, unit, $">= {minimum.ToString(CultureInfo.InvariantCulture)}");
    }

    public static UserInputException Invalid(string key, string problem) => new($"{key}: {problem}");
}
