using System.Text;
using System.Text.Json.Nodes;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/comptes</c> (administration only): the accounts (<c>accounts</c>) with their role, scope, state and the state
/// of their invitation mail (<c>mailOutbox</c>), the « Inviter » form (<c>inviteAccount</c>) and « Renvoyer l'invitation »
/// (<c>resendInvitation</c>, which revokes the previous links), both POSTs with the antiforgery token. The rules, the
/// transaction with the outbox and the audit entries are the API's: the page turns fields into variables and coded
/// errors into messages next to the fields. With an SMTP server the page says where the mail went; without one, the
/// one-time link is shown once, in the answer to the POST (never in a URL), to be handed over as the CLI prints it.
/// </summary>
internal static class AccountsPage
{
    public const string Path = "/espace/comptes";
    private const int PageSize = 100;
    // The outbox is read from its newest end: an invitation older than that many mails shows « état inconnu ».
    private const int OutboxShown = 200;

    private const string ListDocument = """
        query Comptes($first: Int, $after: String, $mails: Int) {
          accounts(first: $first, after: $after) {
            nodes { id email role siret departement createdAt invitationPending disabled sites { id nom adresse { commune } } }
            pageInfo { hasNextPage endCursor } }
          mailOutbox(first: $mails) { kind account status attempts createdAt sentAt lastError } }
        """;

    private const string InviteDocument = """
        mutation Inviter($input: InviteAccountInput!) { inviteAccount(input: $input) { account { id email } invitationUrl expiresAt emailed } }
        """;

    private const string ResendDocument = """
        mutation Renvoyer($id: ID!) { resendInvitation(id: $id) { account { id email } invitationUrl expiresAt emailed } }
        """;

    private static readonly (string Value, string Label)[] s_roles =
    [
        ("MEDIATOR", "Médiation : modifie les lieux de sa structure"),
        ("MODERATOR", "Modération : un département, ou toute la région"),
        ("ADMIN", "Administration : tout"),
    ];

