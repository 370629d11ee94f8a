using System.Net;
using System.Text;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.Server.Tests.Support;
using static ScoranInclusion.Server.Tests.Hardening.Hostile;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// The document cache skips the full validation of a document that has already executed: a document that failed
/// must keep failing, and the limits that depend on the variables must still apply to a cached document.
/// </summary>
public sealed class DocumentCacheTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    private DocumentCache Cache => _server.Services.GetRequiredService<DocumentCache>();

    [Fact]
    public async Task An_invalid_document_is_refused_every_time_and_never_marked_validated()
    {
        const string query = "query CacheInvalide { nearestSites(near: { commune: \"21231\" }, first: 2) { edges { champInconnu } } }";
        using var client = _server.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var (status, body) = await PostAsync(client, Request(query));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("champInconnu", body, StringComparison.Ordinal);
        }

        Assert.NotNull(Cache.TryGet(query));
        Assert.False(Cache.IsValidated(query));
    }

    [Fact]
    public async Task A_validated_document_still_gets_the_cost_limit_with_new_variables()
    {
        var fields = "edges { distanceMeters node { id nom services horaires adresse { voie commune codePostal } location { latitude longitude } } }";
        var query = "query CacheCout($n: Int) { " + string.Join(' ', Enumerable.Range(0, 25).Select(i => $"a{i}: nearestSites(near: {{ commune: \"21231\" }}, first: $n) {{ {fields} }}")) + " }";
        using var client = _server.CreateClient();

        var (status, body) = await PostAsync(client, Request(query, new { n = 1 }));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
        Assert.True(Cache.IsValidated(query));

        (status, body) = await PostAsync(client, Request(query, new { n = 100 }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_COMPLEX", FirstCode(body));

        // And the document still answers within the limits, from the cache.
        (status, body) = await PostAsync(client, Request(query, new { n = 2 }));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.DoesNotContain("\"errors\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_variables_do_not_mark_the_document_validated_and_are_refused_again_later()
    {
        const string query = "query CacheVariables($c: String!, $n: Int!) { nearestSites(near: { commune: $c }, first: $n) { edges { node { nom } } } }";
        using var client = _server.CreateClient();

        var (status, body) = await PostAsync(client, Request(query, new { c = "21231", n = "beaucoup" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(Cache.IsValidated(query));

        (status, body) = await PostAsync(client, Request(query, new { c = "21231", n = 3 }));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.True(Cache.IsValidated(query));

        // Variables are still checked against their types once the document is validated.
        (status, body) = await PostAsync(client, Request(query, new { c = "21231", n = "beaucoup" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(FirstCode(body));
        (status, body) = await PostAsync(client, Request(query, new { c = "21231" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task A_cached_document_answers_the_same_as_its_first_run_and_a_changed_text_is_not_served_stale()
    {
        const string query = "query CacheMeme($near: NearInput!, $n: Int) { nearestSites(near: $near, first: $n) { edges { distanceMeters node { id nom } } } }";
        using var client = _server.CreateClient();
        var first = await PostAsync(client, Request(query, new { near = new { commune = "21231" }, n = 4 }));
        Assert.True(first.Status == HttpStatusCode.OK, first.Body);
        Assert.True(Cache.IsValidated(query, "CacheMeme") || Cache.IsValidated(query));
        for (var i = 0; i < 3; i++)
        {
            var again = await PostAsync(client, Request(query, new { near = new { commune = "21231" }, n = 4 }));
            Assert.Equal(first.Body, again.Body);
        }

        // Another origin, the same first: the same operation and the same kept cost (the cost reads first, not near).
        var elsewhere = await PostAsync(client, Request(query, new { near = new { commune = "25056" }, n = 4 }));
        Assert.True(elsewhere.Status == HttpStatusCode.OK, elsewhere.Body);
        Assert.NotEqual(first.Body, elsewhere.Body);
        Assert.Equal(1, Cache.KeptCosts(query));

        // One field more in the text: its own entry, and the answer has the field.
        var changed = query.Replace("node { id nom }", "node { id nom services }", StringComparison.Ordinal);
        var other = await PostAsync(client, Request(changed, new { near = new { commune = "21231" }, n = 4 }));
        Assert.True(other.Status == HttpStatusCode.OK, other.Body);
        Assert.Contains("\"services\"", other.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"services\"", first.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_operation_of_a_cached_document_passes_the_limits_on_its_own()
    {
        // The same text, two operations: the small one runs and is cached; the other still meets the alias limit.
        var aliases = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"n{i}: nom"));
        var query = "query Petite { nearestSites(near: { commune: \"21231\" }, first: 1) { edges { node { nom } } } } " +
            "query Alias { nearestSites(near: { commune: \"21231\" }, first: 1) { edges { node { " + aliases + " } } } }";
        using var client = _server.CreateClient();
        var small = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query, operationName = "Petite" }), Encoding.UTF8, "application/json");
        var (status, body) = await PostAsync(client, small);
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.True(Cache.IsValidated(query, "Petite"));
        Assert.False(Cache.IsValidated(query, "Alias"));

        for (var i = 0; i < 2; i++)
        {
            var many = new StringContent(System.Text.Json.JsonSerializer.Serialize(new { query, operationName = "Alias" }), Encoding.UTF8, "application/json");
            (status, body) = await PostAsync(client, many);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("TOO_MANY_ALIASES", FirstCode(body));
        }
    }

    [Fact]
    public async Task The_strings_of_the_variables_are_checked_on_a_cached_document()
    {
        const string query = "query CacheTexte($c: String!) { nearestSites(near: { commune: $c }, first: 1) { edges { node { nom } } } }";
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(query, new { c = "21231" }));
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.True(Cache.IsValidated(query));

        // A noncharacter (JSON carries it; a lone surrogate it refuses before GraphQL).
        (status, body) = await PostAsync(client, Request(query, new { c = "21\uFFFE" }));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("INVALID_STRING", FirstCode(body));
    }

    [Fact]
    public async Task A_text_that_does_not_parse_is_kept_as_refused_and_answers_the_same_error()
    {
        const string query = "query CacheSyntaxe { nearestSites(near: { commune: \"21231\" } first: 1) { edges { node { nom } ";
        using var client = _server.CreateClient();
        var (status, body) = await PostAsync(client, Request(query));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("SYNTAX_ERROR", FirstCode(body));
        var (statusAgain, bodyAgain) = await PostAsync(client, Request(query));
        Assert.Equal(status, statusAgain);
        Assert.Equal(body, bodyAgain);
        Assert.Null(Cache.TryGet(query));
    }

    [Fact]
    public void The_cache_stays_within_its_size_whatever_the_texts_valid_or_not()
    {
        var cache = new DocumentCache(new GraphQLDocumentBuilder(), Options.Create(new ScoranGraphQLOptions { DocumentCacheSize = 5 }));
        for (var i = 0; i < 40; i++)
        {
            Assert.NotNull(cache.TryGet($"query Q{i} {{ nearestSites(near: {{ commune: \"21231\" }}, first: {i % 7 + 1}) {{ edges {{ node {{ nom }} }} }} }}"));
            Assert.True(cache.Count <= 5, $"{cache.Count} textes gardés");
            Assert.Null(cache.TryGet($"query Cassee{i} {{ nearestSites("));
            Assert.True(cache.Count <= 5, $"{cache.Count} textes gardés");
        }

        // A text kept as refused is found again without growing the cache.
        cache.TryGet("{ cassé");
        var count = cache.Count;
        Assert.Null(cache.TryGet("{ cassé"));
        Assert.Equal(count, cache.Count);

        // Size 0: nothing is kept, every text still parses.
        var none = new DocumentCache(new GraphQLDocumentBuilder(), Options.Create(new ScoranGraphQLOptions { DocumentCacheSize = 0 }));
        Assert.NotNull(none.TryGet("{ __typename }"));
        Assert.Equal(0, none.Count);
    }

    [Fact]
    public void The_cost_key_reads_first_last_and_directives_only_unless_a_field_has_its_own_cost()
    {
        var schema = _server.Services.GetRequiredService<ScoranSchema>();
        var builder = new GraphQLDocumentBuilder();
        var search = CostRelevance.Of(builder.Build(
            "query($near: NearInput!, $n: Int, $after: String, $f: SiteFilter, $s: Boolean!) { nearestSites(near: $near, first: $n, after: $after, filter: $f) { edges { node { nom @skip(if: $s) } } } }"), schema);
        var a = search.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["near"] = new Dictionary<string, object?> { ["commune"] = "21231" }, ["n"] = 20, ["s"] = false }));
        var b = search.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["near"] = new Dictionary<string, object?> { ["commune"] = "25056" }, ["n"] = 20, ["after"] = "x", ["s"] = false }));
        Assert.Equal(a, b);
        Assert.NotEqual(a, search.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["n"] = 21, ["s"] = false })));
        Assert.NotEqual(a, search.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["n"] = 20, ["s"] = true })));
        Assert.NotEqual(a, search.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["s"] = false })));

        // coverage has its own cost, read from level and code: every variable counts.
        var coverage = CostRelevance.Of(builder.Build("query($code: String!) { coverage(level: REGION, code: $code) { communes { code } } }"), schema);
        Assert.NotEqual(
            coverage.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["code"] = "27" })),
            coverage.Key(new global::GraphQL.Inputs(new Dictionary<string, object?> { ["code"] = "21" })));
    }
}
