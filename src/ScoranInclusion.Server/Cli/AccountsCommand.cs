using System.Globalization;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Mail;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Server.Cli;

/// <summary>
/// <c>accounts create-admin EMAIL | invite EMAIL --role mediator|moderator … | resend-invitation EMAIL | revoke EMAIL [--disable] | mails [--failed]</c>:
/// accounts are created by invitation; the link goes into the outbox (sent by the server when SMTP is configured)
/// and is printed too, so that it can be handed over without an e-mail server; the person chooses a password with
/// <c>acceptInvitation</c>. Passwords never appear on a command line. <c>mails</c> lists the outbox, failed mails first.
/// </summary>
internal static class AccountsCommand
{
    public const string Verb = "accounts";

    public static readonly IReadOnlyDictionary<string, bool> Options = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["role"] = true,
        ["sites"] = true,
        ["siret"] = true,
        ["departement"] = true,
        ["disable"] = false,
        ["failed"] = false,
    };

    public static async Task<int> RunAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Files.Count == 1 && args.Files[0] == "mails")
        {
            return await MailsAsync(args, console, cancellationToken);
        }

        if (args.Files.Count != 2)
        {
            throw new CliUsageException("attendu : accounts create-admin COURRIEL, accounts invite COURRIEL --role …, accounts resend-invitation COURRIEL, accounts revoke COURRIEL ou accounts mails", args.Verb);
        }

        var (action, email) = (args.Files[0], args.Files[1]);
        if (action is not ("create-admin" or "invite" or "revoke" or "resend-invitation"))
        {
            throw new CliUsageException($"action inconnue : « {action} » (attendu : create-admin, invite, resend-invitation, revoke ou mails)", args.Verb);
        }

        if (args.Has("failed"))
        {
            throw new CliUsageException("--failed va avec « accounts mails »", args.Verb);
        }

        var role = AccountRole.Admin;
        IReadOnlyCollection<long> sites = [];
        if (action == "invite")
        {
            role = args.Value("role") switch
            {
                "mediator" or "mediateur" => AccountRole.Mediator,
                "moderator" or "moderateur" => AccountRole.Moderator,
                "admin" => AccountRole.Admin,
                null => throw new CliUsageException("--role manquant (mediator, moderator ou admin)", args.Verb),
                var other => throw new CliUsageException($"rôle inconnu : « {other} » (mediator, moderator ou admin)", args.Verb),
            };
            sites = ParseSites(args.Value("sites"), args.Verb);
        }
        else if (args.Has("role") || args.Has("sites") || args.Has("siret") || args.Has("departement"))
        {
            throw new CliUsageException($"« {action} » ne prend ni --role, ni --sites, ni --siret, ni --departement", args.Verb);
        }

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        // Seeded like a first start, so that the places named by --sites exist on a new database.
        await CliHost.PrepareDatabaseAsync(app.Services, seed: true, console.Error, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        try
        {
            if (action == "revoke")
            {
                var account = await accounts.FindByEmailAsync(email, cancellationToken)
                    ?? throw new AccountException(AccountErrorCodes.NotFound, "aucun compte pour cette adresse");
                var count = await accounts.RevokeAsync(account.Id, args.Has("disable"), cancellationToken);
                await console.Out.WriteLineAsync($"Compte {account.Id} : {count} jeton(s) révoqué(s){(args.Has("disable") ? ", compte désactivé" : "")}.");
                return CliVerbs.Success;
            }

            Invitation invitation;
            if (action == "resend-invitation")
            {
                var account = await accounts.FindByEmailAsync(email, cancellationToken)
                    ?? throw new AccountException(AccountErrorCodes.NotFound, "aucun compte pour cette adresse");
                invitation = await accounts.ResendInvitationAsync(account.Id, cancellationToken);
                await console.Out.WriteLineAsync($"Compte {invitation.Account.Id} : nouvelle invitation, les liens précédents ne marchent plus.");
            }
            else
            {
                invitation = await accounts.InviteAsync(email, role, sites, args.Value("siret"), args.Value("departement"), cancellationToken);
                await console.Out.WriteLineAsync($"Compte {invitation.Account.Id} créé ({Describe(invitation.Account)}).");
            }

            await console.Out.WriteLineAsync($"Lien d'invitation, à usage unique, valable jusqu'au {invitation.ExpiresAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC :");
            await console.Out.WriteLineAsync($"  {accounts.InvitationLink(invitation)}");
            await console.Out.WriteLineAsync($"Jeton (mutation acceptInvitation(token, password)) : {invitation.Token}");
            await console.Out.WriteLineAsync(accounts.MailConfigured
                ? "Courriel : dans la file d'envoi ; le serveur l'envoie (accounts mails pour le suivre)."
                : "Courriel : aucun serveur SMTP (Email:Smtp:Host) : il attend dans la file d'envoi ; transmettez le lien vous-même.");
            return CliVerbs.Success;
        }
        catch (AccountException e)
        {
            await console.Error.WriteLineAsync("erreur : " + e.Message);
            return CliVerbs.UsageError;
        }
    }

    // The outbox as administrators see it: counts, then the failed mails (why), then the latest ones; never a body.
    private static async Task<int> MailsAsync(CliArguments args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Has("role") || args.Has("sites") || args.Has("siret") || args.Has("departement") || args.Has("disable"))
        {
            throw new CliUsageException("« mails » ne prend que --failed", args.Verb);
        }

        await using var app = CliHost.Build(args.HostArgs, console.Error);
        await CliHost.PrepareDatabaseAsync(app.Services, seed: false, console.Error, cancellationToken);
        await using var scope = app.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<MailOutbox>();
        var counts = await outbox.CountsAsync(cancellationToken);
        await console.Out.WriteLineAsync(
            $"Courriels : {counts[OutboxStatus.Pending]} en attente, {counts[OutboxStatus.Sent]} envoyés, {counts[OutboxStatus.Failed]} en échec."
            + (outbox.Configured ? "" : " Aucun serveur SMTP (Email:Smtp:Host) : rien ne part."));
        var shown = await outbox.ListAsync(args.Has("failed") ? OutboxStatus.Failed : null, 50, cancellationToken);
        foreach (var m in shown)
        {
            var state = m.Status switch
            {
                OutboxStatus.Sent => $"envoyé le {m.SentAt:yyyy-MM-dd HH:mm} UTC",
                OutboxStatus.Failed => "ÉCHEC",
                _ => "en attente",
            };
            await console.Out.WriteLineAsync(
                $"  n° {m.Id} {m.Kind} compte {m.AccountId?.ToString(CultureInfo.InvariantCulture) ?? "-"} <{m.Recipient}> : {state}, {m.Attempts} essai(s), créé le {m.CreatedAt.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"
                + (m.LastError is { } error && m.Status != OutboxStatus.Sent ? " ; " + error : ""));
        }

        return CliVerbs.Success;
    }

    private static string Describe(AccountEntity account) => account.Role switch
    {
        AccountRole.Mediator => "médiateur" + (account.ScopeSiteIds is null ? "" : ", lieux " + account.ScopeSiteIds) + (account.ScopePivot is null ? "" : ", SIRET " + account.ScopePivot),
        AccountRole.Moderator => "modérateur, " + (account.ScopeDepartement is null ? "toute la région" : "département " + account.ScopeDepartement),
        _ => "administrateur",
    };

    // Global ids as the API gives them (U2l0ZTox) or internal keys (1), comma-separated.
    private static List<long> ParseSites(string? value, string verb)
    {
        var keys = new List<long>();
        foreach (var part in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            {
                keys.Add(key);
            }
            else if (GlobalId.TryDecode(part, out var type, out key) && type == SiteType.TypeName)
            {
                keys.Add(key);
            }
            else
            {
                throw new CliUsageException($"--sites : « {part} » n'est ni un identifiant de lieu (U2l0ZTox) ni un numéro interne", verb);
            }
        }

        return keys;
    }
}
