using QdSim.Engine.Photons;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Tests.Simulation;

/// <summary>Same seed → same events; the thread count never changes the output.</summary>
public class DeterminismTests
{
    private static ExperimentParameters Blinking(int threads, ulong seed) => TestRuns.Pulsed(
        TestRuns.Dot(qyX: 0.9, xxAugerLifetimeNs: 0.05), 0.5, durationS: 0.2, seed, SimulationMode.SkipAhead,
        new EnvironmentParameters
        {
            Processes =
            [
                new BlinkingProcessParameters
                {
                    States =
                    [
                        new EnvironmentStateParameters { Name = "ON", Dwell = new DwellLawParameters { Law = DwellLawKind.PowerLaw, Exponent = 1.5, Min = 0.001, Max = 1 } },
                        new EnvironmentStateParameters { Name = "OFF", Level = EmissiveLevel.Off, Charge = -1, Dwell = new DwellLawParameters { Mean = 0.01 } },
                    ],
                },
            ],
            Charging = new ChargingParameters { ProbabilityPerAbsorbedPhoton = 1e-5 },
        }, threads, segmentS: 0.01);

    private static DetectedEvent[] Events(ExperimentParameters p) => TestRuns.Run(p, eta: 0.3).Sink.Events.ToArray();

    private static void AssertIdentical(DetectedEvent[] a, DetectedEvent[] b)
    {
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++)
        {
            Assert.True(a[i].Equals(b[i]), $"event {i} differs: {a[i].DetectionTimePs}/{a[i].Detector}/{a[i].Origin} vs {b[i].DetectionTimePs}/{b[i].Detector}/{b[i].Origin}");
        }
    }

    [Fact]
    public void Same_seed_twice_gives_identical_events()
    {
        var first = Events(Blinking(1, 5));
        Assert.True(first.Length > 1000);
        AssertIdentical(first, Events(Blinking(1, 5)));
        Assert.NotEqual(first.Length, Events(Blinking(1, 6)).Length); // a different seed does change the run
    }

    [Fact]
    public void One_and_two_threads_give_identical_events()
    {
        var one = Events(Blinking(1, 9));
        var two = Events(Blinking(2, 9));
        AssertIdentical(one, two);
        Assert.True(one.Length > 1000);
    }
}
