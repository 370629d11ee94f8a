using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NetTopologySuite.Geometries;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Postgres;

/// <summary>
/// The shared model on PostgreSQL + PostGIS. Places and itinerant stops get a
/// <c>geography(Point,4326)</c> column computed by the database from their latitude and
/// longitude (so no writer has to know about it), with a GiST index that answers k-nearest
/// (<c>&lt;-&gt;</c>) and radius (<c>ST_DWithin</c>) queries.
/// </summary>
public sealed class PostgresScoranDbContext(DbContextOptions<PostgresScoranDbContext> options) : ScoranDbContext(options)
{
    /// <summary>The name of the shadow property (and column) holding the geography point.</summary>
    public const string LocationProperty = "Location";

    // Immutable functions only: a stored generated column is computed on every write of the row.
    private const string PointSql = "ST_SetSRID(ST_MakePoint(\"Longitude\", \"Latitude\"), 4326)::geography";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.Entity<SiteEntity>(site =>
        {
            site.Property<Point?>(LocationProperty).HasColumnType("geography (point, 4326)").HasComputedColumnSql(PointSql, stored: true);
            site.HasIndex(LocationProperty).HasMethod("gist");
        });
        modelBuilder.Entity<ItinerantStopEntity>(stop =>
        {
            stop.Property<Point?>(LocationProperty).HasColumnType("geography (point, 4326)").HasComputedColumnSql(PointSql, stored: true);
            stop.HasIndex(LocationProperty).HasMethod("gist");
        });
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // timestamptz stores an instant; Npgsql refuses to write a DateTimeOffset whose offset is not 0
        // rather than silently dropping it. Every instant is written as UTC (read back with offset 0, as
        // SQLite's UTC text is); the API shows them in Paris time anyway.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
