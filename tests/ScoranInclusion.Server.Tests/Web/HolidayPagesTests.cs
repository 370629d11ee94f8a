using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// Issue 17: on a public holiday and the evening before, a place with « PH off » is closed until it really opens;
/// the midnight where the holiday's comment starts or ends is not a change (it used to read « ouvre demain à 0 h »).
/// The server's clock is fixed through its <see cref="TimeProvider"/>; the API, /lieux and /lieu/{id} are checked.
/// </summary>
public sealed class HolidayPagesTests : IAsyncLifetime, IDisposable
{
    private const string AdminToken = "jours-feries-pages-admin-token-0123456789";
    private const string Hours = "Mo-Fr 09:15-12:00,14:00-17:00; PH off";

    private readonly SettableClock _clock = new();
    private readonly ScoranServerFactory _server = new();
    private string _id = "";

    public async Task InitializeAsync()
    {
        _server.Settings["Auth:AdminToken"] = AdminToken;
        _server.Clock = _clock;
        var place = (await _server.DataAsync("{ nearestSites(near: { point: { latitude: 46.9512, longitude: 4.2988 } }, first: 1) { nodes { id version } } }"))
            ["nearestSites"]!["nodes"]![0]!;
        _id = place["id"]!.GetValue<string>();
        await _server.DataAsync(
            "mutation($id: ID!, $v: Int!, $h: String!) { updateSite(id: $id, expectedVersion: $v, input: { horaires: $h }) { version } }",
            new { id = _id, v = place["version"]!.GetValue<int>(), h = Hours },
            AdminToken);
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _server.Dispose();

    [Theory]
    [InlineData("2026-11-10T18:30:00+01:00", "2026-11-12T09:15:00+01:00", "Fermé, ouvre jeudi à 9 h 15.")] // the evening before
    [InlineData("2026-11-10T23:59:00+01:00", "2026-11-12T09:15:00+01:00", "Fermé, ouvre jeudi à 9 h 15.")]
    [InlineData("2026-11-11T00:00:00+01:00", "2026-11-12T09:15:00+01:00", "Fermé, ouvre demain à 9 h 15.")] // 11 November
    [InlineData("2026-11-11T10:00:00+01:00", "2026-11-12T09:15:00+01:00", "Fermé, ouvre demain à 9 h 15.")]
    [InlineData("2026-12-24T18:00:00+01:00", "2026-12-28T09:15:00+01:00", "Fermé, ouvre lundi à 9 h 15.")] // Christmas, then the weekend
    [InlineData("2026-05-13T20:00:00+02:00", "2026-05-15T09:15:00+02:00", "Fermé, ouvre vendredi à 9 h 15.")] // Ascension
    public async Task A_place_closed_on_public_holidays_opens_when_its_hours_say(string now, string opens, string text)
    {
        _clock.Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var site = (await _server.DataAsync("query($id: ID!) { site(id: $id) { openingHours { state nextChange } } }", new { id = _id }))["site"]!["openingHours"]!;
        Assert.Equal("CLOSED", site["state"]!.GetValue<string>());
        Assert.Equal(opens, site["nextChange"]!.GetValue<string>());
        var check = (await _server.DataAsync("query($e: String!, $at: DateTime!) { validateOpeningHours(expression: $e, at: $at) { state nextChange } }", new { e = Hours, at = now }))["validateOpeningHours"]!;
        Assert.Equal(opens, check["nextChange"]!.GetValue<string>());

        using var client = _server.CreateClient();
        var page = await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}");
        Assert.Contains($"<p class=\"horaire\">{text}</p>", page, StringComparison.Ordinal);
        var list = await client.GetStringAsync("/lieux?commune=71014");
        Assert.Contains($"<p class=\"horaire\">{text}</p>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("à 0 h", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mo-Fr 09:15-12:00,14:00-17:00; PH off \"férié\"", "2026-11-11T10:00:00+01:00", "Fermé, ouvre demain à 9 h 15.")]
    [InlineData("Mo-Fr 09:00-24:00", "2026-11-10T20:30:00+01:00", "Ouvert maintenant, jusqu'à minuit.")]
    [InlineData("Sa-Su 00:00-24:00", "2026-11-14T20:30:00+01:00", "Ouvert maintenant, jusqu'à demain minuit.")]
    [InlineData("Fr 22:00-02:00", "2026-11-13T23:30:00+01:00", "Ouvert maintenant, jusqu'à demain à 2 h.")]
    [InlineData("Sa 00:00-02:00", "2026-11-13T20:00:00+01:00", "Fermé, ouvre demain à 0 h.")] // it really opens at midnight
    [InlineData("Mo 09:00-12:00 open \"accueil\", Mo 12:00-14:00 open \"atelier\"", "2026-11-09T10:00:00+01:00", "Ouvert maintenant, jusqu'à 14 h.")]
    public async Task The_opening_line_says_when_the_state_really_changes(string hours, string now, string text)
    {
        _clock.Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        var version = (await _server.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = _id }))["site"]!["version"]!.GetValue<int>();
        await _server.DataAsync(
            "mutation($id: ID!, $v: Int!, $h: String!) { updateSite(id: $id, expectedVersion: $v, input: { horaires: $h }) { version } }",
            new { id = _id, v = version, h = hours },
            AdminToken);

        using var client = _server.CreateClient();
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}"));
        var line = System.Text.RegularExpressions.Regex.Match(page, "<p class=\"horaire\">[^<]*</p>").Value;
        Assert.Equal($"<p class=\"horaire\">{text}</p>", line);
    }

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}

