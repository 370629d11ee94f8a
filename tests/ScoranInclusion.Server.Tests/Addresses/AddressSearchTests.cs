using System.Text.Json.Nodes;

namespace ScoranInclusion.Server.Tests.Addresses;

public sealed class AddressSearchTestsOnSqlite(AddressServerFixture fixture) : AddressSearchTests(fixture), IClassFixture<AddressServerFixture>;

[Trait("Category", "Postgres")]
public sealed class AddressSearchTestsOnPostgres(PostgresAddressServerFixture fixture) : AddressSearchTests(fixture), IClassFixture<PostgresAddressServerFixture>;

/// <summary>
/// <c>addresses</c> and <c>nearestSites(near: { address })</c> over the fixture index (the places' own
/// addresses, BAN format), the same expectations on each provider.
/// </summary>
public abstract class AddressSearchTests(AddressServerFixture fixture)
{
    private const string Search = """
        query($s: String!, $first: Int, $near: GeoPointInput) { addresses(search: $s, first: $first, near: $near) {
          label numero voie codePostal codeInsee commune location { latitude longitude } score kind } }
        """;

    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public void The_whole_fixture_was_imported()
    {
        Assert.Equal(0, fixture.Import.RejectedCount);
        Assert.True(fixture.Import.Imported >= 400, fixture.Import.Imported.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["21", "25", "39", "58", "70", "71", "89", "90"], fixture.Import.Departements);
    }

    [Fact]
    public async Task The_done_when_address_comes_first_with_its_point()
    {
        var first = (await AddressesAsync("21 rue de l arquebuse autun"))[0]!;

        Assert.Equal("21 Rue de l'Arquebuse 71400 Autun", first["label"]!.GetValue<string>());
        Assert.Equal("HOUSENUMBER", first["kind"]!.GetValue<string>());
        Assert.Equal("21", first["numero"]!.GetValue<string>());
        Assert.Equal("Rue de l'Arquebuse", first["voie"]!.GetValue<string>());
        Assert.Equal("71400", first["codePostal"]!.GetValue<string>());
        Assert.Equal("71014", first["codeInsee"]!.GetValue<string>());
        Assert.Equal("Autun", first["commune"]!.GetValue<string>());
        Assert.Equal(46.94604, first["location"]!["latitude"]!.GetValue<double>(), 6);
        Assert.Equal(4.31071, first["location"]!["longitude"]!.GetValue<double>(), 6);
        Assert.Equal(1.0, first["score"]!.GetValue<double>(), 3);
    }