    // The form's controls, by the field names of the API's errors.
    private static readonly Dictionary<string, (string Id, string Label)> s_fields = new(StringComparer.Ordinal)
    {
        ["email"] = (Id("email"), "Adresse électronique"),
        ["role"] = (Id("role"), "Rôle"),
        ["sites"] = (Id("lieux"), "Lieux"),
        ["siret"] = (Id("siret"), "SIRET de la structure"),
        ["departement"] = (Id("departement"), "Département"),
    };

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, ShowAsync);
        app.MapFormPost(Path + "/inviter", InviteAsync);
        app.MapFormPost(Path + "/{id}/renvoyer", ResendAsync);
    }

    private sealed record InviteForm(string Email, string Role, string Lieux, string Siret, string Departement)
    {
        public static readonly InviteForm Empty = new("", "", "", "", "");
    }

    /// <summary>What the page says after an invitation: the mail sent, or the link to hand over.</summary>
    private sealed record Outcome(string Email, bool Emailed, string Link, string ExpiresAt, bool Resent);

    private static async Task<IResult> ShowAsync(HttpContext http, EspaceApi api, AccountService accounts)
    {
        if (await GateAsync(http) is { } refusal)
        {
            return refusal;
        }

        // After a redirect: the account (its id in the URL, never its address) whose invitation went by mail.
        string? notice = null;
        foreach (var (parameter, verb) in new[] { ("envoye", "Invitation envoyée à"), ("renvoye", "Nouvelle invitation envoyée à") })
        {
            if (http.Request.Query[parameter].ToString() is { Length: > 0 and <= 100 } id
                && GlobalId.TryDecode(id, out var type, out var key) && type == "Account"
                && await accounts.FindAsync(key, http.RequestAborted) is { } account)
            {
                notice = $"{verb} {account.Email} : le courriel porte un lien à usage unique pour choisir son mot de passe."
                    + (parameter == "renvoye" ? " Les liens envoyés avant ne marchent plus." : "");
            }
        }

        return await RenderAsync(http, api, accounts, After(http.Request.Query["apres"].ToString()), InviteForm.Empty, [], null, notice, null, StatusCodes.Status200OK);
    }

    private static async Task<IResult> InviteAsync(HttpContext http, EspaceApi api, AccountService accounts)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await GateAsync(http) is { } refusal)
        {
            return refusal;
        }

        var fields = new InviteForm(form["email"].ToString().Trim(), form["role"].ToString(), form["lieux"].ToString(), form["siret"].ToString().Trim(),
            form["departement"].ToString().Trim());
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.Email.Length == 0)
        {
            errors["email"] = "indiquez l'adresse électronique de la personne invitée.";
        }

        if (!s_roles.Any(r => r.Value == fields.Role))
        {
            errors["role"] = "choisissez un rôle.";
        }

        var sites = PlaceIds(fields.Lieux);
        if (errors.Count > 0)
        {
            return await RenderAsync(http, api, accounts, null, fields, errors, null, null, null, StatusCodes.Status400BadRequest);
        }

        var answer = await api.RunAsync(InviteDocument, new
        {
            input = new
            {
                email = fields.Email,
                role = fields.Role,
                sites,
                siret = fields.Siret.Length > 0 ? fields.Siret : null,
                departement = fields.Departement.Length > 0 ? fields.Departement : null,
            },
        }, http.RequestAborted);
        if (answer.Ok)
        {
            return await AfterInvitationAsync(http, api, accounts, answer.Data?["inviteAccount"] as JsonObject, resent: false);
        }

        switch (answer.Code)
        {
            case ErrorCodes.Unauthenticated:
                return EspaceEndpoints.ToLogin(http);
            case ErrorCodes.Forbidden:
                return Refusal(http, StatusCodes.Status403Forbidden, "Réservé à l'administration", answer.Message);
            case ErrorCodes.InvalidId:
                // An identifier of the « Lieux » field that is not a place's.
                errors["sites"] = answer.Message;
                break;
            default:
                foreach (var (field, message) in answer.FieldErrors())
                {
                    errors[s_fields.ContainsKey(field) ? field : "email"] = message;
                }

                break;
        }

        return errors.Count > 0
            ? await RenderAsync(http, api, accounts, null, fields, errors, null, null, null, StatusCodes.Status400BadRequest)
            : await RenderAsync(http, api, accounts, null, fields, errors, null, null, answer.Message, StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ResendAsync(HttpContext http, string id, EspaceApi api, AccountService accounts)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is null)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await GateAsync(http) is { } refusal)
        {
            return refusal;
        }

        var answer = await api.RunAsync(ResendDocument, new { id }, http.RequestAborted);
        if (answer.Ok)
        {
            return await AfterInvitationAsync(http, api, accounts, answer.Data?["resendInvitation"] as JsonObject, resent: true);
        }

        return answer.Code switch
        {
            ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
            ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à l'administration", answer.Message),
            // Unknown, accepted meanwhile, disabled: said at the top of the list, nothing changed.
            _ => await RenderAsync(http, api, accounts, null, InviteForm.Empty, [], null, null, answer.Message,
                answer.Code is ErrorCodes.NotFound or ErrorCodes.InvalidId ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict),
        };
    }

    // Mailed: back to the list (a reload sends nothing again). Not mailed: the link, shown in this answer only.
    private static async Task<IResult> AfterInvitationAsync(HttpContext http, EspaceApi api, AccountService accounts, JsonObject? payload, bool resent)
    {
        var id = payload?["account"]?["id"]?.GetValue<string>() ?? "";
        if (payload?["emailed"]?.GetValue<bool>() == true)
        {
            return EspaceEndpoints.SeeOther(Path + (resent ? "?renvoye=" : "?envoye=") + Url(id) + "#resultat");
        }

        var outcome = new Outcome(payload?["account"]?["email"]?.GetValue<string>() ?? "", false, payload?["invitationUrl"]?.GetValue<string>() ?? "",
            payload?["expiresAt"]?.GetValue<string>() ?? "", resent);
        return await RenderAsync(http, api, accounts, null, InviteForm.Empty, [], outcome, null, null, StatusCodes.Status200OK);
    }

    /// <summary>Signed in (else the login page) as an administrator (else a 403 page).</summary>
    private static async Task<IResult?> GateAsync(HttpContext http)
    {
        var principal = await EspaceEndpoints.SignedInAsync(http);
        if (principal is null)
        {
            return EspaceEndpoints.ToLogin(http);
        }

        return principal.Role == AccountRole.Admin
            ? null
            : Refusal(http, StatusCodes.Status403Forbidden, "Réservé à l'administration",
                "La gestion des comptes (liste, invitations) est réservée à l'administration. La modération invite des médiateurs par l'API (inviteAccount).");
    }

    /// <summary>
    /// The places of the « Lieux » field: identifiers or the addresses of their pages (<c>/lieu/{id}</c>, <c>/espace/lieu/{id}</c>),
    /// separated by spaces, commas or lines. What is not a place's identifier is for the API to refuse (INVALID_ID).
    /// </summary>
    internal static List<string> PlaceIds(string text)
    {
        var ids = new List<string>();
        foreach (var part in text.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var id = part;
            if (part.Contains('/', StringComparison.Ordinal))
            {
                var path = Uri.TryCreate(part, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : part.Split('?', '#')[0];
                var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var at = Array.IndexOf(segments, "lieu");
                id = at >= 0 && at + 1 < segments.Length ? Uri.UnescapeDataString(segments[at + 1]) : part;
            }

            if (!ids.Contains(id, StringComparer.Ordinal))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private static string? After(string value) => value is { Length: > 0 and <= 200 } ? value : null;

    private static async Task<IResult> RenderAsync(HttpContext http, EspaceApi api, AccountService accounts, string? after, InviteForm form,
        Dictionary<string, string> errors, Outcome? outcome, string? notice, string? pageError, int status)
    {
        var answer = await api.RunAsync(ListDocument, new { first = PageSize, after, mails = OutboxShown }, http.RequestAborted);
        if (!answer.Ok)
        {
            return answer.Code switch
            {
                ErrorCodes.Unauthenticated => EspaceEndpoints.ToLogin(http),
                ErrorCodes.Forbidden => Refusal(http, StatusCodes.Status403Forbidden, "Réservé à l'administration", answer.Message),
                _ => Refusal(http, StatusCodes.Status400BadRequest, "Page introuvable", "Cette page de la liste n'existe pas : revenez au début de la liste."),
            };
        }

        var b = new StringBuilder("<h1>Comptes</h1>");
        b.Append(Notice(notice));
        if (outcome is not null)
        {
            b.Append(OutcomeBlock(outcome));
        }

        if (pageError is not null)
        {
            b.Append("<div class=\"erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>Rien n'a changé</h2><p>").Append(E(pageError)).Append("</p></div>");
        }

        b.Append("<p>Les comptes de l'espace médiateurs : médiation (les lieux d'une structure), modération (un département ou la région) et administration. ")
            .Append(accounts.MailConfigured
                ? "Une invitation part par courriel ; son lien, à usage unique, permet à la personne de choisir son mot de passe."
                : "Aucun serveur de courriel n'est configuré (Email:Smtp:Host) : les courriels attendent dans la file d'envoi, et le lien d'invitation est montré ici une seule fois, à transmettre vous-même.")
            .Append("</p>");

        b.Append(FormBlock(http, form, errors));
        var mails = LatestInvitationMails(answer.Data?["mailOutbox"] as JsonArray);
        var nodes = answer.Data?["accounts"]?["nodes"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        b.Append("<section id=\"liste\" aria-labelledby=\"liste-titre\"><h2 id=\"liste-titre\">")
            .Append(nodes.Count == 0 ? "Aucun compte" : nodes.Count + (nodes.Count > 1 ? " comptes" : " compte"))
            .Append(after is null ? "" : " (suite)").Append("</h2>");
        if (nodes.Count > 0)
        {
            var token = Token(http);
            b.Append("<div class=\"defilant\" role=\"region\" tabindex=\"0\" aria-labelledby=\"comptes-legende\">")
                .Append("<table class=\"passages\"><caption id=\"comptes-legende\">Comptes, par ordre de création</caption><thead><tr>")
                .Append("<th scope=\"col\">Adresse électronique</th><th scope=\"col\">Rôle</th><th scope=\"col\">Portée</th>")
                .Append("<th scope=\"col\">État</th><th scope=\"col\">Courriel d'invitation</th><th scope=\"col\">Action</th></tr></thead><tbody>");
            foreach (var node in nodes)
            {
                b.Append(Row(node, mails, token, accounts.MailConfigured));
            }

            b.Append("</tbody></table></div>");
        }

        b.Append("</section>");
        var info = answer.Data?["accounts"]?["pageInfo"] as JsonObject;
        var hasNext = info?["hasNextPage"]?.GetValue<bool>() == true;
        if (hasNext || after is not null)
        {
            b.Append("<nav aria-label=\"Pages des comptes\" class=\"pagination\"><ul>");
            if (after is not null)
            {
                b.Append("<li><a href=\"").Append(Path).Append("\">Début de la liste</a></li>");
            }

            if (hasNext && info?["endCursor"]?.GetValue<string>() is { } end)
            {
                b.Append("<li><a href=\"").Append(Path).Append("?apres=").Append(E(Url(end))).Append("\">Comptes suivants</a></li>");
            }

            b.Append("</ul></nav>");
        }

        var title = (errors.Count > 0 || pageError is not null ? "Erreur : " : "") + "Comptes";
        return Page(http, title, b.ToString(), signedIn: true, status: status);
    }

    private static string OutcomeBlock(Outcome outcome)
    {
        var b = new StringBuilder("<div class=\"succes\" id=\"resultat\" role=\"status\"><p>")
            .Append(outcome.Resent ? "Nouvelle invitation créée pour " : "Compte créé pour ").Append(E(outcome.Email))
            .Append(outcome.Resent ? " : les liens donnés avant ne marchent plus." : ".").Append("</p></div>");
        b.Append("<section class=\"lien-unique\" aria-labelledby=\"lien-titre\"><h2 id=\"lien-titre\">Lien d'invitation à transmettre</h2>")
            .Append("<p>Aucun serveur de courriel n'est configuré : le courriel attend dans la file d'envoi. Transmettez ce lien à ")
            .Append(E(outcome.Email)).Append(" vous-même (il est à usage unique, valable jusqu'au ").Append(E(EspaceHtml.DateTime(outcome.ExpiresAt)))
            .Append(") ; il ne sera plus montré.</p>")
            .Append("<p><label for=\"lien-invitation\">Lien d'invitation</label><br><input type=\"text\" id=\"lien-invitation\" readonly size=\"60\" value=\"")
            .Append(E(outcome.Link)).Append("\"></p>");
        return b.Append("</section>").ToString();
    }

    private static string FormBlock(HttpContext http, InviteForm form, Dictionary<string, string> errors)
    {
        var summary = errors.Select(e => (s_fields[e.Key].Id + (e.Key == "role" ? "-0" : ""), s_fields[e.Key].Label, Capitalized(e.Value))).ToList();
        var b = new StringBuilder("<section id=\"inviter\" aria-labelledby=\"inviter-titre\"><h2 id=\"inviter-titre\">Inviter une personne</h2>");
        b.Append(Summary(summary));
        b.Append("<form method=\"post\" action=\"").Append(Path).Append("/inviter\" novalidate>").Append(Token(http));
        b.Append(Field("email", "Adresse électronique", form.Email, errors.GetValueOrDefault("email"), type: "email", autocomplete: "off", required: true));
        b.Append(Choices("role", "Rôle", s_roles, new HashSet<string>([form.Role], StringComparer.Ordinal), errors.GetValueOrDefault("role"), radio: true));
        b.Append("<fieldset class=\"choix\"><legend>Portée</legend>");
        b.Append(Field("lieux", "Lieux (médiation)", form.Lieux, errors.GetValueOrDefault("sites"),
            hint: "L'adresse de la page de chaque lieu (…/lieu/…) ou son identifiant, un par ligne.", multiline: true));
        b.Append(Field("siret", "SIRET de la structure (médiation)", form.Siret, errors.GetValueOrDefault("siret"),
            hint: "Ou bien : tous les lieux de ce SIRET (14 chiffres).", extra: "inputmode=\"numeric\""));
        b.Append(Field("departement", "Département (modération)", form.Departement, errors.GetValueOrDefault("departement"),
            hint: "21, 25, 39, 58, 70, 71, 89 ou 90 ; vide : toute la région."));
        b.Append("</fieldset>");
        b.Append("<p><button type=\"submit\">Inviter</button></p></form></section>");
        return b.ToString();
    }

    /// <summary>The newest invitation mail of each account, among the outbox's newest mails.</summary>
    private static Dictionary<string, JsonObject> LatestInvitationMails(JsonArray? outbox)
    {
        var latest = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var mail in outbox?.OfType<JsonObject>() ?? [])
        {
            // Newest first: the first one met is the account's latest.
            if (mail["kind"]?.GetValue<string>() == "invitation" && mail["account"]?.GetValue<string>() is { } account)
            {
                latest.TryAdd(account, mail);
            }
        }

        return latest;
    }

    private static string Row(JsonObject node, Dictionary<string, JsonObject> mails, string token, bool mailConfigured)
    {
        var id = node["id"]!.GetValue<string>();
        var email = node["email"]?.GetValue<string>() ?? "";
        var role = node["role"]?.GetValue<string>();
        var pending = node["invitationPending"]?.GetValue<bool>() == true;
        var disabled = node["disabled"]?.GetValue<bool>() == true;
        var b = new StringBuilder("<tr><th scope=\"row\">").Append(E(email)).Append("</th><td>")
            .Append(role switch { "MEDIATOR" => "Médiation", "MODERATOR" => "Modération", "ADMIN" => "Administration", _ => E(role) })
            .Append("</td><td>").Append(Scope(node, role)).Append("</td><td>")
            .Append(disabled ? "Désactivé" : pending ? "Invité" : "Actif").Append("</td><td>")
            .Append(pending && !disabled ? MailState(mails.GetValueOrDefault(id), mailConfigured) : "—").Append("</td><td>");
        if (pending && !disabled)
        {
            b.Append("<form method=\"post\" action=\"").Append(Path).Append('/').Append(Url(id)).Append("/renvoyer\">").Append(token);
            b.Append("<button type=\"submit\" class=\"secondaire\">Renvoyer l'invitation<span class=\"visuellement-cache\"> : ")
                .Append(E(email)).Append("</span></button></form>");
        }
        else
        {
            b.Append('—');
        }

        return b.Append("</td></tr>").ToString();
    }

    private static string Scope(JsonObject node, string? role)
    {
        switch (role)
        {
            case "MEDIATOR":
                var parts = new List<string>();
                foreach (var site in node["sites"]?.AsArray().OfType<JsonObject>() ?? [])
                {
                    var nom = site["nom"]?.GetValue<string>() ?? "";
                    var commune = site["adresse"]?["commune"]?.GetValue<string>();
                    parts.Add($"<a href=\"/lieu/{E(Url(site["id"]?.GetValue<string>() ?? ""))}\">{E(nom)}</a>" + (commune is { Length: > 0 } ? $" ({E(commune)})" : ""));
                }

                if (node["siret"]?.GetValue<string>() is { Length: > 0 } siret)
                {
                    parts.Add("tous les lieux du SIRET " + E(siret));
                }

                return parts.Count == 0 ? "Aucun lieu" : string.Join("<br>", parts);
            case "MODERATOR":
                return node["departement"]?.GetValue<string>() is { Length: > 0 } departement ? "Département " + E(departement) : "Toute la région";
            default:
                return "Tout";
        }
    }

    private static string MailState(JsonObject? mail, bool mailConfigured)
    {
        if (mail is null)
        {
            return $"État inconnu (pas parmi les {OutboxShown} derniers courriels)";
        }

        return mail["status"]?.GetValue<string>() switch
        {
            "SENT" => "Envoyée le " + E(EspaceHtml.DateTime(mail["sentAt"]?.GetValue<string>())),
            "FAILED" => "Échec de l'envoi" + (mail["lastError"]?.GetValue<string>() is { Length: > 0 } error ? " : " + E(error) : ""),
            _ => mailConfigured
                ? "En attente d'envoi" + (mail["attempts"]?.GetValue<int>() is > 0 and var n ? $" ({n} essai{(n > 1 ? "s" : "")})" : "")
                : "En attente dans la file d'envoi (aucun serveur de courriel : lien à transmettre à la main)",
        };
    }
}
