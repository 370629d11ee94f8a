using Npgsql;
using NpgsqlTypes;
using ScoranInclusion.Domain;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Search;

/// <summary>
/// The same places in a PostGIS table (loaded by binary COPY, <c>geography(Point,4326)</c> computed by the
/// database as the project's schema does, GiST index), searched as the server's <see cref="PostgisNearestSites"/>
/// searches: <c>ORDER BY geog &lt;-&gt; origin</c> (an index scan in k-nearest order) in batches that grow
/// (32, 128, 512, 2048), the facet filters (services, publics, fees, accompaniment: bit masks) in the SQL,
/// the opening-hours filters in C# on each candidate (the same <see cref="SiteMatcher"/>, with the
/// compiled hours of the place: PostgreSQL cannot evaluate OSM opening hours), and a candidate given out once
/// every row not yet read is known farther on the spheroid (the sphere distance of the last row read
/// × (1 − <see cref="Geodesic.SphericalRelativeErrorBound"/>)). Distances: <c>ST_Distance(geography)</c> on
/// the spheroid. Lighter than the server's path on purpose: a row is 8 numbers, not a whole place
/// turned into a domain record.
/// </summary>
public sealed class PostgisKnnSearch : IDisposable
{
    private const string Table = "bench_search_places";
    private const int FirstBatch = 32;
    private const int MaxBatch = 2048;

    private readonly NpgsqlConnection _connection;
    private readonly SearchPlaces _places;
    private readonly Dictionary<SiteFilter, NpgsqlCommand> _commands = new(ReferenceEqualityComparer.Instance);

    private PostgisKnnSearch(NpgsqlConnection connection, SearchPlaces places)
    {
        _connection = connection;
        _places = places;
    }

    /// <summary>Seconds spent in COPY and in building the GiST index (and ANALYZE).</summary>
    public (double Copy, double Index) LoadSeconds { get; private set; }

    public string ServerVersion => _connection.PostgreSqlVersion.ToString();

    public string PostgisVersion { get; private set; } = "";

    /// <summary>Opens a connection, (re)creates the table and loads <paramref name="places"/>.</summary>
    public static PostgisKnnSearch Load(string connectionString, SearchPlaces places)
    {
        var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        var search = new PostgisKnnSearch(connection, places);
        try
        {
            search.Create();
            return search;
        }
        catch
        {
            search.Dispose();
            throw;
        }
    }

    private void Create()
    {
        Execute("CREATE EXTENSION IF NOT EXISTS postgis");
        PostgisVersion = Scalar("SELECT postgis_lib_version()");
        Execute($"DROP TABLE IF EXISTS {Table}");
        Execute($"""
            CREATE TABLE {Table} (
                id bigint PRIMARY KEY,
                longitude double precision NOT NULL,
                latitude double precision NOT NULL,
                services integer NOT NULL,
                publics integer NOT NULL,
                frais integer NOT NULL,
                accompagnement integer NOT NULL,
                hours integer NOT NULL,
                geog geography(Point, 4326) GENERATED ALWAYS AS (ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography) STORED)
            """);
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var writer = _connection.BeginBinaryImport(
            $"COPY {Table} (id, longitude, latitude, services, publics, frais, accompagnement, hours) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < _places.Count; i++)
            {
                var facets = _places.Facets[i];
                writer.StartRow();
                writer.Write(_places.Ids[i], NpgsqlDbType.Bigint);
                writer.Write(_places.Points[i].Longitude, NpgsqlDbType.Double);
                writer.Write(_places.Points[i].Latitude, NpgsqlDbType.Double);
                writer.Write(unchecked((int)facets.Services), NpgsqlDbType.Integer);
                writer.Write(unchecked((int)facets.Publics), NpgsqlDbType.Integer);
                writer.Write(unchecked((int)facets.Frais), NpgsqlDbType.Integer);
                writer.Write(unchecked((int)facets.Accompagnement), NpgsqlDbType.Integer);
                writer.Write(_places.Hours[i], NpgsqlDbType.Integer);
            }

            writer.Complete();
        }

        var copied = System.Diagnostics.Stopwatch.GetTimestamp();
        Execute($"CREATE INDEX {Table}_geog ON {Table} USING gist (geog)");
        Execute($"ANALYZE {Table}");
        LoadSeconds = (
            System.Diagnostics.Stopwatch.GetElapsedTime(start, copied).TotalSeconds,
            System.Diagnostics.Stopwatch.GetElapsedTime(copied).TotalSeconds);
    }

