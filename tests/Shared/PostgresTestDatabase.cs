using Npgsql;

namespace ScoranInclusion.Tests.Shared;

/// <summary>
/// A database of its own on the test cluster (tools/postgis.sh), created from the template that
/// already has PostGIS, dropped at the end. The cluster is given by <c>SCORAN_TEST_POSTGRES</c>,
/// which ./tools/test.sh sets. Without it the PostgreSQL tests fail, on purpose: a machine that
/// cannot run them opts out explicitly (SCORAN_SKIP_POSTGRES=1 with ./tools/test.sh, or
/// <c>--filter Category!=Postgres</c>), it never skips them silently.
/// </summary>
public static class PostgresTestDatabase
{
    public const string Variable = "SCORAN_TEST_POSTGRES";
    public const string Template = "scoran_template";

    public static string Create()
    {
        var cluster = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(cluster))
        {
            throw new InvalidOperationException(
                $"Les tests PostgreSQL demandent {Variable} (lancez ./tools/test.sh, ou tools/postgis.sh start puis eval \"$(tools/postgis.sh env)\"). "
                + "Pour ne pas les lancer : SCORAN_SKIP_POSTGRES=1 ./tools/test.sh, ou dotnet test --filter Category!=Postgres.");
        }

        var name = "scoran_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(Admin(cluster)))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {Template}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(cluster) { Database = name }.ToString();
    }

    public static void Drop(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        using var connection = new NpgsqlConnection(Admin(connectionString));
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {builder.Database} WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    private static string Admin(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ToString();
}
