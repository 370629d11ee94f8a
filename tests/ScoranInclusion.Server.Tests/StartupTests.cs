using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task First_start_seeds_the_real_places_and_a_restart_duplicates_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "scoran-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            int firstCount;
            (int Offers, int Sessions, int Stops, int Runs) firstOffers;
            using (var first = new ScoranServerFactory(folder))
            {
                firstCount = await CountSitesAsync(first);
                firstOffers = await CountOffersAsync(first);
                // The configured file is the one used (not a default under the working directory).
                Assert.True(File.Exists(first.DatabaseFile));
            }

            using (var second = new ScoranServerFactory(folder))
            {
                Assert.Equal(firstCount, await CountSitesAsync(second));
                // The example offers are seeded once: a restart (which also tops up the series) adds none.
                Assert.Equal(firstOffers, await CountOffersAsync(second));
                var data = await second.DataAsync("""{ nearestSites(near: { commune: "25056" }, first: 1) { edges { node { nom } } } }""");
                Assert.Single(data["nearestSites"]!["edges"]!.AsArray());
            }

            // The geodata seed holds the MedNum BFC places (697 rows, less the documented exclusions).
            Assert.InRange(firstCount, 650, 697);
            Assert.Equal(5, firstOffers.Offers);
            Assert.Equal(3, firstOffers.Stops);
            Assert.InRange(firstOffers.Sessions, 5 * 7, 5 * 9);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Offers, int Sessions, int Stops, int Runs)> CountOffersAsync(ScoranServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        return (await db.Offers.CountAsync(), await db.Sessions.CountAsync(), await db.ItinerantStops.CountAsync(), await db.SeedRuns.CountAsync());
    }

    private static async Task<int> CountSitesAsync(ScoranServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().Sites.CountAsync();
    }
}
