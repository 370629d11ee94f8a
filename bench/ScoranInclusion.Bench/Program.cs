using BenchmarkDotNet.Running;
using ScoranInclusion.Bench.ImportThroughput;
using ScoranInclusion.Bench.Micro;
using ScoranInclusion.Bench.Search;

// dotnet run -c Release --project bench/ScoranInclusion.Bench -- import-throughput [--rows 100000] [--runs 3]
if (args.Length > 0 && args[0] == ImportThroughputCommand.Verb)
{
    return await ImportThroughputCommand.RunAsync(args[1..]);
}

// search-latency --mode quick|full, micro --mode quick|full: sections of bench/run.sh (bench/README.md)
if (args.Length > 0 && args[0] == SearchLatencyCommand.Verb)
{
    return SearchLatencyCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == MicroCommand.Verb)
{
    return MicroCommand.Run(args[1..]);
}

// dotnet run -c Release --project bench/ScoranInclusion.Bench -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
