using QdSim.TimeTags.IO;

namespace QdSim.TimeTags.Tests;

public class AtomicFileTests
{
    [Fact]
    public void Commit_renames_and_replaces_and_dispose_without_commit_deletes()
    {
        using var temp = new TempFolder();
        string path = temp.File("sub/out.csv");
        File.WriteAllText(temp.File("keep.txt"), "x");
        using (var file = AtomicFile.Create(path))
        {
            file.Stream.Write("new"u8);
            Assert.True(File.Exists(path + AtomicFile.TemporarySuffix));
            Assert.False(File.Exists(path));
            file.Commit();
        }
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(path + AtomicFile.TemporarySuffix));

        using (var file = AtomicFile.Create(path))
            file.Stream.Write("abandoned"u8);
        Assert.Equal("new", File.ReadAllText(path)); // the complete old file survives an abandoned rewrite
        Assert.False(File.Exists(path + AtomicFile.TemporarySuffix));
    }
}

public class TimeTagFileTests
{
    [Theory]
    [InlineData(TimeTagFileFormat.Ptu)]
    [InlineData(TimeTagFileFormat.QdSimBinary)]
    [InlineData(TimeTagFileFormat.Npy)]
    public void Every_format_written_is_detected_by_its_magic_whatever_the_name(TimeTagFileFormat format)
    {
        using var temp = new TempFolder();
        string path = temp.File("events.dat"); // deliberately not the usual extension
        var info = new TimeTagStreamInfo { Mode = MeasurementMode.T2, TickResolutionS = 1e-12, PhotonChannels = [1, 2] };
        TimeTagEvent[] events = [TimeTagEvent.T2Photon(10, 1), new(20, 0, TimeTagKind.Sync), new(30, 4, TimeTagKind.Marker), TimeTagEvent.T2Photon(40_000_000_000, 2)];
        using (var writer = TimeTagFile.CreateWriter(path, info, format))
        {
            writer.Write(events);
            writer.Complete(0.04);
        }
        using var reader = TimeTagFile.Open(path);
        Assert.Equal(MeasurementMode.T2, reader.Info.Mode);
        Assert.Equal(1e-12, reader.Info.TickResolutionS);
        Assert.Equal(0.04, reader.Info.AcquisitionTimeS);
        Assert.Equal(events, reader.ReadAll());
    }
}
