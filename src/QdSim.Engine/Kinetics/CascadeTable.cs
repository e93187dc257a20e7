using QdSim.Engine.Detection;
using QdSim.Engine.Photons;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Kinetics;

/// <summary>
/// Precomputed rates, photon channels and detection probabilities of the cascade n → n−1 → … → 0 for one
/// <see cref="DotCondition"/> (PHYSICS.md §2, §6, §7). Built once per environment state (not in the per-photon loop);
/// flat arrays indexed [step, channel] so the GPU backend can copy them as they are.
/// </summary>
/// <remarks>
/// <para>Step k (1 ≤ k ≤ n_max) is the decay of the level with k electron–hole pairs. Its outcomes are: a photon
/// through one of its channels (emitting sublevel × one of <see cref="LineBins"/> equal-probability slices of the line
/// shape), or a dark decay (Auger, intrinsic nonradiative, trap, defect). Every decay removes one pair.</para>
/// <para>Line-shape slicing: the detection probability of a channel, η_c, is evaluated at the energy of the slice's
/// median quantile, so a filter edge inside the line is resolved to 1/<see cref="LineBins"/> of the line's probability
/// mass; the photon's actual energy is drawn uniformly in quantile within its slice.</para>
/// <para>Rates, per PHYSICS.md §2/§6: k_r(1) = k_r,X; k_nr(n) = n (k_nr,X + k_defects) + k_trap; k_r(2) = k_r,XX;
/// k_A(2) = 1/τ_A,XX; n ≥ 3: k_r = k_r,XX (n/2)², k_A = k_A,XX n²(n−1)/4. Charged dot: n = 1 is the trion X∓
/// (k_r,X*, τ_A,X∓); n ≥ 2 charged levels use the neutral multiexciton rates (approximation: the extra carrier's
/// effect on XX* is not modelled).</para>
/// </remarks>
public sealed class CascadeTable
{
    /// <summary>Equal-probability slices of each emission line.</summary>
    public const int LineBins = 16;
    /// <summary>Emitting sublevels per step: three bright dipoles and the dark singlet.</summary>
    public const int Sublevels = 4;
    /// <summary>Channels per step: sublevel × line slice.</summary>
    public const int ChannelsPerStep = Sublevels * LineBins;

    public int MaxExcitons { get; }
    public DotCondition Condition { get; }

    /// <summary>Total decay rate of level k, ps⁻¹ (index k; 0 unused).</summary>
    public readonly double[] TotalRatePerPs;
    /// <summary>Radiative probability q_k of step k.</summary>
    public readonly double[] PhotonProbability;
    /// <summary>Probability that step k yields a detected photon, d_k = Σ_c P_c η_c.</summary>
    public readonly double[] DetectedProbability;
    /// <summary>Probability that step k is an Auger decay.</summary>
    public readonly double[] AugerProbability;
    /// <summary>G_k = Π_{j ≤ k} (1 − d_j): no detection from a cascade started at k pairs (G_0 = 1).</summary>
    public readonly double[] NoDetectionProbability;
    /// <summary>Absolute probability P_c that step k emits through channel c ([k * ChannelsPerStep + c]).</summary>
    public readonly double[] ChannelProbability;
    /// <summary>Detection probability η_c of channel c of step k.</summary>
    public readonly double[] ChannelEta;
    /// <summary>Cumulative Σ P_c η_c over channels of a step (sampling a detected channel).</summary>
    public readonly double[] CumulativeDetected;
    /// <summary>Cumulative Σ P_c (1 − η_c) over channels of a step (sampling an undetected photon).</summary>
    public readonly double[] CumulativeUndetected;
    /// <summary>Cumulative Σ P_c (sampling an unconditioned photon).</summary>
    public readonly double[] CumulativeEmitted;
    /// <summary>Mean line energy of each sublevel of each step, eV ([k * Sublevels + s]).</summary>
    public readonly double[] SublevelEnergyEv;
    /// <summary>Origin of photons of each sublevel of each step.</summary>
    public readonly EventOrigin[] SublevelOrigin;
    /// <summary>Lab-frame dipole of each sublevel (x, y, z triples, [s * 3 + axis]).</summary>
    public readonly float[] SublevelDipole;
    public readonly LineShape Line;

    /// <summary>Explicit bright/dark chain for the neutral exciton (ExplicitSpinFlip regime); null otherwise.</summary>
    public SpinFlipChain? ExcitonChain { get; }

