using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;
using QdSim.Models.Parameters.Detection;
using static QdSim.Engine.Tests.Detection.DetectionTestKit;

namespace QdSim.Engine.Tests.Detection;

public class OpticalPathTests
{
    private static EmittedPhoton Photon(double wavelengthNm, double dx, double dy, double dz) => new()
    {
        EnergyEv = OpticalPath.HcEvNm / wavelengthNm,
        DipoleX = (float)dx, DipoleY = (float)dy, DipoleZ = (float)dz,
    };

    private static EmittedPhoton InPlane(double angleDeg, double wavelengthNm = 515) =>
        Photon(wavelengthNm, Math.Cos(angleDeg * Math.PI / 180), Math.Sin(angleDeg * Math.PI / 180), 0);

    [Fact]
    public void Collection_IsotropicAverageOfPresetsMatchesPhysicsTable()
    {
        var path = new OpticalPath(SingleArm(new DetectionArmParameters { Detector = IdealDetector }));
        double x = path.DetectionProbability(Photon(515, 1, 0, 0));
        double y = path.DetectionProbability(Photon(515, 0, 1, 0));
        double z = path.DetectionProbability(Photon(515, 0, 0, 1));
        // Dipole vectors are floats: 1e-7 relative.
        Assert.Equal(0.386, x, 1e-7);
        Assert.Equal(0.284, z, 1e-7);
        Assert.Equal(0.352, (x + y + z) / 3, 1e-7); // PHYSICS.md §9: isotropic 35.2% index-matched
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(135)]
    public void Polariser_FollowsMalusLaw(double polariserDeg)
    {
        const double dipoleDeg = 30, extinction = 1e5;
        var path = new OpticalPath(new OpticalPathParameters
        {
            Collection = new CollectionParameters { Preset = CollectionPreset.Explicit, EfficiencyFraction = 1 },
            Elements = [new OpticalElementParameters { Kind = OpticalElementKind.Polariser, AngleDeg = polariserDeg, PassTransmission = 1, ExtinctionRatio = extinction }],
            BeamSplitter = null,
            Arms = [new DetectionArmParameters { Detector = IdealDetector }],
        });
        double c = Math.Cos((dipoleDeg - polariserDeg) * Math.PI / 180);
        // Diattenuator with T_max = 1, T_min = 1/ER: cos² + sin²/ER (Malus with finite extinction).
        double expected = c * c + (1 - c * c) / extinction;
        var photon = InPlane(dipoleDeg);
        Assert.Equal(expected, path.DetectionProbability(photon), 1e-6); // float dipole components: ~1e-7

        // Monte Carlo routing reproduces it: binomial error, 4σ.
        const int n = 100_000;
        var rng = new RandomStream(7, 0, StreamIds.Optics);
        int detected = 0;
        for (int i = 0; i < n; i++) if (path.Route(photon, ref rng, false) >= 0) detected++;
        double sigma = Math.Sqrt(expected * (1 - expected) / n);
        Assert.True(Math.Abs(detected / (double)n - expected) <= 4 * sigma + 1e-12,
            $"detected fraction {detected / (double)n} vs Malus {expected} ± 4σ = {4 * sigma}");
    }

    [Fact]
    public void Filters_EdgeTransmissionIsHalfwayAndEdgeWidthIs10To90Percent()
    {
        const double pass = 0.9, block = 0.01;
        double Transmission(OpticalElementParameters filter, double wavelengthNm) => new OpticalPath(new OpticalPathParameters
        {
            Collection = new CollectionParameters { Preset = CollectionPreset.Explicit, EfficiencyFraction = 1 },
            Elements = [filter],
            BeamSplitter = null,
            Arms = [new DetectionArmParameters { Detector = IdealDetector }],
        }).DetectionProbability(Photon(wavelengthNm, 0, 0, 1));

        var longPass = new OpticalElementParameters { Kind = OpticalElementKind.LongPass, EdgeNm = 500, EdgeWidthNm = 10, PassTransmission = pass, BlockTransmission = block };
        Assert.Equal((pass + block) / 2, Transmission(longPass, 500), 1e-9);
        Assert.Equal(block + 0.1 * (pass - block), Transmission(longPass, 495), 1e-9);
        Assert.Equal(block + 0.9 * (pass - block), Transmission(longPass, 505), 1e-9);
        Assert.Equal(pass, Transmission(longPass, 600), 1e-6);

        var shortPass = longPass with { Kind = OpticalElementKind.ShortPass };
        Assert.Equal((pass + block) / 2, Transmission(shortPass, 500), 1e-9);
        Assert.Equal(block + 0.9 * (pass - block), Transmission(shortPass, 495), 1e-9);
        Assert.Equal(block, Transmission(shortPass, 600), 1e-6);

        var sharp = longPass with { EdgeWidthNm = 0 };
        Assert.Equal((pass + block) / 2, Transmission(sharp, 500), 1e-9);
        Assert.Equal(pass, Transmission(sharp, 500.001), 1e-12);

        var band = new OpticalElementParameters { Kind = OpticalElementKind.BandPass, CentreNm = 515, WidthNm = 40, EdgeWidthNm = 2, PassTransmission = pass, BlockTransmission = block };
        Assert.Equal(pass, Transmission(band, 515), 1e-6);
        Assert.Equal((pass + block) / 2, Transmission(band, 495), 1e-6); // other edge 40 nm away: factor 1 − O(1e-38)
        Assert.Equal(block, Transmission(band, 400), 1e-6);

        var notch = band with { Kind = OpticalElementKind.Notch };
        Assert.Equal(block, Transmission(notch, 515), 1e-6);
        Assert.Equal((pass + block) / 2, Transmission(notch, 535), 1e-6);
        Assert.Equal(pass, Transmission(notch, 600), 1e-6);
    }

