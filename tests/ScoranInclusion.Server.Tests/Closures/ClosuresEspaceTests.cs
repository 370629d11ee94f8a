using System.Globalization;
using System.Net;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Espace;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Server.Tests.Closures;

/// <summary>
/// The « Fermetures temporaires et avis » section of /espace/lieu/{id}, used as a browser without JavaScript would: plain
/// form posts with the antiforgery token, the rows typed, a blank row to add, a box to remove; errors in French next to
/// their row, nothing written.
/// </summary>
public sealed class ClosuresEspaceTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    [Fact]
    public async Task A_mediator_adds_corrects_and_removes_a_closure_and_a_notice_without_JavaScript()
    {
        var place = await fixture.PlaceNearAsync(47.09, 6.33);
        await fixture.AccountTokenAsync("fermetures@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("fermetures@example.org", AccountsServerFixture.Password);
        var edit = $"/espace/lieu/{Uri.EscapeDataString(place)}";
        var today = TemporaryNotices.ParisDay(DateTimeOffset.UtcNow);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var (_, page) = await client.GetAsync(edit);
        Assert.Contains("<h2 id=\"fermetures\" tabindex=\"-1\">Fermetures temporaires et avis</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<legend>Nouvelle fermeture</legend>", page, StringComparison.Ordinal);
        Assert.Contains("<label for=\"fermeture-1-debut\">Premier jour fermé</label>", page, StringComparison.Ordinal);
        var version = EspaceClient.InputValue(page[page.IndexOf("/fermetures\"", StringComparison.Ordinal)..], "version")!;

        // A closure typed by hand (no date field), a notice from date fields.
        var (saved, _) = await client.PostAsync(edit + "/fermetures",
        [
            new("version", version),
            new("fermeture_debut", today.AddDays(10).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)), new("fermeture_fin", Day(20)), new("fermeture_texte", "  inventaire "),
            new("avis_debut", Day(0)), new("avis_fin", Day(30)), new("avis_texte", "Permanence déplacée en mairie"),
        ], edit);
        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"/espace/lieu/{Uri.EscapeDataString(place)}?fermetures=1#fermetures", saved.Headers.Location!.OriginalString);

        var api = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version closures { startDate endDate reason } notices { text current } } }", new { id = place }))["site"]!;
        Assert.Equal(Day(10), api["closures"]![0]!["startDate"]!.GetValue<string>());
        Assert.Equal("inventaire", api["closures"]![0]!["reason"]!.GetValue<string>());
        Assert.True(api["notices"]![0]!["current"]!.GetValue<bool>());
        (_, page) = await client.GetAsync(edit + "?fermetures=1");
        Assert.Contains("Fermetures et avis enregistrés", page, StringComparison.Ordinal);
        Assert.Contains("<legend>Fermeture n° 1</legend>", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Day(10)}\"", page, StringComparison.Ordinal);
        var (_, publicPage) = await client.GetAsync($"/lieu/{Uri.EscapeDataString(place)}");
        Assert.Contains("Permanence déplacée en mairie", publicPage, StringComparison.Ordinal);

        // An end before the start: refused in French, next to its row, nothing written.
        version = api["version"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture);
        var (refused, body) = await client.PostAsync(edit + "/fermetures",
        [
            new("version", version),
            new("fermeture_debut", Day(10)), new("fermeture_fin", Day(20)), new("fermeture_texte", "inventaire"),
            new("fermeture_debut", Day(40)), new("fermeture_fin", Day(35)), new("fermeture_texte", ""),
            new("avis_debut", Day(0)), new("avis_fin", Day(30)), new("avis_texte", "Permanence déplacée en mairie"),
        ], edit);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#fermeture-2\">Fermeture n° 2 : la fin (", body, StringComparison.Ordinal);
        Assert.Contains("précède le début", body, StringComparison.Ordinal);
        Assert.Contains("<fieldset class=\"periode champ-erreur\" id=\"fermeture-2\">", body, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Day(40)}\"", body, StringComparison.Ordinal); // what was typed is kept
        var missing = await client.PostAsync(edit + "/fermetures", [new("version", version), new("fermeture_debut", Day(3)), new("fermeture_fin", "")], edit);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Response.StatusCode);
        Assert.Contains("Fermeture n° 1 : donnez la date de fin", missing.Body, StringComparison.Ordinal);
        Assert.Equal(int.Parse(version, CultureInfo.InvariantCulture), (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { version } }", new { id = place }))["site"]!["version"]!.GetValue<int>());

        // « Retirer » both rows: the lists are cleared.
        var (removed, _) = await client.PostAsync(edit + "/fermetures",
        [
            new("version", version),
            new("fermeture_debut", Day(10)), new("fermeture_fin", Day(20)), new("fermeture_texte", "inventaire"), new("fermeture_retirer", "0"),
            new("avis_debut", Day(0)), new("avis_fin", Day(30)), new("avis_texte", "Permanence déplacée en mairie"), new("avis_retirer", "0"),
        ], edit);
        Assert.Equal(HttpStatusCode.SeeOther, removed.StatusCode);
        api = (await fixture.Factory.DataAsync("query($id: ID!) { site(id: $id) { closures { startDate } notices { text } } }", new { id = place }))["site"]!;
        Assert.Empty(api["closures"]!.AsArray());
        Assert.Empty(api["notices"]!.AsArray());
        var (_, history) = await client.GetAsync(edit + "/historique");
        Assert.Contains("<th scope=\"row\">Fermetures temporaires</th>", history, StringComparison.Ordinal);
        Assert.Contains("(inventaire)", history, StringComparison.Ordinal);
    }
}
