using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>
/// web/tests/mot-de-passe.test.mjs: a mediator who forgot the password asks for a link, opens it from the mail, chooses a
/// new password and logs in with it, in chromium. The mails go to a real SMTP server on 127.0.0.1; the script reads them
/// from a small mailbox page (<c>MAILBOX_URL</c>, JSON) that this run serves from the messages the SMTP server accepted.
/// </summary>
public sealed class PasswordResetBrowserRun() : BrowserScriptRun("tests/mot-de-passe.test.mjs")
{
    public const string Email = "mediatrice.oublieuse@example.org";
    public const string OldPassword = "une ancienne phrase de passe oubliee";

    private readonly SmtpTestServer _smtp = new();
    private readonly HttpListener _mailbox = new();

    protected override void Configure(ScoranServerFactory factory)
    {
        _smtp.StartAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in _smtp.Settings())
        {
            factory.Settings[key] = value;
        }
    }

    protected override async Task<Dictionary<string, string>> PrepareAsync(ScoranServerFactory factory, string baseUrl)
    {
        var place = (await factory.DataAsync("{ nearestSites(near: { point: { latitude: 47.0237, longitude: 4.8383 } }, first: 1) { nodes { id } } }"))
            ["nearestSites"]!["nodes"]![0]!["id"]!.GetValue<string>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var invitation = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .InviteAsync(Email, AccountRole.Mediator, [ScoranInclusion.GraphQL.Relay.GlobalId.DecodeKey(place, "Site")], null, null, CancellationToken.None);
            await factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }", new { t = invitation.Token, p = OldPassword });
        }

        var port = SmtpTestServer.FreePort();
        var prefix = $"http://127.0.0.1:{port}/";
        _mailbox.Prefixes.Add(prefix);
        _mailbox.Start();
        _ = Task.Run(ServeMailboxAsync);
        return new()
        {
            ["MAILBOX_URL"] = prefix,
            ["RESET_EMAIL"] = Email,
            ["RESET_OLD_PASSWORD"] = OldPassword,
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
public sealed class PasswordResetBrowserTests(PasswordResetBrowserRun run, ITestOutputHelper output) : IClassFixture<PasswordResetBrowserRun>
{
    private static readonly string[] s_names =
    [
        "« Mot de passe oublié ? » depuis la connexion : la demande, au clavier, la même réponse pour une adresse inconnue",
        "le lien du courriel : un nouveau mot de passe, puis la connexion avec lui (et plus avec l'ancien)",
        "le lien déjà servi ne marche plus",
        "aucune requête hors du serveur local, aucune erreur JavaScript ni de CSP",
    ];

    public static TheoryData<string> Scenarios => new(s_names);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Password_reset_step_passes_in_chromium(string name) => run.AssertPassed(name, output);

    [Fact]
    public void The_password_reset_script_ran_exactly_these_scenarios_and_exited_cleanly() => run.AssertRanExactly(s_names, output);
}
