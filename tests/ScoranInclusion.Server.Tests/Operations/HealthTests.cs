using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary><c>/healthz</c>: alive; <c>/readyz</c>: database, migrations, communes and search index, 503 with French reasons.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task On_a_normal_start_both_answer_200_and_readyz_lists_its_checks()
    {
        using var server = new ScoranServerFactory();
        using var client = server.CreateClient();

        var (alive, aliveBody) = await GetAsync(client, "/healthz");
        Assert.Equal(HttpStatusCode.OK, alive);
        Assert.Equal("ok", aliveBody["status"]!.GetValue<string>());

        var (ready, body) = await GetAsync(client, "/readyz");
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("ok", body["status"]!.GetValue<string>());
        var checks = body["checks"]!.AsObject();
        Assert.Equal(["base", "geodata", "index"], checks.Select(c => c.Key).Order(StringComparer.Ordinal));
        Assert.All(checks, c => Assert.Equal("ok", c.Value!["status"]!.GetValue<string>()));
        Assert.Contains("communes chargées", checks["geodata"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("lieux", checks["index"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_lost_its_tables_makes_readyz_503_with_the_reason_while_healthz_stays_200()
    {
        using var server = new ScoranServerFactory();
        // Every call asks the database (the cache of Health:ReadyCacheSeconds has its own test): the failure shows at once.
        server.Settings["Health:ReadyCacheSeconds"] = "0";
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/readyz")).Status);

        // Someone restored an empty file over the database (or dropped its tables).
        using (var connection = new SqliteConnection($"Data Source={server.DatabaseFile}"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "DROP TABLE \"__EFMigrationsHistory\"";
            drop.ExecuteNonQuery();
        }

        var (ready, body) = await GetAsync(client, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        Assert.Equal("indisponible", body["status"]!.GetValue<string>());
        var database = body["checks"]!["base"]!;
        Assert.Equal("indisponible", database["status"]!.GetValue<string>());
        Assert.Contains("migrations", database["description"]!.GetValue<string>(), StringComparison.Ordinal);
        // The other checks still say what is fine.
        Assert.Equal("ok", body["checks"]!["geodata"]!["status"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz")).Status);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_makes_readyz_503_without_details()
    {
        using var server = new ScoranServerFactory();
        // Every call asks the database (the cache of Health:ReadyCacheSeconds has its own test): the failure shows at once.
        server.Settings["Health:ReadyCacheSeconds"] = "0";
        using var client = server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/readyz")).Status);

        // The disk went away: the file is gone and its path cannot be created again (a folder is in the way).
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(server.DatabaseFile + suffix);
        }

        Directory.CreateDirectory(server.DatabaseFile);

        var (ready, body) = await GetAsync(client, "/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready);
        var description = body["checks"]!["base"]!["description"]!.GetValue<string>();
        Assert.Equal("La base de données ne répond pas.", description);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, "/healthz")).Status);
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }
}
