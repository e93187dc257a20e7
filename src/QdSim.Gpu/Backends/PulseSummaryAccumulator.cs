namespace QdSim.Gpu.Backends;

/// <summary>
/// Accumulates a <see cref="DotSummary"/> and its trace histogram from the clicks of successive pulses (pulse indices
/// increasing). The CUDA kernel (Kernels/ensemble.cu, <c>accumulate_pulse</c>/<c>finish_dot</c>) implements the same
/// rules line for line; keep them together.
/// </summary>
/// <remarks>Trace bins are whole numbers of laser periods (bin b holds pulses [b·P, (b+1)·P)); only complete bins enter
/// the histogram, and bins without clicks are counted in bin 0 at the end.</remarks>
public struct PulseSummaryAccumulator
{
    private DotSummary _s;
    private readonly long _pulsesPerBin, _completeBins;
    private long _lastPulse, _last0, _last1;
    private long _bin, _binCount, _binsWithClicks;

    public PulseSummaryAccumulator(long pulses, long pulsesPerBin)
    {
        _s = new DotSummary { Pulses = pulses };
        _pulsesPerBin = pulsesPerBin;
        _completeBins = pulses / pulsesPerBin;
        _lastPulse = -2;
        _bin = -1;
    }

    /// <summary>Adds one pulse with n₀ ≥ 0, n₁ ≥ 0 clicks (at least one).</summary>
    public void AddPulse(long pulse, long n0, long n1, Span<long> histogram)
    {
        long m = n0 + n1;
        _s.Detected0 += n0;
        _s.Detected1 += n1;
        _s.PulsesWithDetection++;
        _s.FactorialMoment2 += m * (m - 1);
        _s.ZeroPeakArea += n0 * n1;
        if (pulse == _lastPulse + 1) _s.SidePeaksArea += _last0 * n1 + _last1 * n0;
        _lastPulse = pulse;
        _last0 = n0;
        _last1 = n1;

        long bin = pulse / _pulsesPerBin;
        if (bin != _bin)
        {
            FlushBin(histogram);
            _bin = bin;
        }
        _binCount += m;
    }

    private void FlushBin(Span<long> histogram)
    {
        if (_bin >= 0 && _bin < _completeBins && _binCount > 0)
        {
            histogram[(int)Math.Min(_binCount, histogram.Length - 1)]++;
            _binsWithClicks++;
        }
        _binCount = 0;
    }

    /// <summary>Closes the last bin, counts the empty bins, returns the summary.</summary>
    public DotSummary Finish(Span<long> histogram)
    {
        FlushBin(histogram);
        histogram[0] += _completeBins - _binsWithClicks;
        _s.TraceBins = _completeBins;
        return _s;
    }
}
