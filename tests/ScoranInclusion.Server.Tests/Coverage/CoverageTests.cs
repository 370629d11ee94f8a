using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Server.Tests.Coverage;

/// <summary>
/// <c>coverage</c>, <c>/exports/couverture.csv</c> and <c>/couverture</c> over the real server and the
/// committed geodata (3,685 communes, the MedNum BFC places and the example workshops).
/// </summary>
public sealed class CoverageTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string RowsQuery = """
        query($level: TerritoryLevel!, $code: String!, $filter: SiteFilter, $t: [Float!]) {
          coverage(level: $level, code: $code, filter: $filter, thresholdsKm: $t) {
            territory { level code nom } thresholdsKm matchingPlaces population communeCount
            within { km population share communes }
            zonesBlanches { commune { codeInsee population } nearestDistanceMeters }
            communes { commune { codeInsee nom population } nearestDistanceMeters nearestSite { id } }
            parts { territory { level code nom } population communeCount within { km population share communes } zonesBlanches { commune { codeInsee } } }
          }
        }
        """;

    private readonly ScoranServerFactory _server = fixture.Factory;

    public static TheoryData<string, object?> Filters => new()
    {
        { "sans filtre", null },
        { "un service", new { services = new[] { "AIDE_AUX_DEMARCHES_ADMINISTRATIVES" } } },
        { "accès internet, gratuit", new { services = new[] { "ACCES_INTERNET_ET_MATERIEL_INFORMATIQUE" }, fraisACharge = new[] { "GRATUIT" } } },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_commune_distance_equals_a_brute_force_geodesic_minimum_over_all_places(string name, object? filter)
    {
        var sites = await AllLocatedSitesAsync();
        var matching = filter is null ? sites
            : name == "un service" ? sites.Where(s => s.Site.Services.Contains(Service.AideAuxDemarchesAdministratives)).ToList()
            : sites.Where(s => s.Site.Services.Contains(Service.AccesInternetEtMaterielInformatique) && s.Site.FraisACharge.Contains(FraisACharge.Gratuit)).ToList();
        var communes = _server.Services.GetRequiredService<CommuneDirectory>().All;

        var coverage = await CoverageAsync("REGION", "27", filter);
        var rows = coverage["communes"]!.AsArray();

        Assert.Equal(3685, communes.Count);
        Assert.Equal(communes.Count, rows.Count);
        Assert.Equal(matching.Count, coverage["matchingPlaces"]!.GetValue<int>());
        for (var i = 0; i < communes.Count; i++)
        {
            var commune = communes[i];
            var row = rows[i]!;
            Assert.Equal(commune.CodeInsee, row["commune"]!["codeInsee"]!.GetValue<string>());
            var best = matching
                .Select(s => (s.Key, Distance: Geodesic.DistanceMeters(commune.Location, s.Site.Location!.Value)))
                .OrderBy(x => x.Distance).ThenBy(x => x.Key).Select(x => ((long, double)?)x).FirstOrDefault();
            if (best is not { } b)
            {
                Assert.Null(row["nearestDistanceMeters"]);
                Assert.Null(row["nearestSite"]);
                continue;
            }

            Assert.Equal(b.Item2, row["nearestDistanceMeters"]!.GetValue<double>());
            Assert.Equal(GlobalId.Encode("Site", b.Item1), row["nearestSite"]!["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task With_a_workshop_filter_the_nearest_place_has_a_session_in_the_window()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var now = DateTimeOffset.UtcNow;
        var withSessions = await scope.ServiceProvider.GetRequiredService<OfferReader>().SitesWithSessionsAsync(now, now.AddDays(14), CancellationToken.None);
        Assert.NotEmpty(withSessions);
        var sites = (await AllLocatedSitesAsync()).Where(s => withSessions.Contains(s.Key)).ToList();

        var coverage = await CoverageAsync("DEPARTEMENT", "21", new { hasSessionWithinDays = 14 });
        Assert.Equal(sites.Count, coverage["matchingPlaces"]!.GetValue<int>());
        var directory = _server.Services.GetRequiredService<CommuneDirectory>();
        foreach (var row in coverage["communes"]!.AsArray())
        {
            var commune = directory.FindByInsee(row!["commune"]!["codeInsee"]!.GetValue<string>())!;
            var expected = sites.Min(s => Geodesic.DistanceMeters(commune.Location, s.Site.Location!.Value));
            Assert.Equal(expected, row["nearestDistanceMeters"]!.GetValue<double>());
        }
    }

    [Theory]
    [InlineData("REGION", "27")]
    [InlineData("DEPARTEMENT", "21")]
    [InlineData("DEPARTEMENT", "25")]
    [InlineData("DEPARTEMENT", "39")]
    [InlineData("DEPARTEMENT", "58")]
    [InlineData("DEPARTEMENT", "70")]
    [InlineData("DEPARTEMENT", "71")]
    [InlineData("DEPARTEMENT", "89")]
    [InlineData("DEPARTEMENT", "90")]
    [InlineData("EPCI", "200070530")]
    [InlineData("COMMUNE", "71014")]
    public async Task Aggregates_add_up_to_the_population_of_the_territory(string level, string code)
    {
        var directory = _server.Services.GetRequiredService<CommuneDirectory>();
        var expected = directory.All.Where(c => level switch
        {
            "REGION" => true,
            "DEPARTEMENT" => c.CodeDepartement == code,
            "EPCI" => c.EpciSiren == code,
            _ => c.CodeInsee == code,
        }).ToList();
        var thresholds = new[] { 2.5, 7, 15, 40 };

        var coverage = await CoverageAsync(level, code, null, thresholds);
        var rows = coverage["communes"]!.AsArray().Select(r => (Code: r!["commune"]!["codeInsee"]!.GetValue<string>(),
            Population: r["commune"]!["population"]!.GetValue<long>(), Distance: r["nearestDistanceMeters"]?.GetValue<double>())).ToList();
        var population = coverage["population"]!.GetValue<long>();

        Assert.Equal(expected.Select(c => c.CodeInsee).Order(StringComparer.Ordinal), rows.Select(r => r.Code));
        Assert.Equal(expected.Sum(c => (long)c.Population!.Value), population);
        Assert.Equal(rows.Sum(r => r.Population), population);
        Assert.Equal(expected.Count, coverage["communeCount"]!.GetValue<int>());
        Assert.Equal(thresholds, coverage["thresholdsKm"]!.AsArray().Select(t => t!.GetValue<double>()));

        var within = coverage["within"]!.AsArray();
        Assert.Equal(thresholds.Length, within.Count);
        long previous = 0;
        foreach (var (w, km) in within.Zip(thresholds))
        {
            var inside = rows.Where(r => r.Distance <= km * 1000).ToList();
            var p = w!["population"]!.GetValue<long>();
            Assert.Equal(inside.Sum(r => r.Population), p);
            Assert.Equal(inside.Count, w["communes"]!.GetValue<int>());
            Assert.Equal((double)p / population, w["share"]!.GetValue<double>(), 12);
            Assert.True(p >= previous, "les parts croissent avec le seuil");
            previous = p;
        }

        // Within the largest threshold plus the « zones blanches » is everyone.
        var blanches = coverage["zonesBlanches"]!.AsArray();
        var blanchesPopulation = blanches.Sum(z => z!["commune"]!["population"]!.GetValue<long>());
        Assert.Equal(population, previous + blanchesPopulation);
        Assert.Equal(rows.Count(r => !(r.Distance <= thresholds[^1] * 1000)), blanches.Count);
        var populations = blanches.Select(z => z!["commune"]!["population"]!.GetValue<long>()).ToList();
        Assert.Equal(populations.OrderDescending(), populations);
        Assert.All(blanches, z => Assert.True(z!["nearestDistanceMeters"] is null || z["nearestDistanceMeters"]!.GetValue<double>() > thresholds[^1] * 1000));

        // The breakdown one level down adds up to the territory too.
        var parts = coverage["parts"]!.AsArray();
        if (level is "REGION" or "DEPARTEMENT")
        {
            Assert.NotEmpty(parts);
            var withoutEpci = expected.Where(c => c.EpciSiren.Length == 0).Sum(c => (long)c.Population!.Value);
            Assert.Equal(population - (level == "DEPARTEMENT" ? withoutEpci : 0), parts.Sum(p => p!["population"]!.GetValue<long>()));
            for (var i = 0; i < thresholds.Length; i++)
            {
                var sum = parts.Sum(p => p!["within"]![i]!["population"]!.GetValue<long>());
                Assert.Equal(within[i]!["population"]!.GetValue<long>() - (level == "DEPARTEMENT" ? WithinOutsideEpcis(rows, expected, thresholds[i]) : 0), sum);
            }

            Assert.Equal(blanches.Count - (level == "DEPARTEMENT" ? expected.Count(c => c.EpciSiren.Length == 0 && blanches.Any(z => z!["commune"]!["codeInsee"]!.GetValue<string>() == c.CodeInsee)) : 0),
                parts.Sum(p => p!["zonesBlanches"]!.AsArray().Count));
        }
        else
        {
            Assert.Empty(parts);
        }
    }

    [Fact]
    public async Task The_whole_region_is_queryable_within_the_cost_limit_but_not_many_times_over()
    {
        const string fields = "population within { km population share } communes { commune { codeInsee nom population } nearestDistanceMeters nearestSite { id } }";
        var one = await _server.QueryAsync($"{{ coverage(level: REGION, code: \"27\") {{ {fields} }} }}");
        Assert.True(one["errors"] is null, one["errors"]?.ToJsonString());
        Assert.Equal(3685, one["data"]!["coverage"]!["communes"]!.AsArray().Count);

        var many = await _server.QueryAsync("{ " + string.Join(' ', Enumerable.Range(0, 8).Select(i => $"c{i}: coverage(level: REGION, code: \"27\") {{ {fields} }}")) + " }");
        Assert.Equal("QUERY_TOO_COMPLEX", many["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        // The estimate reads variables too: they are no way around it.
        var withVariables = await _server.QueryAsync(
            "query($l: TerritoryLevel!, $c: String!) { " + string.Join(' ', Enumerable.Range(0, 8).Select(i => $"c{i}: coverage(level: $l, code: $c) {{ {fields} }}")) + " }",
            new { l = "REGION", c = "27" });
        Assert.Equal("QUERY_TOO_COMPLEX", withVariables["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("REGION", "27", "[1, 2, 3, 4, 5, 6]", "INVALID_THRESHOLDS")]
    [InlineData("REGION", "27", "[]", "INVALID_THRESHOLDS")]
    [InlineData("REGION", "27", "[0]", "INVALID_THRESHOLDS")]
    [InlineData("REGION", "27", "[-5, 10]", "INVALID_THRESHOLDS")]
    [InlineData("REGION", "27", "[5, 200.5]", "INVALID_THRESHOLDS")]
    [InlineData("REGION", "11", "[5]", "UNKNOWN_TERRITORY")]
    [InlineData("DEPARTEMENT", "75", "[5]", "UNKNOWN_TERRITORY")]
    [InlineData("DEPARTEMENT", "Côte", "[5]", "INVALID_TERRITORY")]
    [InlineData("EPCI", "123", "[5]", "INVALID_TERRITORY")]
    [InlineData("EPCI", "200054781", "[5]", "UNKNOWN_TERRITORY")]
    [InlineData("COMMUNE", "75056", "[5]", "UNKNOWN_TERRITORY")]
    [InlineData("COMMUNE", "", "[5]", "INVALID_TERRITORY")]
    public async Task Bad_arguments_are_refused_with_a_code_and_a_French_message(string level, string code, string thresholds, string expected)
    {
        var result = await _server.QueryAsync($"{{ coverage(level: {level}, code: \"{code}\", thresholdsKm: {thresholds}) {{ population }} }}");
        var error = result["errors"]![0]!;
        Assert.Equal(expected, error["extensions"]!["code"]!.GetValue<string>());
        Assert.Matches("[éèàù]|seuil|territoire|commune|département|intercommunalité", error["message"]!.GetValue<string>());
        Assert.Null(result["data"]);
    }

    [Fact]
    public async Task Thresholds_are_sorted_and_deduplicated_and_default_to_5_10_20()
    {
        var data = await _server.DataAsync("{ a: coverage(level: EPCI, code: \"200070530\") { thresholdsKm } b: coverage(level: EPCI, code: \"200070530\", thresholdsKm: [30, 2.5, 30]) { thresholdsKm within { km } } }");
        Assert.Equal([5.0, 10, 20], data["a"]!["thresholdsKm"]!.AsArray().Select(t => t!.GetValue<double>()));
        Assert.Equal([2.5, 30], data["b"]!["thresholdsKm"]!.AsArray().Select(t => t!.GetValue<double>()));
        Assert.Equal([2.5, 30], data["b"]!["within"]!.AsArray().Select(t => t!["km"]!.GetValue<double>()));
    }

    [Fact]
    public async Task The_CSV_export_parses_and_matches_the_GraphQL_numbers()
    {
        var coverage = await CoverageAsync("DEPARTEMENT", "58", new { services = new[] { "AIDE_AUX_DEMARCHES_ADMINISTRATIVES" } }, [5, 15]);
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/exports/couverture.csv?departement=58&services=AIDE_AUX_DEMARCHES_ADMINISTRATIVES&seuils=15,5", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Contains("rel=\"license\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal("MedNum BFC (ODbL-1.0)", response.Headers.GetValues("Attribution").Single());
        Assert.Matches(@"^\d{4}-\d\d-\d\d_ScoranInclusion_couverture_Nievre\.csv$", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        Assert.False(text.StartsWith('\uFEFF'));
        Assert.DoesNotContain('\r', text);

        var records = CsvRecordReader.ReadStrict(new StringReader(text)).Select(r => r.Fields).ToList();
        var header = records[0];
        Assert.Equal(["code_insee", "nom", "code_departement", "epci_siren", "epci_nom", "population", "latitude", "longitude", "distance_lieu_m", "lieu_id", "lieu_nom", "a_moins_de_5_km", "a_moins_de_15_km"], header);
        var csv = records.Skip(1).Select(f => header.Zip(f).ToDictionary(p => p.First, p => p.Second)).ToList();
        var rows = coverage["communes"]!.AsArray();
        Assert.Equal(rows.Count, csv.Count);
        Assert.Equal(309, csv.Count);
        foreach (var (row, line) in rows.Zip(csv))
        {
            Assert.Equal(row!["commune"]!["codeInsee"]!.GetValue<string>(), line["code_insee"]);
            Assert.Equal(row["commune"]!["nom"]!.GetValue<string>(), line["nom"]);
            Assert.Equal(row["commune"]!["population"]!.GetValue<long>(), long.Parse(line["population"], CultureInfo.InvariantCulture));
            Assert.Equal(row["nearestDistanceMeters"]!.GetValue<double>(), double.Parse(line["distance_lieu_m"], CultureInfo.InvariantCulture), 0.051);
            Assert.Equal(row["nearestSite"]!["id"]!.GetValue<string>(), line["lieu_id"]);
            Assert.NotEmpty(line["lieu_nom"]);
        }

        var within = coverage["within"]!.AsArray();
        Assert.Equal(within[0]!["population"]!.GetValue<long>(), csv.Where(l => l["a_moins_de_5_km"] == "1").Sum(l => long.Parse(l["population"], CultureInfo.InvariantCulture)));
        Assert.Equal(within[1]!["population"]!.GetValue<long>(), csv.Where(l => l["a_moins_de_15_km"] == "1").Sum(l => long.Parse(l["population"], CultureInfo.InvariantCulture)));
        Assert.Equal(coverage["population"]!.GetValue<long>(), csv.Sum(l => long.Parse(l["population"], CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("/exports/couverture.csv?seuils=0", "INVALID_THRESHOLDS")]
    [InlineData("/exports/couverture.csv?seuils=1,2,3,4,5,6", "INVALID_THRESHOLDS")]
    [InlineData("/exports/couverture.csv?seuils=abc", "INVALID_THRESHOLDS")]
    [InlineData("/exports/couverture.csv?departement=75", "UNKNOWN_TERRITORY")]
    [InlineData("/exports/couverture.csv?epci=12", "INVALID_TERRITORY")]
    [InlineData("/exports/couverture.csv?departement=21&epci=200070530", "INVALID_TERRITORY")]
    [InlineData("/exports/couverture.csv?jour=demain", "INVALID_FILTER")]
    [InlineData("/exports/couverture.csv?ateliers=400", "INVALID_FILTER")]
    public async Task The_CSV_export_refuses_bad_parameters_with_a_coded_problem(string url, string code)
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(code, problem["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_page_renders_the_figures_the_map_container_and_the_table_sorted_by_distance()
    {
        using var client = _server.CreateClient();
        using var response = await client.GetAsync(new Uri("/couverture?departement=58", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("Département Nièvre (58)", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"departement:58\" selected>", html, StringComparison.Ordinal);
        Assert.Contains("data-contours=\"/geodata/communes/departement/58.geojson\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/widget/couverture.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/exports/couverture.csv?departement=58&amp;seuils=5,10,20\"", html, StringComparison.Ordinal);
        Assert.Contains("Par intercommunalité", html, StringComparison.Ordinal);

        var distances = System.Text.RegularExpressions.Regex.Matches(html, "<tr data-insee=\"(\\d{5})\" data-classe=\"(\\d)\">.*?</td><td data-valeur=\"\\d+\">.*?</td><td data-valeur=\"([\\d.e]+)\">")
            .Select(m => double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(309, distances.Count);
        Assert.Equal(distances.OrderDescending(), distances);
    }

    [Fact]
    public async Task The_page_of_the_whole_region_lists_every_commune_and_a_bad_threshold_gives_a_400_with_the_form()
    {
        using var client = _server.CreateClient();
        var region = await client.GetStringAsync(new Uri("/couverture", UriKind.Relative));
        Assert.Equal(3685, System.Text.RegularExpressions.Regex.Count(region, "<tr data-insee="));
        Assert.Contains("Par département", region, StringComparison.Ordinal);

        using var response = await client.GetAsync(new Uri("/couverture?seuils=0", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("<form class=\"couverture-formulaire\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_commune_layer_of_a_departement_has_one_feature_per_commune()
    {
        using var client = _server.CreateClient();
        var json = JsonNode.Parse(await client.GetStringAsync(new Uri("/geodata/communes/departement/90.geojson", UriKind.Relative)))!;
        var features = json["features"]!.AsArray();
        Assert.Equal(101, features.Count);
        Assert.All(features, f => Assert.StartsWith("90", f!["properties"]!["code_insee"]!.GetValue<string>(), StringComparison.Ordinal));

        using var missing = await client.GetAsync(new Uri("/geodata/communes/departement/75.geojson", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static long WithinOutsideEpcis(List<(string Code, long Population, double? Distance)> rows, List<Domain.Territories.Commune> communes, double km)
    {
        var outside = communes.Where(c => c.EpciSiren.Length == 0).Select(c => c.CodeInsee).ToHashSet();
        return rows.Where(r => outside.Contains(r.Code) && r.Distance <= km * 1000).Sum(r => r.Population);
    }

    private async Task<JsonObject> CoverageAsync(string level, string code, object? filter, double[]? thresholds = null)
    {
        var data = await _server.DataAsync(RowsQuery, new { level, code, filter, t = thresholds ?? [5, 10, 20] });
        return data["coverage"]!.AsObject();
    }

    private async Task<List<StoredSite>> AllLocatedSitesAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var entities = await db.Sites.AsNoTracking().ToListAsync();
        return [.. entities.Select(StoredSite.From).Where(s => s.Site.Location is GeoPoint)];
    }
}