    /// <summary>The plan of one search's query (to check it walks the GiST index in k-nearest order).</summary>
    public string Explain(SiteFilter filter)
    {
        using var command = new NpgsqlCommand("EXPLAIN " + Sql(FacetMask.Of(filter)), _connection);
        Bind(command, FacetMask.Of(filter));
        command.Parameters["lon"].Value = 5.0;
        command.Parameters["lat"].Value = 47.0;
        command.Parameters["from"].Value = 0.0;
        command.Parameters["limit"].Value = FirstBatch;
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    /// <summary>The <paramref name="k"/> nearest places passing <paramref name="filter"/>, in (distance, id) order.</summary>
    public List<SiteHit> Nearest(GeoPoint origin, SiteFilter filter, int k)
    {
        var command = Command(filter);
        var matcher = new SiteMatcher(filter);
        var result = new List<SiteHit>(k);
        var pending = new PriorityQueue<SiteHit, (double Distance, long Id)>();
        var seen = new HashSet<long>();
        var from = 0.0;
        var batch = FirstBatch;
        command.Parameters["lon"].Value = origin.Longitude;
        command.Parameters["lat"].Value = origin.Latitude;
        while (true)
        {
            command.Parameters["from"].Value = from;
            command.Parameters["limit"].Value = batch;
            var rows = 0;
            var progressed = false;
            var lastSphere = 0.0;
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows++;
                    var id = reader.GetInt64(0);
                    lastSphere = reader.GetDouble(7);
                    if (!seen.Add(id))
                    {
                        continue;
                    }

                    progressed = true;
                    var facets = new SiteFacets((uint)reader.GetInt32(1), (uint)reader.GetInt32(2), (uint)reader.GetInt32(3), (uint)reader.GetInt32(4));
                    var hours = reader.GetInt32(5);
                    if (matcher.Matches(id, facets, hours < 0 ? null : _places.Schedules[hours]))
                    {
                        var distance = reader.GetDouble(6);
                        pending.Enqueue(new SiteHit(id, distance), (distance, id));
                    }
                }
            }

            var exhausted = rows < batch;
            var safe = exhausted ? double.PositiveInfinity : lastSphere * (1 - Geodesic.SphericalRelativeErrorBound);
            while (pending.TryPeek(out var hit, out var key) && key.Distance < safe)
            {
                pending.Dequeue();
                result.Add(hit);
                if (result.Count == k)
                {
                    return result;
                }
            }

            if (exhausted)
            {
                return result;
            }

            from = lastSphere;
            batch = progressed ? Math.Min(batch * 4, MaxBatch) : batch * 4;
        }
    }

    private NpgsqlCommand Command(SiteFilter filter)
    {
        if (!_commands.TryGetValue(filter, out var command))
        {
            var mask = FacetMask.Of(filter);
            command = new NpgsqlCommand(Sql(mask), _connection);
            Bind(command, mask);
            command.Prepare();
            _commands.Add(filter, command);
        }

        return command;
    }

    private static string Sql(FacetMask mask)
    {
        const string origin = "ST_SetSRID(ST_MakePoint(@lon, @lat), 4326)::geography";
        var where = new List<string> { $"geog <-> {origin} >= @from" };
        if (mask.Services != 0)
        {
            where.Add("services & @services <> 0");
        }

        if (mask.Publics != 0)
        {
            // A place with no specific public welcomes everyone (as FacetMask).
            where.Add("(publics = 0 OR publics & @publics <> 0)");
        }

        if (mask.Frais != 0)
        {
            where.Add("frais & @frais <> 0");
        }

        if (mask.Accompagnement != 0)
        {
            where.Add("accompagnement & @accompagnement <> 0");
        }

        return $"""
            SELECT id, services, publics, frais, accompagnement, hours, ST_Distance(geog, {origin}), geog <-> {origin}
            FROM {Table}
            WHERE {string.Join(" AND ", where)}
            ORDER BY geog <-> {origin}
            LIMIT @limit
            """;
    }

    private static void Bind(NpgsqlCommand command, FacetMask mask)
    {
        command.Parameters.Add(new NpgsqlParameter("lon", NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter("lat", NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Double));
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer));
        AddMask(command, "services", mask.Services);
        AddMask(command, "publics", mask.Publics);
        AddMask(command, "frais", mask.Frais);
        AddMask(command, "accompagnement", mask.Accompagnement);
    }

    // Only the masks the SQL uses (see Sql): 0 means « any ».
    private static void AddMask(NpgsqlCommand command, string name, uint mask)
    {
        if (mask != 0)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = unchecked((int)mask) });
        }
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection) { CommandTimeout = 600 };
        command.ExecuteNonQuery();
    }

    private string Scalar(string sql)
    {
        using var command = new NpgsqlCommand(sql, _connection);
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    public void Drop() => Execute($"DROP TABLE IF EXISTS {Table}");

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _connection.Dispose();
    }
}
