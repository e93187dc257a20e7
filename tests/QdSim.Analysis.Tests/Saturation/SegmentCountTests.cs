using QdSim.Analysis.Pipeline;
using QdSim.Analysis.Saturation;
using QdSim.Analysis.Tests.Support;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Saturation;

/// <summary>
/// Photon counts in time windows (the count rates of a saturation series): window membership start ≤ t &lt; end,
/// photons between windows counted nowhere, a laser clock on the PicoHarp sync input never counted, and the duration
/// rule (header acquisition time when it covers the data, else the last event).
/// </summary>
public class SegmentCountTests
{
    private const long TicksPerS = 1_000_000_000_000; // 1 ps ticks (InMemoryReader.T2Info)

    private static TimeTagEvent At(double seconds, short channel) => TimeTagEvent.T2Photon((long)Math.Round(seconds * TicksPerS), channel);

    [Fact]
    public void Photons_are_counted_in_the_window_that_holds_them_and_nowhere_between_windows()
    {
        TimeTagEvent[] events =
        [
            At(0, 1), At(0.5, 2), At(1 - 1e-12, 1), // window 0:1 (end excluded: the last one is 1 ps before it)
            At(1, 1), At(1.5, 1),                  // the gap 1:2
            At(2, 1), At(2.2, 2), At(2.1, 2),      // window 2:3; 2.1 s out of order, as T3 channels can be within a period
            At(2.9, 1), At(3, 2), At(3.5, 2),      // 3 s starts the open window 3:
        ];
        var counts = SegmentCountStage.Count(new InMemoryReader(InMemoryReader.T2Info(1, 2), events),
            [new TimeSegment(0, 1), new TimeSegment(2, 3), new TimeSegment(3, null)]);
        Assert.Equal(new Dictionary<short, long> { [1] = 2, [2] = 1 }, counts.Segments[0].PhotonsPerChannel);
        Assert.Equal(new Dictionary<short, long> { [1] = 2, [2] = 2 }, counts.Segments[1].PhotonsPerChannel);
        Assert.Equal(new Dictionary<short, long> { [2] = 2 }, counts.Segments[2].PhotonsPerChannel);
        // No header acquisition time: the open window ends at the last event.
        Assert.Equal("lastEvent", counts.DurationSource);
        Assert.Equal(3.5, counts.Segments[2].EndS, 12);
        Assert.Equal(0.5, counts.Segments[2].DurationS, 12);
    }

    [Fact]
    public void Duration_is_the_header_acquisition_time_when_it_covers_the_data_else_the_last_event_with_a_warning()
    {
        TimeTagEvent[] events = [At(0.1, 1), At(4.2, 1)];
        var covered = SegmentCountStage.Count(new InMemoryReader(InMemoryReader.T2Info(1) with { AcquisitionTimeS = 5 }, events), [TimeSegment.Whole]);
        Assert.Equal(("header", 5.0), (covered.DurationSource, covered.DurationS));
        Assert.Empty(covered.Warnings);
        Assert.Equal(5.0, covered.Segments[0].DurationS);

        var shorter = SegmentCountStage.Count(new InMemoryReader(InMemoryReader.T2Info(1) with { AcquisitionTimeS = 4 }, events), [TimeSegment.Whole]);
        Assert.Equal(("lastEvent", 4.2), (shorter.DurationSource, Math.Round(shorter.DurationS, 12)));
        Assert.Contains("shorter than the last event", Assert.Single(shorter.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_laser_clock_on_the_PicoHarp_sync_input_is_not_counted_as_photons()
    {
        // Channel 0 ticks every 1 µs (a 1 MHz laser on the sync input), channel 1 is the detector: 10 clicks.
        var clock = Enumerable.Range(0, 2000).Select(i => At(i * 1e-6, 0));
        var detector = Enumerable.Range(0, 10).Select(i => At(i * 1.9e-4 + 3e-7, 1));
        var events = clock.Concat(detector).OrderBy(e => e.TimeTicks).ToArray();
        var counts = SegmentCountStage.Count(new InMemoryReader(InMemoryReader.T2Info(0, 1), events), [TimeSegment.Whole]);
        Assert.Equal(LaserClockSource.SyncInputChannel, counts.LaserClock);
        Assert.Equal(new Dictionary<short, long> { [1] = 10 }, counts.Segments[0].PhotonsPerChannel);
        Assert.Equal([(short)1], counts.PhotonChannels);
    }

    [Fact]
    public void Overlapping_or_unordered_windows_are_refused()
    {
        var info = InMemoryReader.T2Info(1);
        Assert.Throws<ArgumentException>(() => new SegmentCountStage(info, [new TimeSegment(0, 2), new TimeSegment(1, 3)]));
        Assert.Throws<ArgumentException>(() => new SegmentCountStage(info, [new TimeSegment(2, 3), new TimeSegment(0, 1)]));
        Assert.Throws<ArgumentException>(() => new SegmentCountStage(info, [new TimeSegment(0, null), new TimeSegment(5, 6)]));
        Assert.Throws<ArgumentException>(() => new SegmentCountStage(info, [new TimeSegment(2, 1)]));
    }
}
