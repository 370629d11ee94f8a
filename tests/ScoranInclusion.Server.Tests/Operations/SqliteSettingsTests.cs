using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sqlite;
using ScoranInclusion.Workflows.Editing;

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
        // The waiter's INSERT is watched from inside EF Core: sent to SQLite, then finished or failed.
        var observer = new WaiterObserver("second");
        using var server = new ScoranServerFactory();
        server.Settings["Storage:SeedOnStart"] = "false";
        using var factory = server.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureDbContext<SqliteScoranDbContext>((_, o) => o.AddInterceptors(observer))));
        await using var first = factory.Services.CreateAsyncScope();
        await using var second = factory.Services.CreateAsyncScope();
        var holder = first.ServiceProvider.GetRequiredService<ScoranDbContext>();
        var waiter = second.ServiceProvider.GetRequiredService<ScoranDbContext>();

        Task<int> waiting;
        await using (var transaction = await holder.Database.BeginTransactionAsync())
        {
            holder.SeedRuns.Add(new SeedRun { Dataset = "premier", AppliedAt = DateTimeOffset.UtcNow, Rows = 1 });
            await holder.SaveChangesAsync();

            // The first writer holds the write lock; the second one's INSERT reaches SQLite…
            waiting = Task.Run(async () =>
            {
                waiter.SeedRuns.Add(new SeedRun { Dataset = "second", AppliedAt = DateTimeOffset.UtcNow, Rows = 2 });
                return await waiter.SaveChangesAsync();
            });
            await observer.Sent.Task.WaitAsync(TimeSpan.FromSeconds(30));

            // …and stays there, neither done nor failed ("database is locked"), as long as the lock is held.
            _ = await Task.WhenAny(waiting, observer.Finished.Task, Task.Delay(TimeSpan.FromSeconds(2)));
            Assert.False(waiting.IsCompleted, waiting.IsFaulted ? "le second a échoué : " + waiting.Exception!.GetBaseException().Message : "le second n'a pas attendu le verrou");
            Assert.False(observer.Finished.Task.IsCompleted, "la commande du second s'est terminée pendant que le premier tenait le verrou");
            await transaction.CommitAsync();
        }

        // Released: it completes.
        Assert.Equal(1, await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(observer.Finished.Task.IsCompletedSuccessfully);
        await using var check = factory.Services.CreateAsyncScope();
        Assert.Equal(["premier", "second"], await check.ServiceProvider.GetRequiredService<ScoranDbContext>().SeedRuns.Select(r => r.Dataset).Order().ToListAsync());
    }

    /// <summary>Signals when the INSERT carrying <paramref name="marker"/> is sent, and when it ends (done or failed).</summary>
    private sealed class WaiterObserver(string marker) : DbCommandInterceptor
    {
        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (IsMine(command))
            {
                Sent.TrySetResult();
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (IsMine(command))
            {
                Finished.TrySetResult();
            }

            return base.ReaderExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (IsMine(command))
            {
                Sent.TrySetResult();
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (IsMine(command))
            {
                Finished.TrySetResult();
            }

            return base.NonQueryExecutedAsync(command, eventData, result, cancellationToken);
        }

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            if (IsMine(command))
            {
                Finished.TrySetException(eventData.Exception);
            }

            return base.CommandFailedAsync(command, eventData, cancellationToken);
        }

        private bool IsMine(DbCommand command) => command.Parameters.Cast<DbParameter>().Any(p => Equals(p.Value, marker));
    }

    private static async Task<object?> PragmaAsync(ScoranDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return await command.ExecuteScalarAsync();
    }
}
