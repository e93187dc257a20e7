namespace QdSim.Models;

/// <summary>
/// Constants of the empirical sizing curve E(L) = E∞ + 1/(aL² + bL) (PHYSICS.md §6), E in eV and L in nm, so
/// a is in eV⁻¹ nm⁻² and b in eV⁻¹ nm⁻¹. <see cref="Source"/> names where the fit comes from and its residuals.
/// </summary>
public sealed record SizingCurveConstants(double BulkLimitEv, double QuadraticPerEvPerNm2, double LinearPerEvPerNm, string Source);
