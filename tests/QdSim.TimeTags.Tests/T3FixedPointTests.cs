using QdSim.TimeTags.Ptu.Records;

namespace QdSim.TimeTags.Tests;

/// <summary>
/// The integer T3 time path (<see cref="T3FixedPoint"/>) against the decimal-and-double formula the decoder used before
/// it (<see cref="OldT3Formula"/>): every decoded time must stay bit-identical.
/// </summary>
public class T3FixedPointTests
{
    // HydraHarp family (10-bit nsync, 15-bit micro time) and PicoHarp (16-bit nsync, 12-bit micro time).
    private static readonly (long MaxNsync, int MaxMicro)[] Layouts = [(1023, 32767), (65535, 4095)];

    public static TheoryData<double> SyncRates => new()
    {
        19_999_953,      // 50,000.1175… ps: not a whole number of ps
        10_000_000,      // 100,000 ps exactly
        80_000_000,      // 12,500 ps
        128_000_000,     // 7,812.5 ps: a binary fraction
        3_000_000,       // 333,333.33… ps: products land within 10⁻²² ps below a whole ps
        33_333_333,
        12_345_679,
        1.0 / 50.0123e-9, // from MeasDesc_GlobalResolution: a non-integer rate
        1e10,            // 100 ps, the reader's limit
        1000,            // 1 ms periods
        30,              // 33 ms: integer path valid but coarse, many records take the double formula
        1,               // 1 s: every record takes the double formula
    };

    private static readonly double[] Resolutions = [25e-12, 4e-12, 1e-12, 2.5e-12, 5e-12, 16e-12, 0.1e-12, 1e-9, 3.0517578125e-12];

    [Theory]
    [MemberData(nameof(SyncRates))]
    public void Integer_time_equals_the_old_formula_over_edge_and_random_inputs(double syncRateHz)
    {
        var lcg = new TestLcg((ulong)BitConverter.DoubleToInt64Bits(syncRateHz));
        decimal periodPs = 1e12m / (decimal)syncRateHz;
        // Up to where the integer base hands over to decimal (2⁶² ps) and beyond it, below the 2⁶³ ps range end.
        long handover = (long)((1UL << 62) / ((ulong)decimal.Truncate(periodPs) + 1));
        long rangeEnd = (long)(9.2e18m / periodPs);
        var bases = new List<long> { 0, 1, 2, 3, 6, 1023, 1024, 3 * 1024, 65_535, 65_536, 3L << 30, 123_456_789,
            (1L << 40) - 1024, (1L << 40) - 1, 1L << 40, (1L << 40) + 65_536, 864_000_000_000, 864_000_000_000 - 1 };
        foreach (long near in new[] { handover, Math.Min(rangeEnd, handover + handover / 2), rangeEnd - 65_536 })
        {
            for (long d = -3; d <= 3; d++)
                bases.Add(Math.Max(0, near + d));
        }
        for (int i = 0; i < 12; i++)
            bases.Add(lcg.Next(1L << 20));
        for (int i = 0; i < 12; i++)
            bases.Add(lcg.Next(1L << 41));
        bases.RemoveAll(b => b > rangeEnd);

        long checkedCount = 0;
        foreach (double resolutionS in Resolutions)
        {
            foreach (var (maxNsync, maxMicro) in Layouts)
            {
                var old = new OldT3Formula(syncRateHz, resolutionS);
                var integer = new T3FixedPoint(new T3Clock(syncRateHz, resolutionS), maxNsync, maxMicro);
                foreach (long syncBase in bases)
                {
                    old.SetBase(syncBase);
                    integer.SetBase(syncBase);
                    foreach (var (nsync, micro) in Inputs(lcg, maxNsync, maxMicro))
                    {
                        long expected = old.TimePs(nsync, micro);
                        long actual = integer.TimePs(nsync, micro);
                        if (actual != expected)
                            Assert.Fail($"rate {syncRateHz} Hz, bin {resolutionS} s, base {syncBase}, nsync {nsync}, micro {micro}: {actual} ps, old formula {expected} ps");
                        checkedCount++;
                    }
                }
            }
        }
        Assert.True(checkedCount > 20_000, $"{checkedCount} inputs checked");
    }

