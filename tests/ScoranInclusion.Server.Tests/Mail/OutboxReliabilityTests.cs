using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.Server.Mail;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>
/// The outbox never loses a mail and never sends one twice: an SMTP server that is down for a while, senders racing on
/// one outbox, a sender killed in the middle of a send. Always a real SMTP server on 127.0.0.1.
/// </summary>
public sealed class OutboxReliabilityTests
{
    [Fact]
    public async Task Mails_wait_while_the_smtp_server_is_down_and_go_out_once_when_it_is_back()
    {
        await using var smtp = new SmtpTestServer();
        using var factory = new ScoranServerFactory();
        foreach (var (key, value) in smtp.Settings())
        {
            factory.Settings[key] = value;
        }

        factory.Settings["Auth:AdminToken"] = AccountsServerFixture.AdminToken;
        await factory.DataAsync("""
            mutation { inviteAccount(input: { email: "attente@example.org", role: MODERATOR, departement: "70" }) { invitationUrl } }
            """, null, AccountsServerFixture.AdminToken);

        // Nobody listens: the sender tries, fails, and tries again later; the mail stays pending with the reason.
        OutboxMessageEntity row;
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        do
        {
            await Task.Delay(100);
            row = (await OutboxAsync(factory)).Single();
        }
        while (row.Attempts < 2 && DateTime.UtcNow < until);
        Assert.True(row.Attempts >= 2, "le courriel n'a pas été réessayé");
        Assert.Equal(OutboxStatus.Pending, row.Status);
        Assert.Contains("SMTP", row.LastError, StringComparison.Ordinal);

        await smtp.StartAsync();
        var received = await smtp.WaitForAsync(1, TimeSpan.FromSeconds(30));
        await Task.Delay(1500);
        Assert.Single(smtp.Received);
        Assert.Equal("attente@example.org", received.Single().To.Mailboxes.Single().Address);
        Assert.Equal(OutboxStatus.Sent, (await OutboxAsync(factory)).Single().Status);
    }

    [Fact]
    public async Task Senders_racing_on_one_outbox_never_send_a_message_twice()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        // No SMTP host for the server itself: only the senders of the test send (the server's own would be one more racer).
        using var factory = new ScoranServerFactory();
        _ = factory.Services;
        const int count = 40;
        await QueueAsync(factory, count, DateTimeOffset.UtcNow);

        var options = Options.Create(MailOptionsFor(smtp));
        var racers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Each racer: its own scope, its own connection, passes until nothing is left.
            for (var pass = 0; pass < 20; pass++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                var sender = new OutboxSender(scope.ServiceProvider.GetRequiredService<ScoranDbContext>(), new SmtpMailTransport(options), options, TimeProvider.System);
                var done = await sender.RunOnceAsync(CancellationToken.None);
                if (done.Sent + done.Retried + done.Failed == 0 && (await OutboxAsync(factory)).All(m => m.Status == OutboxStatus.Sent))
                {
                    return;
                }
            }
        })).ToList();
        await Task.WhenAll(racers);

        var rows = await OutboxAsync(factory);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(count, smtp.Received.Count);
        Assert.Equal(count, smtp.Received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(rows.Select(r => r.MessageId).Order(), smtp.Received.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task A_sender_killed_mid_send_loses_nothing_its_lease_expires_and_another_sender_sends_the_mail_once()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        using var factory = new ScoranServerFactory();
        _ = factory.Services;
        var start = DateTimeOffset.UtcNow;
        await QueueAsync(factory, 1, start);

        // The first sender talks to a server that accepts the connection and never answers; it dies there (its
        // process is gone: cancelled, nothing after the claim runs).
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var silentOptions = MailOptionsFor(smtp);
        silentOptions.Smtp.Port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var clock = new ManualClock(start);
        using (var killed = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var dying = new OutboxSender(scope.ServiceProvider.GetRequiredService<ScoranDbContext>(), new SmtpMailTransport(Options.Create(silentOptions)), Options.Create(silentOptions), clock);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.RunOnceAsync(killed.Token));
        }

        var held = (await OutboxAsync(factory)).Single();
        Assert.Equal(OutboxStatus.Pending, held.Status);
        Assert.NotNull(held.LeaseOwner);
        Assert.Equal(1, held.Attempts);

        var options = Options.Create(MailOptionsFor(smtp));
        async Task<OutboxPass> OtherSenderAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await new OutboxSender(scope.ServiceProvider.GetRequiredService<ScoranDbContext>(), new SmtpMailTransport(options), options, clock)
                .RunOnceAsync(CancellationToken.None);
        }

        // While the lease runs, another sender leaves the message alone: the first one might still be sending it.
        clock.Now = start + options.Value.LeaseDuration - TimeSpan.FromSeconds(1);
        Assert.Equal(0, (await OtherSenderAsync()).Sent);
        Assert.Empty(smtp.Received);

        // Once the lease has expired, the message is sent, once.
        clock.Now = start + options.Value.LeaseDuration + TimeSpan.FromSeconds(1);
        Assert.Equal(1, (await OtherSenderAsync()).Sent);
        Assert.Equal(0, (await OtherSenderAsync()).Sent);
        Assert.Single(smtp.Received);
        var sent = (await OutboxAsync(factory)).Single();
        Assert.Equal(OutboxStatus.Sent, sent.Status);
        Assert.Equal(2, sent.Attempts);
        Assert.Null(sent.LeaseOwner);
    }

    [Fact]
    public async Task A_refused_recipient_fails_for_good_and_a_message_whose_link_expired_is_not_sent_late()
    {
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        using var factory = new ScoranServerFactory();
        _ = factory.Services;
        var start = DateTimeOffset.UtcNow;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            MailOutbox.Queue(db, MailKinds.PasswordReset, null, "trop.tard@example.org", MailMessages.PasswordReset("http://x/espace/nouveau-mot-de-passe?jeton=a", start), start, start + TimeSpan.FromHours(1));
            await db.SaveChangesAsync();
        }

        var options = Options.Create(MailOptionsFor(smtp));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var pass = await new OutboxSender(scope.ServiceProvider.GetRequiredService<ScoranDbContext>(), new SmtpMailTransport(options), options,
                new ManualClock(start + TimeSpan.FromMinutes(61))).RunOnceAsync(CancellationToken.None);
            Assert.Equal(1, pass.Failed);
        }

        Assert.Empty(smtp.Received);
        var failed = (await OutboxAsync(factory)).Single();
        Assert.Equal(OutboxStatus.Failed, failed.Status);
        Assert.Contains("expiré", failed.LastError, StringComparison.Ordinal);
    }

    private static MailOptions MailOptionsFor(SmtpTestServer smtp) => new()
    {
        Smtp = new SmtpSettings { Host = "127.0.0.1", Port = smtp.Port, Security = SmtpSecurity.None },
        From = "annuaire@example.org",
        LeaseDuration = TimeSpan.FromMinutes(5),
        SendTimeout = TimeSpan.FromSeconds(10),
        RetryDelay = TimeSpan.FromSeconds(1),
    };

    private static async Task QueueAsync(ScoranServerFactory factory, int count, DateTimeOffset now)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        for (var i = 0; i < count; i++)
        {
            MailOutbox.Queue(db, MailKinds.Invitation, null, $"course{i}@example.org", MailMessages.Invitation($"http://x/espace/invitation?jeton={i}", now.AddDays(14), AccountRole.Mediator), now, null);
        }

        await db.SaveChangesAsync();
    }

    private static async Task<List<OutboxMessageEntity>> OutboxAsync(ScoranServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().MailOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }
}
