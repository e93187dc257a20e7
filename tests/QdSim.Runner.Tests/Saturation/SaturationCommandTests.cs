using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QdSim.Runner.Cli;
using QdSim.Runner.Commands;
using QdSim.Runner.Tests.Sweeps;
using Xunit.Abstractions;
using static QdSim.Runner.Tests.Saturation.SaturationFiles;

namespace QdSim.Runner.Tests.Saturation;

/// <summary>
/// `qdsim saturation` on synthetic power series whose Poisson count rates follow A(1 − e^(−⟨N⟩)) with known A and σ:
/// the fit must recover them within 4 standard errors of its own covariance, and that covariance must match the Fisher
/// information of the Poisson counts at the true parameters (ratio within [0.9, 2.3]: the fit's errors are evaluated at
/// the estimate, and scaled up by √(χ²/dof) when χ² &gt; dof, which for 4–5 dof exceeds 2.3 with probability &lt; 10⁻³).
/// Every error path is one line naming the option or file, exit code 2.
/// </summary>
[Collection("console")]
public sealed class SaturationCommandTests : IDisposable
{
    private const double Sigmas = 4;
    private const double WavelengthNm = 405;
    private const double CrossSectionCm2 = 8e-15; // σ ≈ 9.0×10⁻¹⁷ cm² · L³ for a 4.5 nm CsPbBr₃ dot at 405 nm
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qdsim-saturation-" + Guid.NewGuid().ToString("N"));

    private readonly ITestOutputHelper _log;

    public SaturationCommandTests(ITestOutputHelper log)
    {
        _log = log;
        Directory.CreateDirectory(_dir);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Photons/cm² per pulse from one unit of energy fluence (µJ/cm²), written out here rather than taken from the code under test.</summary>
    private static double PhotonsPerCm2PerUJPerCm2 => 1e-6 / (6.62607015e-34 * 299792458.0 / (WavelengthNm * 1e-9));

    private (int Code, string Out, string Error) Qdsim(params string[] arguments)
    {
        var root = new RootCommand();
        root.Subcommands.Add(SaturationCommand.Create());
        var (savedOut, savedError) = (Console.Out, Console.Error);
        var (output, error) = (new StringWriter(), new StringWriter());
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int code = root.Parse(["saturation", .. arguments]).Invoke();
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(savedOut);
            Console.SetError(savedError);
        }
    }

