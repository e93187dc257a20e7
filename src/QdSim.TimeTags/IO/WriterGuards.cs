namespace QdSim.TimeTags.IO;

/// <summary>Argument checks shared by every <see cref="ITimeTagWriter"/>.</summary>
internal static class WriterGuards
{
    public static void CheckAcquisitionTime(double acquisitionTimeS)
    {
        if (!(acquisitionTimeS >= 0) || double.IsInfinity(acquisitionTimeS))
            throw new ArgumentOutOfRangeException(nameof(acquisitionTimeS), acquisitionTimeS, "Acquisition time must be a finite non-negative number of seconds.");
    }

    public static void CheckTickResolution(TimeTagStreamInfo info)
    {
        if (!(info.TickResolutionS > 0) || double.IsInfinity(info.TickResolutionS))
            throw new ArgumentOutOfRangeException(nameof(info), info.TickResolutionS, "TickResolutionS must be a positive number of seconds.");
    }
}