    [Fact]
    public void RatioSplitter_ConditionedRoutingFollowsRatio()
    {
        var path = new OpticalPath(new OpticalPathParameters
        {
            BeamSplitter = new BeamSplitterParameters { ArmFractions = [0.7, 0.3] },
            Arms = [new DetectionArmParameters { Detector = IdealDetector }, new DetectionArmParameters { Detector = IdealDetector }],
        });
        var photon = InPlane(10);
        Assert.Equal(0.386, path.DetectionProbability(photon), 1e-7); // fractions sum to 1, QE 1
        const int n = 200_000;
        var rng = new RandomStream(11, 0, StreamIds.Optics);
        int arm0 = 0;
        for (int i = 0; i < n; i++)
        {
            int d = path.Route(photon, ref rng, true);
            Assert.InRange(d, 0, 1);
            if (d == 0) arm0++;
        }
        double sigma = Math.Sqrt(0.7 * 0.3 / n);
        Assert.True(Math.Abs(arm0 / (double)n - 0.7) <= 4 * sigma, $"arm 0 fraction {arm0 / (double)n} vs 0.7 ± 4σ = {4 * sigma}");
    }

    [Fact]
    public void PolarisingSplitter_SeparatesInPlaneComponents_AxialDipoleSplitsEvenly()
    {
        const double er = 1000;
        var path = new OpticalPath(new OpticalPathParameters
        {
            Collection = new CollectionParameters { Preset = CollectionPreset.AirGlassNa145 },
            BeamSplitter = new BeamSplitterParameters { Kind = BeamSplitterKind.Polarising, AxisDeg = 0, ExtinctionRatio = er },
            Arms = [new DetectionArmParameters { Detector = IdealDetector }, new DetectionArmParameters { Detector = IdealDetector }],
        });
        Span<double> p = stackalloc double[2];
        path.ArmProbabilities(InPlane(0), p);
        Assert.Equal(0.80 * er / (er + 1), p[0], 1e-7);
        Assert.Equal(0.80 / (er + 1), p[1], 1e-7);
        path.ArmProbabilities(InPlane(90), p);
        Assert.Equal(0.80 / (er + 1), p[0], 1e-7);
        path.ArmProbabilities(Photon(515, 0, 0, 1), p);
        Assert.Equal(0.83 / 2, p[0], 1e-7);
        Assert.Equal(0.83 / 2, p[1], 1e-7);
    }

    [Fact]
    public void DichroicSplitter_SendsLongWavelengthsToArm0_HalfAtEdge()
    {
        var path = new OpticalPath(new OpticalPathParameters
        {
            Collection = new CollectionParameters { Preset = CollectionPreset.Explicit, EfficiencyFraction = 1 },
            BeamSplitter = new BeamSplitterParameters { Kind = BeamSplitterKind.Dichroic, EdgeNm = 510, EdgeWidthNm = 4 },
            Arms = [new DetectionArmParameters { Detector = IdealDetector }, new DetectionArmParameters { Detector = IdealDetector }],
        });
        Span<double> p = stackalloc double[2];
        path.ArmProbabilities(Photon(510, 0, 0, 1), p);
        Assert.Equal(0.5, p[0], 1e-9);
        Assert.Equal(0.5, p[1], 1e-9);
        path.ArmProbabilities(Photon(520, 0, 0, 1), p);
        Assert.True(p[0] > 0.999 && p[1] < 0.001, $"520 nm: arm0 {p[0]}, arm1 {p[1]}");
    }

    [Fact]
    public void QuantumEfficiencyTable_IsInterpolatedLinearlyAndHeldBeyondEnds()
    {
        var detector = DetectorPresets.ExcelitasSpcmAqrh;
        var path = new OpticalPath(new OpticalPathParameters
        {
            Collection = new CollectionParameters { Preset = CollectionPreset.Explicit, EfficiencyFraction = 1 },
            BeamSplitter = null,
            Arms = [new DetectionArmParameters { Detector = detector }],
        });
        Assert.Equal(0.45, path.DetectionProbability(Photon(475, 0, 0, 1)), 1e-9); // halfway 40% → 50%
        Assert.Equal(0.615, path.DetectionProbability(Photon(600, 0, 0, 1)), 1e-9);
        Assert.Equal(0.40, path.DetectionProbability(Photon(400, 0, 0, 1)), 1e-9);
        Assert.Equal(0.65, path.DetectionProbability(Photon(800, 0, 0, 1)), 1e-9);
    }

    [Fact]
    public void UnconditionedRouting_DetectsWithProbabilityEta()
    {
        var path = new OpticalPath(OpticalPathParameters.Hbt(DetectorPresets.MpdPdm50));
        var photon = InPlane(0, 520);
        double eta = path.DetectionProbability(photon);
        const int n = 200_000;
        var rng = new RandomStream(3, 0, StreamIds.Optics);
        int detected = 0;
        for (int i = 0; i < n; i++) if (path.Route(photon, ref rng, false) >= 0) detected++;
        double sigma = Math.Sqrt(eta * (1 - eta) / n);
        Assert.True(Math.Abs(detected / (double)n - eta) <= 4 * sigma, $"detected {detected / (double)n} vs η = {eta} ± 4σ = {4 * sigma}");
    }
}
