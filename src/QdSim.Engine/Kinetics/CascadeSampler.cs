using System.Runtime.CompilerServices;
using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Engine.Random;

namespace QdSim.Engine.Kinetics;

/// <summary>
/// The per-dot cascade XX → X → 0 as static methods over a <see cref="CascadeTable"/> (PHYSICS.md §7). No
/// allocation; randomness only from the streams passed in (Cascade for decays, Optics for routing).
/// </summary>
public static class CascadeSampler
{
    /// <summary>
    /// Simulates the cascade of one pulse that started with <paramref name="pairs"/> pairs, conditioned on at least
    /// one detection. Sequential conditioning: at step k, with none detected so far, the step yields a detected
    /// photon with probability d_k / (1 − G_k), else (undetected photon or dark decay) the rest is conditioned on
    /// a later detection; once a photon is detected the remaining steps run unconditioned.
    /// Exact: P(detected at k | detection at k or later) = d_k/(1 − G_k), and the two branches sum to 1 − G_k.
    /// </summary>
    public static void SimulateDetectedPulse(CascadeTable t, int pairs, long pulseIndex, long pulseTimePs,
        IOpticalPath path, ref RandomStream cascade, ref RandomStream optics, DetectedEventBuffer output, EmissionCounters counters)
    {
        bool detected = false;
        double timePs = pulseTimePs;
        for (int k = pairs; k >= 1; k--)
        {
            int baseIndex = k * CascadeTable.ChannelsPerStep;
            int channel;
            double withinSlice = 0.5; // position of the photon's energy within its line slice, set with the channel
            bool photonDetected;
            if (!detected)
            {
                double afterK = 1 - t.NoDetectionProbability[k];
                double u = cascade.NextDouble() * afterK;
                if (u < t.DetectedProbability[k])
                {
                    channel = Pick(t.CumulativeDetected, baseIndex, u, out withinSlice);
                    photonDetected = true;
                }
                else
                {
                    // Not detected here: undetected photon with weight (q_k − d_k)(1 − G_{k−1}), dark decay with (1 − q_k)(1 − G_{k−1});
                    // the common factor cancels.
                    double undetected = t.PhotonProbability[k] - t.DetectedProbability[k];
                    double v = cascade.NextDouble() * (1 - t.DetectedProbability[k]);
                    channel = v < undetected ? Pick(t.CumulativeUndetected, baseIndex, v, out withinSlice) : -1;
                    photonDetected = false;
                    // Dark decay: v is uniform on [q_k − d_k, 1 − d_k), so v − (q_k − d_k) is uniform on [0, 1 − q_k),
                    // the dark-decay mass, of which the Auger share is pA_k. Reusing it saves a draw (same trick as Pick).
                    if (channel < 0 && v - undetected < t.AugerProbability[k]) counters.AugerDecays++;
                }
            }
            else
            {
                double u = cascade.NextDouble();
                if (u < t.PhotonProbability[k])
                {
                    channel = Pick(t.CumulativeEmitted, baseIndex, u, out withinSlice);
                    photonDetected = true; // tentatively: routed below without conditioning
                }
                else
                {
                    channel = -1;
                    photonDetected = false;
                    if (u - t.PhotonProbability[k] < t.AugerProbability[k]) counters.AugerDecays++;
                }
            }

            timePs += StepDurationPs(t, k, channel, ref cascade);
            if (channel < 0) continue;

            var photon = MakePhoton(t, k, channel, withinSlice, timePs, pulseIndex);
            counters.EmittedByOrigin[(int)photon.Origin]++;
            if (!photonDetected) continue;
            int detector = path.Route(photon, ref optics, conditionOnDetection: !detected);
            detected = true;
            if (detector < 0) continue;
            Record(photon, detector, output, counters);
        }
    }

