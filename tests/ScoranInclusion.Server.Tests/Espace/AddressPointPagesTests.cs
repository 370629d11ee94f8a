using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Import.Addresses;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Addresses;
using ScoranInclusion.Storage.Accounts;
using static ScoranInclusion.Server.Tests.Espace.HoursGridPagesTests;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>Accounts and the address index (the project's BAN-format fixture) on one server.</summary>
public sealed class AccountsAddressServerFixture : AccountsServerFixture
{
    public AccountsAddressServerFixture()
    {
        using var scope = Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AddressImport>()
            .ImportAsync(AddressServerFixture.FixtureFile, progress: null, CancellationToken.None).GetAwaiter().GetResult();
    }
}

/// <summary>« Prendre le point de l'adresse » once the address index is loaded: the door's point, not the commune's.</summary>
public sealed class AddressPointPagesTests(AccountsAddressServerFixture fixture) : IClassFixture<AccountsAddressServerFixture>
{
    private const string Read = "query($id: ID!) { site(id: $id) { location { latitude longitude } adresse { voie codePostal commune codeInsee } } }";

    // « 21 Rue de l'Arquebuse 71400 Autun » in geodata/adresses-lieux-bfc.csv.
    private const double DoorLatitude = 46.94604;
    private const double DoorLongitude = 4.31071;

    private async Task<JsonNode> SiteAsync(string id) => (await fixture.Factory.DataAsync(Read, new { id }))["site"]!;

    [Fact]
    public async Task The_address_index_gives_the_door_s_point_and_the_commune_s_point_remains_the_last_resort()
    {
        var place = await fixture.PlaceNearAsync(DoorLatitude, DoorLongitude);
        await fixture.AccountTokenAsync("point.ban@example.org", AccountRole.Mediator, sites: [GlobalId.DecodeKey(place, "Site")]);
        using var client = new EspaceClient(fixture.Factory);
        await client.LogInAsync("point.ban@example.org", AccountsServerFixture.Password);

        // The place's point first moved some 300 m away from its door.
        var (_, first) = await client.GetAsync($"/espace/lieu/{place}");
        var moved = Form(first);
        Set(moved, "location.latitude", (DoorLatitude + 0.003).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
        Set(moved, "location.longitude", (DoorLongitude + 0.001).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture));
        var (movedAnswer, movedBody) = await client.PostAsync($"/espace/lieu/{place}", Pairs(moved), token: EspaceClient.TokenOf(first));
        Assert.True(movedAnswer.StatusCode == HttpStatusCode.SeeOther, movedBody);
        Assert.Equal(DoorLatitude + 0.003, (await SiteAsync(place))["location"]!["latitude"]!.GetValue<double>(), 5);

        // Then the fixture's address and « Prendre le point de l'adresse »: the door's point, from the index.
        var (_, page) = await client.GetAsync($"/espace/lieu/{place}");
        var form = Form(page);
        Set(form, "adresse.voie", "21 rue de l'Arquebuse");
        Set(form, "adresse.codePostal", "71400");
        Set(form, "adresse.commune", "Autun");
        Set(form, "adresse.codeInsee", "71014");
        Set(form, "position.adresse", "1");
        var (saved, body) = await client.PostAsync($"/espace/lieu/{place}", Pairs(form), token: EspaceClient.TokenOf(page));
        Assert.True(saved.StatusCode == HttpStatusCode.SeeOther, body);
        var location = (await SiteAsync(place))["location"]!;
        Assert.Equal(DoorLatitude, location["latitude"]!.GetValue<double>(), 5);
        Assert.Equal(DoorLongitude, location["longitude"]!.GetValue<double>(), 5);

        // A street the index does not hold: the commune's point, as before the index.
        var commune = (await fixture.Factory.DataAsync("query { commune(codeInsee: \"71014\") { location { latitude longitude } } }"))["commune"]!["location"]!;
        var (_, again) = await client.GetAsync($"/espace/lieu/{place}");
        var unknownStreet = Form(again);
        Set(unknownStreet, "adresse.voie", "3 impasse des Zéphyrs Introuvables");
        Set(unknownStreet, "position.adresse", "1");
        var (savedAgain, bodyAgain) = await client.PostAsync($"/espace/lieu/{place}", Pairs(unknownStreet), token: EspaceClient.TokenOf(again));
        Assert.True(savedAgain.StatusCode == HttpStatusCode.SeeOther, bodyAgain);
        var fallback = (await SiteAsync(place))["location"]!;
        Assert.Equal(commune["latitude"]!.GetValue<double>(), fallback["latitude"]!.GetValue<double>(), 5);
        Assert.Equal(commune["longitude"]!.GetValue<double>(), fallback["longitude"]!.GetValue<double>(), 5);
    }
}
