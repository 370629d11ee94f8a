using BenchmarkDotNet.Running;
using ScoranInclusion.Bench.ImportThroughput;

// dotnet run -c Release --project bench/ScoranInclusion.Bench -- import-throughput [--rows 100000] [--runs 3]
if (args.Length > 0 && args[0] == ImportThroughputCommand.Verb)
{
    return await ImportThroughputCommand.RunAsync(args[1..]);
}

// dotnet run -c Release --project bench/ScoranInclusion.Bench -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
