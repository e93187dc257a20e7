using QdSim.Models.Parameters;

namespace QdSim.Engine.Excitation;

/// <summary>Resolved excitation of a run: pulse period and ⟨N⟩ (pulsed) or absorption rate (CW), in engine units (ps).</summary>
public readonly record struct ExcitationContext(bool Pulsed, double PeriodPs, double MeanPerPulse, double AbsorptionRatePerPs)
{
    public static ExcitationContext From(ExcitationParameters p) => p.Mode == ExcitationMode.Pulsed
        ? new ExcitationContext(true, 1e12 / p.RepetitionRateHz, p.ResolveMeanAbsorbedPerPulse("Excitation"), 0)
        : new ExcitationContext(false, 0, 0, p.ResolveAbsorptionRatePerS("Excitation") * 1e-12);

    /// <summary>Mean absorbed photons per ps (pulsed: ⟨N⟩/T).</summary>
    public double AbsorbedPerPs => Pulsed ? MeanPerPulse / PeriodPs : AbsorptionRatePerPs;

    /// <summary>Time of pulse <paramref name="index"/>, ps.</summary>
    public long PulseTimePs(long index) => (long)Math.Round(index * PeriodPs);

    /// <summary>First pulse at or after <paramref name="timePs"/>.</summary>
    public long FirstPulseAtOrAfter(double timePs) => (long)Math.Ceiling(timePs / PeriodPs - 1e-9);
}
