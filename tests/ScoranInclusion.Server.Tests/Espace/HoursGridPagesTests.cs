using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>The hours grid of the edit and propose pages without JavaScript: the grid's fields posted, the expression saved, errors by field.</summary>
public sealed partial class HoursGridPagesTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private const string Target = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off";

    private async Task<(string Place, EspaceClient Client)> MediatorAsync(string email, double latitude, double longitude, string? horaires)
    {
        var place = await fixture.PlaceNearAsync(latitude, longitude);
        await fixture.AccountTokenAsync(email, AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        var version = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = place }))["site"]!["version"]!.GetValue<int>();
        await fixture.Factory.DataAsync("mutation($id: ID!, $v: Int!, $h: String) { updateSite(id: $id, expectedVersion: $v, input: { horaires: $h }) { version } }",
            new { id = place, v = version, h = horaires }, AccountsServerFixture.AdminToken);
        var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync(email, AccountsServerFixture.Password);
        return (place, client);
    }

    private async Task<string?> HoursAsync(string id) =>
        (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { horaires } }", new { id }))["site"]!["horaires"]?.GetValue<string>();

    /// <summary>What a browser without JavaScript sends from the form: inputs, text areas, checked boxes.</summary>
    internal static Dictionary<string, List<string>> Form(string body)
    {
        var form = body[body.IndexOf("class=\"formulaire fiche\"", StringComparison.Ordinal)..];
        form = form[..form.IndexOf("</form>", StringComparison.Ordinal)];
        var fields = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (Match m in InputPattern().Matches(form))
        {
            if (m.Groups[1].Value is "checkbox" or "radio" && !m.Groups[4].Value.Contains("checked", StringComparison.Ordinal))
            {
                continue;
            }

            Add(fields, m.Groups[2].Value, WebUtility.HtmlDecode(m.Groups[3].Value));
        }

        foreach (Match m in TextAreaPattern().Matches(form))
        {
            Add(fields, m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value));
        }

        return fields;

        static void Add(Dictionary<string, List<string>> fields, string name, string value)
        {
            if (!fields.TryGetValue(name, out var list))
            {
                fields[name] = list = [];
            }

            list.Add(value);
        }
    }

    internal static IEnumerable<KeyValuePair<string, string>> Pairs(Dictionary<string, List<string>> form) =>
        form.Where(f => f.Key != EspaceClient.TokenField).SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v)));

    internal static void Set(Dictionary<string, List<string>> form, string name, string? value)
    {
        form.Remove(name);
        if (value is not null)
        {
            form[name] = [value];
        }
    }

    private static bool Checked(string body, string name) =>
        Regex.IsMatch(body, $"<input type=\"checkbox\"[^>]*name=\"{Regex.Escape(name)}\"[^>]*checked");

    [Fact]
    public async Task The_grid_shows_the_hours_of_the_place_and_posting_it_without_javascript_saves_the_compact_expression()
    {
        var (place, client) = await MediatorAsync("grille@example.org", 47.32, 5.04, "Mo-Fr 09:00-12:00");
        using var owned = client;
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.Contains("<legend>Horaires de la semaine</legend>", page, StringComparison.Ordinal);
        Assert.Equal("09:00", EspaceClient.InputValue(page, "grille.mo.1.de"));
        Assert.Equal("12:00", EspaceClient.InputValue(page, "grille.fr.1.a"));
        Assert.True(Checked(page, "grille.lunven"));
        Assert.True(Checked(page, "grille.sa.ferme"));
        Assert.False(Checked(page, "grille.mo.ferme"));
        Assert.False(Checked(page, "grille.feries"));
        // Every time field has a label; each day is a fieldset with its legend.
        Assert.Contains("<label for=\"champ-grille-tu-2-de\">2ᵉ plage, de</label>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"champ-grille-tu-2-a\"><span class=\"visuellement-cache\">2ᵉ plage, </span>à</label>", page, StringComparison.Ordinal);
        Assert.Contains("<fieldset class=\"jour\" id=\"champ-grille-we\" data-jour=\"we\"><legend>Mercredi</legend>", page, StringComparison.Ordinal);

        // The person fills the grid (Monday for the whole week, Saturday opened, holidays closed) and leaves the text alone.
        var form = Form(page);
        Set(form, "grille.mo.2.de", "14h");
        Set(form, "grille.mo.2.a", "17");
        Set(form, "grille.sa.ferme", null);
        Set(form, "grille.sa.1.de", "10:00");
        Set(form, "grille.sa.1.a", "12:00");
        Set(form, "grille.feries", "1");
        var (saved, body) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.True(saved.StatusCode == HttpStatusCode.SeeOther, body);
        Assert.Equal(Target, await HoursAsync(place));

        // Drawn again from what was saved, with its preview.
        var (_, after) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.Equal(Target, EspaceClient.InputValue(after, "horaires"));
        Assert.Equal("14:00", EspaceClient.InputValue(after, "grille.th.2.de"));
        Assert.True(Checked(after, "grille.feries"));
        Assert.Contains("10 h – 12 h", after, StringComparison.Ordinal);

        // Submitted again untouched: nothing to save (the grid did not re-assert the hours).
        var (same, sameBody) = await client.PostAsync($"/espace/lieu/{place}", Pairs(Form(after)), token: EspaceClient.TokenOf(after));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Contains("Aucun changement à enregistrer", WebUtility.HtmlDecode(sameBody), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_of_the_grid_are_next_to_their_field_linked_from_the_summary_and_nothing_is_written()
    {
        var (place, client) = await MediatorAsync("grille.erreurs@example.org", 46.67, 4.37, "Mo-Fr 09:00-12:00");
        using var owned = client;
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        var form = Form(page);
        Set(form, "grille.lunven", null);
        Set(form, "grille.tu.2.de", "14:00");
        Set(form, "grille.tu.2.a", "13:00");
        Set(form, "grille.we.1.de", "midi");
        Set(form, "grille.th.2.de", "11:00");
        Set(form, "grille.th.2.a", "15:00");
        Set(form, "grille.fr.2.de", "15:00");
        Set(form, "grille.su.1.de", "10:00");
        Set(form, "grille.su.1.a", "11:00");
        var (response, body) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = WebUtility.HtmlDecode(body);
        Assert.Contains("<title>Erreur : ", body, StringComparison.Ordinal);
        Assert.Contains("5 erreurs empêchent l'enregistrement", text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#champ-grille-tu-2-a\">Horaires (grille de la semaine) : mardi, 2ᵉ plage : l'heure de fin doit suivre l'heure de début.</a>", text, StringComparison.Ordinal);
        Assert.Contains("id=\"champ-grille-tu-2-a\" name=\"grille.tu.2.a\" value=\"13:00\" size=\"5\" autocomplete=\"off\" spellcheck=\"false\" aria-describedby=\"champ-grille-tu-2-a-erreur\" aria-invalid=\"true\">"
            + "<span class=\"erreur\" id=\"champ-grille-tu-2-a-erreur\">Mardi, 2ᵉ plage : l'heure de fin doit suivre l'heure de début.</span>", text, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-grille-we-1-de\">Horaires (grille de la semaine) : mercredi, 1ʳᵉ plage : « midi » n'est pas une heure de début", text, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-grille-th-2-de\">Horaires (grille de la semaine) : jeudi, 2ᵉ plage : elle chevauche la 1ʳᵉ plage (9 h – 12 h).", text, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-grille-fr-2-a\">Horaires (grille de la semaine) : vendredi, 2ᵉ plage : l'heure de fin manque.", text, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-grille-su-ferme\">Horaires (grille de la semaine) : dimanche : « fermé » est coché, mais des heures sont remplies", text, StringComparison.Ordinal);
        // What was typed is kept, and nothing is written.
        Assert.Equal("midi", EspaceClient.InputValue(body, "grille.we.1.de"));
        Assert.Equal("Mo-Fr 09:00-12:00", await HoursAsync(place));

        // Corrected from the page with its errors: saved.
        var again = Form(body);
        Set(again, "grille.tu.2.a", "18:00");
        Set(again, "grille.we.1.de", "8h30");
        Set(again, "grille.th.2.de", "13:00");
        Set(again, "grille.fr.2.a", "24:00");
        Set(again, "grille.su.ferme", null);
        var (saved, savedBody) = await client.PostAsync($"/espace/lieu/{place}", Pairs(again), token: EspaceClient.TokenOf(body));
        Assert.True(saved.StatusCode == HttpStatusCode.SeeOther, savedBody);
        Assert.Equal("Mo 09:00-12:00; Tu 09:00-12:00,14:00-18:00; We 08:30-12:00; Th 09:00-12:00,13:00-15:00; Fr 09:00-12:00,15:00-24:00; Su 10:00-11:00",
            await HoursAsync(place));
    }

    [Fact]
    public async Task An_expression_beyond_the_grid_is_said_so_and_the_text_rules_until_the_grid_is_filled()
    {
        const string Appointments = "Mo-Fr 09:00-12:00; We 14:00-17:00 \"sur rendez-vous\"";
        var (place, client) = await MediatorAsync("grille.texte@example.org", 47.79, 3.57, Appointments);
        using var owned = client;
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.Contains("La grille ne peut pas montrer ces horaires", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Equal("", EspaceClient.InputValue(page, "grille.mo.1.de"));

        // An expert's text is saved as typed when the grid was not touched.
        var form = Form(page);
        Set(form, "horaires", "Mo-Sa 08:00-12:00 \"sur rendez-vous l'après-midi\"");
        var (saved, _) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal("Mo-Sa 08:00-12:00 \"sur rendez-vous l'après-midi\"", await HoursAsync(place));

        // Filling the grid replaces it.
        (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        form = Form(page);
        Set(form, "grille.tu.1.de", "9");
        Set(form, "grille.tu.1.a", "12");
        var (filled, body) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.True(filled.StatusCode == HttpStatusCode.SeeOther, body);
        Assert.Equal("Tu 09:00-12:00", await HoursAsync(place));
    }

    [Fact]
    public async Task The_propose_page_takes_the_grid_too()
    {
        var mine = await fixture.PlaceNearAsync(47.31, 5.02);
        var token = await fixture.AccountTokenAsync("grille.proposition@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(mine, "Site")]);
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("grille.proposition@example.org", AccountsServerFixture.Password);
        var (_, page) = await client.GetAsync("/espace/proposer");
        Assert.Contains("<legend>Horaires de la semaine</legend>", page, StringComparison.Ordinal);
        var form = Form(page);
        Set(form, "nom", "Point numérique de la grille (test)");
        Set(form, "adresse.voie", "1 rue de la Grille");
        Set(form, "adresse.codePostal", "21000");
        Set(form, "adresse.commune", "Dijon");
        Set(form, "location.latitude", "47,32");
        Set(form, "location.longitude", "5,04");
        Set(form, "grille.lunven", "1");
        Set(form, "grille.mo.1.de", "9:00");
        Set(form, "grille.mo.1.a", "11:00");
        Set(form, "grille.sa.1.de", "14:00");
        var (refused, refusedBody) = await client.PostAsync("/espace/proposer", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#champ-grille-sa-1-a\">Horaires (grille de la semaine) : samedi, 1ʳᵉ plage : l'heure de fin manque.", WebUtility.HtmlDecode(refusedBody), StringComparison.Ordinal);
        Assert.Equal("Point numérique de la grille (test)", EspaceClient.InputValue(refusedBody, "nom"));

        var again = Form(refusedBody);
        Set(again, "grille.sa.1.a", "17:30");
        var (sent, sentBody) = await client.PostAsync("/espace/proposer", Pairs(again), token: EspaceClient.TokenOf(refusedBody));
        Assert.True(sent.StatusCode == HttpStatusCode.SeeOther, sentBody);
        var submissions = await fixture.Factory.DataAsync("{ mySubmissions(first: 5) { nodes { proposal { nom horaires } } } }", null, token);
        var proposal = submissions["mySubmissions"]!["nodes"]!.AsArray().Select(n => n!["proposal"]).OfType<JsonObject>().Single();
        Assert.Equal("Mo-Fr 09:00-11:00; Sa 14:00-17:30", proposal["horaires"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_grid_of_an_expression_is_answered_as_json_for_the_script()
    {
        using var client = new EspaceClient(fixture.Factory);
        var (ok, json) = await client.GetAsync("/espace/horaires/grille?expression=" + Uri.EscapeDataString("Mo-Fr 09:00-12:00; PH off"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var grid = JsonNode.Parse(json)!["grille"]!;
        Assert.Equal("09:00", grid["grille.we.1.de"]!.GetValue<string>());
        Assert.Equal("1", grid["grille.feries"]!.GetValue<string>());
        Assert.Equal("1", grid["grille.sa.ferme"]!.GetValue<string>());
        var (_, beyond) = await client.GetAsync("/espace/horaires/grille?expression=" + Uri.EscapeDataString("Mo 22:00-02:00"));
        Assert.Null(JsonNode.Parse(beyond)!["grille"]);
    }

    [GeneratedRegex("<input type=\"(\\w+)\"[^>]*?name=\"([^\"]+)\"[^>]*?value=\"([^\"]*)\"([^>]*)>")]
    private static partial Regex InputPattern();

    [GeneratedRegex("<textarea[^>]*name=\"([^\"]+)\"[^>]*>([^<]*)</textarea>")]
    private static partial Regex TextAreaPattern();
}
