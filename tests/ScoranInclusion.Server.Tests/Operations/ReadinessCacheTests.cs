using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>Issue 17, 3.9 (a): /readyz, never rate-limited, asks the database at most once per Health:ReadyCacheSeconds.</summary>
public sealed class ReadinessCacheTests
{
    [Fact]
    public async Task Many_readyz_calls_within_the_window_make_one_database_check_and_the_next_window_checks_again()
    {
        var sink = new CollectingLoggerProvider();
        using var server = new ScoranServerFactory();
        server.Settings["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        server.Settings["Health:ReadyCacheSeconds"] = "2";
        using var logged = server.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sink)));
        using var client = logged.CreateClient();
        // Start-up (migrations, seed) reads the migrations' history too: count from here.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
        var atStart = DatabaseChecks(sink);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        var oneCheck = DatabaseChecks(sink) - atStart;
        Assert.True(oneCheck > 0, "la vérification de la base n'apparaît pas dans le journal des commandes");

        // Fifty more, twenty of them at once, within the window: no more queries.
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);
        }

        var parallel = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync(new Uri("/readyz", UriKind.Relative))));
        Assert.All(parallel, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(oneCheck, DatabaseChecks(sink) - atStart);

        // Past the window, the database is asked again (once).
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAsync(new Uri("/readyz", UriKind.Relative))));
        Assert.Equal(2 * oneCheck, DatabaseChecks(sink) - atStart);
    }

    private static int DatabaseChecks(CollectingLoggerProvider sink) =>
        sink.Messages.Count(m => m.StartsWith("Microsoft.EntityFrameworkCore.Database.Command ", StringComparison.Ordinal)
            && m.Contains("__EFMigrationsHistory", StringComparison.Ordinal) && m.Contains("Executed", StringComparison.Ordinal));
}
