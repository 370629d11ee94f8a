using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ScoranInclusion.Server.Tests.Support;

/// <summary>
/// The real server over a real SQLite file of its own (a temp folder), seeded from the
/// project's geodata as on a first start.
/// </summary>
public sealed class ScoranServerFactory : WebApplicationFactory<Program>
{
    public ScoranServerFactory()
        : this(Path.Combine(Path.GetTempPath(), "scoran-tests-" + Guid.NewGuid().ToString("N")))
    {
        OwnsFolder = true;
    }

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>(Settings)
        {
            ["ConnectionStrings:Scoran"] = $"Data Source={DatabaseFile}",
            ["Geodata:Directory"] = RepoPaths.Geodata,
        }));
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

/// <summary>One server for a whole test class.</summary>
public sealed class ServerFixture : IDisposable
{
    public ScoranServerFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
