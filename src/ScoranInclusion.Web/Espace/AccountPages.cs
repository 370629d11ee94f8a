using System.Text;
using Microsoft.Extensions.Options;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows.Accounts;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/connexion</c>, <c>/espace/deconnexion</c>, <c>/espace/invitation?jeton=…</c>,
/// <c>/espace/mot-de-passe-oublie</c>, <c>/espace/nouveau-mot-de-passe?jeton=…</c>: the mutations <c>login</c>,
/// <c>logout</c>, <c>acceptInvitation</c>, <c>requestPasswordReset</c> and <c>resetPassword</c>, run in-process; the
/// token they give goes into the page cookie. A refused login, like a reset request, says the same thing whether the
/// address exists or not, locked or not.
/// </summary>
internal static class AccountPages
{
    private const string LoginDocument = """
        mutation Connexion($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }
        """;

    private const string InvitationDocument = """
        mutation Invitation($token: String!, $password: String!) { acceptInvitation(token: $token, password: $password) { token expiresAt } }
        """;

    private const string ResetRequestDocument = """
        mutation MotDePasseOublie($email: String!) { requestPasswordReset(email: $email) }
        """;

    private const string ResetDocument = """
        mutation NouveauMotDePasse($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }
        """;

    public static void Map(WebApplication app)
    {
        app.MapGet("/espace/connexion", async (HttpContext http) =>
        {
            if (await EspaceEndpoints.SignedInAsync(http) is not null)
            {
                return EspaceEndpoints.SeeOther(Back(http.Request.Query["retour"]));
            }

            var notice = http.Request.Query.ContainsKey("au-revoir") ? "Vous êtes déconnecté. À bientôt !"
                : http.Request.Query.ContainsKey("mot-de-passe-change") ? "Votre nouveau mot de passe est enregistré et vos autres connexions sont fermées : connectez-vous avec lui."
                : null;
            return LoginPage(http, "", http.Request.Query["retour"], null, notice);
        });
        app.MapFormPost("/espace/connexion", LoginAsync);
        app.MapFormPost("/espace/deconnexion", LogoutAsync);
        app.MapGet("/espace/invitation", (HttpContext http) => InvitationPage(http, http.Request.Query["jeton"].ToString(), []));
        app.MapFormPost("/espace/invitation", AcceptAsync);
        app.MapGet("/espace/mot-de-passe-oublie", (HttpContext http) => ForgottenPage(http, "", [], sent: false));
        app.MapFormPost("/espace/mot-de-passe-oublie", RequestResetAsync);
        app.MapGet("/espace/nouveau-mot-de-passe", (HttpContext http) => NewPasswordPage(http, http.Request.Query["jeton"].ToString(), []));
        app.MapFormPost("/espace/nouveau-mot-de-passe", ResetAsync);
    }

    private static async Task<IResult> RequestResetAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        var email = form["email"].ToString().Trim();
        if (email.Length == 0)
        {
            return ForgottenPage(http, email, [(Id("email"), "Adresse électronique", "indiquez l'adresse de votre compte.")], sent: false);
        }

        var answer = await api.RunAsync(ResetRequestDocument, new { email }, http.RequestAborted);
        if (answer.Code == ErrorCodes.RateLimited)
        {
            return ForgottenPage(http, email, [(Id("email"), "Demande refusée", "trop de demandes depuis votre connexion internet. Attendez une minute avant de réessayer.")], sent: false);
        }

