using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Mail;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>A server whose outbox sends to a real SMTP server on 127.0.0.1 (<see cref="SmtpTestServer"/>).</summary>
public sealed class MailServerFixture : AccountsServerFixture, IAsyncDisposable
{
    public MailServerFixture()
    {
        Smtp = new SmtpTestServer();
        Smtp.StartAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in Smtp.Settings())
        {
            Factory.Settings[key] = value;
        }
    }

    public SmtpTestServer Smtp { get; }

    public async Task<List<OutboxMessageEntity>> OutboxAsync(string recipient)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ScoranDbContext>();
        return [.. db.MailOutbox.Where(m => m.Recipient == recipient).OrderBy(m => m.Id)];
    }

    public async ValueTask DisposeAsync() => await Smtp.DisposeAsync();
}

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