    /// <summary>
    /// Unconditioned evolution from <paramref name="startPs"/> until the dot is empty or <paramref name="untilPs"/>
    /// (the next pulse): the per-pulse path (brute-force reference, and the fallback when cascades overrun a
    /// period). Exact carry-over: every level (and bright/dark state) has an exponential holding time, so the
    /// remaining time is redrawn at the next pulse. Returns the pairs left.
    /// </summary>
    public static int Evolve(CascadeTable t, ref DotState state, long pulseIndex, double startPs, double untilPs,
        IOpticalPath path, ref RandomStream cascade, ref RandomStream optics, DetectedEventBuffer output, EmissionCounters counters)
    {
        double timePs = startPs;
        while (state.Pairs > 0)
        {
            int k = state.Pairs;
            var chain = k == 1 ? t.ExcitonChain : null;
            double rate = chain is null ? t.TotalRatePerPs[k] : chain.EscapeRatePerPs(state.Bright);
            double next = timePs + cascade.NextExponential(rate);
            if (next >= untilPs) break;
            timePs = next;
            int baseIndex = k * CascadeTable.ChannelsPerStep;
            int channel = -1;
            double withinSlice = 0.5;
            if (chain is null)
            {
                double u = cascade.NextDouble();
                if (u < t.PhotonProbability[k]) channel = Pick(t.CumulativeEmitted, baseIndex, u, out withinSlice);
                else if (u - t.PhotonProbability[k] < t.AugerProbability[k]) counters.AugerDecays++;
            }
            else
            {
                int outcome = chain.Jump(state.Bright, ref cascade);
                if (outcome == 3)
                {
                    state.Bright = !state.Bright;
                    continue;
                }
                if (outcome < 2)
                {
                    int split = baseIndex + 3 * CascadeTable.LineBins - 1; // last bright channel
                    double lo = outcome == 0 ? 0 : t.CumulativeEmitted[split];
                    double hi = outcome == 0 ? t.CumulativeEmitted[split] : t.CumulativeEmitted[baseIndex + CascadeTable.ChannelsPerStep - 1];
                    channel = Pick(t.CumulativeEmitted, baseIndex, lo + cascade.NextDouble() * (hi - lo), out withinSlice);
                }
            }
            state.Pairs--;
            if (state.Pairs == 1 && t.ExcitonChain is not null) state.Bright = t.ExcitonChain.DrawInitialBright(ref cascade);
            if (channel < 0) continue;
            var photon = MakePhoton(t, k, channel, withinSlice, timePs, pulseIndex);
            counters.EmittedByOrigin[(int)photon.Origin]++;
            int detector = path.Route(photon, ref optics, conditionOnDetection: false);
            if (detector >= 0) Record(photon, detector, output, counters);
        }
        return state.Pairs;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double StepDurationPs(CascadeTable t, int k, int channel, ref RandomStream cascade)
    {
        if (k == 1 && t.ExcitonChain is { } chain)
        {
            int outcome = channel < 0 ? 2 : (channel - CascadeTable.ChannelsPerStep) / CascadeTable.LineBins == 3 ? 1 : 0;
            return chain.SampleDurationPs(outcome, ref cascade);
        }
        // Competing exponential channels: the holding time is independent of which channel fires.
        return cascade.NextExponential(t.TotalRatePerPs[k]);
    }

    /// <summary>The photon of <paramref name="channel"/>; <paramref name="withinSlice"/> (uniform in (0, 1)) places its energy in the line slice.</summary>
    private static EmittedPhoton MakePhoton(CascadeTable t, int k, int channel, double withinSlice, double timePs, long pulseIndex)
    {
        int local = channel - k * CascadeTable.ChannelsPerStep;
        int sublevel = local / CascadeTable.LineBins;
        int bin = local % CascadeTable.LineBins;
        double quantile = (bin + withinSlice) / CascadeTable.LineBins;
        return new EmittedPhoton
        {
            EmissionTimePs = (long)Math.Round(timePs),
            PulseIndex = pulseIndex,
            EnergyEv = t.SublevelEnergyEv[k * CascadeTable.Sublevels + sublevel] + t.Line.OffsetAtQuantileEv(quantile),
            DipoleX = t.SublevelDipole[sublevel * 3],
            DipoleY = t.SublevelDipole[sublevel * 3 + 1],
            DipoleZ = t.SublevelDipole[sublevel * 3 + 2],
            Origin = t.SublevelOrigin[k * CascadeTable.Sublevels + sublevel],
            ExcitonsBefore = (byte)k,
        };
    }

    private static void Record(in EmittedPhoton photon, int detector, DetectedEventBuffer output, EmissionCounters counters)
    {
        counters.DetectedByOrigin[(int)photon.Origin]++;
        output.Add(new DetectedEvent
        {
            DetectionTimePs = photon.EmissionTimePs,
            Detector = (short)detector,
            Origin = photon.Origin,
            EmissionTimePs = photon.EmissionTimePs,
            EnergyEv = photon.EnergyEv,
            PulseIndex = photon.PulseIndex,
        });
    }

    /// <summary>
    /// First channel of a step whose cumulative weight exceeds <paramref name="u"/> (skips zero-weight channels), and
    /// the position of u inside that channel's interval rescaled to (0, 1) in <paramref name="within"/>.
    /// </summary>
    /// <remarks>
    /// Residual reuse (exact): u is uniform on [0, C_last); given that channel c was picked, u is uniform on
    /// [C_{c−1}, C_c), so (u − C_{c−1}) / (C_c − C_{c−1}) is a fresh U(0, 1) independent of c. It replaces a separate
    /// draw for the photon's place within its line slice. u carries 53 random bits; a channel of mass w keeps
    /// ≈ 53 + log2(w) of them (≥ 40 bits for any channel above 1e-4 of its step), ample for a position in a slice.
    /// Clamped to the open interval of <see cref="RandomStream.NextDouble"/> so the line quantile stays finite.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Pick(double[] cumulative, int baseIndex, double u, out double within)
    {
        // Branch-free binary search over the 64 (a power of two) channels: the invariant is "every channel before lo
        // has cumulative ≤ u"; each step advances lo by the step when the last channel of the next block still has
        // cumulative ≤ u. Six steps (32 + … + 1 = 63) end on the first channel with cumulative > u, or on the last
        // channel: the same channel as the classic search, with a conditional move instead of a mispredicted branch.
        int lo = baseIndex;
        for (int step = CascadeTable.ChannelsPerStep / 2; step > 0; step >>= 1)
            lo += cumulative[lo + step - 1] <= u ? step : 0;
        double below = lo == baseIndex ? 0 : cumulative[lo - 1];
        double width = cumulative[lo] - below;
        // width is 0 only if rounding put u at or beyond the step's total and the last channel is empty (≈ 1e-16).
        within = width > 0 ? Math.Clamp((u - below) / width, SmallestUniform, 1 - SmallestUniform) : 0.5;
        return lo;
    }

    /// <summary>Smallest value of <see cref="RandomStream.NextDouble"/>, 2^−54.</summary>
    private const double SmallestUniform = 0.5 / 9007199254740992.0;
}

/// <summary>Per-dot kinetic state carried between pulses on the per-pulse path. Plain struct.</summary>
public struct DotState
{
    /// <summary>Electron–hole pairs present.</summary>
    public int Pairs;
    /// <summary>Neutral exciton in the bright manifold (ExplicitSpinFlip regime); ignored otherwise.</summary>
    public bool Bright;
}
