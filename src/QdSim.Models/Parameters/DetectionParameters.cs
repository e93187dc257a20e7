using QdSim.Models.Parameters.Detection;

namespace QdSim.Models.Parameters;

/// <summary>The detection section of a simulation: optical path (collection → detectors) and time tagger.</summary>
public sealed record DetectionParameters
{
    public OpticalPathParameters OpticalPath { get; init; } = new();
    public TimeTaggerParameters TimeTagger { get; init; } = new();

    public void Validate()
    {
        OpticalPath.Validate("Detection:OpticalPath");
        TimeTagger.Validate("Detection:TimeTagger");
    }
}
