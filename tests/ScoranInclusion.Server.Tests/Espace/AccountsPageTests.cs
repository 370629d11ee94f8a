using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Server.Tests.Accounts;
using ScoranInclusion.Server.Tests.Mail;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Accounts;
using AccountRole = ScoranInclusion.Storage.Accounts.AccountRole;

namespace ScoranInclusion.Server.Tests.Espace;

/// <summary>
/// /espace/comptes without an SMTP server: the administrators' list of accounts, the « Inviter » form (errors next to
/// their fields, the one-time link shown once) and « Renvoyer l'invitation » (the previous link stops working).
/// </summary>
public sealed partial class AccountsPageTests(AccountsServerFixture fixture) : IClassFixture<AccountsServerFixture>
{
    private const string Path = "/espace/comptes";
    private readonly ScoranServerFactory _server = fixture.Factory;

    private async Task<EspaceClient> AdminAsync(string email)
    {
        await fixture.AccountTokenAsync(email, AccountRole.Admin);
        var client = new EspaceClient(_server);
        await client.LogInAsync(email, AccountsServerFixture.Password);
        return client;
    }

    private static string Id(long key) => GlobalId.Encode("Account", key);

    [Fact]
    public async Task Anonymous_visitors_go_to_the_login_page_and_mediators_and_moderators_get_a_french_403()
    {
        using var anonymous = new EspaceClient(_server);
        var (response, _) = await anonymous.GetAsync(Path);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/espace/connexion?retour=%2Fespace%2Fcomptes", response.Headers.Location?.OriginalString);

        var place = await fixture.PlaceNearAsync(47.32, 5.04);
        await fixture.AccountTokenAsync("mediation.comptes@example.org", AccountRole.Mediator, [GlobalId.DecodeKey(place, "Site")]);
        await fixture.AccountTokenAsync("moderation.comptes@example.org", AccountRole.Moderator, departement: "21");
        foreach (var email in new[] { "mediation.comptes@example.org", "moderation.comptes@example.org" })
        {
            using var client = new EspaceClient(_server);
            await client.LogInAsync(email, AccountsServerFixture.Password);
            var (page, body) = await client.GetAsync(Path);
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("Réservé à l'administration", System.Net.WebUtility.HtmlDecode(body), StringComparison.Ordinal);
            Assert.DoesNotContain($"href=\"{Path}\"", body, StringComparison.Ordinal);

            // Nor may they post the form (the token of their own /espace page).
            var (posted, _) = await client.PostAsync(Path + "/inviter",
                [new("email", "par.refus@example.org"), new("role", "ADMIN")], "/espace");
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        var check = await _server.QueryAsync("query { accounts(first: 100) { nodes { email } } }", null, AccountsServerFixture.AdminToken);
        Assert.DoesNotContain("par.refus@example.org", check.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_administrator_sees_every_account_with_its_role_scope_state_and_invitation_mail()
    {
        var place = await fixture.PlaceNearAsync(47.32, 5.04);
        var nom = (await _server.DataAsync("query($id: ID!) { site(id: $id) { nom } }", new { id = place }))["site"]!["nom"]!.GetValue<string>();
        await fixture.InviteAsync("invite.liste@example.org", AccountRole.Mediator, [GlobalId.DecodeKey(place, "Site")]);
        await fixture.AccountTokenAsync("actif.liste@example.org", AccountRole.Moderator, departement: "25");
        var disabled = await fixture.InviteAsync("desactive.liste@example.org", AccountRole.Moderator);
        await using (var scope = _server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AccountService>().RevokeAsync(disabled.Account.Id, disable: true, CancellationToken.None);
        }

        using var admin = await AdminAsync("administration.liste@example.org");
        var (response, body) = await admin.GetAsync(Path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Contains($"<a href=\"{Path}\" aria-current=\"page\">Comptes</a>", body, StringComparison.Ordinal);

        var invited = RowOf(body, "invite.liste@example.org");
        Assert.Contains("Médiation", invited, StringComparison.Ordinal);
        Assert.Contains(nom, System.Net.WebUtility.HtmlDecode(invited), StringComparison.Ordinal);
        Assert.Contains("<td>Invité</td>", invited, StringComparison.Ordinal);
        Assert.Contains("En attente dans la file d'envoi", invited, StringComparison.Ordinal);
        Assert.Contains("Renvoyer l'invitation", invited, StringComparison.Ordinal);

        var active = RowOf(body, "actif.liste@example.org");
        Assert.Contains("Département 25", active, StringComparison.Ordinal);
        Assert.Contains("<td>Actif</td>", active, StringComparison.Ordinal);
        Assert.DoesNotContain("Renvoyer", active, StringComparison.Ordinal);

        var off = RowOf(body, "desactive.liste@example.org");
        Assert.Contains("Toute la région", off, StringComparison.Ordinal);
        Assert.Contains("<td>Désactivé</td>", off, StringComparison.Ordinal);
        Assert.DoesNotContain("Renvoyer", off, StringComparison.Ordinal);
        Assert.Contains("Administration", RowOf(body, "administration.liste@example.org"), StringComparison.Ordinal);
        // Never a link nor a token in the list.
        Assert.DoesNotContain("jeton=", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_errors_are_said_in_french_next_to_their_field_and_the_values_stay()
    {
        using var admin = await AdminAsync("administration.erreurs@example.org");
        await fixture.InviteAsync("deja.la@example.org", AccountRole.Moderator);
        var place = await fixture.PlaceNearAsync(47.32, 5.04);

        // Nothing filled in: the address and the role (checked before the API).
        var (response, body) = await admin.PostAsync(Path + "/inviter", [new("email", ""), new("lieux", "")], Path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2 erreurs empêchent l'enregistrement", body, StringComparison.Ordinal);
        AssertFieldError(body, "champ-email", "Indiquez l'adresse électronique");
        Assert.Contains("id=\"champ-role-erreur\">Choisissez un rôle.", body, StringComparison.Ordinal);
        Assert.Contains("href=\"#champ-role-0\"", body, StringComparison.Ordinal);
        Assert.StartsWith("Erreur : ", Title(body), StringComparison.Ordinal);

        var cases = new (string Field, string Id, string Expected, KeyValuePair<string, string>[] Form)[]
        {
            ("email", "champ-email", "Adresse électronique invalide", [new("email", "pas-une-adresse"), new("role", "MODERATOR")]),
            ("email", "champ-email", "Un compte existe déjà", [new("email", "deja.la@example.org"), new("role", "MODERATOR")]),
            ("sites", "champ-lieux", "Un médiateur a des lieux", [new("email", "sans.lieu@example.org"), new("role", "MEDIATOR")]),
            ("sites", "champ-lieux", "n'est pas un identifiant de Site valide", [new("email", "mauvais.lieu@example.org"), new("role", "MEDIATOR"), new("lieux", "n-importe-quoi")]),
            ("siret", "champ-siret", "SIRET", [new("email", "mauvais.siret@example.org"), new("role", "MEDIATOR"), new("siret", "12345")]),
            ("departement", "champ-departement", "Code de département invalide", [new("email", "mauvais.dep@example.org"), new("role", "MODERATOR"), new("departement", "99x")]),
            ("sites", "champ-lieux", "Seul un médiateur a des lieux", [new("email", "admin.lieux@example.org"), new("role", "ADMIN"), new("lieux", place)]),
        };
        foreach (var (_, id, expected, form) in cases)
        {
            (response, body) = await admin.PostAsync(Path + "/inviter", form, Path);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{id} : {response.StatusCode}");
            Assert.Contains("Une erreur empêche l'enregistrement", body, StringComparison.Ordinal);
            AssertFieldError(body, id, expected);
            Assert.Contains($"href=\"#{id}\"", body, StringComparison.Ordinal);
            // What was typed is still there.
            Assert.Equal(form[0].Value, EspaceClient.InputValue(body, "email"));
            Assert.Contains($"value=\"{form[1].Value}\" checked", body, StringComparison.Ordinal);
        }

        // None of them was created.
        var all = (await _server.QueryAsync("query { accounts(first: 100) { nodes { email } } }", null, AccountsServerFixture.AdminToken)).ToJsonString();
        foreach (var email in new[] { "pas-une-adresse", "sans.lieu@", "mauvais.lieu@", "mauvais.siret@", "mauvais.dep@", "admin.lieux@" })
        {
            Assert.DoesNotContain(email, all, StringComparison.Ordinal);
        }

        // A form without its antiforgery token: refused, nothing created.
        (response, _) = await admin.PostAsync(Path + "/inviter", [new("email", "sans.jeton@example.org"), new("role", "ADMIN")]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("sans.jeton@", (await _server.QueryAsync("query { accounts(first: 100) { nodes { email } } }", null, AccountsServerFixture.AdminToken)).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_smtp_the_one_time_link_is_shown_once_and_it_works_and_places_may_be_given_by_their_page_address()
    {
        using var admin = await AdminAsync("administration.lien@example.org");
        var place = await fixture.PlaceNearAsync(47.32, 5.04);
        var (response, body) = await admin.PostAsync(Path + "/inviter",
            [new("email", "  Nouvelle.Mediatrice@example.org "), new("role", "MEDIATOR"), new("lieux", $"http://localhost/lieu/{place}\n{place}")], Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Compte créé pour nouvelle.mediatrice@example.org", body, StringComparison.Ordinal);
        Assert.Contains("Aucun serveur de courriel n'est configuré", body, StringComparison.Ordinal);
        var link = LinkField(body);
        Assert.Matches(@"/espace/invitation\?jeton=[A-Za-z0-9_\-]+$", link);

        // The account has the place, its mail waits in the outbox, and the list no longer shows the link.
        var accounts = await _server.DataAsync("query { accounts(first: 100) { nodes { email sites { id } invitationPending } } }", null, AccountsServerFixture.AdminToken);
        var created = accounts["accounts"]!["nodes"]!.AsArray().Single(n => n!["email"]!.GetValue<string>() == "nouvelle.mediatrice@example.org")!;
        Assert.Equal(place, created["sites"]!.AsArray().Single()!["id"]!.GetValue<string>());
        var (_, list) = await admin.GetAsync(Path);
        Assert.DoesNotContain(Token(link), list, StringComparison.Ordinal);
        Assert.Contains("En attente dans la file d'envoi", RowOf(list, "nouvelle.mediatrice@example.org"), StringComparison.Ordinal);

        // The link opens the page where the person chooses a password.
        using var invitee = new EspaceClient(_server);
        var (page, pageBody) = await invitee.GetAsync(new Uri(link).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Choisir votre mot de passe", pageBody, StringComparison.Ordinal);
        await _server.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = Token(link), p = AccountsServerFixture.Password });
    }

    [Fact]
    public async Task Resending_shows_a_new_link_and_the_previous_one_stops_working()
    {
        using var admin = await AdminAsync("administration.renvoi@example.org");
        var first = await fixture.InviteAsync("a.relancer@example.org", AccountRole.Moderator, departement: "89");
        var (response, body) = await admin.PostAsync($"{Path}/{Id(first.Account.Id)}/renvoyer", [], Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nouvelle invitation créée pour a.relancer@example.org", body, StringComparison.Ordinal);
        var link = LinkField(body);
        Assert.NotEqual(first.Token, Token(link));

        var old = await _server.QueryAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = first.Token, p = AccountsServerFixture.Password });
        Assert.Equal(AccountErrorCodes.InvalidInvitation, AccountsServerFixture.Code(old));
        await _server.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = Token(link), p = AccountsServerFixture.Password });

        // Accepted meanwhile: nothing to resend, said at the top of the page.
        (response, body) = await admin.PostAsync($"{Path}/{Id(first.Account.Id)}/renvoyer", [], Path);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Ce compte a déjà choisi son mot de passe", body, StringComparison.Ordinal);
        Assert.Contains("<td>Actif</td>", RowOf(body, "a.relancer@example.org"), StringComparison.Ordinal);
    }

    internal static string RowOf(string body, string email)
    {
        var match = Regex.Match(body, "<tr><th scope=\"row\">" + Regex.Escape(email) + "</th>.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"pas de ligne pour {email}");
        return match.Value;
    }

    internal static string LinkField(string body)
    {
        var match = Regex.Match(body, "id=\"lien-invitation\" readonly size=\"60\" value=\"([^\"]+)\"");
        Assert.True(match.Success, "pas de lien montré :\n" + body);
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    internal static string Token(string link) => link[(link.IndexOf("jeton=", StringComparison.Ordinal) + 6)..];

    private static string Title(string body) => System.Net.WebUtility.HtmlDecode(Regex.Match(body, "<title>([^<]*)</title>").Groups[1].Value);

    private static void AssertFieldError(string body, string id, string expected)
    {
        var error = Regex.Match(body, $"<p class=\"erreur\" id=\"{id}-erreur\">([^<]*)</p>");
        Assert.True(error.Success, $"pas d'erreur pour {id} :\n{body}");
        Assert.Contains(expected, System.Net.WebUtility.HtmlDecode(error.Groups[1].Value), StringComparison.Ordinal);
        Assert.Matches($"id=\"{id}\"[^>]*aria-describedby=\"[^\"]*{id}-erreur\"[^>]*aria-invalid=\"true\"", body);
    }
}

/// <summary>/espace/comptes with a real SMTP server on 127.0.0.1: the invitation goes by mail, once, with a working link.</summary>
public sealed class AccountsPageMailTests(MailServerFixture fixture) : IClassFixture<MailServerFixture>
{
    private const string Path = "/espace/comptes";
    private const string Subject = "Votre invitation à l'espace médiateurs";

    [Fact]
    public async Task With_smtp_the_invitation_arrives_once_with_a_working_link_and_the_page_says_where_it_went()
    {
        await fixture.AccountTokenAsync("administration.smtp@example.org", AccountRole.Admin);
        using var admin = new EspaceClient(fixture.Factory);
        await admin.LogInAsync("administration.smtp@example.org", AccountsServerFixture.Password);

        var (response, body) = await admin.PostAsync(Path + "/inviter", [new("email", "par.courriel@example.org"), new("role", "MODERATOR"), new("departement", "70")], Path);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(Path + "?envoye=", location, StringComparison.Ordinal);
        Assert.DoesNotContain("par.courriel", location, StringComparison.Ordinal);
        (_, body) = await admin.GetAsync(location);
        Assert.Contains("Invitation envoyée à par.courriel@example.org", body, StringComparison.Ordinal);
        Assert.DoesNotContain("jeton=", body, StringComparison.Ordinal);

        var mail = await OnlyMailAsync("par.courriel@example.org", 1);
        var link = Regex.Match(mail.TextBody ?? "", @"http://lieux\.example\.org/espace/invitation\?jeton=[A-Za-z0-9_\-]+").Value;
        Assert.NotEmpty(link);
        Assert.Equal(OutboxStatus.Sent, (await fixture.OutboxAsync("par.courriel@example.org")).Single().Status);
        (_, body) = await admin.GetAsync(Path);
        Assert.Contains("Envoyée le", AccountsPageTests.RowOf(body, "par.courriel@example.org"), StringComparison.Ordinal);

        // Resent: a second mail, the page says so, the first link is dead and the second one works.
        var id = location[(location.IndexOf('=', StringComparison.Ordinal) + 1)..location.IndexOf('#', StringComparison.Ordinal)];
        (response, _) = await admin.PostAsync($"{Path}/{id}/renvoyer", [], Path);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        (_, body) = await admin.GetAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Nouvelle invitation envoyée à par.courriel@example.org", body, StringComparison.Ordinal);
        var second = await OnlyMailAsync("par.courriel@example.org", 2);
        var newLink = Regex.Match(second.TextBody ?? "", @"http://lieux\.example\.org/espace/invitation\?jeton=[A-Za-z0-9_\-]+").Value;
        Assert.NotEqual(link, newLink);

        var old = await fixture.Factory.QueryAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = AccountsPageTests.Token(link), p = AccountsServerFixture.Password });
        Assert.Equal(AccountErrorCodes.InvalidInvitation, AccountsServerFixture.Code(old));
        using var invitee = new EspaceClient(fixture.Factory);
        var (page, pageBody) = await invitee.GetAsync(new Uri(newLink).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Choisir votre mot de passe", pageBody, StringComparison.Ordinal);
        await fixture.Factory.DataAsync("mutation($t: String!, $p: String!) { acceptInvitation(token: $t, password: $p) { token } }",
            new { t = AccountsPageTests.Token(newLink), p = AccountsServerFixture.Password });
    }

    /// <summary>Waits for the <paramref name="count"/>-th invitation to the address, then a few sender passes: no copy follows.</summary>
    private async Task<MimeKit.MimeMessage> OnlyMailAsync(string email, int count)
    {
        List<MimeKit.MimeMessage> Mails() => [.. fixture.Smtp.To(email).Where(m => m.Subject == Subject)];
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Mails().Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        await Task.Delay(1000);
        var mails = Mails();
        Assert.Equal(count, mails.Count);
        return mails[^1];
    }
}
