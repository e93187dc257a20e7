using QdSim.Engine.Random;
using QdSim.Models.Parameters;

namespace QdSim.Engine.Kinetics;

/// <summary>
/// The neutral exciton as an explicit two-state Markov chain (ExplicitSpinFlip regime, PHYSICS.md §2, §6): the bright
/// manifold B (three sublevels, thermalised among themselves, each radiating k_B) and the dark singlet D (k_D),
/// coupled by γ↓ (B→D) and γ↑ = 3 e^(−Δ/kT) γ↓ (D→B, detailed balance with degeneracies 3:1); both lose pairs at the
/// same nonradiative rate. A new exciton starts bright with <see cref="DotKineticsParameters.InitialBrightFraction"/>
/// (default 1: bright→dark transfer is frozen at low temperature, seed 003). The bright manifold radiates at the
/// exciton radiative rate k_rad of the models, which in this regime is k_B/(Z/3) without the dark term (D is explicit
/// here) and so keeps the thermally reached dim states that make τ(90 K) ≈ 10 τ(4 K) (seed 003).
/// </summary>
/// <remarks>
/// Outcomes: 0 = photon from B, 1 = photon from D, 2 = dark decay. Absorption probabilities h_s(o) solve
/// h_B = (a_B,o + γ↓ h_D)/r_B, h_D = (a_D,o + γ↑ h_B)/r_D. A path conditioned on its outcome is sampled with the Doob
/// h-transform: holding times stay Exp(r_s), jumps are reweighted by h of the target.
/// </remarks>
public sealed class SpinFlipChain
{
    private readonly double InitialBrightProbability;
    private readonly double _kB, _kD, _knr, _down, _up, _rB, _rD;
    private readonly double[] _hB = new double[3], _hD = new double[3];

    public double BrightRadiativeProbability { get; }
    public double DarkRadiativeProbability { get; }
    public double SlowestEscapeRatePerNs => Math.Min(_rB, _rD);

    public SpinFlipChain(DotKineticsParameters dot, ExcitonRates rates, double nonradiativePerNs)
    {
        InitialBrightProbability = dot.InitialBrightFraction;
        _kB = dot.ExcitonRadiativeRatePerNs ?? dot.BrightSublevelRadiativeRatePerNs;
        _kD = dot.DarkRadiativeRatePerNs;
        _knr = nonradiativePerNs;
        _down = dot.SpinFlipDownRatePerNs;
        _up = 3 * Math.Exp(-dot.BrightDarkSplittingMeV / Math.Max(rates.ThermalEnergyMeV, 1e-9)) * _down;
        _rB = _kB + _knr + _down;
        _rD = _kD + _knr + _up;
        double det = _rB * _rD - _down * _up;
        for (int o = 0; o < 3; o++)
        {
            double aB = o == 0 ? _kB : o == 2 ? _knr : 0;
            double aD = o == 1 ? _kD : o == 2 ? _knr : 0;
            _hB[o] = (aB * _rD + _down * aD) / det;
            _hD[o] = (aD * _rB + _up * aB) / det;
        }
        BrightRadiativeProbability = Absorption(0);
        DarkRadiativeProbability = Absorption(1);
    }

    private double Absorption(int outcome) =>
        InitialBrightProbability * _hB[outcome] + (1 - InitialBrightProbability) * _hD[outcome];

    /// <summary>Duration (ps) of an exciton conditioned on ending in <paramref name="outcome"/>.</summary>
    public double SampleDurationPs(int outcome, ref RandomStream rng)
    {
        double startB = InitialBrightProbability * _hB[outcome];
        double startD = (1 - InitialBrightProbability) * _hD[outcome];
        bool bright = rng.NextDouble() * (startB + startD) < startB;
        double tNs = 0;
        while (true)
        {
            if (bright)
            {
                tNs += rng.NextExponential(_rB);
                double absorb = outcome == 0 ? _kB : outcome == 2 ? _knr : 0;
                double jump = _down * _hD[outcome];
                if (rng.NextDouble() * (absorb + jump) < absorb) return tNs * 1e3;
                bright = false;
            }
            else
            {
                tNs += rng.NextExponential(_rD);
                double absorb = outcome == 1 ? _kD : outcome == 2 ? _knr : 0;
                double jump = _up * _hB[outcome];
                if (rng.NextDouble() * (absorb + jump) < absorb) return tNs * 1e3;
                bright = true;
            }
        }
    }

    /// <summary>Escape rate of a state, ps⁻¹ (per-pulse path, which walks the chain jump by jump).</summary>
    public double EscapeRatePerPs(bool bright) => (bright ? _rB : _rD) * 1e-3;

    /// <summary>
    /// One jump from a state (per-pulse path): returns 0/1 photon from B/D, 2 dark decay, 3 spin flip.
    /// </summary>
    public int Jump(bool bright, ref RandomStream rng)
    {
        double u = rng.NextDouble() * (bright ? _rB : _rD);
        if (bright) return u < _kB ? 0 : u < _kB + _knr ? 2 : 3;
        return u < _kD ? 1 : u < _kD + _knr ? 2 : 3;
    }

    /// <summary>Draws the initial sublevel manifold of a new exciton (true = bright).</summary>
    public bool DrawInitialBright(ref RandomStream rng) => rng.NextDouble() < InitialBrightProbability;
}
