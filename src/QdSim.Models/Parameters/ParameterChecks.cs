namespace QdSim.Models.Parameters;

/// <summary>
/// Range checks shared by the parameter records. Each failure names the configuration key (dotted path), the value
/// and the unit, so the CLI can print it as one line (<see cref="UserInputException"/>).
/// </summary>
public static class ParameterChecks
{
    public static void NonNegative(string key, double value, string unit)
    {
        if (!(value >= 0) || double.IsInfinity(value)) throw UserInputException.OutOfRange(key, value, unit, ">= 0 and finite");
    }

    public static void Positive(string key, double value, string unit)
    {
        if (!(value > 0) || double.IsInfinity(value)) throw UserInputException.OutOfRange(key, value, unit, "> 0 and finite");
    }

    public static void Probability(string key, double value)
    {
        if (!(value >= 0 && value <= 1)) throw UserInputException.OutOfRange(key, value, "(probability)", "0 to 1");
    }

    /// <summary>A quantum yield: (0, 1].</summary>
    public static void QuantumYield(string key, double value)
    {
        if (!(value > 0 && value <= 1)) throw UserInputException.OutOfRange(key, value, "(quantum yield)", "0 < QY <= 1");
    }

    public static void InRange(string key, double value, string unit, double min, double max)
    {
        if (!(value >= min && value <= max)) throw UserInputException.OutOfRange(key, value, unit, $"{min} to {max}");
    }

    public static void Optional(double? value, Action<double> check)
    {
        if (value is { } v) check(v);
    }
}