    public CascadeTable(DotKineticsParameters dot, DamageParameters damage, DotCondition condition, IOpticalPath path)
    {
        MaxExcitons = dot.MaxExcitons;
        Condition = condition;
        int steps = dot.MaxExcitons + 1;
        TotalRatePerPs = new double[steps];
        PhotonProbability = new double[steps];
        DetectedProbability = new double[steps];
        AugerProbability = new double[steps];
        NoDetectionProbability = new double[steps];
        ChannelProbability = new double[steps * ChannelsPerStep];
        ChannelEta = new double[steps * ChannelsPerStep];
        CumulativeDetected = new double[steps * ChannelsPerStep];
        CumulativeUndetected = new double[steps * ChannelsPerStep];
        CumulativeEmitted = new double[steps * ChannelsPerStep];
        SublevelEnergyEv = new double[steps * Sublevels];
        SublevelOrigin = new EventOrigin[steps * Sublevels];
        SublevelDipole = DipoleAxes(dot.OrientationPolarDeg, dot.OrientationAzimuthDeg);
        Line = new LineShape(dot.LinewidthFwhmMeV * 1e-3, dot.LineAsymmetry);

        var rates = ExcitonRates.From(dot);
        double kTrap = condition.TrapRatePerNs;
        double kDefect = condition.Defects * damage.NonradiativeRatePerNsPerDefect;
        double perPairNonradiative = rates.NonradiativeXPerNs + kDefect;
        double eX = dot.ExcitonEnergyEv + condition.EnergyShiftEv;
        bool bleached = condition.Bleached;

        NoDetectionProbability[0] = 1;
        Span<double> weights = stackalloc double[Sublevels];
        for (int k = 1; k < steps; k++)
        {
            double kr, kA;
            if (k == 1 && condition.Charge != 0)
            {
                kr = rates.TrionRadiativePerNs;
                kA = 1.0 / (condition.Charge < 0 ? rates.NegativeTrionAugerLifetimeNs : rates.PositiveTrionAugerLifetimeNs);
                SetBright(k, eX - dot.TrionBindingEnergyMeV * 1e-3, dot.BrightFineStructureSplittingMeV * 1e-3,
                    condition.Charge < 0 ? EventOrigin.TrionNegative : EventOrigin.TrionPositive, weights, equal: true);
            }
            else if (k == 1)
            {
                kr = rates.ExcitonRadiativePerNs;
                kA = 0;
                var origin = condition.Level == EmissiveLevel.Gray ? EventOrigin.GrayExciton : EventOrigin.Exciton;
                SetBright(k, eX, dot.BrightFineStructureSplittingMeV * 1e-3, origin, weights, equal: false);
                rates.ThermalEmissionWeights(weights);
                SublevelEnergyEv[k * Sublevels + 3] = eX - dot.BrightDarkSplittingMeV * 1e-3;
                SublevelOrigin[k * Sublevels + 3] = EventOrigin.DarkExciton;
            }
            else
            {
                double scale = k == 2 ? 1 : k * k / 4.0;
                double augerScale = k == 2 ? 1 : k * k * (k - 1) / 4.0;
                kr = rates.BiexcitonRadiativePerNs * scale;
                kA = augerScale / dot.BiexcitonAugerLifetimeNs;
                SetBright(k, eX - dot.BiexcitonBindingEnergyMeV * 1e-3, dot.BrightFineStructureSplittingMeV * 1e-3,
                    k == 2 ? EventOrigin.Biexciton : EventOrigin.Multiexciton, weights, equal: true);
            }
            double knr = k * perPairNonradiative + kTrap;
            double total = kr + kA + knr;
            TotalRatePerPs[k] = total * 1e-3;
            double q = bleached ? 0 : kr / total;
            double pAuger = bleached ? 0 : kA / total;

            if (k == 1 && condition.Charge == 0 && dot.Regime == FineStructureRegime.ExplicitSpinFlip)
            {
                var chain = new SpinFlipChain(dot, rates, knr);
                ExcitonChain = chain;
                // Outcome probabilities of the absorbing bright/dark chain replace the fast-relaxation weights.
                double brightMass = weights[0] + weights[1] + weights[2];
                for (int s = 0; s < 3; s++) weights[s] = chain.BrightRadiativeProbability * weights[s] / brightMass;
                weights[3] = chain.DarkRadiativeProbability;
                q = bleached ? 0 : chain.BrightRadiativeProbability + chain.DarkRadiativeProbability;
                TotalRatePerPs[k] = chain.SlowestEscapeRatePerNs * 1e-3;
                double norm = weights[0] + weights[1] + weights[2] + weights[3];
                for (int s = 0; s < Sublevels; s++) weights[s] /= norm;
            }
            PhotonProbability[k] = q;
            AugerProbability[k] = pAuger;
            FillChannels(k, q, weights, path);
            NoDetectionProbability[k] = NoDetectionProbability[k - 1] * (1 - DetectedProbability[k]);
        }
    }