    [Theory]
    [InlineData("21 RUE DE L'ARQUEBUSE, AUTUN")]
    [InlineData("21, r. de l’Arquebuse 71400")]
    [InlineData("71400 arquebuse 21")]
    [InlineData("autun rue arquebuse 21")]
    [InlineData("21 rue de l arqueb")]
    public async Task Case_accents_abbreviations_and_order_do_not_matter(string text)
    {
        var first = (await AddressesAsync(text))[0]!;
        Assert.Equal("21 Rue de l'Arquebuse 71400 Autun", first["label"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("38 av francoise giroud dijon", "38 Avenue Françoise Giroud 21000 Dijon")]
    [InlineData("12 bd clemenceau dijon", "12 Boulevard Clémenceau 21000 Dijon")]
    [InlineData("6 bis avenue guigone de salins beaune", "6 bis Avenue Guigone de Salins 21200 Beaune")]
    [InlineData("6b av guigone de salins", "6 bis Avenue Guigone de Salins 21200 Beaune")]
    [InlineData("8 rue de la prefecture 39000", "8 Rue de la Préfecture 39000 Lons-le-Saunier")]
    [InlineData("40 RUE DE LA PRÉFECTURE NEVERS", "40 Rue de la Préfecture 58000 Nevers")]
    public async Task Abbreviations_and_repetition_indices_find_the_numbered_address(string text, string label)
    {
        var first = (await AddressesAsync(text))[0]!;
        Assert.Equal(label, first["label"]!.GetValue<string>());
        Assert.Equal("HOUSENUMBER", first["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_postal_code_chooses_between_streets_of_the_same_name()
    {
        var lons = await AddressesAsync("rue de la prefecture 39000");
        Assert.All(lons, a => Assert.Equal("39000", a!["codePostal"]!.GetValue<string>()));
        var nevers = await AddressesAsync("rue de la prefecture 58000");
        Assert.Equal("Nevers", nevers[0]!["commune"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_number_not_in_the_file_gives_the_street()
    {
        var first = (await AddressesAsync("999 rue de l arquebuse autun"))[0]!;

        Assert.Equal("STREET", first["kind"]!.GetValue<string>());
        Assert.Null(first["numero"]);
        Assert.Equal("Rue de l'Arquebuse 71400 Autun", first["label"]!.GetValue<string>());
        Assert.True(first["score"]!.GetValue<double>() < 1);
    }

    [Fact]
    public async Task Near_orders_equal_matches_by_distance()
    {
        // « rue de la préfecture » is in Lons-le-Saunier and in Nevers: from Nevers, Nevers first; from Lons, Lons first.
        var fromNevers = await AddressesAsync("rue de la prefecture", near: new { latitude = 46.99, longitude = 3.16 });
        var fromLons = await AddressesAsync("rue de la prefecture", near: new { latitude = 46.67, longitude = 5.55 });

        Assert.Equal("Nevers", fromNevers[0]!["commune"]!.GetValue<string>());
        Assert.Equal("Lons-le-Saunier", fromLons[0]!["commune"]!.GetValue<string>());
    }

    [Fact]
    public async Task First_bounds_the_answers_and_nothing_matching_is_an_empty_list()
    {
        Assert.Equal(2, (await AddressesAsync("rue", first: 2)).Count);
        Assert.Empty(await AddressesAsync("zzyzx qwerty"));
        Assert.Empty(await AddressesAsync("de la"));
    }

    [Fact]
    public async Task Nearest_sites_from_an_address_equal_nearest_sites_from_its_point()
    {
        const string nearest = """
            query($near: NearInput!) { nearestSites(near: $near, first: 10) { edges { distanceMeters node { id nom } } } }
            """;
        var byAddress = await _server.DataAsync(nearest, new { near = new { address = "21 rue de l arquebuse autun" } });
        var byPoint = await _server.DataAsync(nearest, new { near = new { point = new { latitude = 46.94604, longitude = 4.31071 } } });

        Assert.Equal(byPoint.ToJsonString(), byAddress.ToJsonString());
        var edges = byAddress["nearestSites"]!["edges"]!.AsArray();
        Assert.Equal(10, edges.Count);
        Assert.Equal("Point numérique d'Autun", edges[0]!["node"]!["nom"]!.GetValue<string>());
        Assert.Equal(0, edges[0]!["distanceMeters"]!.GetValue<double>(), 0);
    }

    [Fact]
    public async Task An_address_matching_nothing_is_unknown_address_and_two_origins_are_refused()
    {
        var unknown = await _server.QueryAsync("""{ nearestSites(near: { address: "zzyzx qwerty" }) { edges { cursor } } }""");
        Assert.Equal("UNKNOWN_ADDRESS", unknown["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var both = await _server.QueryAsync("""{ nearestSites(near: { address: "21 rue de l arquebuse autun", commune: "71014" }) { edges { cursor } } }""");
        Assert.Equal("INVALID_NEAR", both["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var empty = await _server.QueryAsync("""{ addresses(search: "   ") { label } }""");
        Assert.Equal("INVALID_SEARCH", empty["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var tooMany = await _server.QueryAsync("""{ addresses(search: "rue", first: 500) { label } }""");
        Assert.Equal("INVALID_PAGINATION", tooMany["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upcoming_sessions_and_next_visits_take_an_address_too()
    {
        var data = await _server.DataAsync("""
            { upcomingSessions(near: { address: "21 rue de l arquebuse autun" }, first: 1) { edges { cursor } }
              nextVisits(near: { address: "21 rue de l arquebuse autun" }) { startsAt } }
            """);
        Assert.NotNull(data["upcomingSessions"]);
        Assert.NotNull(data["nextVisits"]);
    }

    private async Task<JsonArray> AddressesAsync(string text, int first = 5, object? near = null)
    {
        var data = await _server.DataAsync(Search, new { s = text, first, near });
        return data["addresses"]!.AsArray();
    }
}

public sealed class EmptyAddressIndexTestsOnSqlite(ServerFixture fixture) : EmptyAddressIndexTests(fixture), IClassFixture<ServerFixture>;

[Trait("Category", "Postgres")]
public sealed class EmptyAddressIndexTestsOnPostgres(PostgresServerFixture fixture) : EmptyAddressIndexTests(fixture), IClassFixture<PostgresServerFixture>;

/// <summary>Without an address index the API says so, and the other origins still work.</summary>
public abstract class EmptyAddressIndexTests(ServerFixture fixture)
{
    [Fact]
    public async Task Addresses_and_an_address_origin_say_address_index_empty()
    {
        var search = await fixture.Factory.QueryAsync("""{ addresses(search: "21 rue de l arquebuse autun") { label } }""");
        Assert.Equal("ADDRESS_INDEX_EMPTY", search["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("commune", search["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var near = await fixture.Factory.QueryAsync("""{ nearestSites(near: { address: "21 rue de l arquebuse autun" }) { edges { cursor } } }""");
        Assert.Equal("ADDRESS_INDEX_EMPTY", near["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        var commune = await fixture.Factory.DataAsync("""{ nearestSites(near: { commune: "71014" }, first: 1) { edges { cursor } } }""");
        Assert.Single(commune["nearestSites"]!["edges"]!.AsArray());
    }
}
