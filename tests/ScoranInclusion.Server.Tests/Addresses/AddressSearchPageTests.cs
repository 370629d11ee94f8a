using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Import.Addresses;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Addresses;

/// <summary>
/// The form of <c>/lieux</c> (and of the home page without JavaScript) takes an address: posted, searched in the local
/// index, the places listed by distance from it, the address in no URL of the answer.
/// </summary>
public sealed partial class AddressSearchPageTests(AddressServerFixture fixture) : IClassFixture<AddressServerFixture>
{
    private const string Typed = "21 rue de l arquebuse autun";

    private readonly ScoranServerFactory _server = fixture.Factory;

    internal static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    [Theory]
    [InlineData("/")]
    [InlineData("/lieux")]
    public async Task The_search_form_is_posted_so_that_a_typed_address_never_goes_into_a_url(string path)
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync(path);

        Assert.Contains("<form class=\"recherche\" method=\"post\" action=\"/lieux\"", html, StringComparison.Ordinal);
        Assert.Contains("Votre adresse, votre commune ou votre code postal", html, StringComparison.Ordinal);
        Assert.DoesNotContain("method=\"get\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_posted_address_lists_the_places_by_distance_from_it_as_the_api_does()
    {
        using var client = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.PostAsync("/lieux", Form(("q", Typed)));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("<h2 id=\"resultats\">20 lieux près de 21 Rue de l&#x27;Arquebuse, Autun</h2>", html, StringComparison.Ordinal);

        // The same places, in the same order, as nearestSites from the address (and from its point).
        var data = await _server.DataAsync("query($a: String!) { nearestSites(near: { address: $a }, first: 20) { edges { node { id } } } }", new { a = Typed });
        var expected = data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()).ToList();
        var listed = PlaceLink().Matches(html).Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList();
        Assert.Equal(20, expected.Count);
        Assert.Equal(expected, listed);

        // No link nor form of the answer carries the address: « Voir plus de lieux » posts it again.
        Assert.DoesNotContain(UrlAttribute().Matches(html), m => m.Value.Contains("arquebuse", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<input type=\"hidden\" name=\"q\" value=\"21 Rue de l&#x27;Arquebuse 71400 Autun\">", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Voir plus de lieux</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task See_more_posts_the_address_again_with_the_filters()
    {
        using var client = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.PostAsync("/lieux", Form(("q", "21 Rue de l'Arquebuse 71400 Autun"), ("services", "AIDE_AUX_DEMARCHES_ADMINISTRATIVES"), ("nombre", "40")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lieux près de 21 Rue de l&#x27;Arquebuse, Autun</h2>", html, StringComparison.Ordinal);
        var listed = PlaceLink().Count(html);
        Assert.InRange(listed, 21, 40);
        Assert.Contains("<input type=\"hidden\" name=\"services\" value=\"AIDE_AUX_DEMARCHES_ADMINISTRATIVES\">", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"nombre\" value=\"60\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"services\" value=\"AIDE_AUX_DEMARCHES_ADMINISTRATIVES\" checked", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Autun", "/lieux?q=Autun")]
    [InlineData("71400", "/lieux?q=71400&ateliers=14")]
    public async Task A_posted_commune_or_postal_code_goes_on_to_its_page_as_before(string text, string location)
    {
        using var client = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var fields = new List<(string, string)> { ("q", text) };
        if (location.Contains("ateliers", StringComparison.Ordinal))
        {
            fields.Add(("ateliers", "14"));
        }

        using var response = await client.PostAsync("/lieux", Form([.. fields]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task An_address_that_matches_nothing_is_said_in_french_and_stays_out_of_the_url()
    {
        using var client = _server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.PostAsync("/lieux", Form(("q", "12 rue zzyzx qwerty")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Aucune adresse ni commune de Bourgogne-Franche-Comté ne correspond à « 12 rue zzyzx qwerty »", html, StringComparison.Ordinal);
        Assert.DoesNotContain(UrlAttribute().Matches(html), m => m.Value.Contains("zzyzx", StringComparison.Ordinal));

        using var empty = await client.PostAsync("/lieux", Form(("q", "  ")));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Tapez votre adresse", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12 rue de la Préfecture, Dijon", true)]
    [InlineData("21 bis rue de l'arquebuse", true)]
    [InlineData("rue de la gare autun", true)]
    [InlineData("av foch 21000", true)]
    [InlineData("Autun", false)]
    [InlineData("71400", false)]
    [InlineData("Dijon 21000", false)]
    [InlineData("Saint-Apollinaire", false)]
    [InlineData("Le Creusot", false)]
    public void A_text_is_read_as_an_address_by_its_number_or_street_type(string text, bool expected) =>
        Assert.Equal(expected, ScoranInclusion.Web.Citizen.AddressSearchTexts.LooksLikeAddress(text));

    [GeneratedRegex("<h3><a href=\"/lieu/([^\"]+)\">")]
    private static partial Regex PlaceLink();

    [GeneratedRegex("(href|action|src)=\"[^\"]*\"")]
    private static partial Regex UrlAttribute();
}

/// <summary>An address posted to /lieux reaches neither the logs nor the database (as positions and texts searched).</summary>
public sealed class AddressSearchPagePrivacyTests
{
    [Fact]
    public async Task A_posted_address_reaches_neither_the_logs_nor_the_database()
    {
        const string typed = "40 rue de la prefecture nevers";
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        server.Settings["Logging:LogLevel:Default"] = "Debug";
        server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        using var factory = server.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<AddressImport>().ImportAsync(AddressServerFixture.FixtureFile, null, CancellationToken.None);
        }

        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = sink.Messages.Count(m => m.Contains("/lieux", StringComparison.Ordinal));
        using (var response = await client.PostAsync("/lieux", AddressSearchPageTests.Form(("q", typed), ("frais_a_charge", "Gratuit"))))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("près de 40 Rue de la Préfecture, Nevers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(sink.Messages.Count(m => m.Contains("/lieux", StringComparison.Ordinal)) - before >= 1, "journal des requêtes absent");
        Assert.DoesNotContain(sink.Messages, m => m.Contains("prefecture", StringComparison.OrdinalIgnoreCase) || m.Contains("préfecture", StringComparison.OrdinalIgnoreCase));

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(server.DataFolder, "scoran.db*"))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var memory = new MemoryStream();
            await stream.CopyToAsync(memory);
            Assert.DoesNotContain(typed, Encoding.UTF8.GetString(memory.ToArray()), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Without_an_address_index_the_form_still_finds_communes()
    {
        using var server = new ScoranServerFactory();
        using var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var commune = await client.PostAsync("/lieux", AddressSearchPageTests.Form(("q", "Autun")));
        Assert.Equal(HttpStatusCode.Redirect, commune.StatusCode);
        Assert.Equal("/lieux?q=Autun", commune.Headers.Location!.OriginalString);

        // An address: nothing to search it in, said in French (the text stays out of the URL).
        using var address = await client.PostAsync("/lieux", AddressSearchPageTests.Form(("q", "21 rue de l'arquebuse, Autun")));
        var html = await address.Content.ReadAsStringAsync();
        Assert.True(address.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Aucune adresse ni commune", html, StringComparison.Ordinal);
    }
}

/// <summary>The development server (<c>dotnet run</c>: launchSettings.json) searches by address out of the box.</summary>
public sealed class ExampleAddressSeedingTests
{
    [Fact]
    public async Task With_SeedExampleAddresses_the_first_start_fills_the_empty_index_from_geodata()
    {
        var launch = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "ScoranInclusion.Server", "Properties", "launchSettings.json"));
        Assert.Contains("\"Storage__SeedExampleAddresses\": \"true\"", launch, StringComparison.Ordinal);

        using var server = new ScoranServerFactory();
        server.Settings["Storage:SeedExampleAddresses"] = "true";
        var data = await server.DataAsync("""{ addresses(search: "21 rue de l arquebuse autun", first: 1) { label kind } }""");
        Assert.Equal("21 Rue de l'Arquebuse 71400 Autun", data["addresses"]![0]!["label"]!.GetValue<string>());

        // Off by default: a deployment's index stays empty until it imports the Base Adresse Nationale.
        using var plain = new ScoranServerFactory();
        var empty = await plain.QueryAsync("""{ addresses(search: "21 rue de l arquebuse autun") { label } }""");
        Assert.Equal("ADDRESS_INDEX_EMPTY", empty["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }
}
