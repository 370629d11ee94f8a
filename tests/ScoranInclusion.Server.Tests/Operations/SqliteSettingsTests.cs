using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>The settings of SQLite, read back from the server's own connections, and what the busy timeout gives.</summary>
public sealed class SqliteSettingsTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("Normal", 1)]
    [InlineData("Full", 2)]
    public async Task The_servers_connections_have_WAL_busy_timeout_foreign_keys_and_synchronous(string? synchronous, long expected)
    {
        using var factory = new ScoranServerFactory();
        factory.Settings["Storage:SeedOnStart"] = "false";
        if (synchronous is not null)
        {
            factory.Settings["Storage:SqliteSynchronous"] = synchronous;
        }

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
            Assert.Equal(30_000L, await PragmaAsync(db, "busy_timeout"));
            Assert.Equal(1L, await PragmaAsync(db, "foreign_keys"));
            Assert.Equal(expected, await PragmaAsync(db, "synchronous"));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_writer_waits_for_the_one_holding_the_lock_instead_of_failing()
    {
        using var factory = new ScoranServerFactory();
        factory.Settings["Storage:SeedOnStart"] = "false";
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var waiter = second.ServiceProvider.GetRequiredService<ScoranDbContext>();

        Task<int> waiting;
        await using (var transaction = await holder.Database.BeginTransactionAsync())
        {
            holder.SeedRuns.Add(new SeedRun { Dataset = "premier", AppliedAt = DateTimeOffset.UtcNow, Rows = 1 });
            await holder.SaveChangesAsync();

            // The second writer starts while the first one holds the write lock, which it keeps a moment.
            waiting = Task.Run(async () =>
            {
                waiter.SeedRuns.Add(new SeedRun { Dataset = "second", AppliedAt = DateTimeOffset.UtcNow, Rows = 2 });
                return await waiter.SaveChangesAsync();
            });
            await Task.Delay(1500);
            await transaction.CommitAsync();
        }

        Assert.Equal(1, await waiting);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(["premier", "second"], await check.ServiceProvider.GetRequiredService<ScoranDbContext>().SeedRuns.Select(r => r.Dataset).Order().ToListAsync());
    }

    private static async Task<object?> PragmaAsync(ScoranDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }
}
