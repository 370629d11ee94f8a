using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Espace;
using ScoranInclusion.Server.Tests.Operations;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sync;
using AccountRole = ScoranInclusion.Storage.Accounts.AccountRole;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>
/// A server with two configured sources (one per test that runs one, so that their runs do not depend on the order of
/// the tests), each a local file of three places of Nevers, not scheduled: they run only on demand.
/// </summary>
public sealed class SourcesServerFixture : AccountsServerFixture
{
    public const string Source = "essai-nevers";
    public const string PageSource = "essai-page";

    public SourcesServerFixture()
    {
        Directory.CreateDirectory(Factory.DataFolder);
        File = Configure(Source, 0);
        Configure(PageSource, 50);
    }

    public string File { get; }

    private string Configure(string name, int first)
    {
        var file = Path.Combine(Factory.DataFolder, name + ".csv");
        System.IO.File.WriteAllText(file, OperationsData.Csv(Enumerable.Range(first, 3).Select(i => OperationsData.Row($"{name}-{i}", $"Espace numérique d'essai {i}", i))));
        Factory.Settings[$"Sources:{name}:Url"] = file;
        Factory.Settings[$"Sources:{name}:Format"] = "lmn-csv";
        Factory.Settings[$"Sources:{name}:Every"] = "06:00:00";
        Factory.Settings[$"Sources:{name}:Enabled"] = "false";
        return file;
    }

    /// <summary>Waits for the runs started by runSource (they go on in the background).</summary>
    public Task IdleAsync() => Factory.Services.GetRequiredService<SourceSyncTrigger>().WhenIdleAsync();
}

/// <summary>
/// <c>sources</c>, <c>syncRun</c> and <c>runSource</c> over the real server, and <c>/espace/sources</c>: who sees, who runs,
/// what a run shows (counts, report), the typed errors.
/// </summary>
public sealed class SourcesApiTests(SourcesServerFixture fixture) : IClassFixture<SourcesServerFixture>
{
    private const string Admin = AccountsServerFixture.AdminToken;
    private const string Sources = """
        { sources { name url format provenance every departements enabled
            lastRun { id outcome startedAt endedAt httpStatus bytes rowsRead added updated unchanged withdrawn rejected skipped suspicious suspiciousReason error dryRun }
            runs(first: 5) { id outcome } } }
        """;

    private const string RunSource = "mutation($n: String!) { runSource(name: $n) { id source outcome startedAt } }";
    private readonly ScoranServerFactory _server = fixture.Factory;

    private static JsonObject Essai(JsonObject data) =>
        data["sources"]!.AsArray().OfType<JsonObject>().Single(s => s["name"]!.GetValue<string>() == SourcesServerFixture.Source);

