using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Espace;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>
/// Every empty state and « no result » message of the server's pages (/lieux, /lieu, /couverture, /espace), reached
/// for real, for every combination of commune and filters that produces it: a well-formed French sentence (capital,
/// final full stop, spaces, elisions) that says what to do. The widget's own sentences: WidgetMessagesTests.
/// </summary>
public sealed partial class EmptyStatesTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    /// <summary>Communes with « de », « d' », « du » (Le Creusot) in their sentence.</summary>
    public static TheoryData<string, string> Communes => new()
    {
        { "21166", "près de Chenôve (21300)" },
        { "71014", "près d'Autun (71400)" },
        { "71153", "près du Creusot (71200)" },
    };

    /// <summary>Filters that no place of the seed matches (none declares its fees), alone and combined.</summary>
    private static readonly string[] s_emptyFilters =
    [
        "frais_a_charge=Gratuit",
        "frais_a_charge=Gratuit&services=AIDE_AUX_DEMARCHES_ADMINISTRATIVES",
        "frais_a_charge=Gratuit&ouvert=maintenant",
        "frais_a_charge=Gratuit&ateliers=14",
    ];

    [Theory]
    [MemberData(nameof(Communes))]
    public async Task Lieux_without_result_says_so_and_offers_the_list_without_filters(string commune, string near)
    {
        using var client = fixture.Factory.CreateClient();
        foreach (var filters in s_emptyFilters)
        {
            var (status, html) = await GetAsync(client, $"/lieux?commune={commune}&{filters}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"<h2 id=\"resultats\">Aucun lieu {near} avec ces filtres</h2>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
            var message = Paragraph(html, "Aucun lieu ne correspond");
            AssertSentences(message, $"/lieux?commune={commune}&{filters}");
            Assert.Contains($"href=\"/lieux?commune={commune}\"", html, StringComparison.Ordinal);
            Assert.Contains("Gratuit", message, StringComparison.Ordinal);
        }

        // The link leads to places.
        var (_, plain) = await GetAsync(client, $"/lieux?commune={commune}");
        Assert.Matches(@"<h2 id=""resultats"">20 lieux ", plain);
    }

    [Fact]
    public async Task Unknown_communes_places_and_texts_say_what_to_type()
    {
        using var client = fixture.Factory.CreateClient();
        var (status, html) = await GetAsync(client, "/lieux?commune=99999");
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertSentences(Paragraph(html, "Nous ne connaissons pas"), "commune inconnue");

        (status, html) = await GetAsync(client, "/lieux?q=" + Uri.EscapeDataString("zzzzqqq"));
        Assert.Equal(HttpStatusCode.OK, status);
        AssertSentences(Paragraph(html, "Aucune commune"), "texte sans commune");

        (status, html) = await GetAsync(client, "/lieu/inconnu");
        Assert.Equal(HttpStatusCode.NotFound, status);
        AssertSentences(Paragraph(html, "Il a peut-être"), "lieu inconnu", actionNeeded: false);
        Assert.Contains("<a href=\"/\">Chercher un lieu près de chez vous</a>", html, StringComparison.Ordinal);

        // /couverture of Dijon Métropole: no « zone blanche », said as such.
        (status, html) = await GetAsync(client, "/couverture?territoire=epci%3A242100410");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertSentences(Paragraph(html, "Aucune :"), "couverture sans zone blanche", actionNeeded: false);
    }

    [Fact]
    public async Task Espace_empty_lists_say_what_to_do()
    {
        // A place without offers (Belfort, far from the example workshops).
        var places = await fixture.Factory.DataAsync("""
            { nearestSites(near: { commune: "90010" }, first: 30) { edges { node { id offers { id } } } } }
            """, new { }, AccountsServerFixture.AdminToken);
        var bare = places["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!)
            .First(n => n["offers"]!.AsArray().Count == 0)["id"]!.GetValue<string>();
        await fixture.AccountTokenAsync("lieu.vide@example.org", AccountRole.Mediator, sites: [ScoranInclusion.GraphQL.Relay.GlobalId.DecodeKey(bare, "Site")]);
        using (var mediator = new EspaceClient(fixture.Factory))
        {
            await mediator.LogInAsync("lieu.vide@example.org", AccountsServerFixture.Password);
            AssertSentences(Paragraph((await mediator.GetAsync($"/espace/lieu/{Uri.EscapeDataString(bare)}/ateliers")).Body, "Ce lieu ne propose encore aucune offre"), "ateliers sans offre");
            AssertSentences(Paragraph((await mediator.GetAsync("/espace/demandes")).Body, "Vous n'avez fait aucune demande"), "/espace/demandes vide");
        }

        // A moderator whose queue is empty with the default filter, then with others.
        await fixture.AccountTokenAsync("moderation.90@example.org", AccountRole.Moderator, departement: "90");
        using var moderator = new EspaceClient(fixture.Factory);
        await moderator.LogInAsync("moderation.90@example.org", AccountsServerFixture.Password);
        foreach (var query in new[] { "", "?statut=PENDING&nature=", "?statut=REJECTED&nature=CLAIM", "?statut=TOUS&nature=PROPOSAL" })
        {
            var body = (await moderator.GetAsync("/espace/moderation" + query)).Body;
            Assert.Contains(">Aucune demande</h2>", body, StringComparison.Ordinal);
            AssertSentences(Paragraph(body, "Aucune demande n"), "/espace/moderation" + query);
        }
    }

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The text of the first paragraph that contains <paramref name="start"/>, tags removed, entities decoded.</summary>
    private static string Paragraph(string html, string start)
    {
        var at = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(at >= 0, $"« {start} » absent de la page");
        var open = html.LastIndexOf("<p", at, StringComparison.Ordinal);
        var close = html.IndexOf("</p>", at, StringComparison.Ordinal);
        return WebUtility.HtmlDecode(Tags().Replace(html[open..close], "")).Trim();
    }

    /// <summary>Each sentence: a capital first, a final full stop, French spaces and elisions; one says what to do.</summary>
    internal static void AssertSentences(string text, string where, bool actionNeeded = true)
    {
        Assert.True(Regex.IsMatch(text, "^[A-ZÀÂÉÈÊÎÔÛÇ]"), $"{where} : pas de majuscule au début — « {text} »");
        Assert.True(text.EndsWith('.'), $"{where} : pas de point final — « {text} »");
        Assert.False(Regex.IsMatch(text, @" {2}|\s[,.)]|\S[:;!?]|\(\s|«\S|\S»"), $"{where} : espaces mal placées — « {text} »");
        Assert.False(Regex.IsMatch(text, @"\b(de|à) (le|les) |\bde [AEIOUYÉÈÊÂÎÔ]|\b0 lieu"), $"{where} : élision ou accord — « {text} »");
        Assert.False(Regex.IsMatch(text, @"\{|\}|null|undefined"), $"{where} : valeur manquante — « {text} »");
        if (actionNeeded)
        {
            Assert.True(Regex.IsMatch(text, @"\b(Enlevez|voyez|Revenez|demandez|Tapez|tapez|Vérifiez|Choisissez|suivez|ajoutez|créez|écrivez|Chercher|Modifiez|appelez)\b"),
                $"{where} : ne dit pas quoi faire — « {text} »");
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