    [Fact]
    public void Integer_time_equals_the_old_formula_for_random_clocks()
    {
        var lcg = new TestLcg(20261122);
        for (int config = 0; config < 300; config++)
        {
            // Sync rates 1 kHz – 10 GHz and bins 0.1 ps – 1 ns, log-uniform.
            double syncRateHz = Math.Round(Math.Pow(10, 3 + 7 * Uniform(lcg)), (int)lcg.Next(3));
            double resolutionS = Math.Pow(10, -13 + 4 * Uniform(lcg));
            var (maxNsync, maxMicro) = Layouts[lcg.Next(2)];
            var old = new OldT3Formula(syncRateHz, resolutionS);
            var integer = new T3FixedPoint(new T3Clock(syncRateHz, resolutionS), maxNsync, maxMicro);
            for (int b = 0; b < 20; b++)
            {
                long syncBase = lcg.Next(2) == 0 ? lcg.Next(1L << 20) * (maxNsync + 1) : lcg.Next(1L << 44);
                syncBase = Math.Min(syncBase, (long)(9e18 * syncRateHz / 1e12)); // below the 2⁶³ ps range end
                old.SetBase(syncBase);
                integer.SetBase(syncBase);
                foreach (var (nsync, micro) in Inputs(lcg, maxNsync, maxMicro))
                    Assert.True(old.TimePs(nsync, micro) == integer.TimePs(nsync, micro),
                        $"rate {syncRateHz} Hz, bin {resolutionS} s, base {syncBase}, nsync {nsync}, micro {micro}");
            }
        }
    }

    [Fact]
    public void Exact_half_picosecond_ties_take_the_double_formula_and_keep_its_rounding()
    {
        // 10 MHz (whole-ps period, zero base fraction) with 2.5 ps bins: an odd micro time puts the exact time on a
        // half picosecond, where the double formula's rounding of 2.5e-12·1e12 decides. The floor test must refuse
        // those records (else fixed point would pick a side on its own) and the fallback must match.
        const double rate = 10_000_000, bin = 2.5e-12;
        var old = new OldT3Formula(rate, bin);
        var integer = new T3FixedPoint(new T3Clock(rate, bin), 1023, 32767);
        int refused = 0;
        for (long syncBase = 0; syncBase < 1L << 36; syncBase = syncBase * 3 + 1024)
        {
            old.SetBase(syncBase);
            integer.SetBase(syncBase);
            for (int micro = 0; micro <= 32767; micro += 7)
            {
                uint nsync = (uint)(micro % 1024);
                if (!T3FixedPoint.TryInPeriodPs(integer.BaseFx, integer.GuardSpan, integer.PeriodFx, integer.ResolutionFx,
                        integer.Shift, nsync, micro, out _))
                    refused++;
                Assert.Equal(old.TimePs(nsync, micro), integer.TimePs(nsync, micro));
            }
        }
        Assert.True(refused > 1000, $"only {refused} records took the double formula");
    }

    [Fact]
    public void Very_long_sync_periods_take_the_double_formula_for_every_record()
    {
        var integer = new T3FixedPoint(new T3Clock(1, 1e-9), 65535, 4095);
        Assert.Equal(0, integer.Shift);
        var old = new OldT3Formula(1, 1e-9);
        old.SetBase(65_536 * 5);
        integer.SetBase(65_536 * 5);
        Assert.Equal(old.TimePs(65_535, 4095), integer.TimePs(65_535, 4095));
    }

    private static IEnumerable<(uint Nsync, int Micro)> Inputs(TestLcg lcg, long maxNsync, int maxMicro)
    {
        yield return (0, 0);
        yield return ((uint)maxNsync, maxMicro);
        yield return ((uint)maxNsync, 0);
        yield return (0, maxMicro);
        yield return (1, 1);
        for (int i = 0; i < 60; i++)
            yield return ((uint)lcg.Next(maxNsync + 1), (int)lcg.Next(maxMicro + 1));
    }

    private static double Uniform(TestLcg lcg) => lcg.NextUInt32() / 4294967296.0;
}
