using QdSim.Engine.Detection;
using QdSim.Models.Parameters.Detection;
using static QdSim.Engine.Tests.Detection.DetectionTestKit;

namespace QdSim.Engine.Tests.Detection;

public class DetectionParameterTests
{
    [Fact]
    public void Presets_AreValid()
    {
        foreach (var name in DetectorPresets.Names)
            new OpticalPath(OpticalPathParameters.Hbt(DetectorPresets.Get(name)));
        foreach (var name in TimeTaggerPresets.Names) TimeTaggerPresets.Get(name).Validate();
    }

    [Fact]
    public void BadValues_GiveOneLineErrorsNamingKeyAndUnit()
    {
        var bad = OpticalPathParameters.Hbt(IdealDetector with { DeadTimeNs = -1 });
        var e = Assert.Throws<UserInputException>(() => bad.Validate());
        Assert.Contains("Detection:OpticalPath:Arms:0:Detector:DeadTimeNs", e.Message);
        Assert.Contains("ns", e.Message);

        var filter = new OpticalElementParameters { Kind = OpticalElementKind.LongPass, EdgeNm = 500, PassTransmission = 1.5 };
        e = Assert.Throws<UserInputException>(() => (OpticalPathParameters.Hbt(IdealDetector, [filter])).Validate());
        Assert.Contains("Detection:OpticalPath:Elements:0:PassTransmission", e.Message);

        e = Assert.Throws<UserInputException>(() => new OpticalPathParameters { Arms = [new DetectionArmParameters()] }.Validate());
        Assert.Contains("BeamSplitter", e.Message);

        e = Assert.Throws<UserInputException>(() => new TimeTaggerParameters { CableDelaysPs = [0, -5] }.Validate());
        Assert.Contains("Detection:TimeTagger:CableDelaysPs:1", e.Message);

        e = Assert.Throws<UserInputException>(() => DetectorPresets.Get("nonsense"));
        Assert.Contains("ExcelitasSpcmAqrh", e.Message);

        var laserUnderCw = SingleArm(new DetectionArmParameters { Detector = IdealDetector, LaserBackground = new LaserBackgroundParameters { ProbabilityPerPulse = 0.1 } });
        e = Assert.Throws<UserInputException>(() => Processor(laserUnderCw));
        Assert.Contains("LaserBackground", e.Message);
    }
}
