using BenchmarkDotNet.Attributes;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Micro;

/// <summary>The Relay cursors of a nearest search (<see cref="SiteCursor"/>) and the global ids (<see cref="GlobalId"/>), both ways.</summary>
[MemoryDiagnoser]
public class CursorBenchmarks
{
    private static readonly SiteHit Hit = new(123_456, 4_321.987654321);
    private readonly string _cursor = SiteCursor.Encode(Hit);
    private readonly string _id = GlobalId.Encode("Site", 123_456);

    [Benchmark(Baseline = true)]
    public string SiteCursorEncode() => SiteCursor.Encode(Hit);

    [Benchmark]
    public SiteHit SiteCursorDecode() => SiteCursor.Decode(_cursor);

    [Benchmark]
    public string GlobalIdEncode() => GlobalId.Encode("Site", 123_456);

    [Benchmark]
    public long GlobalIdDecode() => GlobalId.TryDecode(_id, out _, out var key) ? key : -1;
}
