using System.Net;
using Microsoft.Extensions.DependencyInjection;
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
}
