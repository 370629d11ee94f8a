using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Import.Sync;
using ScoranInclusion.Server.Tests.Operations;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>
/// Sync inside the server: « Lancer maintenant » (<see cref="ISourceSyncTrigger"/>) runs in the background and refuses a
/// second run of the same source meanwhile; a withdrawn place leaves the search at once; two servers on one PostgreSQL
/// with <c>Sync:Enabled</c> never run the same source at the same time (the lease in <c>sync_leases</c>).
/// </summary>
public sealed class SyncServerTests
{
    private const string NearNevers = """
        { nearestSites(near: { point: { latitude: 46.99, longitude: 3.15 }, radiusKm: 3 }, first: 100) { edges { node { nom } } } }
        """;

    private static void Configure(ScoranServerFactory factory, string url)
    {
        factory.Settings["Sources:nationale:Url"] = url;
        factory.Settings["Sources:nationale:Format"] = "lmn-csv";
        factory.Settings["Sync:Retries"] = "0";
    }

    private static string Places(int count, int except = -1) =>
        OperationsData.Csv(Enumerable.Range(0, count).Where(i => i != except).Select(i => OperationsData.Row($"p{i}", $"Espace synchronisé {i}", i)));

    private static async Task<List<string>> NamesNearNeversAsync(ScoranServerFactory factory)
    {
        var data = await factory.DataAsync(NearNevers);
        return [.. data["nearestSites"]!["edges"]!.AsArray().Select(e => e!["node"]!["nom"]!.GetValue<string>())];
    }

    [Fact]
    public async Task Run_now_starts_in_the_background_refuses_a_second_run_meanwhile_and_a_withdrawn_place_leaves_the_search()
    {
        await using var files = await SourceFileServer.StartAsync();
        files.Publish("lieux.csv", Places(12));
        using var factory = new ScoranServerFactory();
        Configure(factory, files.Url("lieux.csv"));
        _ = await NamesNearNeversAsync(factory);
        var trigger = factory.Services.GetRequiredService<ISourceSyncTrigger>();
        var background = factory.Services.GetRequiredService<SourceSyncTrigger>();

        Assert.Null(await trigger.RunNowAsync("inconnue", "test", CancellationToken.None));
        files.Delay = TimeSpan.FromSeconds(1);
        var first = await trigger.RunNowAsync("NATIONALE", "test", CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await trigger.RunNowAsync("nationale", "test", CancellationToken.None));
        await background.WhenIdleAsync();
        files.Delay = TimeSpan.Zero;

        var names = await NamesNearNeversAsync(factory);
        Assert.Contains("Espace synchronisé 4", names);
        Assert.Equal(12, names.Count(n => n.StartsWith("Espace synchronisé", StringComparison.Ordinal)));

        files.Publish("lieux.csv", Places(12, except: 4));
        var second = await trigger.RunNowAsync("nationale", "test", CancellationToken.None);
        Assert.True(second > first);
        await background.WhenIdleAsync();

        names = await NamesNearNeversAsync(factory);
        Assert.DoesNotContain("Espace synchronisé 4", names);
        Assert.Equal(11, names.Count(n => n.StartsWith("Espace synchronisé", StringComparison.Ordinal)));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            var run = await db.SyncRuns.AsNoTracking().SingleAsync(r => r.Id == second);
            Assert.Equal(SyncOutcomes.Imported, run.Outcome);
            Assert.Equal(1, run.Withdrawn);
            Assert.NotNull(run.EndedAt);
            Assert.NotNull((await db.Sites.AsNoTracking().SingleAsync(s => s.SourceId == "p4")).WithdrawnAt);
        }

        // Listed again: back in the search.
        files.Publish("lieux.csv", Places(12));
        await trigger.RunNowAsync("nationale", "test", CancellationToken.None);
        await background.WhenIdleAsync();
        Assert.Contains("Espace synchronisé 4", await NamesNearNeversAsync(factory));
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public async Task Two_servers_on_one_postgresql_with_sync_enabled_never_run_the_same_source_at_once()
    {
        await using var files = await SourceFileServer.StartAsync();
        files.Publish("lieux.csv", Places(30));
        // Each answer takes a while, so that the two servers' schedules keep colliding.
        files.Delay = TimeSpan.FromMilliseconds(700);
        using var first = new ScoranServerFactory(StorageProvider.Postgres);
        Configure(first, files.Url("lieux.csv"));
        first.Settings["Sync:Enabled"] = "true";
        first.Settings["Sync:CheckInterval"] = "00:00:00.100";
        first.Settings["Sources:nationale:Every"] = "00:00:00.500";
        using var second = new ScoranServerFactory(first);
        _ = first.CreateClient();
        _ = second.CreateClient();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        List<Storage.Sync.SyncRunEntity> runs;
        do
        {
            await Task.Delay(500);
            await using var scope = first.Services.CreateAsyncScope();
            runs = await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().SyncRuns.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        }
        while (runs.Count(r => r.EndedAt is not null) < 6 && DateTime.UtcNow < deadline);

        var ended = runs.Where(r => r.EndedAt is not null).ToList();
        Assert.True(ended.Count >= 6, $"{ended.Count} synchronisations finies en 20 s");
        Assert.Equal(1, files.MaxConcurrent);
        // Never two at once: each run starts after the previous one ended.
        var ordered = ended.OrderBy(r => r.StartedAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].StartedAt >= ordered[i - 1].EndedAt, $"runs {ordered[i - 1].Id} and {ordered[i].Id} overlap");
        }

        Assert.Equal(SyncOutcomes.Imported, ordered[0].Outcome);
        Assert.All(ordered.Skip(1), r => Assert.Equal(SyncOutcomes.Unchanged, r.Outcome));
        Assert.Equal(30, await CountAsync(first));
    }

    private static async Task<int> CountAsync(ScoranServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().Sites.CountAsync(s => EF.Functions.Like(s.SourceId, "p%"));
    }
}
