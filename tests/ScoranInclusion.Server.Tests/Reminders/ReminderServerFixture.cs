using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Mail;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Reminders;

namespace ScoranInclusion.Server.Tests.Reminders;

/// <summary>
/// A server on a clock the tests move (every seeded place is older than six months at its start), whose outbox sends to
/// a real SMTP server on 127.0.0.1. The reminders are run as the verb and the daily service run them
/// (<see cref="ListingReminders"/>), on this clock.
/// </summary>
public class ReminderServerFixture : AccountsServerFixture, IAsyncDisposable
{
    public const string Subject = "est-elle toujours juste ?";

    public ReminderServerFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected ReminderServerFixture(StorageProvider provider)
        : base(provider)
    {
        Smtp = new SmtpTestServer();
        Smtp.StartAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in Smtp.Settings())
        {
            Factory.Settings[key] = value;
        }

        Factory.Clock = Clock;
    }

    public static DateTimeOffset Start { get; } = new(2031, 3, 3, 8, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(Start);

    public SmtpTestServer Smtp { get; }

    public async Task<ReminderRun?> RunAsync(bool dryRun = false)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListingReminders>().RunAsync(dryRun, CancellationToken.None);
    }

    /// <summary>A place near a point, its key, and a mediator (with a password) who manages it alone.</summary>
    public async Task<(string Id, long Key, long Account)> PlaceWithMediatorAsync(double latitude, double longitude, string email)
    {
        var id = await PlaceNearAsync(latitude, longitude);
        var key = ScoranInclusion.GraphQL.Relay.GlobalId.DecodeKey(id, "Site");
        var invitation = await InviteAsync(email, AccountRole.Mediator, [key]);
        return (id, key, invitation.Account.Id);
    }

    /// <summary>Disables an account, so that the next tests' runs do not mail it.</summary>
    public async Task DisableAsync(long account)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountService>().RevokeAsync(account, disable: true, CancellationToken.None);
    }

    /// <summary>The reminders the SMTP server accepted for this address, once <paramref name="count"/> arrived (or the wait ended).</summary>
    public async Task<List<MimeMessage>> MailsAsync(string address, int count)
    {
        for (var i = 0; i < 100 && Reminders(address).Count < count; i++)
        {
            await Task.Delay(100);
        }

        // Then a little longer: a copy sent twice would show now.
        await Task.Delay(400);
        return Reminders(address);
    }

    public List<MimeMessage> Reminders(string address) =>
        [.. Smtp.To(address).Where(m => (m.Subject ?? "").Contains(Subject, StringComparison.Ordinal))];

    public async Task<List<OutboxMessageEntity>> OutboxAsync(string recipient)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        return [.. db.MailOutbox.Where(m => m.Recipient == recipient).OrderBy(m => m.Id)];
    }

    public async Task<JsonNode> SiteAsync(string id) =>
        (await Factory.DataAsync("query($id: ID!) { site(id: $id) { version lastConfirmedAt stale freshness { stale lastVerifiedAt } history { kind actor } } }",
            new { id }, AdminToken))["site"]!;

    public async Task<int> CountAsync(Func<ScoranDbContext, Task<int>> count)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<ScoranDbContext>());
    }

    public static string LinkIn(string? text, string path)
    {
        var match = Regex.Match(text ?? "", @"http://lieux\.example\.org" + Regex.Escape(path) + @"[^\s]*");
        Assert.True(match.Success, $"aucun lien {path} dans : {text}");
        return match.Value;
    }

    /// <summary>The antiforgery field of a page's form (its cookie stays in the client).</summary>
    public static string FormToken(string page) =>
        WebUtility.HtmlDecode(Regex.Match(page, "name=\"_jeton_formulaire\" value=\"([^\"]+)\"").Groups[1].Value);

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class PostgresReminderServerFixture() : ReminderServerFixture(StorageProvider.Postgres);

internal static class DbCounts
{
    public static Task<int> Reminders(ScoranDbContext db) => db.SiteReminders.CountAsync();

    public static Task<int> Links(ScoranDbContext db) => db.ReminderLinks.CountAsync();

    public static Task<int> Outbox(ScoranDbContext db) => db.MailOutbox.CountAsync();

    public static Task<int> Leases(ScoranDbContext db) => db.SyncLeases.CountAsync();
}
