using GraphQL;
using GraphQLParser;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Limits;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// The pass that measures a document before GraphQL.NET's recursive validation (<see cref="DocumentGuard"/>): fragment
/// chains, trees and cycles, spreads hidden in inline fragments, nesting and size; what real clients send passes; and
/// the worst documents it lets through validate and run on a small stack.
/// </summary>
public sealed class DocumentGuardTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly ScoranGraphQLOptions s_defaults = new();

    [Theory]
    [InlineData(11)]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void Fragment_chains_longer_than_the_limit_are_QUERY_TOO_DEEP(int length)
    {
        foreach (var (name, document) in HostileDocuments.All(length).Where(d => !d.Name.StartsWith("arbre", StringComparison.Ordinal)))
        {
            var error = DocumentGuard.Check(Parser.Parse(document), s_defaults);
            Assert.True(error is not null, name);
            Assert.Equal("QUERY_TOO_DEEP", error.Code);
        }
    }

    [Fact]
    public void A_chain_at_the_limit_passes_and_one_more_does_not()
    {
        Assert.Null(DocumentGuard.Check(Parser.Parse(HostileDocuments.Chain(s_defaults.MaxFragmentDepth)), s_defaults));
        var error = DocumentGuard.Check(Parser.Parse(HostileDocuments.Chain(s_defaults.MaxFragmentDepth + 1)), s_defaults);
        Assert.Equal("QUERY_TOO_DEEP", error?.Code);
        Assert.Contains("fragments", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10_000)]
    public void Fragment_cycles_are_refused_without_looping(int length)
    {
        var error = DocumentGuard.Check(Parser.Parse(HostileDocuments.Cycle(length)), s_defaults);
        Assert.Equal("QUERY_TOO_DEEP", error?.Code);
        Assert.Contains("boucle", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fragment_tree_is_measured_in_linear_time_and_refused()
    {
        // Loose depth limits so that only the size stops it: 2^999 leaves, counted with memoised, saturating sums.
        var loose = new ScoranGraphQLOptions { MaxFragmentDepth = 100_000, MaxNesting = 100_000, MaxDepth = 100_000 };
        var error = DocumentGuard.Check(Parser.Parse(HostileDocuments.Tree(1_000)), loose);
        Assert.Equal("TOO_MANY_FIELDS", error?.Code);

        loose.MaxFields = int.MaxValue - 1;
        error = DocumentGuard.Check(Parser.Parse(HostileDocuments.Tree(1_000)), loose);
        Assert.Equal("QUERY_TOO_COMPLEX", error?.Code);

        // With the defaults, its last ten fragments already expand to 2^9 fields: refused before its depth counts.
        Assert.Equal("TOO_MANY_FIELDS", DocumentGuard.Check(Parser.Parse(HostileDocuments.Tree(1_000)), s_defaults)?.Code);
    }

    [Fact]
    public void Unused_fragments_and_other_operations_are_measured_too()
    {
        // GraphQL.NET validates every definition, selected or not.
        var unused = "{ __typename }\n" + HostileDocuments.Chain(100).Replace("{ ...F0 }\n", "", StringComparison.Ordinal);
        Assert.Equal("QUERY_TOO_DEEP", DocumentGuard.Check(Parser.Parse(unused), s_defaults)?.Code);

        var other = "query Court { __typename }\nquery Long " + HostileDocuments.Chain(100);
        Assert.Equal("QUERY_TOO_DEEP", DocumentGuard.Check(Parser.Parse(other), s_defaults)?.Code);
    }

    [Fact]
    public void Field_depth_counts_through_fragments()
    {
        // 8 levels in the operation and 8 in the fragment: 16 > 15, though neither alone is too deep.
        var nested = string.Concat(Enumerable.Repeat("ofType { ", 7));
        var document = "{ __type(name: \"Site\") { " + nested + "...T" + new string('}', 7) + " } }\n"
            + "fragment T on __Type { " + nested + "name" + new string('}', 7) + " }";
        var error = DocumentGuard.Check(Parser.Parse(document), s_defaults);
        Assert.Equal("QUERY_TOO_DEEP", error?.Code);
        Assert.Contains("16 niveaux", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_counts_inline_fragments_and_spreads()
    {
        // n inline fragments around a field: n + 1 levels.
        string Nested(int depth) => HostileDocuments.NestedInlineFragments(depth);
        Assert.Null(DocumentGuard.Check(Parser.Parse(Nested(s_defaults.MaxNesting - 1)), s_defaults));
        Assert.Equal("QUERY_TOO_DEEP", DocumentGuard.Check(Parser.Parse(Nested(s_defaults.MaxNesting)), s_defaults)?.Code);
    }

    [Fact]
    public void Nodes_count_arguments_values_and_directives_where_fragments_are_spread()
    {
        // 20 spreads of a fragment of 3 fields, 1 directive and an argument of 200 values: about 4,100 nodes.
        var values = "[" + string.Join(',', Enumerable.Repeat("\"x\"", 200)) + "]";
        var fragment = $"fragment V on Query {{ __typename @skip(if: false) communes(search: {values}, first: 1) {{ nom }} }}";
        string Spreads(int count) => string.Join(' ', Enumerable.Repeat("... on Query { ...V }", count));
        Assert.Null(DocumentGuard.Check(Parser.Parse($"{{ {Spreads(20)} }}\n{fragment}"), s_defaults));
        // 50 spreads: about 10,600 nodes from a text of 1.5 kB.
        var error = DocumentGuard.Check(Parser.Parse($"{{ {Spreads(50)} }}\n{fragment}"), s_defaults);
        Assert.Equal("QUERY_TOO_COMPLEX", error?.Code);

        var flat = "{ communes(search: [" + string.Join(',', Enumerable.Repeat("\"x\"", s_defaults.MaxNodes)) + "]) { nom } }";
        Assert.Equal("QUERY_TOO_COMPLEX", DocumentGuard.Check(Parser.Parse(flat), s_defaults)?.Code);
    }

    [Fact]
    public void What_real_clients_send_passes()
    {
        Assert.Null(DocumentGuard.Check(Parser.Parse(GraphQLLimitsTests.IntrospectionQuery), s_defaults));
        Assert.Null(DocumentGuard.Check(Parser.Parse("{ nearestSites(near: { commune: \"21231\" }, first: 100) { edges { cursor distanceMeters node { id nom adresse { voie commune } } } pageInfo { hasNextPage endCursor } } }"), s_defaults));
    }

    [Fact]
    public async Task The_worst_documents_it_lets_through_validate_and_run_on_a_1_MiB_stack()
    {
        // Requests run on thread-pool threads, whose stack on Linux is the process's limit (ulimit -s: 8 MiB by
        // default); a chain of about 1,000 fragments needed all of it. What the guard lets through fits in 1 MiB.
        string[] documents =
        [
            // The deepest nesting allowed, through the longest chain allowed, ending in a field whose argument
            // nests lists as deep as the parser allows in that fragment.
            WorstNesting(),
            GraphQLLimitsTests.IntrospectionQuery,
        ];
        using var scope = fixture.Factory.Services.CreateScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ScoranSchema>>();
        foreach (var document in documents)
        {
            Assert.Null(DocumentGuard.Check(Parser.Parse(document), s_defaults));
            ExecutionResult? result = null;
            Exception? failure = null;
            var thread = new Thread(() =>
            {
                try
                {
                    result = executer.ExecuteAsync(new ExecutionOptions { Query = document, RequestServices = scope.ServiceProvider }).GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            }, maxStackSize: 1024 * 1024);
            thread.Start();
            await Task.Run(thread.Join);
            Assert.Null(failure);
            Assert.NotNull(result);
        }
    }

    /// <summary>
    /// MaxNesting levels through the longest chain: the operation's spread, then ten fragments that each open
    /// three inline fragments around the next spread (the last one an inline fragment around a field whose argument nests lists
    /// as deep as the parser accepts there).
    /// </summary>
    private static string WorstNesting()
    {
        var last = s_defaults.MaxFragmentDepth - 1;
        Assert.Equal(s_defaults.MaxNesting, 1 + (4 * last) + 3);
        for (var lists = 128; lists > 0; lists--)
        {
            var fragments = new System.Text.StringBuilder("{ ...F0 }\n");
            for (var i = 0; i < last; i++)
            {
                fragments.Append($"fragment F{i} on Query {{ ... on Query {{ ... on Query {{ ... on Query {{ ...F{i + 1} }} }} }} }}\n");
            }

            fragments.Append($"fragment F{last} on Query {{ ... on Query {{ communes(search: {new string('[', lists)}\"x\"{new string(']', lists)}) {{ nom }} }} }}\n");
            try
            {
                Parser.Parse(fragments.ToString());
                return fragments.ToString();
            }
            catch (GraphQLParser.Exceptions.GraphQLMaxDepthExceededException)
            {
                // One level less.
            }
        }

        throw new InvalidOperationException("aucune profondeur acceptée");
    }
}
