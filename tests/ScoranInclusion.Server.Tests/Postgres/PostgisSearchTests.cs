using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NetTopologySuite.Geometries;
using Npgsql;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Search;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Postgres;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Postgres;

/// <summary>What only PostgreSQL has: the GiST index really walked, and PostGIS's geodesic against ours.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgisSearchTests(PostgresServerFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresServerFixture>
{
    private readonly ScoranServerFactory _server = fixture.Factory;

    [Theory]
    [InlineData(0.0, double.PositiveInfinity)] // the first batch
    [InlineData(3_000.0, double.PositiveInfinity)] // a following batch (keyset on the k-nearest value)
    [InlineData(0.0, 20_000.0)] // with a radius (ST_DWithin)
    public async Task The_nearest_query_uses_the_GiST_index_and_never_a_sequential_scan(double from, double radius)
    {
        _ = _server.Services; // the server has migrated and seeded its database
        var commands = new CapturedCommands();
        await using var db = new PostgresScoranDbContext(new DbContextOptionsBuilder<PostgresScoranDbContext>()
            .UseNpgsql(_server.PostgresConnectionString, o => o.UseNetTopologySuite())
            .AddInterceptors(commands)
            .Options);
        var origin = new Point(5.041, 47.322) { SRID = 4326 };
        _ = await new PostgisNearestSites(db, new ScheduleCache()).Candidates(origin, SiteFilter.None, radius, from).Take(32).ToListAsync();

        var command = Assert.Single(commands.Texts);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using (var analyze = new NpgsqlCommand("ANALYZE sites", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + command.Text, connection);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter);
        }

        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        var text = string.Join('\n', plan);
        output.WriteLine(command.Text);
        output.WriteLine(text);
        Assert.DoesNotContain("Seq Scan", text);
        if (double.IsFinite(radius))
        {
            // ST_DWithin: the index gives the few places inside the radius (a box, then the exact check);
            // PostgreSQL may sort those few rather than walk the index in order, either is fine.
            Assert.True(text.Contains("Index Scan on \"IX_sites_Location\"", StringComparison.Ordinal)
                || text.Contains("Index Scan using \"IX_sites_Location\"", StringComparison.Ordinal), text);
            Assert.Contains("_st_expand", text);
        }
        else
        {
            // k-nearest: the index is walked in distance order, nothing is sorted.
            Assert.Contains("Index Scan using \"IX_sites_Location\" on sites", text);
            Assert.Contains("Order By: (\"Location\" <->", text);
            Assert.DoesNotContain("Sort", text.Replace("Order By", "", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task PostGIS_spheroid_distances_agree_with_our_Vincenty_within_half_a_metre()
    {
        await using var scope = _server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var worst = 0.0;
        var pairs = 0;
        // From the region's corners and centre, and from far away (Paris, Marseille), to every place.
        foreach (var origin in new[] { new GeoPoint(47.32, 5.04), new GeoPoint(46.15, 2.85), new GeoPoint(48.4, 7.2), new GeoPoint(48.8566, 2.3522), new GeoPoint(43.2965, 5.3698) })
        {
            var point = new Point(origin.Longitude, origin.Latitude) { SRID = 4326 };
            var rows = await db.Sites.AsNoTracking()
                .Where(s => EF.Property<Point?>(s, PostgresScoranDbContext.LocationProperty) != null)
                .Select(s => new { s.Latitude, s.Longitude, Distance = EF.Property<Point>(s, PostgresScoranDbContext.LocationProperty).Distance(point) })
                .ToListAsync();
            foreach (var row in rows)
            {
                var ours = Geodesic.DistanceMeters(origin, new GeoPoint(row.Latitude!.Value, row.Longitude!.Value));
                worst = Math.Max(worst, Math.Abs(ours - row.Distance));
                pairs++;
            }
        }

        output.WriteLine($"{pairs} paires : écart maximal PostGIS / Vincenty {worst * 1000:F3} mm");
        Assert.True(pairs > 3_000);
        Assert.True(worst < 0.5, $"écart maximal {worst} m");
    }

    [Fact]
    public void Without_an_in_process_index_on_PostgreSQL()
    {
        // Started and serving, yet nothing loaded in the process: the database answers, and writers tell nobody.
        Assert.False(_server.Services.GetRequiredService<SiteSearchIndex>().IsLoaded);
        using var scope = _server.Services.CreateScope();
        Assert.IsType<PostgisNearestSites>(scope.ServiceProvider.GetRequiredService<INearestSites>());
        Assert.Same(NoSearchPublication.Instance, scope.ServiceProvider.GetRequiredService<ISearchPublication>());
    }

    private sealed record Captured(string Text, IReadOnlyList<NpgsqlParameter> Parameters);

    private sealed class CapturedCommands : DbCommandInterceptor
    {
        public List<Captured> Texts { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Texts.Add(new Captured(command.CommandText, [.. command.Parameters.Cast<NpgsqlParameter>().Select(p => p.Clone())]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