    private void SetBright(int k, double meanEv, double fssEv, EventOrigin origin, Span<double> weights, bool equal)
    {
        // Bright sublevels along the dot's x, y, z axes at −δ/2, 0, +δ/2 around the mean bright energy.
        for (int s = 0; s < 3; s++)
        {
            SublevelEnergyEv[k * Sublevels + s] = meanEv + (s - 1) * fssEv / 2;
            SublevelOrigin[k * Sublevels + s] = origin;
            weights[s] = equal ? 1.0 / 3 : 0;
        }
        SublevelEnergyEv[k * Sublevels + 3] = meanEv;
        SublevelOrigin[k * Sublevels + 3] = origin;
        weights[3] = 0;
    }

    private void FillChannels(int k, double photonProbability, ReadOnlySpan<double> weights, IOpticalPath path)
    {
        double sumDetected = 0, sumUndetected = 0, sumEmitted = 0;
        var probe = new EmittedPhoton();
        for (int s = 0; s < Sublevels; s++)
        {
            probe.DipoleX = SublevelDipole[s * 3];
            probe.DipoleY = SublevelDipole[s * 3 + 1];
            probe.DipoleZ = SublevelDipole[s * 3 + 2];
            probe.Origin = SublevelOrigin[k * Sublevels + s];
            probe.ExcitonsBefore = (byte)k;
            for (int b = 0; b < LineBins; b++)
            {
                int c = k * ChannelsPerStep + s * LineBins + b;
                double p = photonProbability * weights[s] / LineBins;
                double eta = 0;
                if (p > 0)
                {
                    probe.EnergyEv = SublevelEnergyEv[k * Sublevels + s] + Line.OffsetAtQuantileEv((b + 0.5) / LineBins);
                    eta = Math.Clamp(path.DetectionProbability(probe), 0, 1);
                }
                ChannelProbability[c] = p;
                ChannelEta[c] = eta;
                sumDetected += p * eta;
                sumUndetected += p * (1 - eta);
                sumEmitted += p;
                CumulativeDetected[c] = sumDetected;
                CumulativeUndetected[c] = sumUndetected;
                CumulativeEmitted[c] = sumEmitted;
            }
        }
        DetectedProbability[k] = sumDetected;
    }

    /// <summary>Unit dipoles of the dot's x, y, z axes (bright sublevels 0–2) and the dark singlet (z) in the lab frame.</summary>
    private static float[] DipoleAxes(double polarDeg, double azimuthDeg)
    {
        double th = polarDeg * Math.PI / 180, ph = azimuthDeg * Math.PI / 180;
        double ct = Math.Cos(th), st = Math.Sin(th), cp = Math.Cos(ph), sp = Math.Sin(ph);
        // Rotation R = Rz(φ) Ry(θ): columns are the dot's axes in the lab frame.
        double[] x = [ct * cp, ct * sp, -st];
        double[] y = [-sp, cp, 0];
        double[] z = [st * cp, st * sp, ct];
        return [(float)x[0], (float)x[1], (float)x[2], (float)y[0], (float)y[1], (float)y[2],
            (float)z[0], (float)z[1], (float)z[2], (float)z[0], (float)z[1], (float)z[2]];
    }

    /// <summary>
    /// Chernoff bound on the probability that a cascade started at n_max pairs is still running one period after
    /// the pulse: P(Σ τ_k &gt; T) ≤ min_s e^(−sT) Π K_k/(K_k − s), 0 &lt; s &lt; K_min (minimised on a grid in s,
    /// refined towards K_min, where the slowest level dominates). Decides whether pulses are independent.
    /// </summary>
    public double CascadeOverrunBound(double periodPs)
    {
        double kMin = double.MaxValue;
        for (int k = 1; k <= MaxExcitons; k++) kMin = Math.Min(kMin, TotalRatePerPs[k]);
        double best = 0; // log bound at s = 0
        for (int i = 1; i < 400; i++)
        {
            // Grid dense near K_min: x = 1 − 10^(−4 i/400).
            double s = kMin * (1 - Math.Pow(10, -4.0 * i / 400));
            double logBound = -s * periodPs;
            for (int k = 1; k <= MaxExcitons; k++) logBound += Math.Log(TotalRatePerPs[k] / (TotalRatePerPs[k] - s));
            best = Math.Min(best, logBound);
        }
        return Math.Exp(best);
    }
}
