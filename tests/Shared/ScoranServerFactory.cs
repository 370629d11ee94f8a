using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Tests.Shared;

/// <summary>
/// The real server over a real SQLite file of its own (a temp folder), or a PostgreSQL database of
/// its own (<see cref="PostgresTestDatabase"/>), seeded from the project's geodata as on a first start.
/// </summary>
public sealed class ScoranServerFactory : WebApplicationFactory<Program>
{
    public ScoranServerFactory()
        : this(StorageProvider.Sqlite)
    {
    }

    public ScoranServerFactory(StorageProvider provider)
        : this(Path.Combine(Path.GetTempPath(), "scoran-tests-" + Guid.NewGuid().ToString("N")))
    {
        OwnsFolder = true;
        Provider = provider;
        if (provider == StorageProvider.Postgres)
        {
            PostgresConnectionString = PostgresTestDatabase.Create();
        }
    }

    /// <summary>A second server on the same database as <paramref name="other"/> (another replica).</summary>
    public ScoranServerFactory(ScoranServerFactory other)
        : this(other.DataFolder)
    {
        Provider = other.Provider;
        PostgresConnectionString = other.PostgresConnectionString;
        Settings = new Dictionary<string, string?>(other.Settings);
    }

    public StorageProvider Provider { get; }

    /// <summary>The database of this server when <see cref="Provider"/> is PostgreSQL (dropped with the last owner).</summary>
    public string? PostgresConnectionString { get; }

    public ScoranServerFactory(string dataFolder)
    {
        DataFolder = dataFolder;
        Directory.CreateDirectory(dataFolder);
    }

    public string DataFolder { get; }

    public string DatabaseFile => Path.Combine(DataFolder, "scoran.db");

    private bool OwnsFolder { get; }

    /// <summary>Extra configuration (for example Auth:AdminToken), to set before the first request.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>The server's clock, to set before the first request; null: the real one.</summary>
    public TimeProvider? Clock { get; set; }

    public string ConnectionString => PostgresConnectionString ?? $"Data Source={DatabaseFile}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["ConnectionStrings:Scoran"] = ConnectionString,
            ["Storage:Provider"] = Provider.ToString(),
            ["Geodata:Directory"] = RepoPaths.Geodata,
        };
        // No console exporter in test output (the telemetry tests add an in-memory one).
        settings.TryAdd("Telemetry:Exporter", "none");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }

    public async Task<JsonObject> QueryAsync(string query, object? variables = null, string? token = null)
    {
        using var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidOperationException("Réponse vide : " + body);
    }

    /// <summary>Runs a query that must succeed and returns its data.</summary>
    public async Task<JsonObject> DataAsync(string query, object? variables = null, string? token = null)
    {
        var result = await QueryAsync(query, variables, token);
        Assert.True(result["errors"] is null, "Erreurs inattendues : " + result["errors"]?.ToJsonString());
        return result["data"]!.AsObject();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && OwnsFolder)
        {
            if (PostgresConnectionString is not null)
            {
                PostgresTestDatabase.Drop(PostgresConnectionString);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}

/// <summary>
/// The one server fixture: one server for a whole test class (SQLite unless a subclass says
/// PostgreSQL). The fixtures of the suites (offers, quotas, accounts, moderation) are subclasses that
/// only add settings and helpers: xunit shares a fixture per type, so each configuration is a type.
/// </summary>
public class ServerFixture : IDisposable
{
    public ServerFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected ServerFixture(StorageProvider provider)
    {
        Factory = new ScoranServerFactory(provider);
    }

    public ScoranServerFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>One server for a whole test class, on PostgreSQL + PostGIS.</summary>
public sealed class PostgresServerFixture() : ServerFixture(StorageProvider.Postgres);
