using QdSim.Analysis.Flid;
using QdSim.Analysis.Tests.Correlation;
using QdSim.TimeTags;

namespace QdSim.Analysis.Tests.Lifetimes;

public class FlidTests
{
    [Fact]
    public void TwoLevels_PutMassAtTheirIntensityAndLifetimeCells()
    {
        // Bright level: 4 kcps (40 photons per 10 ms bin), τ = 8 ns; grey level: 1 kcps (10 per bin), τ = 2 ns.
        // Levels switch every 0.5 s (50 whole bins), 40 s in all: 2000 bins of each.
        const double tickS = 1e-12, periodS = 50e-9, microS = 10e-12, binS = 10e-3;
        var rng = new TestRng(203);
        var events = new List<TimeTagEvent>();
        long periodTicks = (long)Math.Round(periodS / tickS);
        for (int segment = 0; segment < 80; segment++)
        {
            bool bright = segment % 2 == 0;
            double rateHz = bright ? 4e3 : 1e3, tauS = bright ? 8e-9 : 2e-9, start = segment * 0.5;
            var photons = new List<TimeTagEvent>();
            for (double t = start + rng.Exponential(1 / rateHz); t < start + 0.5; t += rng.Exponential(1 / rateHz))
            {
                long sync = (long)(t / periodS);
                int bins = (int)(Math.Min(rng.Exponential(tauS), periodS - microS) / microS);
                photons.Add(new TimeTagEvent(sync * periodTicks + (long)Math.Round(bins * microS / tickS), 1, TimeTagKind.Photon, sync, bins));
            }
            events.AddRange(photons.OrderBy(p => p.TimeTicks));
        }
        var info = new TimeTagStreamInfo { Mode = MeasurementMode.T3, TickResolutionS = tickS, SyncRateHz = 1 / periodS, MicroTimeResolutionS = microS, Source = "synthetic" };
        var flid = new FlidBuilder(info, new FlidOptions { TimeBinS = binS, DelayCellS = 0.25e-9 });
        TestStreams.Feed(flid, events.ToArray(), 5000);
        var h = flid.Finish();

        // Boxes around each level: counts within ±2.4σ of Poisson (bright 25–55, grey 3–17), mean delays within ≈ ±3σ of τ
        // (σ = τ/√n: bright 4–14 ns, grey 0.2–5 ns). Per level the expected fraction of bins outside its box is < 2%
        // (Poisson tails 0.8% + 0.7%, Gamma tails ≤ 0.3%), so ≥ 96% inside is a 4σ margin on 2000 bins (σ ≈ 0.3%),
        // and the boxes do not overlap, so a swapped axis or a lost level fails.
        long brightBox = h.Sum(25, 55, 4e-9, 14e-9), greyBox = h.Sum(3, 17, 0.2e-9, 5e-9);
        Assert.True(brightBox >= 0.96 * 2000, $"bright level: {brightBox} of 2000 bins at (25–55 counts, 4–14 ns); expected ≥ 96%");
        Assert.True(greyBox >= 0.96 * 2000, $"grey level: {greyBox} of 2000 bins at (3–17 counts, 0.2–5 ns); expected ≥ 96%");
        Assert.Equal(40.0 / binS, h.IntensityCps(40), 6);
    }
}
