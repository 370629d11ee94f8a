using Npgsql;

namespace ScoranInclusion.Bench.HttpLoad;

/// <summary>
/// A database of its own on a PostgreSQL + PostGIS cluster (the one bench/run.sh starts with tools/postgis.sh, or
/// SCORAN_TEST_POSTGRES), created from the cluster's PostGIS template (<c>scoran_template</c>), or with the extension
/// created in it when the cluster has no such template; dropped after the run.
/// </summary>
internal static class BenchPostgres
{
    private const string Template = "scoran_template";

    public static string CreateDatabase(string cluster)
    {
        var name = "scoran_bench_" + Guid.NewGuid().ToString("N")[..12];
        using (var admin = new NpgsqlConnection(Admin(cluster)))
        {
            admin.Open();
            using var exists = new NpgsqlCommand($"SELECT 1 FROM pg_database WHERE datname = '{Template}'", admin);
            var hasTemplate = exists.ExecuteScalar() is not null;
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}{(hasTemplate ? " TEMPLATE " + Template : "")}", admin);
            create.ExecuteNonQuery();
            if (!hasTemplate)
            {
                using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster) { Database = name, Pooling = false }.ToString());
                connection.Open();
                using var postgis = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS postgis", connection);
                postgis.ExecuteNonQuery();
            }
        }

        return new NpgsqlConnectionStringBuilder(cluster) { Database = name }.ToString();
    }

    public static void DropDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            using var admin = new NpgsqlConnection(Admin(connectionString));
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
        catch (NpgsqlException e)
        {
            Console.Error.WriteLine($"Base {builder.Database} non supprimée : {e.Message}");
        }
    }

    private static string Admin(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString();
}
