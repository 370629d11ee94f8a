using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage.Accounts;
using static ScoranInclusion.Server.Tests.Espace.HoursGridPagesTests;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>Placing the point without JavaScript: the map's text alternative, the address's point, the import's far-from-commune check.</summary>
public sealed class PlacePointPagesTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private const string Read = "query($id: ID!) { site(id: $id) { location { latitude longitude } adresse { codeInsee commune } } }";

    private async Task<(string Place, EspaceClient Client)> MediatorAsync(string email, double latitude, double longitude)
    {
        var place = await fixture.PlaceNearAsync(latitude, longitude);
        await fixture.AccountTokenAsync(email, AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync(email, AccountsServerFixture.Password);
        return (place, client);
    }

    private async Task<JsonNode> SiteAsync(string id) => (await fixture.Factory.DataAsync(Read, new { id }))["site"]!;

    private static string Text(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_point_far_from_its_commune_is_flagged_before_saving_and_saved_once_confirmed()
    {
        var (place, client) = await MediatorAsync("point.loin@example.org", 47.32, 5.04);
        using var owned = client;
        var before = await SiteAsync(place);
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        var insee = before["adresse"]!["codeInsee"]!.GetValue<string>();
        Assert.Contains($"id=\"carte-lieu\" class=\"carte-lieu\" role=\"region\" aria-label=\"Carte de la position du lieu\" aria-describedby=\"carte-lieu-aide\" data-insee=\"{insee}\"", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/widget/espace-carte.js\" defer></script>", page, StringComparison.Ordinal);

        // 0.4° north: some 44 km, beyond the import's 20 km.
        var latitude = before["location"]!["latitude"]!.GetValue<double>();
        var longitude = before["location"]!["longitude"]!.GetValue<double>();
        var form = Form(page);
        Set(form, "location.latitude", Text(latitude + 0.4).Replace('.', ','));
        var (flagged, body) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.Equal(HttpStatusCode.BadRequest, flagged.StatusCode);
        var text = WebUtility.HtmlDecode(body);
        Assert.Matches("<a href=\"#champ-position-confirmee\">Position : le point est à 4\\d,\\d km de la commune [^<]+ \\(" + insee + "\\) : hors de la commune \\?", text);
        Assert.Contains("<input type=\"checkbox\" id=\"champ-position-confirmee\" name=\"position.confirmee\" value=\"1\" aria-describedby=\"champ-position-confirmee-erreur\" aria-invalid=\"true\">", body, StringComparison.Ordinal);
        Assert.Equal(before.ToJsonString(), (await SiteAsync(place)).ToJsonString());

        // Confirmed: saved.
        var again = Form(body);
        Set(again, "position.confirmee", "1");
        var (saved, savedBody) = await client.PostAsync($"/espace/lieu/{place}", Pairs(again), token: EspaceClient.TokenOf(body));
        Assert.True(saved.StatusCode == HttpStatusCode.SeeOther, savedBody);
        Assert.Equal(latitude + 0.4, (await SiteAsync(place))["location"]!["latitude"]!.GetValue<double>(), 6);

        // A small move inside the commune needs no confirmation.
        var (_, back) = await client.GetAsync($"/espace/lieu/{place}");
        var near = Form(back);
        Set(near, "location.latitude", Text(latitude + 0.001));
        Set(near, "location.longitude", Text(longitude - 0.001));
        var (moved, movedBody) = await client.PostAsync($"/espace/lieu/{place}", Pairs(near), token: EspaceClient.TokenOf(back));
        Assert.True(moved.StatusCode == HttpStatusCode.SeeOther, movedBody);
        var after = await SiteAsync(place);
        Assert.Equal((latitude + 0.001, longitude - 0.001), (after["location"]!["latitude"]!.GetValue<double>(), after["location"]!["longitude"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Prendre_le_point_de_l_adresse_saves_the_commune_point_when_nothing_better_is_known()
    {
        var (place, client) = await MediatorAsync("point.adresse@example.org", 46.67, 4.37);
        using var owned = client;
        var before = await SiteAsync(place);
        var insee = before["adresse"]!["codeInsee"]!.GetValue<string>();
        var commune = (await fixture.Factory.DataAsync("query($c: String!) { commune(codeInsee: $c) { location { latitude longitude } } }", new { c = insee }))["commune"]!["location"]!;
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        Assert.Contains("<label for=\"champ-position-adresse\">Prendre le point de l'adresse</label>", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var form = Form(page);
        Set(form, "position.adresse", "1");
        var (saved, body) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.True(saved.StatusCode == HttpStatusCode.SeeOther, body);
        var after = (await SiteAsync(place))["location"]!;
        Assert.Equal(commune["latitude"]!.GetValue<double>(), after["latitude"]!.GetValue<double>(), 5);
        Assert.Equal(commune["longitude"]!.GetValue<double>(), after["longitude"]!.GetValue<double>(), 5);

        // An address that designates no commune: said next to the box, nothing written.
        var (_, again) = await client.GetAsync($"/espace/lieu/{place}");
        var unknown = Form(again);
        Set(unknown, "position.adresse", "1");
        Set(unknown, "adresse.codePostal", "99999");
        Set(unknown, "adresse.commune", "Nulle-Part");
        Set(unknown, "adresse.codeInsee", "");
        var (refused, refusedBody) = await client.PostAsync($"/espace/lieu/{place}", Pairs(unknown), token: EspaceClient.TokenOf(again));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("href=\"#champ-position-adresse\">Position : aucun point n'est connu pour cette adresse", WebUtility.HtmlDecode(refusedBody), StringComparison.Ordinal);
        Assert.Equal(after.ToJsonString(), (await SiteAsync(place))["location"]!.ToJsonString());
    }
}
