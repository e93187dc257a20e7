namespace QdSim;

/// <summary>
/// A mistake in what the user gave us (configuration key, value, unit, file). The CLI prints only the message and
/// exits with code 2, so the message must name the key or file, the offending value and the expected unit/range.
/// </summary>
public sealed class UserInputException(string message) : Exception(message)
{
    /// <summary>Builds "key: value V unit is out of range (expected ...)" style messages consistently.</summary>
    public static UserInputException OutOfRange(string key, double value, string unit, string expected) =>
        new($"{key}: {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} {unit} is out of range (expected {expected})");
}
