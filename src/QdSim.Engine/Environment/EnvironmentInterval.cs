using QdSim.Engine.Kinetics;

namespace QdSim.Engine.Environment;

/// <summary>A stretch of experiment time in which the dot's condition is constant: [StartPs, EndPs).</summary>
public readonly record struct EnvironmentInterval(long StartPs, long EndPs, DotCondition Condition, string Label);
