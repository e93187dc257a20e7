// The module's own namespaces, used by nearly every file (figure builders use all of them).
global using QdSim.Plotting.Axes;
global using QdSim.Plotting.Colour;
global using QdSim.Plotting.Elements;
global using QdSim.Plotting.Layout;
global using QdSim.Plotting.Svg;
