using System.Globalization;
using Microsoft.Extensions.Configuration;
using QdSim.Engine.Random;

namespace QdSim.Runner.Sweeps;

/// <summary>
/// A per-dot parameter drawn from a distribution, so that one point simulates an ensemble of dissimilar dots
/// (size distribution, random dipole orientation, dot-to-dot spread of a rate). Draws come from the counter stream
/// <c>RandomStream(seed, dot, StreamIds.Ensemble)</c>: dot d of a point gets the same parameters whichever thread
/// or shard computes it.
/// </summary>
public abstract record EnsembleDraw(string Key)
{
    /// <summary>Rejection sampling gives up after this many draws outside [min, max] (a distribution that misses its bounds).</summary>
    internal const int MaxRejections = 1000;

    /// <summary>Adds this draw's overrides for one dot; <paramref name="pointConfiguration"/> is the point's configuration before any draw.</summary>
    internal abstract void Draw(ref RandomStream stream, IConfiguration pointConfiguration, string sweepFile,
        List<KeyValuePair<string, string>> overrides);

    private protected static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private protected static double Bounded(ref RandomStream stream, Func<double, double> fromGaussian,
        double min, double max, string sweepFile, string key)
    {
        for (int attempt = 0; attempt < MaxRejections; attempt++)
        {
            double value = fromGaussian(stream.NextGaussian());
            if (value >= min && value <= max) return value;
        }
        throw new UserInputException(
            $"{sweepFile}: ensemble draw '{key}': {MaxRejections} draws in a row fell outside [{Format(min)}, {Format(max)}]; the bounds miss the distribution");
    }

    /// <summary>Normal distribution N(mean, sd²) truncated to [min, max] by rejection.</summary>
    public sealed record Normal(string Key, double Mean, double Sd, double Min, double Max) : EnsembleDraw(Key)
    {
        internal override void Draw(ref RandomStream stream, IConfiguration pointConfiguration, string sweepFile,
            List<KeyValuePair<string, string>> overrides)
        {
            double value = Bounded(ref stream, z => Mean + Sd * z, Min, Max, sweepFile, Key);
            overrides.Add(new(Key, Format(value)));
        }
    }

    /// <summary>Log-normal distribution: median·exp(σz), the usual shape of a nanocrystal size distribution.</summary>
    public sealed record LogNormal(string Key, double Median, double Sigma, double Min, double Max) : EnsembleDraw(Key)
    {
        internal override void Draw(ref RandomStream stream, IConfiguration pointConfiguration, string sweepFile,
            List<KeyValuePair<string, string>> overrides)
        {
            double value = Bounded(ref stream, z => Median * Math.Exp(Sigma * z), Min, Max, sweepFile, Key);
            overrides.Add(new(Key, Format(value)));
        }
    }

    /// <summary>
    /// Dot-to-dot spread around the point's own value of the key (from an axis or the base configuration):
    /// value·(1 + relativeSd·z), truncated to [min, max]. Sweeping the key moves the centre of the ensemble.
    /// </summary>
    public sealed record RelativeSpread(string Key, double RelativeSd, double Min, double Max) : EnsembleDraw(Key)
    {
        internal override void Draw(ref RandomStream stream, IConfiguration pointConfiguration, string sweepFile,
            List<KeyValuePair<string, string>> overrides)
        {
            string? text = pointConfiguration[Key];
            if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double centre))
                throw new UserInputException(
                    $"{sweepFile}: ensemble spread '{Key}': the point's configuration has no numeric value for this key (found '{text ?? "nothing"}')");
            double value = Bounded(ref stream, z => centre * (1 + RelativeSd * z), Min, Max, sweepFile, Key);
            overrides.Add(new(Key, Format(value)));
        }
    }

    /// <summary>
    /// A direction uniform on the unit sphere (random dipole or crystal orientation), written as the two angles
    /// <c>{Key}PolarDeg</c> ∈ [0°, 180°] and <c>{Key}AzimuthDeg</c> ∈ [0°, 360°) (the engine's
    /// Dot:OrientationPolarDeg / Dot:OrientationAzimuthDeg for the prefix "Dot:Orientation"):
    /// cos θ = 2u₁ − 1, φ = 360° u₂ (uniform cos θ is uniform on the sphere, Archimedes' hat-box theorem).
    /// </summary>
    public sealed record IsotropicDirection(string Key) : EnsembleDraw(Key)
    {
        public string PolarKey => Key + "PolarDeg";

        public string AzimuthKey => Key + "AzimuthDeg";

        internal override void Draw(ref RandomStream stream, IConfiguration pointConfiguration, string sweepFile,
            List<KeyValuePair<string, string>> overrides)
        {
            double cosPolar = 2 * stream.NextDouble() - 1;
            double azimuthDeg = 360 * stream.NextDouble();
            overrides.Add(new(PolarKey, Format(Math.Acos(cosPolar) * 180 / Math.PI)));
            overrides.Add(new(AzimuthKey, Format(azimuthDeg)));
        }
    }
}
