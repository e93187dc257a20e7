// QdSim ensemble kernel: one thread per dot, pulsed excitation, constant environment, skip-ahead (PHYSICS.md §7).
// Compiled at run time by NVRTC (Cuda/CudaEnsembleBackend.cs). Mirrors, draw for draw:
//   Random/Philox4x32.cs, Random/RandomStream.cs       -> philox4x32_10, Stream, next_u32, next_double
//   Simulation/ExperimentSimulator.SimulateSegment      -> simulate_dot (segments, streams, skip loop)
//   Excitation/PulseStatistics.Draw*                    -> draw_pulses_to_next_detection, draw_pairs_given_detection
//   Kinetics/CascadeSampler.SimulateDetectedPulse       -> simulate_detected_pulse (fast-relaxation regime)
//   Simulation/IdealOpticalPath.Route                   -> route
//   Backends/PulseSummaryAccumulator.cs                 -> accumulate_pulse, finish_dot
// Struct layouts: Kernels/ensemble.layout (checked against the C# structs by QdSim.Gpu.Tests).
// Plain C (no headers): NVRTC compiles it without the CUDA toolkit's include files.

typedef unsigned int u32;
typedef unsigned long long u64;
typedef long long i64;

#define QD_MAX_STEPS 17 // n_max <= 16 (DotKineticsParameters validation) plus the unused index 0

struct KernelParameters {
    u64 seed;
    i64 total_pulses;
    i64 pulses_per_segment;
    i64 pulses_per_trace_bin;
    u32 first_dot;
    int dots;
    int max_excitons;
    int histogram_bins;
    double no_detection_probability; // p0
    double log_no_detection;         // ln p0
    double detection_efficiency;     // eta of the ideal 50/50 HBT
    double photon_probability[QD_MAX_STEPS];     // q_k
    double detected_probability[QD_MAX_STEPS];   // d_k = q_k eta
    double auger_probability[QD_MAX_STEPS];      // pA_k
    double no_detection[QD_MAX_STEPS];           // G_k
    double conditional_cumulative[QD_MAX_STEPS]; // cumulative P(n | >= 1 detection)
};

struct DotSummary {
    i64 detected0, detected1, pulses_with_detection, factorial_moment2, zero_peak_area, side_peaks_area, pulses, trace_bins;
};

static_assert(sizeof(struct KernelParameters) == 752, "KernelParameters layout changed: update ensemble.layout and Cuda/KernelParameters.cs");
static_assert(sizeof(struct DotSummary) == 64, "DotSummary layout changed: update ensemble.layout and Backends/EnsembleContracts.cs");

// ---- Philox4x32-10 (Salmon et al., SC'11), same constants and round structure as Philox4x32.cs ----
__device__ __forceinline__ void philox4x32_10(u32 c[4], u32 k0, u32 k1)
{
    const u32 M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
    #pragma unroll
    for (int round = 0; round < 10; round++) {
        u32 hi0 = __umulhi(M0, c[0]), lo0 = M0 * c[0];
        u32 hi1 = __umulhi(M1, c[2]), lo1 = M1 * c[2];
        u32 n0 = hi1 ^ c[1] ^ k0;
        u32 n2 = hi0 ^ c[3] ^ k1;
        c[0] = n0; c[1] = lo1; c[2] = n2; c[3] = lo0;
        k0 += W0; k1 += W1;
    }
}

// RandomStream: counter = (block_lo, block_hi, dot, stream), key = (seed_lo, seed_hi); words used in order 0..3.
struct Stream { u32 key0, key1, dot, stream; u64 block; u32 b[4]; int used; };

__device__ __forceinline__ void stream_init(Stream* s, u64 seed, u32 dot, u32 stream)
{
    s->key0 = (u32)seed; s->key1 = (u32)(seed >> 32); s->dot = dot; s->stream = stream; s->block = 0; s->used = 4;
}

__device__ __forceinline__ u32 next_u32(Stream* s)
{
    if (s->used == 4) {
        s->b[0] = (u32)s->block; s->b[1] = (u32)(s->block >> 32); s->b[2] = s->dot; s->b[3] = s->stream;
        philox4x32_10(s->b, s->key0, s->key1);
        s->block++;
        s->used = 0;
    }
    return s->b[s->used++];
}

// Same 53-bit construction as RandomStream.NextDouble: open interval (0, 1).
__device__ __forceinline__ double next_double(Stream* s)
{
    u64 hi = (u64)next_u32(s) << 21;
    u64 lo = next_u32(s) >> 11;
    return ((double)(hi ^ lo) + 0.5) * (1.0 / 9007199254740992.0);
}

// StreamIds: Excitation 1, Cascade 2, Optics 4; segment streams SegmentBase + 16 s + id.
#define QD_STREAM_EXCITATION 1u
#define QD_STREAM_CASCADE 2u
#define QD_STREAM_OPTICS 4u
#define QD_SEGMENT_BASE (1u << 16)

__device__ i64 draw_pulses_to_next_detection(const KernelParameters* p, Stream* rng)
{
    if (p->no_detection_probability >= 1.0) return 0x7FFFFFFFFFFFFFFFll;
    if (p->no_detection_probability <= 0.0) return 1;
    double k = floor(log(next_double(rng)) / p->log_no_detection);
    return k >= 9e18 ? 0x7FFFFFFFFFFFFFFFll : 1 + (i64)k;
}

__device__ int draw_pairs_given_detection(const KernelParameters* p, Stream* rng)
{
    double u = next_double(rng);
    int n = 1;
    while (n < p->max_excitons && p->conditional_cumulative[n] < u) n++;
    return n;
}

