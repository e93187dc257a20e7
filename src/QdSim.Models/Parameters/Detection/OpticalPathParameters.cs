namespace QdSim.Models.Parameters.Detection;

/// <summary>
/// The optical path of PHYSICS.md §8 in order: collection → common elements (filters, polariser) → beam splitter
/// → one arm per detector (its own elements, the detector, background at that detector).
/// Detector i is <see cref="Arms"/>[i]. Without a splitter there must be exactly one arm.
/// </summary>
public sealed record OpticalPathParameters
{
    public CollectionParameters Collection { get; init; } = new();

    /// <summary>Elements every photon passes before the splitter, in order.</summary>
    public IReadOnlyList<OpticalElementParameters> Elements { get; init; } = [];

    /// <summary>Splitter feeding the arms; null for a single detector.</summary>
    public BeamSplitterParameters? BeamSplitter { get; init; } = new();

    public IReadOnlyList<DetectionArmParameters> Arms { get; init; } = [];

    public int DetectorCount => Arms.Count;

    /// <summary>Throws <see cref="UserInputException"/> naming the key (prefix <paramref name="key"/>) for the first bad value.</summary>
    public void Validate(string key = "Detection:OpticalPath")
    {
        Collection.Validate($"{key}:Collection");
        for (int i = 0; i < Elements.Count; i++) Elements[i].Validate($"{key}:Elements:{i}");
        if (Arms.Count < 1) throw Check.Invalid($"{key}:Arms", "at least one detection arm (detector) is needed");
        if (BeamSplitter is null)
        {
            if (Arms.Count != 1) throw Check.Invalid($"{key}:BeamSplitter", $"{Arms.Count} arms need a beam splitter");
        }
        else
        {
            BeamSplitter.Validate($"{key}:BeamSplitter");
            if (BeamSplitter.ArmCount != Arms.Count)
                throw Check.Invalid($"{key}:BeamSplitter", $"a {BeamSplitter.Kind} splitter feeds {BeamSplitter.ArmCount} arms but {Arms.Count} are configured");
        }
        for (int i = 0; i < Arms.Count; i++) Arms[i].Validate($"{key}:Arms:{i}", i, Arms.Count);
    }

    /// <summary>Standard HBT set-up: 50/50 splitter, two identical detectors.</summary>
    public static OpticalPathParameters Hbt(DetectorParameters detector, IReadOnlyList<OpticalElementParameters>? elements = null) => new()
    {
        Elements = elements ?? [],
        BeamSplitter = new BeamSplitterParameters(),
        Arms = [new DetectionArmParameters { Detector = detector }, new DetectionArmParameters { Detector = detector }],
    };
}
