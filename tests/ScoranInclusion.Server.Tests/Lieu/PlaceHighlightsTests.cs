using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ScoranInclusion.Server.Tests.Lieu;

/// <summary>
/// Issue 21, items 4 to 6, through the real server with its clock fixed (Monday 14 December 2026, 10:00 in Paris): the
/// languages spoken at a place (<c>updateSite</c>, its rules, the history, <c>Site.languesParlees</c>, the filter
/// <c>langues</c> of the API and of /lieux, the JSON export's extension field, the CSV unchanged, the pages), the place's
/// first action (booking, or calling), and the digital bus's next stops on /lieu/{id} and /lieux (the example route
/// seeded with the server: Corbigny on Tuesdays 9:30–12:00).
/// </summary>
public sealed class PlaceHighlightsTests : IAsyncLifetime, IDisposable
{
    private const string AdminToken = "lieu-highlights-admin-token-0123456789";
    private const string Near = "{ point: { latitude: 46.9512, longitude: 4.2988 } }";
    private const string Update = "mutation($id: ID!, $v: Int!, $input: SiteInput!) { updateSite(id: $id, expectedVersion: $v, input: $input) { version languesParlees } }";

    private readonly SettableClock _clock = new() { Now = At("2026-12-14T10:00:00+01:00") };
    private readonly ScoranServerFactory _server = new();
    private string _id = "";
    private string _other = "";

