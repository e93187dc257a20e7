using QdSim.Runner.Sweeps;

namespace QdSim.Runner.Tests.Sweeps;

public sealed class SweepValidationTests
{
    private const string File = "/data/my-sweep.json";

    private static UserInputException Invalid(string json) =>
        Assert.Throws<UserInputException>(() => SweepFileParser.Parse(json, File, new CascadeTestEvaluator().IsKnownKey));

    [Theory]
    [InlineData("""{"axes": [{"key": "dot:edgeNmm", "values": [4, 5]}]}""", "dot:edgeNmm", "unknown configuration key")]
    [InlineData("""{"set": {"run:pulse": 10}}""", "run:pulse", "unknown configuration key")]
    [InlineData("""{"ensemble": {"draws": {"dot:size": {"distribution": "normal", "mean": 5, "sd": 1}}}}""", "dot:size", "unknown configuration key")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "values": []}]}""", "dot:edgeNm", "empty axis")]
    [InlineData("""{"axes": [{"key": "excitation:meanExcitonsPerPulse", "log": [0.01, 2, 0]}]}""", "excitation:meanExcitonsPerPulse", "empty axis")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "grid": "4:8:-1"}]}""", "dot:edgeNm", "wrong sign")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "grid": "8:4:0.5"}]}""", "dot:edgeNm", "wrong sign")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "grid": "4:8:0"}]}""", "dot:edgeNm", "step is zero")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "grid": "4:8"}]}""", "dot:edgeNm", "start:stop:step")]
    [InlineData("""{"axes": [{"key": "excitation:meanExcitonsPerPulse", "log": [0, 2, 5]}]}""", "excitation:meanExcitonsPerPulse", "> 0")]
    [InlineData("""{"axes": [{"zip": [{"key": "dot:edgeNm", "values": [4, 5]}, {"key": "dot:qyRatio", "values": [0.1]}]}]}""", "dot:qyRatio", "equal lengths")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "values": [4]}, {"key": "dot:edgeNm", "values": [5]}]}""", "dot:edgeNm", "twice")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "values": [4], "grid": "1:2:1"}]}""", "dot:edgeNm", "exactly one")]
    [InlineData("""{"axes": [{"key": "dot:edgeNm", "values": [4]}], "ensemble": {"draws": {"dot:edgeNm": {"distribution": "normal", "mean": 5, "sd": 1}}}}""", "dot:edgeNm", "twice")]
    [InlineData("""{"replicates": 0}""", "replicates", "integer from 1")]
    [InlineData("""{"sed": 5}""", "sed", "unknown entry")]
    [InlineData("""{"ensemble": {"draws": {"dot:edgeNm": {"distribution": "normal", "mean": 5, "sd": -1}}}}""", "dot:edgeNm", "negative")]
    [InlineData("""{"ensemble": {"draws": {"dot:edgeNm": {"distribution": "gamma"}}}}""", "dot:edgeNm", "unknown distribution")]
    [InlineData("""{"axes": [ {"key": "dot:edgeNm", "values": [4]} """, "", "not valid JSON")]
    public void Invalid_sweep_files_name_the_file_and_the_key(string json, string key, string reason)
    {
        var error = Invalid(json);
        Assert.StartsWith(File + ":", error.Message);
        Assert.Contains(key, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void Missing_base_file_is_named_with_the_path_it_looked_for()
    {
        var error = Invalid("""{"base": "no-such-config.json"}""");
        Assert.Contains("no-such-config.json", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void Directory_of_another_sweep_is_refused_on_resume()
    {
        var evaluator = new CascadeTestEvaluator();
        using var folder = new SweepFolder("""{"set": {"run:pulses": 10}, "axes": [{"key": "dot:edgeNm", "values": [4, 5]}]}""");
        string output = folder.Sub("out");
        SweepRunner.Run(folder.Plan(evaluator), evaluator, new SweepRunOptions(output, ShardSpec.All, 1));
        System.IO.File.WriteAllText(folder.SweepFile, """{"set": {"run:pulses": 10}, "axes": [{"key": "dot:edgeNm", "values": [4, 6]}]}""");
        var error = Assert.Throws<UserInputException>(() =>
            SweepRunner.Run(folder.Plan(evaluator), evaluator, new SweepRunOptions(output, ShardSpec.All, 1)));
        Assert.Contains("not this sweep file", error.Message);
    }
}
