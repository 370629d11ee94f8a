using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ScoranInclusion.Bench -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
