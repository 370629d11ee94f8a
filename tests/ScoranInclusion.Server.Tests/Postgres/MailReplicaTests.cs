using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Server.Mail;
using ScoranInclusion.Server.Tests.Mail;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Mail;
using ScoranInclusion.Workflows.Moderation;

namespace ScoranInclusion.Server.Tests.Postgres;

/// <summary>
/// Two servers on one PostgreSQL database, both sending the outbox to one real SMTP server on 127.0.0.1, as two replicas
/// do: each mail goes out once; and the day's moderation digest is written by one of them only.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class MailReplicaTests : IAsyncLifetime, IDisposable
{
    private readonly SmtpTestServer _smtp = new();
    private ScoranServerFactory? _first;
    private ScoranServerFactory? _second;

    public async Task InitializeAsync()
    {
        await _smtp.StartAsync();
        _first = new ScoranServerFactory(StorageProvider.Postgres);
        foreach (var (key, value) in _smtp.Settings())
        {
            _first.Settings[key] = value;
        }

        _first.Settings["Moderation:Digest:Enabled"] = "false";
        _ = _first.Services;
        _second = new ScoranServerFactory(_first);
        _ = _second.Services;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _second?.Dispose();
        _first?.Dispose();
        _smtp.StopAsync().GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Two_servers_and_their_extra_senders_racing_on_one_outbox_send_each_mail_once()
    {
        const int count = 60;
        var now = DateTimeOffset.UtcNow;
        await using (var scope = _first!.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
            for (var i = 0; i < count; i++)
            {
                MailOutbox.Queue(db, MailKinds.Invitation, null, $"replique{i}@example.org",
                    MailMessages.Invitation($"http://lieux.example.org/espace/invitation?jeton={i}", now.AddDays(14), AccountRole.Mediator), now, null);
            }

            await db.SaveChangesAsync();
        }

        // Both servers' own senders are woken, and three more passes on each server's container race with them.
        _first.Services.GetRequiredService<MailOutboxSignal>().Wake();
        _second!.Services.GetRequiredService<MailOutboxSignal>().Wake();
        var racers = new[] { _first, _second, _first, _second, _first, _second }.Select(factory => Task.Run(async () =>
        {
            for (var pass = 0; pass < 10; pass++)
            {
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().RunOnceAsync(CancellationToken.None);
            }
        })).ToList();
        await Task.WhenAll(racers);
        await _smtp.WaitForAsync(count, TimeSpan.FromSeconds(60));
        await Task.Delay(1500);

        List<OutboxMessageEntity> rows;
        await using (var scope = _first.Services.CreateAsyncScope())
        {
            rows = await scope.ServiceProvider.GetRequiredService<ScoranDbContext>().MailOutbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
        }

        Assert.Equal(count, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        // Claimed once each: no sender took a message another one held.
        Assert.All(rows, r => Assert.Equal(1, r.Attempts));
        Assert.Equal(count, _smtp.Received.Count);
        Assert.Equal(rows.Select(r => r.MessageId).Order(), _smtp.Received.Select(m => m.MessageId).Order());
    }

    [Fact]
    public async Task Of_two_replicas_running_the_days_digest_at_once_one_runs_it()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.FromHours(2)));
        ModerationDigestService Replica(ScoranServerFactory factory) => new(
            factory.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ModerationDigestOptions { Hour = 7 }),
            factory.Services.GetRequiredService<MailOutboxSignal>(), NullLogger<ModerationDigestService>.Instance, clock);

        for (var round = 0; round < 5; round++)
        {
            // Each round is another day.
            clock.Now = clock.Now.AddDays(1);
            var replicas = Enumerable.Range(0, 4).Select(i => Replica(i % 2 == 0 ? _first! : _second!)).ToList();
            var runs = await Task.WhenAll(replicas.Select(r => Task.Run(() => r.RunIfDueAsync(CancellationToken.None))));
            Assert.Single(runs, r => r is not null);
            Assert.Null(await Replica(_second!).RunIfDueAsync(CancellationToken.None));
        }
    }
}
