using System.Globalization;
using System.Text.Json.Nodes;

namespace ScoranInclusion.Server.Tests.Closures;

/// <summary>
/// Issue 20, item 8, through the real server with its clock fixed: closures and notices given by <c>updateSite</c>, their
/// rules (INVALID_SITE with French messages, nothing written), the history, <c>Site.closures</c>/<c>notices</c> (current
/// and future only), <c>openingHours</c> and the <c>openNow</c>/<c>openAt</c>/<c>openOn</c> filters across the closure's
/// edges, the banner and opening line of /lieu/{id} and /lieux, the JSON export's extension fields and the CSV unchanged.
/// </summary>
public sealed class TemporaryClosuresApiTests : IAsyncLifetime, IDisposable
{
    private const string AdminToken = "fermetures-api-admin-token-0123456789";
    private const string Near = "{ point: { latitude: 46.9512, longitude: 4.2988 } }";
    private const string Update = "mutation($id: ID!, $v: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $v, input: $input) { version } }";

    private readonly SettableClock _clock = new();
    private readonly ScoranServerFactory _server = new();
    private string _id = "";
    private string _nom = "";

    public async Task InitializeAsync()
    {
        _server.Settings["Auth:AdminToken"] = AdminToken;
        _server.Clock = _clock;
        _clock.Now = At("2026-12-15T10:00:00+01:00");
        var place = (await _server.DataAsync($"{{ nearestSites(near: {Near}, first: 1) {{ nodes {{ id nom }} }} }}"))["nearestSites"]!["nodes"]![0]!;
        _id = place["id"]!.GetValue<string>();
        _nom = place["nom"]!.GetValue<string>();
        await UpdateAsync(new
        {
            horaires = "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
            closures = new object[] { new { startDate = "2026-12-22", endDate = "2027-01-02", reason = "congés" } },
            notices = new object[] { new { startDate = "2026-12-01", endDate = "2026-12-31", text = "Permanence déplacée en mairie" } },
        });
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("2026-12-21T16:00:00+01:00", "OPEN", "2026-12-21T17:00:00+01:00")]
    [InlineData("2026-12-21T17:30:00+01:00", "CLOSED", "2027-01-04T09:00:00+01:00")]
    [InlineData("2026-12-22T00:00:00+01:00", "CLOSED", "2027-01-04T09:00:00+01:00")]
    [InlineData("2026-12-23T10:00:00+01:00", "CLOSED", "2027-01-04T09:00:00+01:00")]
    [InlineData("2027-01-02T23:59:00+01:00", "CLOSED", "2027-01-04T09:00:00+01:00")]
    [InlineData("2027-01-04T10:00:00+01:00", "OPEN", "2027-01-04T12:00:00+01:00")]
    public async Task Opening_hours_and_the_open_filters_follow_the_closure(string now, string state, string next)
    {
        _clock.Now = At(now);

        var hours = (await _server.DataAsync("query($id: ID!) { site(id: $id) { openingHours { state isOpen nextChange } } }", new { id = _id }))["site"]!["openingHours"]!;
        Assert.Equal(state, hours["state"]!.GetValue<string>());
        Assert.Equal(state == "OPEN", hours["isOpen"]!.GetValue<bool>());
        Assert.Equal(next, hours["nextChange"]!.GetValue<string>());
        Assert.Equal(state == "OPEN", await FoundAsync("openNow: true"));
        Assert.Equal(state == "OPEN", await FoundAsync($"openAt: \"{now}\""));
    }

    [Fact]
    public async Task The_open_on_a_day_filter_leaves_the_place_out_over_the_closure()
    {
        _clock.Now = At("2026-12-20T10:00:00+01:00");

        Assert.True(await FoundAsync("openOn: \"2026-12-21\""));
        Assert.False(await FoundAsync("openOn: \"2026-12-22\""));
        Assert.False(await FoundAsync("openOn: \"2027-01-02\""));
        Assert.True(await FoundAsync("openOn: \"2027-01-04\""));
        // openAt a week day of the closure, asked before it: closed as well.
        Assert.False(await FoundAsync("openAt: \"2026-12-28T10:00:00+01:00\""));
    }