    public async Task InitializeAsync()
    {
        _server.Settings["Auth:AdminToken"] = AdminToken;
        _server.Clock = _clock;
        var nodes = (await _server.DataAsync($"{{ nearestSites(near: {Near}, first: 2) {{ nodes {{ id }} }} }}"))["nearestSites"]!["nodes"]!.AsArray();
        _id = nodes[0]!["id"]!.GetValue<string>();
        _other = nodes[1]!["id"]!.GetValue<string>();
        await UpdateAsync(_id, new { languesParlees = new[] { "UK", " ar ", "uk" }, priseRdv = "https://rdv.example.org/autun", telephone = "+33385000001" });
        await UpdateAsync(_other, new { priseRdv = (string?)null, telephone = "+33385000002" });
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Languages_are_normalised_stored_returned_with_their_names_and_in_the_history()
    {
        var site = (await _server.DataAsync(
            "query($id: ID!) { site(id: $id) { languesParlees langues { code nom nomNatif droiteAGauche } history { fields { field oldValue newValue } } } }",
            new { id = _id }, AdminToken))["site"]!;

        Assert.Equal(["ar", "uk"], site["languesParlees"]!.AsArray().Select(c => c!.GetValue<string>()));
        var langues = site["langues"]!.AsArray();
        Assert.Equal("arabe", langues[0]!["nom"]!.GetValue<string>());
        Assert.True(langues[0]!["droiteAGauche"]!.GetValue<bool>());
        Assert.Equal("ukrainien", langues[1]!["nom"]!.GetValue<string>());
        Assert.Equal("українська", langues[1]!["nomNatif"]!.GetValue<string>());
        var change = site["history"]!.AsArray().SelectMany(e => e!["fields"]!.AsArray()).Single(f => f!["field"]!.GetValue<string>() == "langues_parlees")!;
        Assert.Null(change["oldValue"]);
        Assert.Equal("ar|uk", change["newValue"]!.GetValue<string>());

        // The same list again: nothing changes, the version stays.
        var version = await VersionAsync(_id);
        await UpdateAsync(_id, new { languesParlees = new[] { "uk", "ar" } });
        Assert.Equal(version, await VersionAsync(_id));

        // Cleared with [].
        await UpdateAsync(_id, new { languesParlees = Array.Empty<string>() });
        Assert.Empty((await _server.DataAsync("query($id: ID!) { site(id: $id) { languesParlees } }", new { id = _id }))["site"]!["languesParlees"]!.AsArray());
    }

    [Theory]
    [InlineData("xx", "Langue « xx » inconnue : donnez un code ISO 639-1 de deux lettres de la liste des langues acceptées (par exemple « uk » pour l'ukrainien, « ar » pour l'arabe).")]
    [InlineData("ukr", "Langue « ukr » inconnue : donnez un code ISO 639-1 de deux lettres de la liste des langues acceptées (par exemple « uk » pour l'ukrainien, « ar » pour l'arabe).")]
    public async Task An_unknown_code_is_refused_with_the_field_and_nothing_is_written(string code, string message)
    {
        var version = await VersionAsync(_id);
        var answer = await _server.QueryAsync(Update, new { id = _id, v = version, input = new { languesParlees = new[] { "fr", code }, nom = "Nouveau nom" } }, AdminToken);

        var error = answer["errors"]![0]!;
        Assert.Equal("INVALID_SITE", error["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal("languesParlees", error["extensions"]!["data"]!["field"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Equal(version, await VersionAsync(_id));
        var site = (await _server.DataAsync("query($id: ID!) { site(id: $id) { nom languesParlees } }", new { id = _id }))["site"]!;
        Assert.NotEqual("Nouveau nom", site["nom"]!.GetValue<string>());
        Assert.Equal(["ar", "uk"], site["languesParlees"]!.AsArray().Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task The_langues_filter_finds_the_places_that_speak_one_of_them_and_refuses_an_unknown_code()
    {
        async Task<List<string>> FindAsync(string langues) =>
            [.. (await _server.DataAsync($"{{ nearestSites(near: {Near}, first: 50, filter: {{ langues: {langues} }}) {{ nodes {{ id }} }} }}"))
                ["nearestSites"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];

        Assert.Equal([_id], await FindAsync("[\"uk\"]"));
        Assert.Equal([_id], await FindAsync("[\"tr\", \"AR\"]"));
        Assert.Empty(await FindAsync("[\"tr\"]"));
        // An empty list does not filter.
        Assert.Equal(50, (await FindAsync("[]")).Count);

        var answer = await _server.QueryAsync($"{{ nearestSites(near: {Near}, filter: {{ langues: [\"klingon\"] }}) {{ nodes {{ id }} }} }}");
        Assert.Equal("INVALID_FILTER", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("Langue « klingon » inconnue dans filter.langues", answer["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lieux_filters_by_language_and_shows_the_languages_with_their_own_names()
    {
        using var client = _server.CreateClient();
        var list = await client.GetStringAsync("/lieux?commune=71014&langues=uk");

        Assert.Single(Regex.Matches(list, "<li class=\"lieu\">"));
        Assert.Contains($"href=\"/lieu/{Uri.EscapeDataString(_id)}\"", list, StringComparison.Ordinal);
        Assert.Contains("<strong>Langues :</strong> arabe — <span lang=\"ar\" dir=\"rtl\">العربية</span>, ukrainien — <span lang=\"uk\">українська</span>", list, StringComparison.Ordinal);
        Assert.Contains("<option value=\"uk\" selected>ukrainien — українська</option>", list, StringComparison.Ordinal);
        // An unknown code is left out: the list is not filtered.
        Assert.True(Regex.Count(await client.GetStringAsync("/lieux?commune=71014&langues=zz"), "<li class=\"lieu\">") > 1);

        var page = await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}");
        Assert.Contains("<h2>Langues parlées</h2><ul class=\"langues\"><li>arabe — <span lang=\"ar\" dir=\"rtl\">العربية</span></li><li>ukrainien — <span lang=\"uk\">українська</span></li></ul>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_export_carries_the_languages_as_an_extension_field_and_the_csv_keeps_the_standard_columns()
    {
        using var client = _server.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync("/exports/lieux.json"))!.AsArray();
        var rows = json.Where(r => r!["langues_parlees"] is not null).ToList();
        Assert.Single(rows);
        Assert.Equal("[\"ar\",\"uk\"]", rows[0]!["langues_parlees"]!.ToJsonString());
        var csv = await client.GetStringAsync("/exports/lieux.csv");
        Assert.DoesNotContain("langue", csv.Split('\n')[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ar|uk", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Booking_is_the_first_action_of_a_place_that_has_it_otherwise_calling()
    {
        using var client = _server.CreateClient();
        var booking = await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}");
        var action = Regex.Match(booking, "<p class=\"action-principale\">.*?</p>").Value;
        Assert.Equal("<p class=\"action-principale\"><a class=\"bouton-action\" href=\"https://rdv.example.org/autun\">Prendre rendez-vous</a> <span class=\"aide\">en ligne, sur le site du lieu</span></p>", action);
        // First: before the opening line, the address and the contact.
        Assert.True(booking.IndexOf(action, StringComparison.Ordinal) < booking.IndexOf("<p class=\"horaire\">", StringComparison.Ordinal));
        Assert.Single(Regex.Matches(booking, "class=\"bouton-action\""));

        var calling = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_other)}"));
        Assert.Contains("<p class=\"action-principale\"><a class=\"bouton-action\" href=\"tel:+33385000002\">Appeler le 03 85 00 00 02</a></p>", calling, StringComparison.Ordinal);
        Assert.DoesNotContain("Prendre rendez-vous", calling, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bus_next_stops_are_on_its_place_and_near_the_searched_commune_as_next_visits_says()
    {
        var visits = (await _server.DataAsync(
            "{ nextVisits(near: { commune: \"58083\" }, first: 5) { distanceMeters startsAt endsAt stop { routeName commune adresse operator { id } } } }"))
            ["nextVisits"]!.AsArray();
        Assert.NotEmpty(visits);
        Assert.Equal("Corbigny", visits[0]!["stop"]!["commune"]!.GetValue<string>());
        Assert.Equal("2026-12-15T09:30:00+01:00", visits[0]!["startsAt"]!.GetValue<string>());

        using var client = _server.CreateClient();
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/lieux?commune=58083"));
        const string Sentence = "Exemple — Bus numérique du Morvan passe à Corbigny mardi 15 décembre, 9 h 30 – 12 h, Place de l'Hôtel de Ville";
        Assert.Contains("<h2 id=\"bus-titre\">Le bus numérique passe près de chez vous</h2>", list, StringComparison.Ordinal);
        Assert.Contains($"<li>{Sentence} (à moins de 100 m) (exemple de démonstration)</li>", list, StringComparison.Ordinal);
        // The list says what nextVisits says, in its order.
        var shown = Regex.Matches(list, "passe à ([^<]+?) (?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|en ce moment)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(visits.Select(v => v!["stop"]!["commune"]!.GetValue<string>()), shown);
        // Before the places.
        Assert.True(list.IndexOf("bus-titre", StringComparison.Ordinal) < list.IndexOf("<ol class=\"lieux\">", StringComparison.Ordinal));

        // The place that runs the route lists its next stops, the soonest first.
        var operatorId = visits[0]!["stop"]!["operator"]!["id"]!.GetValue<string>();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(operatorId)}"));
        Assert.Contains("<h2 id=\"bus-titre\">Les prochains arrêts du bus numérique</h2>", page, StringComparison.Ordinal);
        var stops = Regex.Matches(page, "<li>(Exemple — Bus numérique du Morvan passe à [^<]+)</li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(
        [
            Sentence + " (exemple de démonstration)",
            "Exemple — Bus numérique du Morvan passe à Montsauche-les-Settons mercredi 16 décembre, 9 h 30 – 12 h, Place de la Mairie (exemple de démonstration)",
            "Exemple — Bus numérique du Morvan passe à Château-Chinon (Ville) jeudi 17 décembre, 14 h – 17 h, Place Notre-Dame (exemple de démonstration)",
        ], stops);

        // During the stop: « en ce moment ».
        _clock.Now = At("2026-12-15T10:00:00+01:00");
        page = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(operatorId)}"));
        Assert.Contains("Exemple — Bus numérique du Morvan passe à Corbigny en ce moment, jusqu'à 12 h, Place de l'Hôtel de Ville", page, StringComparison.Ordinal);

        // A place that runs no route has no such block; nor a commune far from every stop.
        Assert.DoesNotContain("bus-titre", await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}"), StringComparison.Ordinal);
        Assert.DoesNotContain("bus-titre", await client.GetStringAsync("/lieux?commune=90010"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_highlights_speak_the_page_language_and_name_each_language_in_it_beside_its_own_name()
    {
        using var client = _server.CreateClient();
        var en = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}?langue=en"));
        Assert.Contains("<a class=\"bouton-action\" href=\"https://rdv.example.org/autun\">Book an appointment</a> <span class=\"aide\">online, on the place's website</span>", en, StringComparison.Ordinal);
        Assert.Contains("<h2>Languages spoken</h2><ul class=\"langues\"><li>Arabic — <span lang=\"ar\" dir=\"rtl\">العربية</span></li><li>Ukrainian — <span lang=\"uk\">українська</span></li></ul>", en, StringComparison.Ordinal);

        // In Ukrainian, Ukrainian is named once, in its own name.
        var uk = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_id)}?langue=uk"));
        Assert.Contains("<li>арабська — <span lang=\"ar\" dir=\"rtl\">العربية</span></li><li><span lang=\"uk\">українська</span></li>", uk, StringComparison.Ordinal);

        // Calling, in Arabic: the number reads left to right.
        var ar = WebUtility.HtmlDecode(await client.GetStringAsync($"/lieu/{Uri.EscapeDataString(_other)}?langue=ar"));
        Assert.Contains("href=\"tel:+33385000002\">اتصل بالرقم <span dir=\"ltr\">03 85 00 00 02</span></a>", ar, StringComparison.Ordinal);

        // The list: the language filter by English names, the bus's stops in English around the places' own French words.
        var list = WebUtility.HtmlDecode(await client.GetStringAsync("/lieux?commune=58083&langue=en"));
        Assert.Contains("<label for=\"langues\">Language spoken at the place (optional)</label>", list, StringComparison.Ordinal);
        Assert.Contains("<option value=\"uk\">Ukrainian — українська</option>", list, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"bus-titre\">The digital bus stops near you</h2>", list, StringComparison.Ordinal);
        Assert.Contains("<span lang=\"fr\">Exemple — Bus numérique du Morvan</span> stops in <span lang=\"fr\">Corbigny</span>: Tuesday 15 December,", list, StringComparison.Ordinal);
        Assert.Contains("(demonstration example)</li>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("passe à", list, StringComparison.Ordinal);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private async Task<int> VersionAsync(string id) =>
        (await _server.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id }))["site"]!["version"]!.GetValue<int>();

    private async Task UpdateAsync(string id, object input) =>
        await _server.DataAsync(Update, new { id, v = await VersionAsync(id), input }, AdminToken);

    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }
}