// IdealOpticalPath.Route with two detectors: one uniform; unconditioned photons are lost with probability 1 - eta.
__device__ __forceinline__ int route(const KernelParameters* p, Stream* optics, bool condition_on_detection)
{
    double u = next_double(optics);
    if (!condition_on_detection) {
        if (u >= p->detection_efficiency) return -1;
        u /= p->detection_efficiency;
    }
    int d = (int)(u * 2);
    return d < 1 ? d : 1;
}

// CascadeSampler.SimulateDetectedPulse (fast-relaxation): the same draws in the same order. Channel picks only set a
// photon's energy, which the summaries do not use, so the draws are consumed without the table search.
__device__ void simulate_detected_pulse(const KernelParameters* p, int pairs, Stream* cascade, Stream* optics, int* n0, int* n1)
{
    bool detected = false;
    for (int k = pairs; k >= 1; k--) {
        bool photon, photon_detected;
        if (!detected) {
            double after_k = 1 - p->no_detection[k];
            double u = next_double(cascade) * after_k;
            if (u < p->detected_probability[k]) { photon = true; photon_detected = true; }
            else {
                double undetected = p->photon_probability[k] - p->detected_probability[k];
                double v = next_double(cascade) * (1 - p->detected_probability[k]);
                photon = v < undetected;
                photon_detected = false;
                if (!photon) next_double(cascade); // Auger-or-nonradiative draw (a counter on the CPU)
            }
        } else {
            double u = next_double(cascade);
            photon = u < p->photon_probability[k];
            photon_detected = photon;
        }
        next_double(cascade);            // holding time (exponential) of step k
        if (!photon) continue;
        next_double(cascade);            // energy quantile within the line slice
        if (!photon_detected) continue;
        int detector = route(p, optics, !detected);
        detected = true;
        if (detector == 0) (*n0)++; else if (detector == 1) (*n1)++;
    }
}

struct Accumulator { DotSummary s; i64 last_pulse, last0, last1, bin, bin_count, bins_with_clicks, complete_bins; };

__device__ __forceinline__ void flush_bin(Accumulator* a, u64* histogram, int bins)
{
    if (a->bin >= 0 && a->bin < a->complete_bins && a->bin_count > 0) {
        i64 b = a->bin_count < bins - 1 ? a->bin_count : bins - 1;
        histogram[b]++;
        a->bins_with_clicks++;
    }
    a->bin_count = 0;
}

__device__ void accumulate_pulse(Accumulator* a, const KernelParameters* p, i64 pulse, i64 n0, i64 n1, u64* histogram)
{
    i64 m = n0 + n1;
    a->s.detected0 += n0; a->s.detected1 += n1; a->s.pulses_with_detection++;
    a->s.factorial_moment2 += m * (m - 1);
    a->s.zero_peak_area += n0 * n1;
    if (pulse == a->last_pulse + 1) a->s.side_peaks_area += a->last0 * n1 + a->last1 * n0;
    a->last_pulse = pulse; a->last0 = n0; a->last1 = n1;
    i64 bin = pulse / p->pulses_per_trace_bin;
    if (bin != a->bin) { flush_bin(a, histogram, p->histogram_bins); a->bin = bin; }
    a->bin_count += m;
}

extern "C" __global__ void simulate_ensemble(const KernelParameters p, DotSummary* summaries, u64* histograms)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= p.dots) return;
    u32 dot = p.first_dot + (u32)i;
    u64* histogram = histograms + (u64)i * (u64)p.histogram_bins;
    for (int b = 0; b < p.histogram_bins; b++) histogram[b] = 0;

    Accumulator a;
    a.s.detected0 = a.s.detected1 = a.s.pulses_with_detection = a.s.factorial_moment2 = 0;
    a.s.zero_peak_area = a.s.side_peaks_area = 0;
    a.s.pulses = p.total_pulses;
    a.last_pulse = -2; a.last0 = a.last1 = 0; a.bin = -1; a.bin_count = 0; a.bins_with_clicks = 0;
    a.complete_bins = p.total_pulses / p.pulses_per_trace_bin;

    i64 segments = (p.total_pulses + p.pulses_per_segment - 1) / p.pulses_per_segment;
    for (i64 s = 0; s < segments; s++) {
        Stream excitation, cascade, optics;
        u32 base = QD_SEGMENT_BASE + (u32)(s * 16);
        stream_init(&excitation, p.seed, dot, base + QD_STREAM_EXCITATION);
        stream_init(&cascade, p.seed, dot, base + QD_STREAM_CASCADE);
        stream_init(&optics, p.seed, dot, base + QD_STREAM_OPTICS);
        i64 pulse = s * p.pulses_per_segment;
        i64 end = (s + 1) * p.pulses_per_segment < p.total_pulses ? (s + 1) * p.pulses_per_segment : p.total_pulses;
        while (true) {
            i64 skip = draw_pulses_to_next_detection(&p, &excitation);
            if (skip > end - pulse) break;
            pulse += skip - 1;
            int pairs = draw_pairs_given_detection(&p, &excitation);
            int n0 = 0, n1 = 0;
            simulate_detected_pulse(&p, pairs, &cascade, &optics, &n0, &n1);
            if (n0 + n1 > 0) accumulate_pulse(&a, &p, pulse, n0, n1, histogram);
            pulse++;
        }
    }
    flush_bin(&a, histogram, p.histogram_bins);
    histogram[0] += (u64)(a.complete_bins - a.bins_with_clicks);
    a.s.trace_bins = a.complete_bins;
    summaries[i] = a.s;
}