    [Fact]
    public async Task The_public_site_shows_current_and_future_ones_only()
    {
        const string Query = "query($id: ID!) { site(id: $id) { closures { startDate endDate reason label current } notices { startDate endDate text current } openingHours { comment week(of: \"2026-12-21\") { date fermeture } } } }";
        _clock.Now = At("2026-12-10T10:00:00+01:00");
        var before = (await _server.DataAsync(Query, new { id = _id }))["site"]!;
        Assert.False(before["closures"]![0]!["current"]!.GetValue<bool>());
        Assert.True(before["notices"]![0]!["current"]!.GetValue<bool>());
        Assert.Equal("Fermé du 22 décembre au 2 janvier (congés)", before["closures"]![0]!["label"]!.GetValue<string>());
        Assert.Null(before["openingHours"]!["week"]![0]!["fermeture"]);
        Assert.Equal("Fermé du 22 décembre au 2 janvier (congés)", before["openingHours"]!["week"]![1]!["fermeture"]!.GetValue<string>());

        _clock.Now = At("2026-12-23T10:00:00+01:00");
        var during = (await _server.DataAsync(Query, new { id = _id }))["site"]!;
        Assert.True(during["closures"]![0]!["current"]!.GetValue<bool>());
        Assert.Equal("2027-01-02", during["closures"]![0]!["endDate"]!.GetValue<string>());
        Assert.Equal("Fermé du 22 décembre au 2 janvier (congés)", during["openingHours"]!["comment"]!.GetValue<string>());

        _clock.Now = At("2027-01-01T10:00:00+01:00");
        var after = (await _server.DataAsync(Query, new { id = _id }))["site"]!;
        Assert.Empty(after["notices"]!.AsArray());
        Assert.Single(after["closures"]!.AsArray());

        _clock.Now = At("2027-01-03T00:00:00+01:00");
        Assert.Empty((await _server.DataAsync(Query, new { id = _id }))["site"]!["closures"]!.AsArray());
    }

