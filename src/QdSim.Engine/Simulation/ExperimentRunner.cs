using System.Diagnostics;
using QdSim.Engine.Detection;
using QdSim.Engine.Output;
using QdSim.Engine.Random;
using QdSim.Engine.Tagging;
using QdSim.Models.Parameters;
using QdSim.TimeTags;
using QdSim.TimeTags.Ptu;

namespace QdSim.Engine.Simulation;

/// <summary>Where and what to write.</summary>
/// <param name="Directory">Output folder (created).</param>
/// <param name="BaseName">File stem: &lt;stem&gt;.ptu (.bin, .npy), &lt;stem&gt;.truth.csv, &lt;stem&gt;.trajectory.csv, &lt;stem&gt;.summary.json.</param>
/// <param name="Format">Time-tag format.</param>
/// <param name="GroundTruth">Write the ground-truth CSV files.</param>
public sealed record OutputOptions(string Directory, string BaseName = "qdsim", TimeTagFileFormat Format = TimeTagFileFormat.Ptu, bool GroundTruth = true);

/// <summary>What a finished run produced.</summary>
public sealed record RunOutcome(
    RunResult Result,
    IReadOnlyList<string> Files,
    long TimeTagRecords,
    long TaggerDroppedDeadTime,
    long TaggerDroppedOutOfRange,
    double WallTimeS);

/// <summary>
/// The full pipeline of one experiment: kinetics → <see cref="IOpticalPath"/> → <see cref="IClickProcessor"/> →
/// <see cref="TimeTagger"/> → writer, plus the ground truth, all streamed. Files appear under their final names only
/// when complete.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Fixed PTU creation time, so that the same seed gives byte-identical files.</summary>
    public static readonly DateTime DeterministicCreationTimeUtc = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static RunOutcome Run(ExperimentParameters parameters, DetectionParameters detection, OutputOptions output,
        IProgress<double>? progress = null, CancellationToken cancel = default)
    {
        parameters.Validate();
        detection.Validate();
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(output.Directory);
        ulong seed = parameters.Run.Seed;
        const uint dot = 0;
        var path = new OpticalPath(detection.OpticalPath);
        LaserPulseClock? laser = parameters.Excitation.Mode == ExcitationMode.Pulsed
            ? new LaserPulseClock(parameters.Excitation.RepetitionRateHz)
            : null;
        var clicks = new ClickProcessor(detection.OpticalPath, detection.TimeTagger, laser,
            new RandomStream(seed, dot, StreamIds.Detectors), new RandomStream(seed, dot, StreamIds.Background));
        var tagger = new TimeTagger(detection.TimeTagger, path.DetectorCount, laser);
        var simulator = new ExperimentSimulator(parameters, path, clicks, dot);

        string stem = Path.Combine(output.Directory, output.BaseName);
        string ptuPath = stem + Extension(output.Format);
        var files = new List<string>();
        using var writer = TimeTagFile.CreateWriter(ptuPath, tagger.BuildStreamInfo(parameters.Run.DurationS), output.Format, new PtuWriterOptions
        {
            CreationTime = DeterministicCreationTimeUtc,
            FileGuid = GuidFromSeed(seed),
            Comment = $"QdSim simulation, seed {seed}",
        });
        var tagSink = new TimeTagSink(tagger, writer);
        using var truth = output.GroundTruth ? new GroundTruthWriter(stem + ".truth.csv", stem + ".trajectory.csv") : null;
        IExperimentSink sink = truth is null ? tagSink : new CompositeSink(tagSink, truth);

        var result = simulator.Run(sink, progress, cancel);
        long endPs = (long)Math.Round(parameters.Run.DurationS * 1e12);
        tagSink.Complete(endPs);
        files.Add(ptuPath);
        if (truth is not null)
        {
            truth.Complete();
            files.AddRange(truth.Paths);
        }
        return new RunOutcome(result, files, tagSink.RecordsWritten, tagger.DroppedTaggerDeadTime, tagger.DroppedOutOfRange,
            clock.Elapsed.TotalSeconds);
    }

    /// <summary>File extension of a time-tag format.</summary>
    public static string Extension(TimeTagFileFormat format) => format switch
    {
        TimeTagFileFormat.Ptu => ".ptu",
        TimeTagFileFormat.Npy => ".npy",
        _ => ".bin",
    };

    /// <summary>A GUID that depends only on the seed (File_GUID), for byte-identical files.</summary>
    public static Guid GuidFromSeed(ulong seed)
    {
        var (a, b, c, d) = Philox4x32.Block((uint)seed, (uint)(seed >> 32), 0x51D, 0x6D1D, 0xC0FFEE, 0);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[4..], b);
        BitConverter.TryWriteBytes(bytes[8..], c);
        BitConverter.TryWriteBytes(bytes[12..], d);
        return new Guid(bytes);
    }
}