        // Whatever the address: the same page (an account is never told apart).
        return ForgottenPage(http, email, [], sent: true);
    }

    private static async Task<IResult> ResetAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        var token = form["jeton"].ToString();
        var password = form["password"].ToString();
        if (password != form["confirmation"].ToString())
        {
            return NewPasswordPage(http, token, [(Id("confirmation"), "Confirmation", "les deux mots de passe sont différents : tapez le même deux fois.")]);
        }

        var answer = await api.RunAsync(ResetDocument, new { token, password }, http.RequestAborted);
        if (answer.Code == AccountErrorCodes.InvalidPassword)
        {
            return NewPasswordPage(http, token, [(Id("password"), "Mot de passe", answer.Message)]);
        }

        if (answer.Code == ErrorCodes.RateLimited)
        {
            return NewPasswordPage(http, token, [(Id("password"), "Mot de passe", "trop de tentatives depuis votre connexion internet. Attendez une minute avant de réessayer.")]);
        }

        if (!answer.Ok)
        {
            return Page(http, "Lien expiré", """
                <h1>Ce lien ne marche plus</h1>
                <p>Il a déjà servi, il a expiré (il vaut une heure), ou il est incomplet.
                <a href="/espace/mot-de-passe-oublie">Demandez un nouveau lien</a>.</p>
                """, signedIn: false, status: StatusCodes.Status400BadRequest);
        }

        // Every token of the account was revoked, this browser's too: it logs in again with the new password.
        EspaceApi.ClearCookie(http);
        return EspaceEndpoints.SeeOther("/espace/connexion?mot-de-passe-change=1");
    }

    private static IResult ForgottenPage(HttpContext http, string email, List<(string Id, string Label, string Message)> errors, bool sent)
    {
        var b = new StringBuilder();
        b.Append("<h1>Mot de passe oublié</h1>");
        if (sent)
        {
            b.Append(Notice("Demande enregistrée. Si un compte existe pour cette adresse, un courriel part avec un lien pour choisir un nouveau mot de passe. Le lien vaut une heure et ne sert qu'une fois."));
            b.Append("<p>Rien reçu après quelques minutes ? Regardez dans les indésirables, vérifiez l'adresse, ou demandez à la modération de votre département.</p>");
            b.Append("<p><a href=\"/espace/connexion\">Retour à la connexion</a></p>");
            return Page(http, "Mot de passe oublié : demande enregistrée", b.ToString(), signedIn: false);
        }

        b.Append("<p>Indiquez l'adresse électronique de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe.</p>");
        b.Append(Summary(errors));
        b.Append("<form method=\"post\" action=\"/espace/mot-de-passe-oublie\" class=\"formulaire\" novalidate>").Append(Token(http));
        b.Append(Field("email", "Adresse électronique", email, errors.FirstOrDefault(e => e.Id == Id("email")).Message, type: "email", autocomplete: "username", required: true));
        b.Append("<p><button type=\"submit\">Recevoir un lien</button></p></form>");
        b.Append("<p><a href=\"/espace/connexion\">Retour à la connexion</a></p>");
        return Page(http, (errors.Count > 0 ? "Erreur : " : "") + "Mot de passe oublié", b.ToString(), signedIn: false,
            status: errors.Count > 0 ? StatusCodes.Status400BadRequest : 200);
    }

    private static IResult NewPasswordPage(HttpContext http, string token, List<(string Id, string Label, string Message)> errors)
    {
        var min = http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.MinPasswordLength;
        var b = new StringBuilder();
        b.Append("<h1>Choisir un nouveau mot de passe</h1>");
        if (token.Length == 0)
        {
            b.Append("<p>Ce lien est incomplet : ouvrez le lien entier que vous avez reçu, ou <a href=\"/espace/mot-de-passe-oublie\">demandez-en un nouveau</a>.</p>");
            return Page(http, "Nouveau mot de passe", b.ToString(), signedIn: false, status: StatusCodes.Status400BadRequest);
        }

        b.Append("<p>Choisissez votre nouveau mot de passe. Vos autres connexions seront fermées ; vous vous connecterez ensuite avec lui.</p>");
        b.Append(Summary(errors));
        b.Append("<form method=\"post\" action=\"/espace/nouveau-mot-de-passe\" class=\"formulaire\" novalidate>").Append(Token(http));
        b.Append("<input type=\"hidden\" name=\"jeton\" value=\"").Append(E(token)).Append("\">");
        b.Append(Field("password", "Nouveau mot de passe", "", errors.FirstOrDefault(e => e.Id == Id("password")).Message,
            hint: $"{min} caractères au moins. Une phrase de quelques mots, facile à retenir, convient très bien.", type: "password", autocomplete: "new-password", required: true));
        b.Append(Field("confirmation", "Le même mot de passe, une seconde fois", "", errors.FirstOrDefault(e => e.Id == Id("confirmation")).Message,
            type: "password", autocomplete: "new-password", required: true));
        b.Append("<p><button type=\"submit\">Enregistrer le nouveau mot de passe</button></p></form>");
        return Page(http, (errors.Count > 0 ? "Erreur : " : "") + "Choisir un nouveau mot de passe", b.ToString(), signedIn: false,
            status: errors.Count > 0 ? StatusCodes.Status400BadRequest : 200);
    }

    private static async Task<IResult> LoginAsync(HttpContext http, EspaceApi api, IOptions<AccountOptions> options)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        var email = form["email"].ToString().Trim();
        var password = form["password"].ToString();
        var errors = new List<(string, string, string)>();
        if (email.Length == 0)
        {
            errors.Add((Id("email"), "Adresse électronique", "indiquez votre adresse électronique."));
        }

        if (password.Length == 0)
        {
            errors.Add((Id("password"), "Mot de passe", "indiquez votre mot de passe."));
        }

        if (errors.Count > 0)
        {
            return LoginPage(http, email, form["retour"], errors, null);
        }

        var answer = await api.RunAsync(LoginDocument, new { email, password }, http.RequestAborted);
        if (!answer.Ok)
        {
            // INVALID_CREDENTIALS and ACCOUNT_LOCKED get the same words: a locked account must not tell that the address exists.
            var minutes = (int)Math.Ceiling(options.Value.LockoutDuration.TotalMinutes);
            var message = answer.Code switch
            {
                AccountErrorCodes.InvalidCredentials or AccountErrorCodes.AccountLocked =>
                    $"adresse ou mot de passe incorrect. Après {options.Value.MaxFailedLogins} essais manqués, la connexion est bloquée {minutes} minutes : attendez avant de réessayer.",
                // The per-address limit of password checks: the same for every address typed, so it tells nothing either.
                ErrorCodes.RateLimited => "trop de tentatives de connexion depuis votre connexion internet. Attendez une minute avant de réessayer.",
                _ => "la connexion n'a pas abouti. Réessayez dans un moment.",
            };
            return LoginPage(http, email, form["retour"], [(Id("email"), "Connexion refusée", message)], null, StatusCodes.Status400BadRequest);
        }

        var login = answer.Data!["login"]!;
        EspaceApi.SetCookie(http, login["token"]!.GetValue<string>(), DateTimeOffset.Parse(login["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        return EspaceEndpoints.SeeOther(Back(form["retour"]));
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is null)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        if (await api.SignedInAsync(http.Request, http.RequestAborted) is not null)
        {
            // The token is revoked on the server, not only forgotten by the browser.
            await api.RunAsync("mutation Deconnexion { logout }", null, http.RequestAborted);
        }

        EspaceApi.ClearCookie(http);
        return EspaceEndpoints.SeeOther("/espace/connexion?au-revoir=1");
    }

    private static async Task<IResult> AcceptAsync(HttpContext http, EspaceApi api)
    {
        if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
        {
            return EspaceEndpoints.AntiforgeryRefused(http);
        }

        var token = form["jeton"].ToString();
        var password = form["password"].ToString();
        if (password != form["confirmation"].ToString())
        {
            return InvitationPage(http, token, [(Id("confirmation"), "Confirmation", "les deux mots de passe sont différents : tapez le même deux fois.")]);
        }

        var answer = await api.RunAsync(InvitationDocument, new { token, password }, http.RequestAborted);
        if (answer.Code == AccountErrorCodes.InvalidPassword)
        {
            return InvitationPage(http, token, [(Id("password"), "Mot de passe", answer.Message)]);
        }

        if (!answer.Ok)
        {
            return Page(http, "Invitation expirée", """
                <h1>Ce lien d'invitation ne marche plus</h1>
                <p>Il a déjà servi, il a expiré, ou il est incomplet. Demandez un nouveau lien à la personne qui vous a invité ;
                si vous avez déjà choisi votre mot de passe, <a href="/espace/connexion">connectez-vous</a>.</p>
                """, signedIn: false, status: StatusCodes.Status400BadRequest);
        }

        var accepted = answer.Data!["acceptInvitation"]!;
        EspaceApi.SetCookie(http, accepted["token"]!.GetValue<string>(), DateTimeOffset.Parse(accepted["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        return EspaceEndpoints.SeeOther("/espace?bienvenue=1");
    }

    /// <summary>Only a page of this space: never another site (an open redirect).</summary>
    private static string Back(string? wanted) =>
        wanted is { Length: > 0 } w && w.StartsWith(EspaceEndpoints.Root, StringComparison.Ordinal) && !w.Contains("//", StringComparison.Ordinal) && !w.Contains('\\')
            ? w : EspaceEndpoints.Root;

    private static IResult LoginPage(HttpContext http, string email, string? back, List<(string Id, string Label, string Message)>? errors, string? notice, int status = 200)
    {
        errors ??= [];
        var emailError = errors.FirstOrDefault(e => e.Id == Id("email")).Message;
        var passwordError = errors.FirstOrDefault(e => e.Id == Id("password")).Message;
        var b = new StringBuilder();
        b.Append("<h1>Connexion à l'espace médiateurs</h1>");
        b.Append(Notice(notice));
        b.Append("<p>Médiatrices, médiateurs, modération : connectez-vous pour tenir à jour vos lieux et vos ateliers. ")
            .Append("Pas encore de compte ? Il se crée sur invitation : demandez-la à la modération de votre département.</p>");
        b.Append(Summary(errors));
        b.Append("<form method=\"post\" action=\"/espace/connexion\" class=\"formulaire\" novalidate>").Append(Token(http));
        b.Append("<input type=\"hidden\" name=\"retour\" value=\"").Append(E(Back(back))).Append("\">");
        b.Append(Field("email", "Adresse électronique", email, emailError, type: "email", autocomplete: "username", required: true));
        b.Append(Field("password", "Mot de passe", "", passwordError, type: "password", autocomplete: "current-password", required: true));
        b.Append("<p><button type=\"submit\">Se connecter</button></p></form>");
        b.Append("<p><a href=\"/espace/mot-de-passe-oublie\">Mot de passe oublié ?</a></p>");
        return Page(http, (errors.Count > 0 ? "Erreur : " : "") + "Connexion", b.ToString(), signedIn: false, status: status);
    }

    private static IResult InvitationPage(HttpContext http, string token, List<(string Id, string Label, string Message)> errors)
    {
        var min = http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.MinPasswordLength;
        var b = new StringBuilder();
        b.Append("<h1>Choisir votre mot de passe</h1>");
        if (token.Length == 0)
        {
            b.Append("<p>Ce lien d'invitation est incomplet : ouvrez le lien entier que vous avez reçu, ou demandez-en un nouveau.</p>");
            return Page(http, "Invitation", b.ToString(), signedIn: false, status: StatusCodes.Status400BadRequest);
        }

        b.Append("<p>Bienvenue ! Choisissez le mot de passe de votre compte ; vous serez ensuite connecté à l'espace médiateurs.</p>");
        b.Append(Summary(errors));
        b.Append("<form method=\"post\" action=\"/espace/invitation\" class=\"formulaire\" novalidate>").Append(Token(http));
        b.Append("<input type=\"hidden\" name=\"jeton\" value=\"").Append(E(token)).Append("\">");
        b.Append(Field("password", "Mot de passe", "", errors.FirstOrDefault(e => e.Id == Id("password")).Message,
            hint: $"{min} caractères au moins. Une phrase de quelques mots, facile à retenir, convient très bien.", type: "password", autocomplete: "new-password", required: true));
        b.Append(Field("confirmation", "Le même mot de passe, une seconde fois", "", errors.FirstOrDefault(e => e.Id == Id("confirmation")).Message,
            type: "password", autocomplete: "new-password", required: true));
        b.Append("<p><button type=\"submit\">Enregistrer mon mot de passe</button></p></form>");
        return Page(http, (errors.Count > 0 ? "Erreur : " : "") + "Choisir votre mot de passe", b.ToString(), signedIn: false,
            status: errors.Count > 0 ? StatusCodes.Status400BadRequest : 200);
    }
}
