using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.Server.Tests.Moderation;

/// <summary>
/// Issue 17, 3.9 (c): the contact e-mail of a report nobody decided is not kept forever: past
/// Moderation:ContactRetentionDays (90 by default) the server erases it (at start, then periodically); the report stays.
/// </summary>
public class ContactRetentionTests
{
    protected virtual StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task At_start_the_contact_of_a_report_older_than_the_retention_is_erased_and_a_recent_one_is_kept()
    {
        using var first = new ScoranServerFactory(Provider);
        long old, recent, decidedLater;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            var site = await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
            var now = DateTimeOffset.UtcNow;
            ModerationItemEntity Report(int daysAgo, string contact) => new()
            {
                Kind = ModerationKind.Report,
                Status = ModerationStatus.Pending,
                CreatedAt = now.AddDays(-daysAgo),
                Departement = "21",
                SiteId = site,
                ReportedFields = "horaires",
                Message = "Fermé le lundi.",
                ContactEmail = contact,
            };
            var items = new[] { Report(91, "ancien@example.org"), Report(89, "recent@example.org"), Report(400, "tres.ancien@example.org") };
            db.ModerationItems.AddRange(items);
            await db.SaveChangesAsync();
            (old, recent, decidedLater) = (items[0].Id, items[1].Id, items[2].Id);
        }

        // The next start of the server (another process on the same database).
        using var second = new ScoranServerFactory(first);
        using var client = second.CreateClient();
        Assert.True((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
        var items2 = await WaitForAsync(second, old, decidedLater);

        Assert.Null(items2[old].ContactEmail);
        Assert.Null(items2[decidedLater].ContactEmail);
        Assert.Equal("recent@example.org", items2[recent].ContactEmail);
        // The reports themselves stay, pending, with their message and fields.
        Assert.All(items2.Values, i => Assert.Equal(ModerationStatus.Pending, i.Status));
        Assert.Equal("Fermé le lundi.", items2[old].Message);
        Assert.Equal("horaires", items2[old].ReportedFields);
    }

    [Fact]
    public async Task The_retention_is_configurable()
    {
        using var first = new ScoranServerFactory(Provider);
        long id;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            var item = new ModerationItemEntity
            {
                Kind = ModerationKind.Report,
                Status = ModerationStatus.Pending,
                CreatedAt = DateTimeOffset.UtcNow.AddDays(-10),
                Departement = "21",
                SiteId = await db.Sites.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                ReportedFields = "telephone",
                ContactEmail = "dix.jours@example.org",
            };
            db.ModerationItems.Add(item);
            await db.SaveChangesAsync();
            id = item.Id;
        }

        using var second = new ScoranServerFactory(first);
        second.Settings["Moderation:ContactRetentionDays"] = "7";
        using var client = second.CreateClient();
        Assert.True((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode);
        Assert.Null((await WaitForAsync(second, id))[id].ContactEmail);
    }

    /// <summary>The items once the purge of the start has erased the contact of <paramref name="purged"/> (it runs beside the start-up), or after 10 s.</summary>
    private static async Task<Dictionary<long, ModerationItemEntity>> WaitForAsync(ScoranServerFactory server, params long[] purged)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await using var scope = server.Services.CreateAsyncScope();
            var items = await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().ModerationItems.AsNoTracking().ToDictionaryAsync(i => i.Id);
            if (purged.All(p => items[p].ContactEmail is null) || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>The same on PostgreSQL (the purge's update runs there too).</summary>
[Trait("Category", "Postgres")]
public sealed class ContactRetentionTestsOnPostgres : ContactRetentionTests
{
    protected override StorageProvider Provider => StorageProvider.Postgres;
}
