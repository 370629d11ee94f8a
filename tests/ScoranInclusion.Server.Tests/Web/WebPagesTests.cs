using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Web;

/// <summary>The server-rendered pages, the widget's files and the boundaries, over HTTP.</summary>
public sealed class WebPagesTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task The_home_page_holds_the_widget_and_a_form_for_browsers_without_javascript()
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync("/");

        Assert.Contains("<html lang=\"fr\" dir=\"ltr\">", html, StringComparison.Ordinal);
        Assert.Contains("<scoran-carte lire-url", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/widget/scoran-carte.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("<noscript>", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/lieux\"", html, StringComparison.Ordinal);
        // No tile server by default: nothing on the page names one.
        Assert.DoesNotContain("tuiles=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_widget_script_and_the_page_styles_are_served()
    {
        using var client = _server.CreateClient();
        using var script = await client.GetAsync("/widget/scoran-carte.js");
        using var css = await client.GetAsync("/widget/pages.css");

        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("scoran-carte", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("*", script.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate", "gzip")]
    public async Task The_widget_goes_compressed_to_browsers_that_accept_it(string accept, string encoding)
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/widget/scoran-carte.js");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accept);
        using var compressed = await client.SendAsync(request);
        using var plain = await client.GetAsync("/widget/scoran-carte.js");

        Assert.Equal(encoding, compressed.Content.Headers.ContentEncoding.Single());
        Assert.Equal("text/javascript", compressed.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.True(compressed.Content.Headers.ContentLength < plain.Content.Headers.ContentLength / 3);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Lieux_lists_the_nearest_places_of_a_commune_without_javascript()
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync("/lieux?commune=21231");

        Assert.Contains("20 lieux près de Dijon (21000)", html, StringComparison.Ordinal);
        Assert.Equal(20, Count(html, "<li class=\"lieu\">"));
        Assert.Contains("href=\"/lieu/", html, StringComparison.Ordinal);
        Assert.Contains("Voir plus de lieux", html, StringComparison.Ordinal);
        Assert.Contains("Aide aux démarches administratives", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lieux_applies_the_filters_given_as_labels_or_names()
    {
        using var client = _server.CreateClient();
        var byLabel = await client.GetStringAsync("/lieux?commune=71014&services=" + Uri.EscapeDataString("Accès internet et matériel informatique"));
        var byName = await client.GetStringAsync("/lieux?commune=71014&services=ACCES_INTERNET_ET_MATERIEL_INFORMATIQUE");

        var cards = Cards(byLabel);
        Assert.NotEmpty(cards);
        Assert.All(cards, card => Assert.Contains("Accès internet et matériel informatique", card, StringComparison.Ordinal));
        Assert.Equal(cards, Cards(byName));
        Assert.Contains("value=\"ACCES_INTERNET_ET_MATERIEL_INFORMATIQUE\" checked", byLabel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lieux_finds_a_typed_commune_and_offers_the_others()
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync("/lieux?q=chalon");

        Assert.Contains("près de Chalon-sur-Saône", html, StringComparison.Ordinal);
        Assert.Contains("Ce n'est pas la bonne commune ?", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lieux_explains_an_unknown_commune()
    {
        using var client = _server.CreateClient();
        using var unknownCode = await client.GetAsync("/lieux?commune=75056");
        var unknownName = await client.GetStringAsync("/lieux?q=zzzqqq");

        Assert.Equal(HttpStatusCode.NotFound, unknownCode.StatusCode);
        Assert.Contains("Nous ne connaissons pas la commune de code INSEE « 75056 »", await unknownCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Aucune commune de la région ne correspond à « zzzqqq »", unknownName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_place_has_its_own_page_with_hours_directions_and_a_way_to_report_an_error()
    {
        var data = await _server.DataAsync("""{ nearestSites(near: { commune: "71014" }, first: 1) { edges { node { id nom location { latitude } } } } }""");
        var node = data["nearestSites"]!["edges"]![0]!["node"]!;
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync("/lieu/" + node["id"]!.GetValue<string>());

        Assert.Contains($"<h1>{node["nom"]!.GetValue<string>().Replace("'", "&#x27;", StringComparison.Ordinal)}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Horaires de cette semaine</caption>", html, StringComparison.Ordinal);
        Assert.Equal(1, Count(html, "aria-current=\"date\""));
        Assert.Contains("href=\"geo:", html, StringComparison.Ordinal);
        Assert.Contains("Signaler une erreur sur ce lieu", html, StringComparison.Ordinal);
        Assert.Contains("Mises à jour le", html, StringComparison.Ordinal);
        Assert.Contains("licence ODbL 1.0", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_place_is_a_404_page()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync("/lieu/pas-un-identifiant");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Ce lieu est introuvable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integrer_offers_the_territory_the_filters_and_the_preview()
    {
        using var client = _server.CreateClient();
        var html = await client.GetStringAsync("/integrer");

        Assert.Contains("name=\"territoire_type\" value=\"epci\"", html, StringComparison.Ordinal);
        Assert.Contains("role=\"combobox\"", html, StringComparison.Ordinal);
        Assert.Contains("<div id=\"apercu\" class=\"apercu\"><scoran-carte", html, StringComparison.Ordinal);
        Assert.Contains("/widget/integrer.js", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/geodata/epci/200070530.geojson", "siren", "200070530")]
    [InlineData("/geodata/commune/21231.geojson", "code_insee", "21231")]
    public async Task One_boundary_is_cut_out_of_the_geodata(string path, string key, string code)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(path);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        var feature = Assert.Single(json["features"]!.AsArray());
        Assert.Equal(code, feature!["properties"]![key]!.GetValue<string>());
        Assert.NotNull(feature["geometry"]!["coordinates"]);
    }

    [Fact]
    public async Task The_departements_are_served_and_an_unknown_boundary_is_404()
    {
        using var client = _server.CreateClient();
        var departements = JsonNode.Parse(await client.GetStringAsync("/geodata/departements.geojson"))!;
        using var unknown = await client.GetAsync("/geodata/epci/000000000.geojson");

        Assert.Equal(8, departements["features"]!.AsArray().Count);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task The_boundaries_go_gzipped_to_browsers_that_accept_it()
    {
        using var client = _server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/geodata/departements.geojson");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate");
        using var response = await client.SendAsync(request);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var json = JsonNode.Parse(await reader.ReadToEndAsync())!;

        Assert.Equal("gzip", response.Content.Headers.ContentEncoding.Single());
        Assert.Equal(8, json["features"]!.AsArray().Count);
        Assert.True(compressed.Length < new FileInfo(Path.Combine(RepoPaths.Geodata, "departements.geojson")).Length / 2);
    }

    [Fact]
    public async Task A_municipality_site_may_call_the_api_from_its_own_origin()
    {
        using var client = _server.CreateClient();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        preflight.Headers.Add("Origin", "https://www.mairie-exemple.fr");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var answer = await client.SendAsync(preflight);
        using var post = await client.PostAsync("/graphql", ErrorsTests.Json(new { query = "{ communes(search: \"dijon\", first: 1) { nom } }" }));

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", answer.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", answer.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        Assert.Contains("Content-Type", answer.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal("*", post.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_pages_never_log_what_a_citizen_searched()
    {
        var sink = new CollectingLoggerProvider();
        using var factory = _server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = factory.CreateClient();

        await client.GetAsync("/lieux?q=villesecrete-xyz");
        await client.GetAsync("/lieux?commune=99999");
        await client.GetAsync("/lieux?q=dijon&services=secret-service");
        await client.GetAsync("/lieu/secret-id-xyz");

        Assert.NotEmpty(sink.Messages);
        Assert.DoesNotContain(sink.Messages, m => m.Contains("villesecrete", StringComparison.Ordinal)
            || m.Contains("99999", StringComparison.Ordinal) || m.Contains("secret", StringComparison.Ordinal));
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static List<string> Cards(string html) =>
        // A card holds its own list (the services): it ends where the next card or the list ends.
        [.. html.Split("<li class=\"lieu\">").Skip(1).Select(c => c.Split("</ol>")[0])];
}
