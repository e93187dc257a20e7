using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using QdSim.Engine.Photons;
using QdSim.Engine.Simulation;
using QdSim.Models.Parameters;
using QdSim.TimeTags.IO;

namespace QdSim.Engine.Output;

/// <summary>
/// The run summary (&lt;stem&gt;.summary.json): counts and rates per channel and origin, photons absorbed / emitted /
/// detected, the path taken (skip-ahead or per pulse, and why), n_max truncation probability, files written, seeds and
/// stream coordinates, every parameter value used and where it came from.
/// </summary>
public static class RunSummary
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static JsonObject Build(RunOutcome outcome, ExperimentParameters p, DetectionParameters detection,
        IReadOnlyDictionary<string, string> parameterSources)
    {
        var r = outcome.Result;
        double durationS = p.Run.DurationS;
        var perDetector = new JsonArray();
        for (int i = 0; i < r.EventsByDetector.Length; i++)
        {
            perDetector.Add(new JsonObject
            {
                ["detector"] = i,
                ["events"] = r.EventsByDetector[i],
                ["rateCps"] = r.EventsByDetector[i] / durationS,
            });
        }
        var emitted = new JsonObject();
        var detected = new JsonObject();
        foreach (var origin in Enum.GetValues<EventOrigin>())
        {
            long e = r.Counters.EmittedByOrigin[(int)origin], d = r.Counters.DetectedByOrigin[(int)origin];
            if (e > 0) emitted[GroundTruthWriter.OriginName(origin)] = e;
            if (d > 0) detected[GroundTruthWriter.OriginName(origin)] = d;
        }
        var levels = new JsonObject();
        foreach (var (level, s) in r.TimeInLevelS.OrderBy(kv => kv.Key)) levels[level.ToString()] = s;

        return new JsonObject
        {
            ["qdsimSummaryVersion"] = 1,
            ["durationS"] = durationS,
            ["seed"] = p.Run.Seed,
            ["randomStreams"] = "Philox4x32-10, key = seed, counter = (draw, dot 0, stream id); kinetics streams: 65536 + 16*segment + id (1 excitation, 2 cascade, 4 optics); environment 3; detectors 5; background 6",
            ["threads"] = p.Run.Threads,
            ["mode"] = r.ModeUsed.ToString(),
            ["perPulseReason"] = r.PerPulseReason,
            ["segments"] = r.Segments,
            ["segmentDurationS"] = r.SegmentDurationS,
            ["wallTimeS"] = outcome.WallTimeS,
            ["laserPulses"] = r.TotalPulses,
            ["pulsesSimulated"] = r.Counters.SimulatedPulses,
            ["pulsesWithOpticalDetection"] = r.Counters.PulsesWithDetection,
            ["absorbedPhotonsExpected"] = r.ExpectedAbsorbedPhotons,
            ["emittedPhotonsExpected"] = r.ExpectedEmittedPhotons,
            ["emittedPhotonsInSimulatedPulses"] = emitted,
            ["opticalDetectionsByOrigin"] = detected,
            ["augerDecaysInSimulatedPulses"] = r.Counters.AugerDecays,
            ["maxExcitonsTruncationProbabilityPerPulse"] = r.TruncationProbabilityPerPulse,
            ["excitonsLostToCap"] = r.Counters.TruncatedExcitons,
            ["cascadeOverrunBound"] = r.CascadeOverrunBound,
            ["recordedEventsByDetector"] = perDetector,
            ["timeTagRecords"] = outcome.TimeTagRecords,
            ["taggerDroppedDeadTime"] = outcome.TaggerDroppedDeadTime,
            ["taggerDroppedOutOfRange"] = outcome.TaggerDroppedOutOfRange,
            ["environmentIntervals"] = r.EnvironmentIntervals,
            ["timeInLevelS"] = levels,
            ["finalDefects"] = r.FinalDefects,
            ["bleached"] = r.Bleached,
            ["approximations"] = new JsonArray(
                "detection probability of a photon evaluated per 1/16 quantile slice of its line (split-Gaussian line shape)",
                "environment events (switching, charging, damage) drawn from their per-pulse rates, independent of the cascade of the same pulse",
                "charged levels with n >= 2 use the neutral multiexciton rates"),
            ["files"] = new JsonArray(outcome.Files.Select(f => (JsonNode)Path.GetFileName(f)).ToArray()),
            ["parameters"] = new JsonObject
            {
                ["experiment"] = JsonSerializer.SerializeToNode(p, Json),
                ["detection"] = JsonSerializer.SerializeToNode(detection, Json),
            },
            ["parameterSources"] = new JsonObject(parameterSources.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
    }

    /// <summary>Writes the summary atomically.</summary>
    public static void Write(string path, JsonObject summary)
    {
        using var file = AtomicFile.Create(path);
        using (var w = new Utf8JsonWriter(file.Stream, new JsonWriterOptions { Indented = true }))
            summary.WriteTo(w);
        file.Commit();
    }
}
