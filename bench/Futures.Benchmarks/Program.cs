using BenchmarkDotNet.Running;

// Runs the benchmarks named on the command line, e.g.
//   dotnet run -c Release --project bench/Futures.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Futures.Benchmarks.SubmitBenchmarks).Assembly).Run(args);
