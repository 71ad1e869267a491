using BenchmarkDotNet.Running;

// What the --timeline recorder costs per try, on and off, and how long drawing a big run takes, e.g.
//   dotnet run -c Release --project bench/Timeline.Benchmarks -- --filter '*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Timeline.Benchmarks.RecorderBenchmarks).Assembly).Run(args);
