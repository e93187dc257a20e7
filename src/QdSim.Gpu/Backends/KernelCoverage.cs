using QdSim.Models.Parameters;

namespace QdSim.Gpu.Backends;

/// <summary>
/// The configurations the CUDA kernel simulates (Kernels/ensemble.cu); everything else runs on the CPU engine.
/// Covered: pulsed excitation with Poisson absorption, the exciton/biexciton/multiexciton cascade (radiative, Auger,
/// nonradiative rates, n_max ≤ 16) in the fast-relaxation fine-structure regime, a constant environment (no
/// blinking process enabled, no charging, no damage or bleaching), the ideal 50/50 HBT with efficiency η per photon,
/// skip-ahead with no cascade overrun. Not covered: blinking/charging/damage (environment trajectories), the
/// explicit spin-flip regime (cryogenic), configured optical paths (filters, polariser, beam splitters, QE curves).
/// </summary>
public static class KernelCoverage
{
    /// <summary>Whether the kernel covers the request; the reason names the first uncovered feature and its key.</summary>
    public static BackendProbe Check(EnsembleRequest request)
    {
        var e = request.Experiment;
        if (request.OpticalPath is not null) return No("a configured optical path (Detection:OpticalPath) is simulated on the CPU only; the kernel models the ideal 50/50 HBT");
        if (e.Excitation.Mode != ExcitationMode.Pulsed) return No("continuous-wave excitation (Excitation:Mode) runs on the CPU only");
        if (e.Run.Mode != SimulationMode.SkipAhead) return No("brute-force mode (Run:Mode) runs on the CPU only");
        if (e.Dot.Regime != FineStructureRegime.FastRelaxation) return No("the explicit spin-flip regime (Dot:Regime) runs on the CPU only");
        if (e.Environment.Processes.Any(p => p.Enabled)) return No("blinking processes (Environment:Processes) run on the CPU only");
        if (e.Environment.Charging.ProbabilityPerAbsorbedPhoton > 0) return No("photo-charging (Environment:Charging) runs on the CPU only");
        if (e.Damage.DefectProbabilityPerAbsorbedPhoton > 0 || e.Damage.BleachProbabilityPerAbsorbedPhoton > 0)
            return No("photodarkening/bleaching (Damage) run on the CPU only");
        return new BackendProbe(true, "constant environment, fast relaxation, ideal HBT: covered by the CUDA kernel");
    }

    /// <summary>
    /// A copy of the experiment reduced to what the kernel covers (blinking, charging and damage switched off), for
    /// benchmarks and comparisons of a preset on both backends; the caller says so in its output.
    /// </summary>
    public static ExperimentParameters ConstantEnvironment(ExperimentParameters e) => e with
    {
        Environment = e.Environment with
        {
            Processes = e.Environment.Processes.Select(p => p with { Enabled = false }).ToArray(),
            Charging = e.Environment.Charging with { ProbabilityPerAbsorbedPhoton = 0 },
        },
        Damage = e.Damage with { DefectProbabilityPerAbsorbedPhoton = 0, BleachProbabilityPerAbsorbedPhoton = 0 },
    };

    private static BackendProbe No(string reason) => new(false, reason);
}
