using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Postgres;

/// <summary>
/// <c>coverage</c> on PostgreSQL, where no process keeps a search index (the places are read from the
/// database for the request): the same rows and aggregates as on SQLite for the whole region, with
/// and without a filter, distances within 0.5 m.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresCoverageTests(ServerFixture sqlite, PostgresServerFixture postgres)
    : IClassFixture<ServerFixture>, IClassFixture<PostgresServerFixture>
{
    private const string Query = """
        query($filter: SiteFilter) {
          coverage(level: REGION, code: "27", filter: $filter) {
            matchingPlaces population
            within { km population communes }
            communes { commune { codeInsee } nearestDistanceMeters nearestSite { nom } }
          }
        }
        """;

    public static TheoryData<string?> Services => new() { null, "AIDE_AUX_DEMARCHES_ADMINISTRATIVES" };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_whole_region_gives_the_same_coverage_on_both_providers(string? service)
    {
        object? filter = service is null ? null : new { services = new[] { service } };
        var onSqlite = (await sqlite.Factory.DataAsync(Query, new { filter }))["coverage"]!.AsObject();
        var onPostgres = (await postgres.Factory.DataAsync(Query, new { filter }))["coverage"]!.AsObject();

        Assert.True(onSqlite["matchingPlaces"]!.GetValue<int>() > 100);
        Assert.Equal(onSqlite["matchingPlaces"]!.GetValue<int>(), onPostgres["matchingPlaces"]!.GetValue<int>());
        Assert.Equal(onSqlite["population"]!.ToJsonString(), onPostgres["population"]!.ToJsonString());
        Assert.Equal(onSqlite["within"]!.ToJsonString(), onPostgres["within"]!.ToJsonString());

        var rowsSqlite = onSqlite["communes"]!.AsArray();
        var rowsPostgres = onPostgres["communes"]!.AsArray();
        Assert.Equal(3685, rowsSqlite.Count);
        Assert.Equal(rowsSqlite.Count, rowsPostgres.Count);
        for (var i = 0; i < rowsSqlite.Count; i++)
        {
            var a = rowsSqlite[i]!;
            var b = rowsPostgres[i]!;
            Assert.Equal(Insee(a), Insee(b));
            Assert.Equal(Nom(a), Nom(b));
            Assert.Equal(Distance(a) is null, Distance(b) is null);
            Assert.InRange(Math.Abs((Distance(a) ?? 0) - (Distance(b) ?? 0)), 0, 0.5);
        }
    }

    private static string Insee(JsonNode row) => row["commune"]!["codeInsee"]!.GetValue<string>();

    private static string? Nom(JsonNode row) => row["nearestSite"]?["nom"]?.GetValue<string>();

    private static double? Distance(JsonNode row) => row["nearestDistanceMeters"]?.GetValue<double>();
}
