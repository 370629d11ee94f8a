using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Search;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;

namespace ScoranInclusion.Server.Tests.Coverage;

/// <summary>
/// The region's coverage computed and serialised once per publication (issue 22 item 4): the same answer again is the
/// kept bytes with an ETag (304 on revalidation, Brotli when accepted), and a write that changes the coverage (a place
/// withdrawn, a place renamed by a set-based update) is seen by the very next request, over GraphQL and on /couverture.
/// </summary>
public sealed class CoverageAnswersTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    /// <summary>The contract's fields (API-CONTRACT.md), as a client of the region's coverage asks them.</summary>
    private const string Region = """
        { coverage(level: REGION, code: "27") { population within { km population share }
            communes { commune { codeInsee nom population } nearestDistanceMeters nearestSite { id nom } } } }
        """;

    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task The_region_answer_is_kept_with_an_etag_compressed_on_demand_and_revalidated_with_a_304()
    {
        using var client = _server.CreateClient();
        var (first, firstTag, _) = await PostAsync(client, Region);
        var (second, secondTag, _) = await PostAsync(client, Region);
        Assert.NotNull(firstTag);
        Assert.Equal(firstTag, secondTag);
        Assert.Equal(first, second);
        Assert.Equal(3685, JsonNode.Parse(first)!["data"]!["coverage"]!["communes"]!.AsArray().Count);

        // Brotli when asked: the same bytes once decompressed, and far fewer on the wire.
        using (var request = Post(Region))
        {
            request.Headers.AcceptEncoding.ParseAdd("br");
            using var response = await client.SendAsync(request);
            Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());
            var compressed = await response.Content.ReadAsByteArrayAsync();
            Assert.True(compressed.Length < first.Length / 3, $"{compressed.Length} octets compressés pour {first.Length}");
            await using var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            await brotli.CopyToAsync(plain);
            Assert.Equal(first, Encoding.UTF8.GetString(plain.ToArray()));
        }

        // A GET of the same document revalidates: 304 without a body while nothing changed.
        var url = "/graphql?query=" + Uri.EscapeDataString(Region);
        using var get = await client.GetAsync(url);
        var tag = get.Headers.ETag!.ToString();
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("no-cache", get.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(tag));
        using var revalidated = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_withdrawn_place_is_gone_from_the_next_coverage_answer_and_the_next_page()
    {
        using var client = _server.CreateClient();
        var (before, beforeTag, _) = await PostAsync(client, Region);
        var beforePage = await PageAsync(client, "/couverture");
        // The place nearest to the most communes: withdrawing it changes many rows.
        var rows = JsonNode.Parse(before)!["data"]!["coverage"]!["communes"]!.AsArray();
        var target = rows.Where(r => r!["nearestSite"] is not null).GroupBy(r => r!["nearestSite"]!["id"]!.GetValue<string>())
            .OrderByDescending(g => g.Count()).First();
        var communes = target.Select(r => r!["commune"]!["codeInsee"]!.GetValue<string>()).ToList();
        Assert.Contains(RowOf(beforePage, communes[0]), beforePage, StringComparison.Ordinal);

        await WithdrawAsync(target.Key);

        var (after, afterTag, _) = await PostAsync(client, Region);
        Assert.NotEqual(beforeTag, afterTag);
        var afterRows = JsonNode.Parse(after)!["data"]!["coverage"]!["communes"]!.AsArray();
        Assert.DoesNotContain(afterRows, r => r!["nearestSite"]?["id"]?.GetValue<string>() == target.Key);
        foreach (var code in communes)
        {
            var row = afterRows.Single(r => r!["commune"]!["codeInsee"]!.GetValue<string>() == code)!;
            var was = rows.Single(r => r!["commune"]!["codeInsee"]!.GetValue<string>() == code)!;
            Assert.True(row["nearestDistanceMeters"] is null || row["nearestDistanceMeters"]!.GetValue<double>() >= was["nearestDistanceMeters"]!.GetValue<double>());
        }

        var afterPage = await PageAsync(client, "/couverture");
        Assert.NotEqual(beforePage, afterPage);
        Assert.DoesNotContain(RowOf(beforePage, communes[0]), afterPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_place_shows_its_new_name_on_the_next_page_and_answer()
    {
        using var client = _server.CreateClient();
        var (before, _, _) = await PostAsync(client, Region);
        _ = await PageAsync(client, "/couverture?departement=90");
        var site = JsonNode.Parse(before)!["data"]!["coverage"]!["communes"]!.AsArray()
            .First(r => r!["commune"]!["codeInsee"]!.GetValue<string>().StartsWith("90", StringComparison.Ordinal) && r["nearestSite"] is not null)!["nearestSite"]!;
        var nom = "Lieu renommé " + Guid.NewGuid().ToString("N")[..8];

        // A set-based update (no entity, no search publication): the commit alone makes the kept answers stale.
        var key = GlobalId.DecodeKey(site["id"]!.GetValue<string>(), "Site");
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().Sites.Where(s => s.Id == key).ExecuteUpdateAsync(u => u.SetProperty(s => s.Nom, nom));
        }

        Assert.Contains(nom, await PageAsync(client, "/couverture?departement=90"), StringComparison.Ordinal);
        var (after, _, _) = await PostAsync(client, Region);
        Assert.Contains(nom, after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_that_depend_on_the_hour_or_on_credentials_are_never_kept()
    {
        using var client = _server.CreateClient();
        const string workshops = """{ coverage(level: DEPARTEMENT, code: "21", filter: { hasSessionWithinDays: 14 }) { population } }""";
        const string openNow = """{ coverage(level: DEPARTEMENT, code: "21", filter: { openNow: true }) { population } }""";
        const string fresh = """{ coverage(level: DEPARTEMENT, code: "21", freshWithinMonths: 12) { population } }""";
        const string mixed = """{ coverage(level: DEPARTEMENT, code: "21") { population } communes(search: "Dijon", first: 1) { codeInsee } }""";
        foreach (var query in new[] { workshops, openNow, fresh, mixed })
        {
            for (var i = 0; i < 2; i++)
            {
                var (body, tag, _) = await PostAsync(client, query);
                Assert.Null(tag);
                Assert.Null(JsonNode.Parse(body)!["errors"]);
            }
        }

        // With a token: computed for that request only.
        using (var request = Post("""{ coverage(level: DEPARTEMENT, code: "21") { population } }"""))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "jeton-quelconque");
            using var response = await client.SendAsync(request);
            Assert.Null(response.Headers.ETag);
        }

        using var page = await client.GetAsync("/couverture?departement=21&ateliers=14");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Null(page.Headers.ETag);
        using var kept = await client.GetAsync("/couverture?departement=21");
        Assert.NotNull(kept.Headers.ETag);
    }

    private static HttpRequestMessage Post(string query) => new(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query }) };

    private static async Task<(string Body, string? ETag, HttpStatusCode Status)> PostAsync(HttpClient client, string query)
    {
        using var request = Post(query);
        using var response = await client.SendAsync(request);
        return (await response.Content.ReadAsStringAsync(), response.Headers.ETag?.ToString(), response.StatusCode);
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The whole table row of a commune on /couverture.</summary>
    private static string RowOf(string html, string codeInsee)
    {
        var start = html.IndexOf("<tr data-insee=\"" + codeInsee + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, codeInsee);
        return html[start..(html.IndexOf("</tr>", start, StringComparison.Ordinal) + 5)];
    }

    /// <summary>Withdraws a place as the sync does: the columns, a history row, then the search told.</summary>
    private async Task WithdrawAsync(string siteId)
    {
        var key = GlobalId.DecodeKey(siteId, "Site");
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var site = await db.Sites.SingleAsync(s => s.Id == key);
        site.WithdrawnAt = DateTimeOffset.UtcNow;
        site.WithdrawnReason = "Retiré pour le test de la couverture.";
        db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = key,
            ChangedAt = DateTimeOffset.UtcNow,
            Actor = "sync:test",
            Kind = SiteChangeKind.Updated,
            Operation = "sync:test-" + key.ToString(CultureInfo.InvariantCulture),
            Field = SiteHistory.WithdrawnAtField,
            NewValue = site.WithdrawnAt.Value.ToString("O", CultureInfo.InvariantCulture),
            SiteVersion = site.Version,
        });
        await db.SaveChangesAsync();
        await SearchIndexPublication.PublishAsync(db, scope.ServiceProvider.GetRequiredService<ISearchPublication>(), [key], CancellationToken.None);
    }
}
