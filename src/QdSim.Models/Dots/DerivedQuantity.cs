namespace QdSim.Models;

/// <summary>One derived number with its unit and the law it came from (PHYSICS.md section and seed tag).</summary>
public sealed record DerivedQuantity(string Name, double Value, string Unit, string Source);