    [Fact]
    public async Task Bad_closures_and_notices_are_refused_in_French_and_nothing_is_written()
    {
        var version = await VersionAsync();
        var cases = new (object Input, string Field, string Message)[]
        {
            (new { closures = new object[] { new { startDate = "2027-01-10", endDate = "2027-01-05" } } }, "closures",
                "Fermeture n° 1 : la fin (5 janvier 2027) précède le début (10 janvier 2027)."),
            (new { closures = new object[] { new { startDate = "2027-01-10", endDate = "2028-02-05" } } }, "closures",
                "Fermeture n° 1 : 392 jours, c'est trop long pour une période temporaire (366 jours au plus)."),
            (new { closures = Enumerable.Range(0, 11).Select(i => new { startDate = "2027-02-01", endDate = "2027-02-02" }).ToArray() }, "closures",
                "Trop de fermetures temporaires : 11, 10 au plus. Retirez celles qui sont passées ou regroupez-les."),
            (new { notices = new object[] { new { startDate = "2026-12-20", endDate = "2026-12-21", text = new string('x', 501) } } }, "notices",
                "Avis n° 1 : le texte fait 501 caractères, 500 au plus."),
            (new { notices = new object[] { new { startDate = "2026-12-01", endDate = "2026-12-10", text = "Fini" } } }, "notices",
                "Avis n° 1 : il se termine le 10 décembre 2026, avant aujourd'hui ; retirez-le ou corrigez la date de fin."),
        };
        foreach (var (input, field, message) in cases)
        {
            var answer = await _server.QueryAsync(Update, new { id = _id, v = version, input }, AdminToken);
            var error = answer["errors"]![0]!;
            Assert.Equal("INVALID_SITE", error["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal(field, error["extensions"]!["data"]!["field"]!.GetValue<string>());
            Assert.Equal(message, error["message"]!.GetValue<string>());
        }

        Assert.Equal(version, await VersionAsync());
        var site = (await _server.DataAsync("query($id: ID!) { site(id: $id) { closures { label } notices { text } } }", new { id = _id }))["site"]!;
        Assert.Single(site["closures"]!.AsArray());
        Assert.Equal("Permanence déplacée en mairie", site["notices"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changes_are_in_the_history_and_clearing_works()
    {
        await UpdateAsync(new { closures = (object?)null });

        var history = (await _server.DataAsync("query($id: ID!) { site(id: $id) { closures { label } history { fields { field oldValue newValue } } } }", new { id = _id }, AdminToken))["site"]!;
        Assert.Empty(history["closures"]!.AsArray());
        var fields = history["history"]!.AsArray().SelectMany(e => e!["fields"]!.AsArray()).Where(f => f!["field"]!.GetValue<string>() == "fermetures").ToList();
        Assert.Equal(2, fields.Count);
        Assert.Null(fields[0]!["oldValue"]);
        Assert.Equal("""[{"debut":"2026-12-22","fin":"2027-01-02","motif":"congés"}]""", fields[0]!["newValue"]!.GetValue<string>());
        Assert.Equal(fields[0]!["newValue"]!.GetValue<string>(), fields[1]!["oldValue"]!.GetValue<string>());
        Assert.Null(fields[1]!["newValue"]);
        Assert.Contains(history["history"]!.AsArray().SelectMany(e => e!["fields"]!.AsArray()), f => f!["field"]!.GetValue<string>() == "avis");
    }

    [Fact]
    public async Task Pages_show_the_banner_during_the_dates_and_not_after()
    {
        using var client = _server.CreateClient();
        _clock.Now = At("2026-12-23T10:00:00+01:00");
        var page = await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}");
        Assert.Contains("<h2 id=\"bandeau-avis-titre\">Fermeture temporaire</h2><p class=\"bandeau-fermeture\"><strong>Fermé du 22 décembre au 2 janvier (congés).</strong></p>", page, StringComparison.Ordinal);
        Assert.Contains("Permanence déplacée en mairie <span class=\"bandeau-dates\">(du 1er décembre au 31 décembre)</span>", page, StringComparison.Ordinal);
        var line = System.Text.RegularExpressions.Regex.Match(page, "<p class=\"horaire\">[^<]*</p>").Value;
        Assert.Equal("<p class=\"horaire\">Fermé jusqu'au 2 janvier inclus, ouvre le 4 janvier à 9 h.</p>", System.Net.WebUtility.HtmlDecode(line));
        Assert.Contains("Fermé (fermeture temporaire)", page, StringComparison.Ordinal);
        var list = await client.GetStringAsync("/lieux?commune=71014");
        Assert.Contains("<p class=\"bandeau-fermeture\"><strong>Fermé du 22 décembre au 2 janvier (congés).</strong></p>", list, StringComparison.Ordinal);

        _clock.Now = At("2026-12-16T10:00:00+01:00");
        page = await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}");
        Assert.DoesNotContain("bandeau-fermeture", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"bandeau-avis-titre\">À savoir</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Fermé du 22 décembre au 2 janvier (congés)</li>", page, StringComparison.Ordinal); // « Fermetures prévues »

        _clock.Now = At("2027-01-04T10:00:00+01:00");
        page = await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}");
        Assert.DoesNotContain("bandeau-avis", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Fermé du 22 décembre", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"horaire\">Ouvert maintenant, jusqu'à 12 h.</p>", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        list = await client.GetStringAsync("/lieux?commune=71014");
        Assert.DoesNotContain("bandeau-avis", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_export_carries_them_as_extension_fields_and_the_csv_keeps_the_standard_columns()
    {
        using var client = _server.CreateClient();
        _clock.Now = At("2026-12-23T10:00:00+01:00");
        var json = JsonNode.Parse(await client.GetStringAsync("/exports/lieux.json"))!.AsArray();
        var row = json.Single(r => r!["nom"]!.GetValue<string>() == _nom && r["fermetures_temporaires"] is not null)!;
        Assert.Equal("""[{"debut":"2026-12-22","fin":"2027-01-02","motif":"congés"}]""", row["fermetures_temporaires"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.Equal("Permanence déplacée en mairie", row["avis"]![0]!["texte"]!.GetValue<string>());
        Assert.Equal(1, json.Count(r => r!["fermetures_temporaires"] is not null));
        var csv = await client.GetStringAsync("/exports/lieux.csv");
        Assert.DoesNotContain("fermeture", csv.Split('\n')[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Permanence déplacée", csv, StringComparison.Ordinal);

        _clock.Now = At("2027-01-04T10:00:00+01:00");
        json = JsonNode.Parse(await client.GetStringAsync("/exports/lieux.json"))!.AsArray();
        Assert.DoesNotContain(json, r => r!["fermetures_temporaires"] is not null || r["avis"] is not null);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private async Task<bool> FoundAsync(string filter) =>
        (await _server.DataAsync($"{{ nearestSites(near: {Near}, first: 5, filter: {{ {filter} }}) {{ nodes {{ id }} }} }}"))
            ["nearestSites"]!["nodes"]!.AsArray().Any(n => n!["id"]!.GetValue<string>() == _id);

    private async Task<int> VersionAsync() =>
        (await _server.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = _id }))["site"]!["version"]!.GetValue<int>();

    private async Task UpdateAsync(object input) =>
        await _server.DataAsync(Update, new { id = _id, v = await VersionAsync(), input }, AdminToken);

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
