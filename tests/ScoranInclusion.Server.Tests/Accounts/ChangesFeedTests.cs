using System.Globalization;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Offers;

namespace ScoranInclusion.Server.Tests.Accounts;

public sealed class ChangesFeedTestsOnSqlite(AccountsServerFixture fixture) : ChangesFeedTests(fixture), IClassFixture<AccountsServerFixture>;

[Trait("Category", "Postgres")]
public sealed class ChangesFeedTestsOnPostgres(PostgresAccountsServerFixture fixture) : ChangesFeedTests(fixture), IClassFixture<PostgresAccountsServerFixture>;

/// <summary>Conformance: the public feed of changes, on each provider.</summary>
public abstract class ChangesFeedTests(AccountsServerFixture fixture)
{
    private const string Changes = "query($since: DateTime!, $first: Int, $after: String) { changes(since: $since, first: $first, after: $after) { edges { cursor node { siteId kind fields at relatedSiteId } } pageInfo { hasNextPage endCursor } } }";

    [Fact]
    public async Task Edits_and_confirmations_appear_in_order_with_field_names_and_no_personal_data()
    {
        var edited = await fixture.PlaceNearAsync(47.64, 6.86);
        var confirmed = await fixture.PlaceNearAsync(47.80, 3.57);
        // The server has started (and seeded its places) before this instant: only this test's writes come after it.
        // Not « a second ago »: the first start's seeding can end within the last second.
        var since = DateTimeOffset.UtcNow.AddMilliseconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var token = await fixture.AccountTokenAsync("flux@example.org", Storage.Accounts.AccountRole.Admin);
        var version = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = edited }))["site"]!["version"]!.GetValue<int>();
        await fixture.Factory.DataAsync("mutation($id: ID!, $v: Int!) { updateSite(id: $id, expectedVersion: $v, input: { horaires: \"Mo 09:00-12:00\" }) { id } }", new { id = edited, v = version }, token);
        await fixture.Factory.DataAsync("mutation($id: ID!) { confirmSite(id: $id) { id } }", new { id = confirmed }, token);

        var all = await fixture.Factory.QueryAsync(Changes, new { since, first = 10 });
        Assert.Null(all["errors"]);
        var nodes = Nodes(all);
        Assert.Equal(2, nodes.Count);
        Assert.Equal((edited, "UPDATED"), (nodes[0]["siteId"]!.GetValue<string>(), nodes[0]["kind"]!.GetValue<string>()));
        Assert.Equal(["horaires", "date_maj"], nodes[0]["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal((confirmed, "UPDATED"), (nodes[1]["siteId"]!.GetValue<string>(), nodes[1]["kind"]!.GetValue<string>()));
        Assert.Equal(["last_confirmed_at"], nodes[1]["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        var text = all.ToJsonString();
        Assert.DoesNotContain("account:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("flux@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("admin", text, StringComparison.Ordinal);

        var page1 = await fixture.Factory.DataAsync(Changes, new { since, first = 1 });
        Assert.True(page1["changes"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var page2 = await fixture.Factory.DataAsync(Changes, new { since, first = 1, after = page1["changes"]!["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal(confirmed, Nodes(page2)[0]["siteId"]!.GetValue<string>());
        Assert.False(page2["changes"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_first_load_is_a_stream_of_creations_paged_without_overlap_and_bad_arguments_are_coded()
    {
        var since = "2000-01-01T00:00:00+00:00";
        var first = await fixture.Factory.DataAsync(Changes, new { since, first = 100 });
        var second = await fixture.Factory.DataAsync(Changes, new { since, first = 100, after = first["changes"]!["pageInfo"]!["endCursor"]!.GetValue<string>() });

        Assert.Equal(100, Nodes(first).Count);
        Assert.All(Nodes(first), n => Assert.Equal("CREATED", n["kind"]!.GetValue<string>()));
        Assert.True(first["changes"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Empty(Nodes(first).Select(n => n["siteId"]!.GetValue<string>()).Intersect(Nodes(second).Select(n => n["siteId"]!.GetValue<string>())));
        var at = DateTimeOffset.Parse(Nodes(first)[0]["at"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(at > DateTimeOffset.UtcNow.AddHours(-1));

        var future = await fixture.Factory.DataAsync(Changes, new { since = OffersServerFixture.Iso(DateTimeOffset.UtcNow.AddDays(1)) });
        Assert.Empty(Nodes(future));
        Assert.Equal("INVALID_CURSOR", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Changes, new { since, after = "pas-un-curseur" })));
        Assert.Equal("INVALID_PAGINATION", AccountsServerFixture.Code(await fixture.Factory.QueryAsync(Changes, new { since, first = 101 })));
    }

    private static List<JsonNode> Nodes(JsonObject result)
    {
        var data = result["data"] as JsonObject ?? result;
        return [.. data["changes"]!["edges"]!.AsArray().Select(e => e!["node"]!)];
    }
}
