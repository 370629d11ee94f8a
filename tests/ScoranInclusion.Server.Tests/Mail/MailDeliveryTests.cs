using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>
/// Invitations and password resets go out by e-mail, once, with links that work: the server's outbox and background
/// sender against a real SMTP server on 127.0.0.1.
/// </summary>
public sealed partial class MailDeliveryTests(MailServerFixture fixture) : IClassFixture<MailServerFixture>
{
    private const string AdminToken = AccountsServerFixture.AdminToken;
    private const string InvitationSubject = "Votre invitation à l'espace médiateurs";
    private const string ResetSubject = "Choisir un nouveau mot de passe";

    [Fact]
    public async Task An_invitation_arrives_once_in_french_text_and_html_without_remote_content_and_its_link_works()
    {
        const string email = "invitee.courriel@example.org";
        var payload = (await fixture.Factory.DataAsync("""
            mutation($e: String!) { inviteAccount(input: { email: $e, role: MODERATOR, departement: "21" }) { invitationUrl emailed } }
            """, new { e = email }, AdminToken))["inviteAccount"]!;
        Assert.True(payload["emailed"]!.GetValue<bool>());

        var mail = await OnlyMailToAsync(email, InvitationSubject);
        Assert.Equal("annuaire@example.org", mail.From.Mailboxes.Single().Address);
        var link = LinkIn(mail.TextBody, "invitation");
        Assert.Equal(payload["invitationUrl"]!.GetValue<string>(), link);
        Assert.StartsWith("http://lieux.example.org/espace/invitation?jeton=", link, StringComparison.Ordinal);
        AssertNoRemoteContent(mail, link);

        // The link opens the page, and its token sets the password.
        using var client = fixture.Factory.CreateClient();
        var page = await client.GetStringAsync(new Uri(link).PathAndQuery);
        Assert.Contains("Choisir votre mot de passe", page, StringComparison.Ordinal);
        var accepted = await fixture.Factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { account { email } } }",
            new { t = Token(link), p = AccountsServerFixture.Password });
        Assert.Equal(email, accepted["acceptInvitation"]!["account"]!["email"]!.GetValue<string>());
        Assert.Equal(OutboxStatus.Sent, (await fixture.OutboxAsync(email)).Single().Status);
    }

    [Fact]
    public async Task Resending_an_invitation_mails_a_new_link_and_the_previous_one_stops_working()
    {
        const string email = "relance@example.org";
        var first = await fixture.InviteAsync(email, AccountRole.Moderator, departement: "25");
        await MailsToAsync(email, InvitationSubject, 1);
        var resent = (await fixture.Factory.DataAsync("mutation($id: ID!) { resendInvitation(id: $id) { invitationUrl emailed } }",
            new { id = ScoranInclusion.GraphQL.Relay.GlobalId.Encode("Account", first.Account.Id) }, AdminToken))["resendInvitation"]!;

        var mails = await MailsToAsync(email, InvitationSubject, 2);
        Assert.Equal(2, mails.Count);
        var secondLink = LinkIn(mails[1].TextBody, "invitation");
        Assert.Equal(resent["invitationUrl"]!.GetValue<string>(), secondLink);
        Assert.Equal(first.Token, Token(LinkIn(mails[0].TextBody, "invitation")));

        var old = await fixture.Factory.QueryAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = first.Token, p = AccountsServerFixture.Password });
        Assert.Equal(AccountErrorCodes.InvalidInvitation, AccountsServerFixture.Code(old));
        await fixture.Factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = Token(secondLink), p = AccountsServerFixture.Password });

        // Accepted: nothing to resend any more.
        var again = await fixture.Factory.QueryAsync("mutation($id: ID!) { resendInvitation(id: $id) { invitationUrl } }",
            new { id = ScoranInclusion.GraphQL.Relay.GlobalId.Encode("Account", first.Account.Id) }, AdminToken);
        Assert.Equal(AccountErrorCodes.InvitationAccepted, AccountsServerFixture.Code(again));
    }

    [Fact]
    public async Task A_password_reset_mails_a_one_hour_single_use_link_that_revokes_the_other_tokens_and_unknown_addresses_get_the_same_answer()
    {
        const string email = "oubli@example.org";
        var session = await fixture.AccountTokenAsync(email, AccountRole.Moderator, departement: "39");
        const string ask = "mutation($e: String!) { requestPasswordReset(email: $e) }";

        var known = await fixture.Factory.QueryAsync(ask, new { e = email });
        var unknown = await fixture.Factory.QueryAsync(ask, new { e = "personne.inconnue@example.org" });
        var malformed = await fixture.Factory.QueryAsync(ask, new { e = "pas une adresse" });
        Assert.Equal(known.ToJsonString(), unknown.ToJsonString());
        Assert.Equal(known.ToJsonString(), malformed.ToJsonString());
        Assert.True(known["data"]!["requestPasswordReset"]!.GetValue<bool>());

        var mail = await OnlyMailToAsync(email, ResetSubject);
        Assert.Empty(fixture.Smtp.To("personne.inconnue@example.org"));
        var link = LinkIn(mail.TextBody, "nouveau-mot-de-passe");
        AssertNoRemoteContent(mail, link);
        using (var client = fixture.Factory.CreateClient())
        {
            Assert.Contains("Choisir un nouveau mot de passe", await client.GetStringAsync(new Uri(link).PathAndQuery), StringComparison.Ordinal);
        }

        const string reset = "mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }";
        const string newPassword = "un tout nouveau mot de passe";
        var tooShort = await fixture.Factory.QueryAsync(reset, new { t = Token(link), p = "court" });
        Assert.Equal(AccountErrorCodes.InvalidPassword, AccountsServerFixture.Code(tooShort));
        Assert.True((await fixture.Factory.DataAsync(reset, new { t = Token(link), p = newPassword }))["resetPassword"]!.GetValue<bool>());

        // The old login is revoked, the old password refused, the new one accepted, the link used.
        Assert.Null((await fixture.Factory.DataAsync("{ me { email } }", null, session))["me"]);
        var oldLogin = await fixture.Factory.QueryAsync("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
            new { e = email, p = AccountsServerFixture.Password });
        Assert.Equal(AccountErrorCodes.InvalidCredentials, AccountsServerFixture.Code(oldLogin));
        await fixture.Factory.DataAsync("mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }", new { e = email, p = newPassword });
        var reused = await fixture.Factory.QueryAsync(reset, new { t = Token(link), p = "encore un autre mot de passe" });
        Assert.Equal(AccountErrorCodes.InvalidResetToken, AccountsServerFixture.Code(reused));

        // The administrators see the mail, without its body.
        var outbox = (await fixture.Factory.DataAsync("{ mailOutbox(first: 200) { kind recipient status attempts } }", null, AdminToken))["mailOutbox"]!.AsArray();
        var entry = outbox.Single(m => m!["recipient"]!.GetValue<string>() == email && m["kind"]!.GetValue<string>() == MailKinds.PasswordReset);
        Assert.Equal("SENT", entry!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reset_links_are_limited_per_account_with_the_same_answer_and_expire_after_an_hour()
    {
        const string email = "limite@example.org";
        await fixture.AccountTokenAsync(email, AccountRole.Moderator, departement: "58");
        for (var i = 0; i < 5; i++)
        {
            Assert.True((await fixture.Factory.DataAsync("mutation($e: String!) { requestPasswordReset(email: $e) }", new { e = email }))["requestPasswordReset"]!.GetValue<bool>());
        }

        var mails = await MailsToAsync(email, ResetSubject, 3);
        await Task.Delay(1000);
        Assert.Equal(3, Mails(email, ResetSubject).Count);
        Assert.Equal(3, (await fixture.OutboxAsync(email)).Count(m => m.Kind == MailKinds.PasswordReset));

        // Each new link revoked the one before; the last one is valid one hour, not a minute more.
        var last = Token(LinkIn(mails[^1].TextBody, "nouveau-mot-de-passe"));
        var earlier = Token(LinkIn(mails[0].TextBody, "nouveau-mot-de-passe"));
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var later = new ManualClock(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(61));
        var accounts = new AccountService(services.GetRequiredService<ScoranDbContext>(), later, services.GetRequiredService<IOptions<AccountOptions>>(),
            services.GetRequiredService<IPasswordHashing>());
        var expired = await Assert.ThrowsAsync<AccountException>(() => accounts.ResetPasswordAsync(last, "un mot de passe bien trop tard", CancellationToken.None));
        Assert.Equal(AccountErrorCodes.InvalidResetToken, expired.Code);
        var revoked = await fixture.Factory.QueryAsync("mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }",
            new { t = earlier, p = "un mot de passe pour un vieux lien" });
        Assert.Equal(AccountErrorCodes.InvalidResetToken, AccountsServerFixture.Code(revoked));
    }

    private async Task<MimeMessage> OnlyMailToAsync(string email, string subject)
    {
        var mails = await MailsToAsync(email, subject, 1);
        // A second copy would come with the next passes of the sender: wait for a few of them.
        await Task.Delay(1000);
        Assert.Single(Mails(email, subject));
        return mails.Single();
    }

    private List<MimeMessage> Mails(string email, string subject) => [.. fixture.Smtp.To(email).Where(m => m.Subject == subject)];

    private async Task<IReadOnlyList<MimeMessage>> MailsToAsync(string email, string subject, int count)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Mails(email, subject).Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        var mails = Mails(email, subject);
        Assert.True(mails.Count >= count, $"{mails.Count} courriel(s) reçu(s) pour {email}, {count} attendu(s)");
        return mails;
    }

    private static string LinkIn(string? text, string page)
    {
        var match = Regex.Match(text ?? "", @"http://lieux\.example\.org/espace/" + page + @"\?jeton=[A-Za-z0-9_\-]+");
        Assert.True(match.Success, "aucun lien dans : " + text);
        return match.Value;
    }

    private static string Token(string link) => link[(link.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];

    private static void AssertNoRemoteContent(MimeMessage mail, string link)
    {
        Assert.NotNull(mail.TextBody);
        Assert.NotNull(mail.HtmlBody);
        Assert.Contains("Bonjour", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("lang=\"fr\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        // The only address in the HTML is the link itself, not rewritten (no click tracking).
        var addresses = Regex.Matches(mail.HtmlBody, @"https?://[^""<\s]+").Select(m => System.Net.WebUtility.HtmlDecode(m.Value)).Distinct().ToList();
        Assert.Equal([link], addresses);
    }
}
