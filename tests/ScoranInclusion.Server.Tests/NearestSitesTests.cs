using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Server.Tests;

public sealed class NearestSitesTestsOnSqlite(ServerFixture fixture) : NearestSitesTests(fixture), IClassFixture<ServerFixture>;

[Trait("Category", "Postgres")]
public sealed class NearestSitesTestsOnPostgres(PostgresServerFixture fixture) : NearestSitesTests(fixture), IClassFixture<PostgresServerFixture>;

/// <summary>
/// Conformance: the same tests on each provider. Distances are our Vincenty on SQLite and PostGIS's
/// spheroid geodesic on PostgreSQL; both are within a millimetre of the true geodesic, and the
/// contract allows them to differ by less than 0.5 m.
/// </summary>
public abstract class NearestSitesTests(ServerFixture fixture)
{
    private const string NearestQuery = """
        query($lat: Float!, $lon: Float!, $first: Int, $after: String, $filter: SiteFilter) {
          nearestSites(near: { point: { latitude: $lat, longitude: $lon } }, first: $first, after: $after, filter: $filter) {
            edges { distanceMeters cursor node { id nom services adresse { commune codeInsee } location { latitude longitude } } }
            pageInfo { hasNextPage endCursor }
          }
        }
        """;

    private static readonly System.Text.Json.JsonSerializerOptions GeoJsonOptions = new() { Converters = { new GeoJsonConverterFactory() } };

    private readonly ScoranServerFactory _server = fixture.Factory;

    [Fact]
    public async Task Near_Dijon_gives_ten_real_places_sorted_by_distance()
    {
        var data = await _server.DataAsync(NearestQuery, new { lat = 47.322, lon = 5.041, first = 10 });
        var edges = data["nearestSites"]!["edges"]!.AsArray();

        Assert.Equal(10, edges.Count);
        var distances = edges.Select(e => e!["distanceMeters"]!.GetValue<double>()).ToList();
        Assert.Equal(distances.Order().ToList(), distances);
        Assert.All(edges, e => Assert.False(string.IsNullOrWhiteSpace(e!["node"]!["nom"]!.GetValue<string>())));
        // Dijon has dozens of places: the ten nearest are all within a few kilometres, in Dijon Métropole.
        Assert.True(distances[^1] < 5_000, $"10e lieu à {distances[^1]} m");
        Assert.Contains(edges, e => e!["node"]!["adresse"]!["codeInsee"]!.GetValue<string>() == "21231");
    }