    [Fact]
    public async Task Moderators_and_administrators_read_the_sources_and_their_runs_others_are_refused()
    {
        var moderator = await fixture.AccountTokenAsync("moderation.sources@example.org", AccountRole.Moderator, departement: "58");
        var mediator = await fixture.AccountTokenAsync("mediation.sources@example.org", AccountRole.Mediator, siret: "73282932000074");
        var source = Essai(await _server.DataAsync(Sources, null, moderator));
        Assert.Equal(fixture.File, source["url"]!.GetValue<string>());
        Assert.Equal(("lmn-csv", SourcesServerFixture.Source, "PT6H", false), (source["format"]!.GetValue<string>(), source["provenance"]!.GetValue<string>(),
            source["every"]!.GetValue<string>(), source["enabled"]!.GetValue<bool>()));
        Assert.Equal(["21", "25", "39", "58", "70", "71", "89", "90"], source["departements"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync(Sources, null, mediator)));
        Assert.Equal("UNAUTHENTICATED", AccountsServerFixture.Code(await _server.QueryAsync(Sources)));
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync("query($id: ID!) { syncRun(id: $id) { id } }", new { id = "U3luY1J1bjox" }, mediator)));
        Assert.Equal("INVALID_PAGINATION", AccountsServerFixture.Code(await _server.QueryAsync("{ sources { runs(first: 101) { id } } }", null, Admin)));
    }

    [Fact]
    public async Task An_administrator_runs_a_source_now_and_the_run_its_counts_and_its_report_are_shown()
    {
        var moderator = await fixture.AccountTokenAsync("moderation.lancer@example.org", AccountRole.Moderator, departement: "58");
        Assert.Equal("FORBIDDEN", AccountsServerFixture.Code(await _server.QueryAsync(RunSource, new { n = SourcesServerFixture.Source }, moderator)));
        Assert.Equal("UNKNOWN_SOURCE", AccountsServerFixture.Code(await _server.QueryAsync(RunSource, new { n = "inconnue" }, Admin)));

        var started = (await _server.DataAsync(RunSource, new { n = SourcesServerFixture.Source }, Admin))["runSource"]!;
        Assert.Equal(SourcesServerFixture.Source, started["source"]!.GetValue<string>());
        Assert.Equal("RUNNING", started["outcome"]!.GetValue<string>());
        await fixture.IdleAsync();

        var data = await _server.DataAsync(Sources, null, moderator);
        var last = Essai(data)["lastRun"]!;
        Assert.Equal(started["id"]!.GetValue<string>(), last["id"]!.GetValue<string>());
        Assert.True(last["outcome"]!.GetValue<string>() is "IMPORTED", last.ToJsonString());
        Assert.Equal((3, 3, 0, false, false), (last["rowsRead"]!.GetValue<int>(), last["added"]!.GetValue<int>(), last["withdrawn"]!.GetValue<int>(),
            last["suspicious"]!.GetValue<bool>(), last["dryRun"]!.GetValue<bool>()));
        Assert.NotNull(last["endedAt"]?.GetValue<string>());
        Assert.Null(last["httpStatus"]?.GetValue<int>());
        var run = (await _server.DataAsync("query($id: ID!) { syncRun(id: $id) { report } }", new { id = last["id"]!.GetValue<string>() }, moderator))["syncRun"]!;
        Assert.NotNull(JsonNode.Parse(run["report"]!.GetValue<string>()));

        // A run of the source going elsewhere (its lease held by another process): SOURCE_BUSY, nothing started.
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            var lease = db.SyncLeases.SingleOrDefault(l => l.Name == SourcesServerFixture.Source);
            if (lease is null)
            {
                db.SyncLeases.Add(lease = new SyncLeaseEntity { Name = SourcesServerFixture.Source });
            }

            lease.Holder = "autre-serveur";
            lease.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(10);
            await db.SaveChangesAsync();
            Assert.Equal("SOURCE_BUSY", AccountsServerFixture.Code(await _server.QueryAsync(RunSource, new { n = SourcesServerFixture.Source }, Admin)));
            lease.Holder = "";
            lease.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync();
        }

        Assert.Single(Essai(await _server.DataAsync(Sources, null, Admin))["runs"]!.AsArray());
    }

    [Fact]
    public async Task The_espace_page_shows_the_runs_and_reports_and_only_administrators_launch()
    {
        await fixture.AccountTokenAsync("administration.sources@example.org", AccountRole.Admin);
        using var admin = new EspaceClient(_server);
        await admin.LogInAsync("administration.sources@example.org", AccountsServerFixture.Password);
        var (page, body) = await admin.GetAsync("/espace/sources");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(SourcesServerFixture.PageSource, body, StringComparison.Ordinal);
        Assert.Contains("toutes les 6 heures", WebUtility.HtmlDecode(body), StringComparison.Ordinal);
        Assert.Contains("href=\"/espace/retraits\"", body, StringComparison.Ordinal);
        Assert.Contains($"action=\"/espace/sources/{SourcesServerFixture.PageSource}/lancer\"", body, StringComparison.Ordinal);

        var (forged, _) = await admin.PostAsync($"/espace/sources/{SourcesServerFixture.PageSource}/lancer", [], token: "faux");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var (launched, _) = await admin.PostAsync($"/espace/sources/{SourcesServerFixture.PageSource}/lancer", [], "/espace/sources");
        Assert.Equal(HttpStatusCode.SeeOther, launched.StatusCode);
        await fixture.IdleAsync();
        var (after, afterBody) = await admin.GetAsync(launched.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var text = WebUtility.HtmlDecode(afterBody);
        Assert.Contains($"Passage de la source « {SourcesServerFixture.PageSource} » lancé", text, StringComparison.Ordinal);
        Assert.Contains("<caption", afterBody, StringComparison.Ordinal);
        var detail = System.Text.RegularExpressions.Regex.Match(afterBody, "href=\"(/espace/sources/passage/[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(detail);
        var (report, reportBody) = await admin.GetAsync(detail);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("Rapport d'import", WebUtility.HtmlDecode(reportBody), StringComparison.Ordinal);
        Assert.Contains("<pre>", reportBody, StringComparison.Ordinal);
        var (missing, _) = await admin.GetAsync("/espace/sources/passage/U3luY1J1bjo5OTk5OTk");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // A moderator reads, but has no button and is refused the launch; a mediator is refused the page.
        await fixture.AccountTokenAsync("moderation.page.sources@example.org", AccountRole.Moderator, departement: "58");
        using var moderator = new EspaceClient(_server);
        await moderator.LogInAsync("moderation.page.sources@example.org", AccountsServerFixture.Password);
        var (read, readBody) = await moderator.GetAsync("/espace/sources");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.DoesNotContain("/lancer\"", readBody, StringComparison.Ordinal);
        Assert.Contains("href=\"/espace/sources\" aria-current=\"page\"", readBody, StringComparison.Ordinal);
        var (refused, _) = await moderator.PostAsync($"/espace/sources/{SourcesServerFixture.PageSource}/lancer", [], "/espace/sources");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await fixture.AccountTokenAsync("mediation.page.sources@example.org", AccountRole.Mediator, siret: "73282932000074");
        using var mediator = new EspaceClient(_server);
        await mediator.LogInAsync("mediation.page.sources@example.org", AccountsServerFixture.Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.GetAsync("/espace/sources")).Response.StatusCode);
    }
}
