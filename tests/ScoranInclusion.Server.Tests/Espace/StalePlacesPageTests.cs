using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>
/// The moderators' queue page also lists the forgotten places of their territory (« Fiches à vérifier », the
/// <c>staleSites</c> rule), each linked to its edit page, and only those of their département.
/// </summary>
public sealed class StalePlacesPageTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private async Task<List<JsonObject>> StaleAsync(string departement)
    {
        var data = await fixture.Factory.DataAsync("query($d: String) { staleSites(departement: $d, first: 500) { id nom } }",
            new { d = departement }, AccountsServerFixture.AdminToken);
        return [.. data["staleSites"]!.AsArray().OfType<JsonObject>()];
    }

    [Fact]
    public async Task A_moderator_sees_the_forgotten_places_of_the_departement_on_the_queue_page_and_no_other()
    {
        // The seeded places carry their source's 2023 dates: past Freshness:StaleAfter, they are all to be checked.
        var nievre = await StaleAsync("58");
        var doubs = await StaleAsync("25");
        Assert.NotEmpty(nievre);
        Assert.NotEmpty(doubs);

        await fixture.AccountTokenAsync("moderation.58.averifier@example.org", AccountRole.Moderator, departement: "58");
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("moderation.58.averifier@example.org", AccountsServerFixture.Password);
        var (response, body) = await client.GetAsync("/espace/moderation");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var section = body[body.IndexOf("<section id=\"a-verifier\"", StringComparison.Ordinal)..];
        section = section[..(section.IndexOf("</section>", StringComparison.Ordinal) + 10)];
        Assert.Contains("<h2 id=\"a-verifier-titre\">Fiches à vérifier</h2>", section, StringComparison.Ordinal);

        var shown = nievre.Take(20).ToList();
        foreach (var place in shown)
        {
            Assert.Contains($"<a href=\"/espace/lieu/{Uri.EscapeDataString(place["id"]!.GetValue<string>())}\">", section, StringComparison.Ordinal);
        }

        Assert.Equal(shown.Count, section.Split("<li>").Length - 1);
        Assert.Equal(nievre.Count > 20, section.Contains("les 20 premiers", StringComparison.Ordinal));
        Assert.DoesNotContain(doubs, place => section.Contains($"/espace/lieu/{Uri.EscapeDataString(place["id"]!.GetValue<string>())}\"", StringComparison.Ordinal));
        Assert.Contains("vérifiée pour la dernière fois le ", section, StringComparison.Ordinal);
    }
}