    [Fact]
    public async Task Nearest_equals_a_brute_force_geodesic_ranking_for_500_random_points_of_the_region()
    {
        var sites = await AllSitesAsync();
        var region = LoadRegion();
        var random = new Random(20261128);
        var checkedPoints = 0;
        while (checkedPoints < 500)
        {
            var point = new GeoPoint(46.1 + (random.NextDouble() * 2.5), 2.8 + (random.NextDouble() * 4.4));
            if (!region.Contains(new Point(point.Longitude, point.Latitude)))
            {
                continue;
            }

            var expected = sites
                .Select(s => (s.Key, Distance: Geodesic.DistanceMeters(point, s.Site.Location!.Value)))
                .OrderBy(x => x.Distance).ThenBy(x => x.Key)
                .Take(10)
                .ToList();
            var data = await _server.DataAsync(NearestQuery, new { lat = point.Latitude, lon = point.Longitude, first = 10 });
            var edges = data["nearestSites"]!["edges"]!.AsArray();

            Assert.Equal(expected.Select(e => GlobalId.Encode("Site", e.Key)), edges.Select(e => e!["node"]!["id"]!.GetValue<string>()));
            for (var i = 0; i < expected.Count; i++)
            {
                var distance = edges[i]!["distanceMeters"]!.GetValue<double>();
                Assert.True(Math.Abs(expected[i].Distance - distance) <= DistanceTolerance(),
                    $"{expected[i].Distance} m attendus, {distance} m servis");
            }

            checkedPoints++;
        }
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gap_or_repeat()
    {
        var whole = await NodeIdsAsync(new { lat = 47.0, lon = 4.3, first = 30 });
        var ids = new List<string>();
        string? after = null;
        for (var page = 0; page < 3; page++)
        {
            var data = await _server.DataAsync(NearestQuery, new { lat = 47.0, lon = 4.3, first = 10, after });
            var connection = data["nearestSites"]!;
            ids.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>()));
            Assert.True(connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(whole, ids);
    }

    [Fact]
    public async Task A_service_filter_keeps_only_matching_places_in_distance_order()
    {
        var sites = await AllSitesAsync();
        var point = new GeoPoint(46.78, 4.85);
        const Service service = Service.AideAuxDemarchesAdministratives;
        var expected = sites.Where(s => s.Site.Services.Contains(service))
            .Select(s => (s.Key, Distance: Geodesic.DistanceMeters(point, s.Site.Location!.Value)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Key).Take(10)
            .Select(x => GlobalId.Encode("Site", x.Key)).ToList();
        Assert.NotEmpty(expected);

        var ids = await NodeIdsAsync(new
        {
            lat = point.Latitude,
            lon = point.Longitude,
            first = 10,
            filter = new { services = new[] { "AIDE_AUX_DEMARCHES_ADMINISTRATIVES" } },
        });

        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Searching_from_a_commune_or_a_postal_code_starts_from_its_point()
    {
        const string query = """
            query($near: NearInput!) { nearestSites(near: $near, first: 3) { edges { distanceMeters node { id } } } }
            """;
        var fromCommune = await _server.DataAsync(query, new { near = new { commune = "21231" } });
        var fromPostalCode = await _server.DataAsync(query, new { near = new { postalCode = "21000" } });

        Assert.Equal(fromCommune.ToJsonString(), fromPostalCode.ToJsonString());
        Assert.Equal(3, fromCommune["nearestSites"]!["edges"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_radius_limits_the_results()
    {
        var data = await _server.DataAsync("""
            { nearestSites(near: { commune: "21231", radiusKm: 2 }, first: 100) { edges { distanceMeters } } }
            """);
        var distances = data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["distanceMeters"]!.GetValue<double>()).ToList();

        Assert.NotEmpty(distances);
        Assert.All(distances, d => Assert.True(d <= 2_000));
    }

    [Fact]
    public async Task Site_and_node_find_a_place_by_its_global_id()
    {
        var ids = await NodeIdsAsync(new { lat = 47.24, lon = 6.02, first = 1 });
        var data = await _server.DataAsync("""
            query($id: ID!) {
              site(id: $id) { id nom identifiantLocal provenance dateMaj }
              node(id: $id) { id ... on Site { nom } }
            }
            """, new { id = ids[0] });

        Assert.Equal(ids[0], data["site"]!["id"]!.GetValue<string>());
        Assert.Equal(data["site"]!["nom"]!.GetValue<string>(), data["node"]!["nom"]!.GetValue<string>());
        Assert.Equal("mednum-bfc", data["site"]!["provenance"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", data["site"]!["dateMaj"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_site_id_gives_null()
    {
        var data = await _server.DataAsync("query($id: ID!) { site(id: $id) { id } }", new { id = GlobalId.Encode("Site", 999_999_999) });
        Assert.Null(data["site"]);
    }

    /// <summary>SQLite serves our own geodesic; PostGIS its spheroid one (GeographicLib): &lt; 0.5 m apart by contract.</summary>
    private double DistanceTolerance() => _server.Provider == StorageProvider.Sqlite ? 1e-6 : 0.5;

    private async Task<List<string>> NodeIdsAsync(object variables)
    {
        var data = await _server.DataAsync(NearestQuery, variables);
        return [.. data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>())];
    }

    private async Task<List<StoredSite>> AllSitesAsync()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var entities = await db.Sites.AsNoTracking().ToListAsync();
        return [.. entities.Select(StoredSite.From).Where(s => s.Site.Location is not null)];
    }

    private static Geometry LoadRegion()
    {
        var json = File.ReadAllText(Path.Combine(RepoPaths.Geodata, "region.geojson"));
        var collection = System.Text.Json.JsonSerializer.Deserialize<FeatureCollection>(json, GeoJsonOptions)!;
        return collection[0].Geometry;
    }
}
