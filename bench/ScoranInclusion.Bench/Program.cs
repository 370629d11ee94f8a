using BenchmarkDotNet.Running;
using ScoranInclusion.Bench.ImportThroughput;
using ScoranInclusion.Bench.Micro;
using ScoranInclusion.Bench.Search;

// dotnet run -c Release --project bench/ScoranInclusion.Bench -- import-throughput [--rows 100000] [--runs 3]
if (args.Length > 0 && args[0] == ImportThroughputCommand.Verb)
{
    return await ImportThroughputCommand.RunAsync(args[1..]);
}

// sync-throughput --mode quick|full [--rows N]: the sync verb against a plain import of the same file (bench/README.md).
if (args.Length > 0 && args[0] == ScoranInclusion.Bench.Sync.SyncThroughputCommand.Verb)
{
    return await ScoranInclusion.Bench.Sync.SyncThroughputCommand.RunAsync(args[1..]);
}

// dotnet bench/ScoranInclusion.Bench/bin/Release/net10.0/ScoranInclusion.Bench.dll server-memory --mode quick|full
if (args.Length > 0 && args[0] == ScoranInclusion.Bench.ServerMemory.ServerMemory.Verb)
{
    return await ScoranInclusion.Bench.ServerMemory.ServerMemory.RunAsync(args[1..]);
}

// graphql-throughput / load-test [--mode quick|full]: the server started as a process, loaded over loopback (bench/README.md).
if (args.Length > 0 && args[0] == ScoranInclusion.Bench.HttpLoad.GraphQLThroughputCommand.Verb)
{
    return await ScoranInclusion.Bench.HttpLoad.GraphQLThroughputCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == ScoranInclusion.Bench.HttpLoad.WidgetThroughputCommand.Verb)
{
    return await ScoranInclusion.Bench.HttpLoad.WidgetThroughputCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == ScoranInclusion.Bench.HttpLoad.CoverageThroughputCommand.Verb)
{
    return await ScoranInclusion.Bench.HttpLoad.CoverageThroughputCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == ScoranInclusion.Bench.HttpLoad.LoadTestCommand.Verb)
{
    return await ScoranInclusion.Bench.HttpLoad.LoadTestCommand.RunAsync(args[1..]);
}

// address-search --mode quick|full: the BAN address index, import and autocompletion against a LIKE scan (bench/README.md).
if (args.Length > 0 && args[0] == ScoranInclusion.Bench.Addresses.AddressSearchCommand.Verb)
{
    return await ScoranInclusion.Bench.Addresses.AddressSearchCommand.RunAsync(args[1..]);
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
