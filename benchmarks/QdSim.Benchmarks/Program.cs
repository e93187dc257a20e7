using BenchmarkDotNet.Running;

// Micro-benchmarks (decoder MB/s, correlators, engine kernels). End-to-end throughput: `qdsim bench`.
// Run: dotnet run -c Release --project benchmarks/QdSim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
