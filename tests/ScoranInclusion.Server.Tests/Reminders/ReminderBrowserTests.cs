using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Mail;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Reminders;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Reminders;

/// <summary>
/// web/tests/rappel.test.mjs: a listing reminder's « Rien n'a changé », in chromium. The run (on a clock where the
/// place is long forgotten) mails the place's mediator through a real SMTP server on 127.0.0.1; the script reads the
/// mail from a small mailbox page (<c>MAILBOX_URL</c>, JSON) this run serves, opens the link (which changes nothing),
/// presses the button without being logged in, and sees the place's freshness date move.
/// </summary>
public sealed class ReminderBrowserRun() : BrowserScriptRun("tests/rappel.test.mjs")
{
    public const string Email = "mediatrice.relancee@example.org";

    private readonly SmtpTestServer _smtp = new();
    private readonly HttpListener _mailbox = new();

    public static DateTimeOffset Now { get; } = new(2031, 3, 3, 10, 0, 0, TimeSpan.Zero);

    protected override void Configure(ScoranServerFactory factory)
    {
        _smtp.StartAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in _smtp.Settings())
        {
            factory.Settings[key] = value;
        }

        factory.Clock = new ManualClock(Now);
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 47.322, longitude: 5.041 } }, first: 1) { nodes { id } } }"))
            ["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>()
                .InviteAsync(Email, AccountRole.Mediator, [ScoranInclusion.GraphQL.Relay.GlobalId.DecodeKey(place, "Site")], null, null, CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<ListingReminders>().RunAsync(dryRun: false, CancellationToken.None);
        }

        var port = SmtpTestServer.FreePort();
        var prefix = $"http://127.0.0.1:{port}/";
        _mailbox.Prefixes.Add(prefix);
        _mailbox.Start();
        _ = Task.Run(ServeMailboxAsync);
        return new()
        {
            ["MAILBOX_URL"] = prefix,
            ["REMINDER_EMAIL"] = Email,
            ["PLACE_ID"] = place,
            ["NOW"] = Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    protected override void Release()
    {
        if (_mailbox.IsListening)
        {
            _mailbox.Stop();
        }

        _mailbox.Close();
        _smtp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    // Every accepted message: recipient, subject, plain text. Only the script on this machine asks.
    private async Task ServeMailboxAsync()
    {
        while (_mailbox.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _mailbox.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var body = JsonSerializer.Serialize(_smtp.Received.Select(m => new { to = m.To.Mailboxes.Single().Address, subject = m.Subject, text = m.TextBody }));
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}

[Trait("Category", "Browser")]
public sealed class ReminderBrowserTests(ReminderBrowserRun run, ITestOutputHelper output) : IClassFixture<ReminderBrowserRun>
{
    private static readonly string[] s_names =
    [
        "le courriel de relance arrive une fois, avec ses deux liens",
        "ouvrir le lien ne change rien (même deux fois, même sans cookie)",
        "« Rien n'a changé » au clavier, sans connexion : la date de fraîcheur avance",
        "le lien déjà servi le dit, et ne change plus rien",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Reminder_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_reminder_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
