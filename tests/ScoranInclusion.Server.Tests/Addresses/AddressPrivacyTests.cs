using System.Net;
using System.Text;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Import.Addresses;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Addresses;

/// <summary>A typed address is searched, never logged nor written to the database (as positions and search texts).</summary>
public sealed class AddressPrivacyTests
{
    private const string Typed = "21 rue de l arquebuse autun";

    [Fact]
    public async Task A_typed_address_reaches_neither_the_logs_nor_the_database()
    {
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        server.Settings["Logging:LogLevel:Default"] = "Debug";
        server.Settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        using var factory = server.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using (var scope = factory.Services.CreateScope())
        {
            var import = await scope.ServiceProvider.GetRequiredService<AddressImport>().ImportAsync(AddressServerFixture.FixtureFile, null, CancellationToken.None);
            Assert.Equal(0, import.RejectedCount);
        }

        using var client = factory.CreateClient();
        var before = sink.Messages.Count(m => m.Contains("/graphql", StringComparison.Ordinal));
        const string query = "query($s: String!) { addresses(search: $s) { label } nearestSites(near: { address: $s }, first: 1) { edges { node { nom } } } }";
        var variables = "{\"s\":\"" + Typed + "\"}";

        using (var get = await client.GetAsync("/graphql?query=" + Uri.EscapeDataString(query) + "&variables=" + Uri.EscapeDataString(variables)))
        {
            var text = await get.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Contains("Point numérique d'Autun", text, StringComparison.Ordinal);
        }

        using (var post = await client.PostAsync("/graphql", new StringContent("{\"query\":\"" + query.Replace("\"", "\\\"", StringComparison.Ordinal) + "\",\"variables\":" + variables + "}", Encoding.UTF8, "application/json")))
        {
            var text = await post.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Contains("21 Rue de l'Arquebuse 71400 Autun", text, StringComparison.Ordinal);
        }

        Assert.True(sink.Messages.Count(m => m.Contains("/graphql", StringComparison.Ordinal)) - before >= 2, "journal des requêtes absent");
        Assert.DoesNotContain(sink.Messages, m => m.Contains("arquebuse", StringComparison.OrdinalIgnoreCase));

        // The database file (and its write-ahead log) holds the index's « Rue de l'Arquebuse », never the text typed.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(server.DataFolder, "scoran.db*"))
        {
            var bytes = await ReadSharedAsync(file);
            Assert.DoesNotContain(Typed, Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        return memory.ToArray();
    }
}
