using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Sqlite;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Workflows.Tests;

/// <summary>
/// A write of several statements is one transaction: when its last statement fails (a crash, a full disk),
/// the first ones are not left behind. The failure is injected into the database command itself.
/// </summary>
public sealed class WriteAtomicityTests
{
    [Fact]
    public async Task Revoking_and_disabling_an_account_is_all_or_nothing()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using (var db = Context(connection, failOn: null))
        {
            await db.Database.MigrateAsync();
        }

        long accountId;
        string token;
        await using (var db = Context(connection, failOn: null))
        {
            var accounts = Service(db);
            var invitation = await accounts.InviteAsync("camille@example.org", AccountRole.Admin, null, null, null, default);
            token = (await accounts.AcceptInvitationAsync(invitation.Token, "un mot de passe assez long", default)).Token;
            accountId = invitation.Account.Id;
        }

        // The tokens' update fails after the account was marked disabled in the same call.
        await using (var db = Context(connection, failOn: "UPDATE \"account_tokens\""))
        {
            await Assert.ThrowsAsync<InjectedFailure>(() => Service(db).RevokeAsync(accountId, disable: true, default));
        }

        await using (var db = Context(connection, failOn: null))
        {
            Assert.Null((await db.Accounts.SingleAsync(a => a.Id == accountId)).DisabledAt);
            Assert.NotNull(await Service(db).AuthenticateAsync(token, default));

            // Without the failure, both happen.
            Assert.Equal(1, await Service(db).RevokeAsync(accountId, disable: true, default));
        }

        await using (var db = Context(connection, failOn: null))
        {
            Assert.NotNull((await db.Accounts.SingleAsync(a => a.Id == accountId)).DisabledAt);
            Assert.Null(await Service(db).AuthenticateAsync(token, default));
        }
    }

    private static AccountService Service(ScoranDbContext db) => new(db, TimeProvider.System, Options.Create(new AccountOptions()), new Sha256PasswordHashing());


    private static SqliteScoranDbContext Context(SqliteConnection connection, string? failOn)
    {
        var options = new DbContextOptionsBuilder<SqliteScoranDbContext>().UseSqlite(connection);
        if (failOn is not null)
        {
            options.AddInterceptors(new FailingCommand(failOn));
        }

        return new SqliteScoranDbContext(options.Options);
    }

    private sealed class InjectedFailure() : Exception("échec simulé");

    /// <summary>Throws before running a command whose text contains <paramref name="marker"/>.</summary>
    private sealed class FailingCommand(string marker) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            command.CommandText.Contains(marker, StringComparison.Ordinal) ? throw new InjectedFailure() : ValueTask.FromResult(result);
    }
}
