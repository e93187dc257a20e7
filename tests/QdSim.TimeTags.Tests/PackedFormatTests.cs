using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using QdSim.TimeTags.Binary;
using QdSim.TimeTags.Npy;

namespace QdSim.TimeTags.Tests;

/// <summary>QdSim binary and .npy: round trips, header layout, detection by magic.</summary>
public class PackedFormatTests
{
    private static readonly TimeTagStreamInfo T3Info = new()
    {
        Mode = MeasurementMode.T3, TickResolutionS = 1e-12, SyncRateHz = 19_999_953, MicroTimeResolutionS = 25e-12,
        PhotonChannels = [0, 1],
    };

    private static TimeTagEvent[] Events() =>
        PtuRoundTripTests.RandomEvents(Ptu.PtuRecordType.HydraHarpV2T3, count: 50_000, seed: 42);

    [Fact]
    public void Binary_round_trip_keeps_events_and_header()
    {
        using var temp = new TempFolder();
        string path = temp.File("run.qdtt");
        var events = Events();
        using (var writer = new QdSimBinaryWriter(path, T3Info))
        {
            writer.Write(events.AsSpan(0, 20_000));
            writer.Write(events.AsSpan(20_000));
            writer.Complete(3.25);
        }
        Assert.Equal(QdSimBinaryFormat.HeaderSizeFor(2) + 24L * events.Length, new FileInfo(path).Length);
        using var reader = TimeTagFile.Open(path);
        Assert.Equal(MeasurementMode.T3, reader.Info.Mode);
        Assert.Equal(19_999_953, reader.Info.SyncRateHz);
        Assert.Equal(25e-12, reader.Info.MicroTimeResolutionS);
        Assert.Equal(3.25, reader.Info.AcquisitionTimeS);
        Assert.Equal([0, 1], reader.Info.PhotonChannels);
        Assert.Equal(events, reader.ReadAll(chunk: 4099));
        Assert.Equal(reader.Position.Total, reader.Position.Done);
    }

    [Fact]
    public void Npy_round_trip_and_header_is_valid_numpy_v1()
    {
        using var temp = new TempFolder();
        string path = temp.File("photons.npy");
        var events = Events();
        using (var writer = new NpyTimeTagWriter(path, T3Info))
        {
            writer.Write(events);
            writer.Complete(3.25);
        }
        byte[] start = new byte[256];
        using (var stream = File.OpenRead(path))
            stream.ReadExactly(start);
        Assert.Equal(new byte[] { 0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59 }, start[..6]); // \x93 N U M P Y
        Assert.Equal(new byte[] { 1, 0 }, start[6..8]);
        int headerLength = BinaryPrimitives.ReadUInt16LittleEndian(start.AsSpan(8));
        Assert.Equal(0, (10 + headerLength) % 64); // NumPy aligns the data start to 64 bytes
        string dict = Encoding.ASCII.GetString(start, 10, headerLength);
        Assert.EndsWith("\n", dict, StringComparison.Ordinal);
        Assert.Equal(
            $"{{'descr': {NpyTimeTagFormat.Descr}, 'fortran_order': False, 'shape': ({events.Length},), }}",
            dict.TrimEnd('\n', ' '));
        Assert.Equal(10 + headerLength + 24L * events.Length, new FileInfo(path).Length);
        Assert.True(File.Exists(NpyTimeTagFormat.SidecarPath(path)));

        using var reader = TimeTagFile.Open(path);
        Assert.Equal(MeasurementMode.T3, reader.Info.Mode);
        Assert.Equal(1e-12, reader.Info.TickResolutionS);
        Assert.Equal(3.25, reader.Info.AcquisitionTimeS);
        Assert.Equal(events, reader.ReadAll());
    }

    [NumpyFact]
    public void Npy_loads_in_numpy()
    {
        using var temp = new TempFolder();
        string path = temp.File("photons.npy");
        var events = Events();
        using (var writer = new NpyTimeTagWriter(path, T3Info))
        {
            writer.Write(events);
            writer.Complete(1);
        }
        string script = $"import numpy as np; a = np.load(r'{path}'); print(len(a), int(a['time_ticks'][-1]), int(a['channel'].sum()), int(a['micro_time_bins'][7]))";
        string output = NumpyFactAttribute.RunPython(script);
        long channelSum = events.Sum(e => (long)e.Channel);
        Assert.Equal($"{events.Length} {events[^1].TimeTicks} {channelSum} {events[7].MicroTimeBins}", output.Trim());
    }

    [Fact]
    public void Uncompleted_writers_leave_no_file()
    {
        using var temp = new TempFolder();
        string npy = temp.File("a.npy");
        string bin = temp.File("a.qdtt");
        using (var writer = new NpyTimeTagWriter(npy, T3Info))
            writer.Write(Events().AsSpan(0, 10));
        using (var writer = new QdSimBinaryWriter(bin, T3Info))
            writer.Write(Events().AsSpan(0, 10));
        Assert.Empty(Directory.GetFiles(temp.Path));
    }
}

/// <summary>A fact that runs only where python3 with numpy is installed (skipped with that reason otherwise).</summary>
public sealed class NumpyFactAttribute : FactAttribute
{
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            return RunPython("import numpy; print('ok')").Trim() == "ok";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    });

    public NumpyFactAttribute()
    {
        if (!Available.Value)
            Skip = "python3 with numpy is not installed on this machine: the np.load check cannot run (the header layout is checked in Npy_round_trip_and_header_is_valid_numpy_v1)";
    }

    public static string RunPython(string script)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException("python3 failed: " + process.StandardError.ReadToEnd());
        return output;
    }
}
