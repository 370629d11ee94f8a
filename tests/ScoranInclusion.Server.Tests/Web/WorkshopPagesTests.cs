using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ScoranInclusion.Server.Tests.Offers;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>The workshops in the server-rendered pages: « Prochains ateliers » on /lieu/{id}, the next workshop and the filter of /lieux.</summary>
public sealed partial class WorkshopPagesTests(OffersServerFixture fixture) : IClassFixture<OffersServerFixture>
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    [Fact]
    public async Task A_place_with_example_workshops_shows_them_marked_as_examples_with_its_calendar()
    {
        var data = await fixture.Factory.DataAsync("""{ nearestSites(near: { commune: "21166" }, first: 1, filter: { hasSessionWithinDays: 14 }) { nodes { id nom } } }""");
        var place = data["nearestSites"]!["nodes"]![0]!;
        Assert.Equal("Bibliothèque municipale de Chenôve", place["nom"]!.GetValue<string>()); // an example place
        var id = place["id"]!.GetValue<string>();
        using var client = fixture.Factory.CreateClient();
        var html = await client.GetStringAsync("/lieu/" + id);

        Assert.Contains("<h2 id=\"ateliers\">Prochains ateliers</h2>", html, StringComparison.Ordinal);
        var items = Items(html);
        Assert.InRange(items.Count, 1, 4);
        Assert.All(items, item =>
        {
            Assert.Contains("<strong>Exemple — Premiers pas sur smartphone</strong> <span class=\"exemple\">Exemple (pas une vraie annonce)</span>", item, StringComparison.Ordinal);
            Assert.Matches(@"<p>Jeudi (1er|\d{1,2}) [a-zéû]+ à 10 h \(2 h\) · <strong>(\d+ places?|complet)</strong></p>", item);
            Assert.Contains("Gratuit sous condition : Gratuit avec un Pass numérique · Atelier en groupe, sur place", item, StringComparison.Ordinal);
            Assert.Contains("Inscription : sur place, à l'accueil du lieu.", item, StringComparison.Ordinal);
        });
        Assert.Contains($"<a href=\"/calendar/{id}.ics\">Ajouter à mon agenda</a>", html, StringComparison.Ordinal);
        using var calendar = await client.GetAsync($"/calendar/{id}.ics");
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        Assert.Equal("text/calendar", calendar.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_place_without_sessions_has_no_workshops_block()
    {
        var (id, _, _, _) = await fixture.PlaceNearAsync(47.6380, 6.8628); // Belfort: no example there, no other test's session
        using var client = fixture.Factory.CreateClient();
        var html = await client.GetStringAsync("/lieu/" + id);

        Assert.Contains("<h2>Horaires</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Prochains ateliers", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/calendar/", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_cancelled_remote_and_paid_sessions_are_said_so_in_paris_time()
    {
        var (siteId, _, _, _) = await fixture.PlaceNearAsync(47.0920, 5.4900); // Dole: no example there
        var offer = (await fixture.MutateAsync("""
            mutation($input: OfferInput!) { createOffer(input: $input) { id } }
            """, new
        {
            input = new
            {
                title = "Tableur pour les associations",
                summary = "Faire ses comptes avec un tableur.",
                themes = new[] { "MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN" },
                format = "COLLECTIVE_WORKSHOP",
                fee = "PAID",
                feeCondition = "5 € la séance",
                registration = new { url = "https://inscription.example.org/tableur", telephone = "03 84 00 00 00", courriel = "ateliers@example.org" },
                siteId,
            },
        }))["createOffer"]!["id"]!.GetValue<string>();

        var full = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(2, 9), capacity: 1);
        await fixture.MutateAsync("mutation($id: ID!) { setSessionSeats(id: $id, seatsTaken: 1) { status } }", new { id = full["id"]!.GetValue<string>() });
        var cancelled = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(3, 9), capacity: 8);
        await fixture.MutateAsync("mutation($id: ID!) { cancelSession(id: $id, reason: \"Animatrice malade\") { status } }", new { id = cancelled["id"]!.GetValue<string>() });
        await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(4, 9), capacity: 3, remoteUrl: "https://visio.example.org/tableur");
        // The first of a month, 9:30 to 11:00 Paris time (no offset: Paris time).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(today.Day > 20 ? 2 : 1);
        await fixture.MutateAsync("""
            mutation($input: SessionInput!) { createSession(input: $input) { id } }
            """, new { input = new { offerId = offer, startsAt = $"{first:yyyy-MM-dd}T09:30:00", endsAt = $"{first:yyyy-MM-dd}T11:00:00", capacity = 1 } });

        using var client = fixture.Factory.CreateClient();
        var items = Items(await client.GetStringAsync("/lieu/" + siteId));

        Assert.Equal(4, items.Count);
        Assert.All(items, item => Assert.DoesNotContain("pas une vraie annonce", item, StringComparison.Ordinal));
        Assert.All(items, item => Assert.Contains("Payant : 5 € la séance", item, StringComparison.Ordinal));
        Assert.Contains("<strong>complet</strong>", items[0], StringComparison.Ordinal);
        Assert.Contains("(2 h)", items[0], StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://inscription.example.org/tableur\">en ligne", items[0], StringComparison.Ordinal);
        Assert.Contains("par téléphone au <a href=\"tel:&#x2B;33384000000\">03 84 00 00 00</a>", items[0], StringComparison.Ordinal);
        Assert.Contains("par courriel à <a href=\"mailto:ateliers@example.org\">ateliers@example.org</a>", items[0], StringComparison.Ordinal);

        Assert.StartsWith("<li class=\"atelier annule\">", items[1], StringComparison.Ordinal);
        Assert.Contains("<strong>annulé</strong>", items[1], StringComparison.Ordinal);
        Assert.Contains("Motif : Animatrice malade", items[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Inscription", items[1], StringComparison.Ordinal);

        Assert.Contains("<strong>3 places</strong>", items[2], StringComparison.Ordinal);
        Assert.Contains("À distance : <a href=\"https://visio.example.org/tableur\">lien pour suivre la séance", items[2], StringComparison.Ordinal);

        var weekday = first.ToString("dddd", French);
        Assert.Contains($"<p>{char.ToUpperInvariant(weekday[0])}{weekday[1..]} 1er {first.ToString("MMMM", French)} à 9 h 30 (1 h 30) · <strong>1 place</strong></p>", items[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lieux_keeps_only_places_with_a_workshop_within_the_days_asked_and_says_the_next_one()
    {
        using var client = fixture.Factory.CreateClient();
        var all = await client.GetStringAsync("/lieux?commune=21166");
        var filtered = await client.GetStringAsync("/lieux?commune=21166&ateliers=14");
        var ignored = await client.GetStringAsync("/lieux?commune=21166&ateliers=400");

        Assert.Equal(20, Cards(all).Count);
        var cards = Cards(filtered);
        Assert.InRange(cards.Count, 1, 19);
        Assert.All(cards, card => Assert.Matches(
            @"<p class=""prochain-atelier"">Prochain atelier : (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) (1er|\d{1,2}) [a-zéû]+ à \d{1,2} h( \d\d)? — [^<]+</p>", card));
        Assert.Contains("Bibliothèque municipale de Chenôve", cards[0], StringComparison.Ordinal);
        Assert.Matches(@"— Exemple — Premiers pas sur smartphone, (\d+ places?)</p>", cards[0]);
        Assert.Contains("name=\"ateliers\" value=\"14\" checked> Avec un atelier dans les 14 prochains jours", filtered, StringComparison.Ordinal);
        // Out of 1 to 366 days: no filter, and the box unchecked.
        Assert.Equal(Cards(all), Cards(ignored));
        Assert.Contains("name=\"ateliers\" value=\"14\"> Avec un atelier dans les 14 prochains jours", ignored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integrer_offers_the_workshop_filter()
    {
        using var client = fixture.Factory.CreateClient();
        var html = await client.GetStringAsync("/integrer");

        Assert.Contains("<input type=\"checkbox\" name=\"ateliers\" value=\"14\"> Seulement les lieux avec un atelier dans les 14 prochains jours", html, StringComparison.Ordinal);
    }

    private static List<string> Items(string html) =>
        [.. ItemPattern().Matches(html).Select(m => m.Value)];

    private static List<string> Cards(string html) =>
        [.. CardPattern().Matches(html).Select(m => m.Value)];

    [GeneratedRegex("<li class=\"atelier[^\"]*\">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex ItemPattern();

    [GeneratedRegex("<li class=\"lieu\">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex CardPattern();
}