    private static string Csv(IEnumerable<double> values) => string.Join(',', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private JsonElement ReadJson(string folder)
    {
        var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "saturation.json"))).RootElement;
        var fit = json.GetProperty("fit");
        _log.WriteLine($"χ² = {fit.GetProperty("chiSquare").GetDouble():F2} for {fit.GetProperty("degreesOfFreedom").GetInt32()} dof; residuals/σ: " +
            string.Join(" ", json.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("residualSigmas").GetDouble().ToString("+0.00;-0.00", CultureInfo.InvariantCulture))));
        return json;
    }

    private void AssertWithin(double measured, double sigma, double expected, string what)
    {
        _log.WriteLine($"{what}: {measured:G6} ± {sigma:G3}, expected {expected:G6} ({(measured - expected) / sigma:+0.00;-0.00}σ)");
        Assert.True(Math.Abs(measured - expected) <= Sigmas * sigma, $"{what}: {measured:G6} ± {sigma:G3}, expected {expected:G6} (≤ {Sigmas}σ)");
    }

    /// <summary>Parameter standard errors of rate = A(1 − e^(−k·x)) from the Fisher information of independent points with variances <paramref name="variance"/>.</summary>
    private static (double SigmaA, double SigmaK) FisherErrors(double a, double k, IReadOnlyList<double> x, IReadOnlyList<double> variance)
    {
        double jaa = 0, jak = 0, jkk = 0;
        for (int i = 0; i < x.Count; i++)
        {
            double e = Math.Exp(-k * x[i]), da = 1 - e, dk = a * x[i] * e;
            jaa += da * da / variance[i]; jak += da * dk / variance[i]; jkk += dk * dk / variance[i];
        }
        double det = jaa * jkk - jak * jak;
        return (Math.Sqrt(jkk / det), Math.Sqrt(jaa / det));
    }

    private void AssertErrorMatchesFisher(double fitSigma, double fisherSigma, string what)
    {
        _log.WriteLine($"{what}: fit error / Poisson-Fisher error = {fitSigma / fisherSigma:F3}");
        Assert.True(fitSigma >= 0.9 * fisherSigma && fitSigma <= 2.3 * fisherSigma, $"{what}: fit error {fitSigma:G4} vs Poisson-Fisher {fisherSigma:G4}");
    }

    [Fact]
    public void Power_series_in_files_with_a_background_file_recovers_A_and_sigma_within_their_errors()
    {
        const double saturatedCps = 40_000, darkCpsPerChannel = 150, durationS = 1, backgroundDurationS = 3;
        const double repetitionMHz = 2, spotAreaUm2 = 0.1;
        // Photon fluence per pulse of 1 µW: pulse energy 1 µW / f over the effective area, in photons (hc/λ each).
        double photonsPerCm2PerUW = 1 / (repetitionMHz * 1e6) / (spotAreaUm2 * 1e-8) * PhotonsPerCm2PerUJPerCm2;
        double kPerUW = CrossSectionCm2 * photonsPerCm2PerUW; // ⟨N⟩ per µW ≈ 8.2
        double[] powerUW = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.4];
        var files = powerUW.Select((p, i) =>
        {
            string path = Path.Combine(_dir, $"p{i}.ptu");
            Write(path, [Split(durationS, saturatedCps * (1 - Math.Exp(-kPerUW * p)) + 2 * darkCpsPerChannel)], seed: 100 + (ulong)i);
            return path;
        }).ToArray();
        string dark = Path.Combine(_dir, "dark.ptu");
        Write(dark, [Split(backgroundDurationS, 2 * darkCpsPerChannel)], seed: 99);
        string output = Path.Combine(_dir, "out");

        var (code, stdout, error) = Qdsim([.. files, "--power-uw", Csv(powerUW), "--wavelength-nm", "405", "--repetition-rate-mhz", "2",
            "--spot-area-um2", "0.1", "--background-file", dark, "--out", output]);
        Assert.True(code == CliRun.ExitOk, error);
        foreach (var name in new[] { "saturation.json", "saturation.csv", "saturation.svg" })
            Assert.True(File.Exists(Path.Combine(output, name)), name);
        Assert.Contains("σ = ", stdout, StringComparison.Ordinal);

        var json = ReadJson(output);
        var fit = json.GetProperty("fit");
        double a = fit.GetProperty("saturatedRateCps").GetDouble(), aSigma = fit.GetProperty("saturatedRateSigmaCps").GetDouble();
        double sigma = fit.GetProperty("crossSectionCm2").GetDouble(), sigmaSigma = fit.GetProperty("crossSectionSigmaCm2").GetDouble();
        double k = fit.GetProperty("meanExcitonsPerUW").GetDouble(), kSigma = fit.GetProperty("meanExcitonsPerUWStdErr").GetDouble();
        AssertWithin(a, aSigma, saturatedCps, "A (cps)");
        AssertWithin(sigma, sigmaSigma, CrossSectionCm2, "σ (cm²)");
        AssertWithin(k, kSigma, kPerUW, "⟨N⟩ per µW");
        // σ is ⟨N⟩ per µW over the photon fluence of 1 µW, and ⟨N⟩ = 1 at 1/k µW.
        Assert.Equal(k / photonsPerCm2PerUW, sigma, sigma * 1e-9);
        AssertWithin(fit.GetProperty("saturationPowerUW").GetDouble(), fit.GetProperty("saturationPowerSigmaUW").GetDouble(), 1 / kPerUW, "P(⟨N⟩ = 1) (µW)");

        // Background: 150 cps per channel measured from the dark file, Poisson error √(R T)/T.
        var background = json.GetProperty("background");
        Assert.Equal("file", background.GetProperty("source").GetString());
        double darkTotalCps = 0;
        foreach (var channel in background.GetProperty("perChannelCps").EnumerateObject())
        {
            AssertWithin(channel.Value.GetDouble(), Math.Sqrt(darkCpsPerChannel * backgroundDurationS) / backgroundDurationS, darkCpsPerChannel, $"dark rate of channel {channel.Name}");
            darkTotalCps += channel.Value.GetDouble();
        }

        // Rate errors are the counts' Poisson errors with the dark file's added; ⟨N⟩ per point within its error.
        var points = json.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(powerUW.Length, points.Length);
        var variances = new List<double>();
        for (int i = 0; i < points.Length; i++)
        {
            var p = points[i];
            long counts = p.GetProperty("counts").GetInt64();
            Assert.Equal(Math.Sqrt(counts / (durationS * durationS) + darkTotalCps / backgroundDurationS), p.GetProperty("rateSigmaCps").GetDouble(), 1e-6);
            Assert.Equal(powerUW[i], p.GetProperty("powerUW").GetDouble());
            AssertWithin(p.GetProperty("meanExcitons").GetDouble(), p.GetProperty("meanExcitonsStdErr").GetDouble(), kPerUW * powerUW[i], $"⟨N⟩ at {powerUW[i]} µW");
            double trueRate = saturatedCps * (1 - Math.Exp(-kPerUW * powerUW[i]));
            variances.Add((trueRate + 2 * darkCpsPerChannel) / durationS + 2 * darkCpsPerChannel / backgroundDurationS);
        }
        var (fisherA, fisherK) = FisherErrors(saturatedCps, kPerUW, powerUW, variances);
        AssertErrorMatchesFisher(aSigma, fisherA, "A");
        AssertErrorMatchesFisher(kSigma, fisherK, "⟨N⟩ per µW");
    }

    [Fact]
    public void Segments_of_one_file_with_rate_steps_skip_the_transitions_and_recover_A_and_sigma()
    {
        const double saturatedCps = 60_000, stepS = 0.5, transitionS = 0.1, transitionCps = 200_000;
        double[] fluenceUJPerCm2 = [2, 5, 10, 20, 50, 100, 250];
        double kPerUJPerCm2 = CrossSectionCm2 * PhotonsPerCm2PerUJPerCm2;
        // Each step is preceded by a 0.1 s transition at 200 kcps (filter wheel turning): the segments leave it out.
        var pieces = new List<Piece>();
        var segments = new List<string>();
        double t = 0;
        foreach (var j in fluenceUJPerCm2)
        {
            pieces.Add(Split(transitionS, transitionCps));
            pieces.Add(Split(stepS, saturatedCps * (1 - Math.Exp(-kPerUJPerCm2 * j))));
            segments.Add(FormattableString.Invariant($"{t + transitionS:R}:{t + transitionS + stepS:R}"));
            t += transitionS + stepS;
        }
        string file = Path.Combine(_dir, "series.ptu");
        Write(file, pieces, seed: 7);
        string output = Path.Combine(_dir, "out");

        var (code, _, error) = Qdsim(file, "--fluence-uj-per-cm2", Csv(fluenceUJPerCm2), "--wavelength-nm", "405",
            "--segments-s", string.Join(',', segments), "--out", output, "--figures", "none");
        Assert.True(code == CliRun.ExitOk, error);
        Assert.False(File.Exists(Path.Combine(output, "saturation.svg")));

        var json = ReadJson(output);
        var points = json.GetProperty("points").EnumerateArray().ToArray();
        Assert.Equal(fluenceUJPerCm2.Length, points.Length);
        var variances = new List<double>();
        for (int i = 0; i < points.Length; i++)
        {
            // Counts of each step: Poisson around R·T; a transition leaking in would add ~2×10⁴.
            double expected = saturatedCps * (1 - Math.Exp(-kPerUJPerCm2 * fluenceUJPerCm2[i])) * stepS;
            long counts = points[i].GetProperty("counts").GetInt64();
            AssertWithin(counts, Math.Sqrt(expected), expected, $"counts of segment {i}");
            Assert.Equal(stepS, points[i].GetProperty("durationS").GetDouble(), 9);
            Assert.Equal(fluenceUJPerCm2[i] * PhotonsPerCm2PerUJPerCm2, points[i].GetProperty("photonFluencePerCm2").GetDouble(), fluenceUJPerCm2[i] * PhotonsPerCm2PerUJPerCm2 * 1e-9);
            variances.Add(expected / (stepS * stepS));
        }
        var fit = json.GetProperty("fit");
        double a = fit.GetProperty("saturatedRateCps").GetDouble(), aSigma = fit.GetProperty("saturatedRateSigmaCps").GetDouble();
        double k = fit.GetProperty("meanExcitonsPerUJPerCm2").GetDouble(), kSigma = fit.GetProperty("meanExcitonsPerUJPerCm2StdErr").GetDouble();
        AssertWithin(a, aSigma, saturatedCps, "A (cps)");
        AssertWithin(k, kSigma, kPerUJPerCm2, "⟨N⟩ per µJ/cm²");
        AssertWithin(fit.GetProperty("crossSectionCm2").GetDouble(), fit.GetProperty("crossSectionSigmaCm2").GetDouble(), CrossSectionCm2, "σ (cm²)");
        var (fisherA, fisherK) = FisherErrors(saturatedCps, kPerUJPerCm2, fluenceUJPerCm2, variances);
        AssertErrorMatchesFisher(aSigma, fisherA, "A");
        AssertErrorMatchesFisher(kSigma, fisherK, "⟨N⟩ per µJ/cm²");

        // saturation.csv: one row per point, the excitation column named after its unit.
        var lines = File.ReadAllLines(Path.Combine(output, "saturation.csv"));
        Assert.Equal(fluenceUJPerCm2.Length + 1, lines.Length);
        Assert.StartsWith("file,segment_start_s,segment_end_s,duration_s,fluence_uj_per_cm2,photon_fluence_per_cm2,counts,", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Mean_excitons_from_a_values_csv_fit_A_with_the_closed_form_Poisson_error_and_only_the_chosen_channels()
    {
        const double saturatedCps = 30_000, backgroundCpsPerChannel = 100, durationS = 1;
        double[] meanExcitons = [0.1, 0.3, 1, 2, 3];
        var rows = new List<string> { "# power series of dot 3", "file,mean_excitons" };
        for (int i = 0; i < meanExcitons.Length; i++)
        {
            // Channel 3 holds 50 kcps of something else (a reference detector): --channels 1,2 leaves it out.
            Write(Path.Combine(_dir, $"n{i}.ptu"), [Split(durationS, saturatedCps * (1 - Math.Exp(-meanExcitons[i])) + 2 * backgroundCpsPerChannel, extraChannel3Cps: 50_000)], seed: 300 + (ulong)i);
            rows.Add(FormattableString.Invariant($"n{i}.ptu,{meanExcitons[i]}"));
        }
        string values = Path.Combine(_dir, "values.csv");
        File.WriteAllLines(values, rows);
        string output = Path.Combine(_dir, "out");

        var (code, _, error) = Qdsim("--values-csv", values, "--channels", "1,2", "--background-cps", "1=100,2=100", "--out", output, "--figures", "none");
        Assert.True(code == CliRun.ExitOk, error);
        var json = ReadJson(output);
        var fit = json.GetProperty("fit");
        double a = fit.GetProperty("saturatedRateCps").GetDouble(), aSigma = fit.GetProperty("saturatedRateSigmaCps").GetDouble();
        AssertWithin(a, aSigma, saturatedCps, "A (cps)");
        Assert.Equal(JsonValueKind.Null, fit.GetProperty("crossSectionCm2").ValueKind);

        // Linear in A: σ_A = 1/√Σ f²/σ², σ² = N/T² from the counts, scaled by √(χ²/dof) when χ² > dof.
        var points = json.GetProperty("points").EnumerateArray().ToArray();
        double information = 0, trueInformation = 0;
        for (int i = 0; i < points.Length; i++)
        {
            long counts = points[i].GetProperty("counts").GetInt64();
            Assert.Equal(new[] { "1", "2" }, points[i].GetProperty("countsPerChannel").EnumerateObject().Select(c => c.Name));
            Assert.Equal(2 * backgroundCpsPerChannel, points[i].GetProperty("backgroundCps").GetDouble());
            AssertWithin(counts, Math.Sqrt(counts), (saturatedCps * (1 - Math.Exp(-meanExcitons[i])) + 2 * backgroundCpsPerChannel) * durationS, $"counts of n{i} (channels 1 and 2)");
            double f = 1 - Math.Exp(-meanExcitons[i]);
            information += f * f * durationS * durationS / counts;
            trueInformation += f * f * durationS / (saturatedCps * f + 2 * backgroundCpsPerChannel);
            // ⟨N⟩ = −ln(1 − R/A) from this point's rate alone agrees with the given one within its error: the reported one
            // (from the rate) and that of A, ∂⟨N⟩/∂A = −R/(A(A − R)), added in quadrature.
            double rate = points[i].GetProperty("rateCps").GetDouble();
            double fromASigma = rate / (a * (a - rate)) * aSigma;
            AssertWithin(points[i].GetProperty("meanExcitonsFromRate").GetDouble(),
                Math.Sqrt(Math.Pow(points[i].GetProperty("meanExcitonsFromRateStdErr").GetDouble(), 2) + fromASigma * fromASigma), meanExcitons[i], $"⟨N⟩ from the rate of n{i}");
        }
        double scale = Math.Max(1, fit.GetProperty("chiSquare").GetDouble() / fit.GetProperty("degreesOfFreedom").GetInt32());
        Assert.Equal(Math.Sqrt(scale / information), aSigma, aSigma * 1e-9);
        AssertErrorMatchesFisher(aSigma, 1 / Math.Sqrt(trueInformation), "A");
    }

    private string OnePtu(string name = "a.ptu", double durationS = 1)
    {
        string path = Path.Combine(_dir, name);
        Write(path, [Split(durationS, 1000)], seed: 1);
        return path;
    }

    public static TheoryData<string[], string[]> UserMistakes => new()
    {
        { ["{a}", "{b}", "--power-uw", "1,2,3"], ["--power-uw", "3 value(s) for 2 point(s)", "µW"] },
        { ["{a}", "{b}", "--power-uw", "1", "--segments-s", "0:0.5,0.5:1"], ["--power-uw", "1 value(s) for 4 point(s)", "2 file(s) × 2 segment(s)"] },
        { ["{a}", "{b}", "--fluence-uj-per-cm2", "1,-2", "--wavelength-nm", "405"], ["--fluence-uj-per-cm2", "-2 µJ/cm² is negative"] },
        { ["{a}", "{b}", "--mean-excitons", "0.1,abc"], ["--mean-excitons", "'abc' is not a number"] },
        { ["{a}", "{b}", "--fluence-uj-per-cm2", "1,2"], ["--wavelength-nm", "missing", "nm"] },
        { ["{a}", "{b}", "--power-uw", "1,2", "--wavelength-nm", "405"], ["--repetition-rate-mhz", "--spot-area-um2", "missing"] },
        { ["{a}", "{b}", "--power-uw", "1,2", "--mean-excitons", "1,2"], ["--mean-excitons and --power-uw", "one way only"] },
        { ["{a}", "{b}"], ["excitation: missing", "--power-uw (µW)"] },
        { ["{a}", "--power-uw", "1,2", "--segments-s", "0:0.5,0.5:2"], ["--segments-s 0.5:2", "ends after the end of", "(1 s, its header's acquisition time"] },
        { ["{a}", "--power-uw", "1,2", "--segments-s", "0:0.6,0.5:1"], ["--segments-s", "'0.5:1' overlaps"] },
        { ["{a}", "{a}", "--power-uw", "1,2"], ["overlaps"] },
        { ["{a}", "{missing}", "--power-uw", "1,2"], ["missing.ptu: not found"] },
        { ["{a}", "{garbage}", "--power-uw", "1,2"], ["garbage.ptu", "not a time-tag file"] },
        { ["{a}", "{b}", "--power-uw", "1,2", "--background-cps", "-5"], ["--background-cps", "counts/s"] },
        { ["{a}", "{b}", "--power-uw", "1,2", "--channels", "1,7"], ["--channels", "no photon channel 7"] },
        { ["{a}", "--mean-excitons", "1"], ["--mean-excitons", "1 point(s)", "needs at least 2"] },
    };

    [Theory]
    [MemberData(nameof(UserMistakes))]
    public void User_mistakes_are_one_line_naming_the_option_or_file_exit_2_and_no_output(string[] arguments, string[] expected)
    {
        string a = OnePtu(), b = OnePtu("b.ptu");
        File.WriteAllText(Path.Combine(_dir, "garbage.ptu"), "these are not time tags");
        string output = Path.Combine(_dir, "out");
        var resolved = arguments.Select(x => x.Replace("{a}", a).Replace("{b}", b)
            .Replace("{missing}", Path.Combine(_dir, "missing.ptu")).Replace("{garbage}", Path.Combine(_dir, "garbage.ptu"))).ToArray();
        var (code, _, error) = Qdsim([.. resolved, "--out", output]);
        Assert.Equal(CliRun.ExitUserError, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("qdsim: error:", StringComparison.Ordinal));
        foreach (var text in expected) Assert.Contains(text, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // no stack trace
        Assert.False(File.Exists(Path.Combine(output, "saturation.json")));
    }

    [Fact]
    public void The_installed_verb_exits_2_with_one_line_on_stderr()
    {
        string a = OnePtu();
        var (code, _, error) = QdSimProcess.Run(new Dictionary<string, string>(), "saturation", a, "--power-uw", "1,2", "--out", Path.Combine(_dir, "out"));
        Assert.Equal(CliRun.ExitUserError, code);
        Assert.Equal("qdsim: error: --power-uw: 2 value(s) for 1 point(s) (1 file(s)); give one value in µW per point, in file order then segment order", error.Trim());
    }
}
