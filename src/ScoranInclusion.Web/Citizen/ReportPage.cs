using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Espace;
using ScoranInclusion.Workflows.Editing;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// <c>/lieu/{id}/signaler</c>: a citizen reports what looks wrong on a place, without an account and without a
/// cookie (the public pages promise none). The POST runs <c>reportSiteError</c> in-process like the mediators' pages
/// (<see cref="EspaceApi"/>, no token): its checks (<c>INVALID_REPORT</c> next to the field) and its limit per address
/// (<c>RATE_LIMITED</c>: a French 429 page with the wait) are the API's.
/// </summary>
internal static class ReportPage
{
    private const string ReportDocument = """
        mutation Signaler($id: ID!, $fields: [String!]!, $message: String, $contactEmail: String) {
          reportSiteError(id: $id, fields: $fields, message: $message, contactEmail: $contactEmail) { id } }
        """;

    /// <summary>The fields a citizen can tick (names of the standard, as <c>reportSiteError</c> takes them), in the page's words.</summary>
    public static readonly (string Field, string Label)[] Fields =
    [
        (SiteFields.Nom, "Le nom du lieu"),
        (SiteFields.Adresse, "L'adresse (numéro et voie)"),
        (SiteFields.Commune, "La commune ou le code postal"),
        (SiteFields.Latitude, "La position sur la carte"),
        (SiteFields.Horaires, "Les horaires d'ouverture"),
        (SiteFields.Telephone, "Le numéro de téléphone"),
        (SiteFields.Courriels, "L'adresse électronique"),
        (SiteFields.SiteWeb, "Le site web"),
        (SiteFields.PriseRdv, "La prise de rendez-vous en ligne"),
        (SiteFields.Services, "Les services proposés"),
        (SiteFields.FraisACharge, "Les tarifs (gratuit, payant…)"),
        (SiteFields.ModalitesAcces, "Les modalités d'accès"),
        (SiteFields.PresentationResume, "La présentation du lieu"),
    ];

    public static string FieldLabel(string field) =>
        Fields.FirstOrDefault(f => f.Field == field).Label ?? EditPage.Label(SiteInputType.InputName(field));

    public static void Map(WebApplication app)
    {
        app.MapGet("/lieu/{id}/signaler", ShowAsync);
        // No antiforgery token here, on purpose: the action is anonymous (no account, no cookie to ride on, nothing
        // of the person's to steal), and an antiforgery cookie would break the « aucun cookie » of the public pages.
        // Another site could still make its visitors' browsers post reports (spam under their address, using up their
        // limit): refused by what the browser says of the request's origin, as the API does for cookie-carrying mutations.
        app.MapPost("/lieu/{id}/signaler", SendAsync);
    }

    private static async Task<IResult> ShowAsync(HttpContext http, string id, SiteReader reader)
    {
        if (await PlaceAsync(http, id, reader) is not { } site)
        {
            return NotFound();
        }

        if (http.Request.Query.ContainsKey("merci"))
        {
            return Page("Merci pour votre signalement", "", $"""
                <h1>Merci : votre signalement est envoyé</h1>
                <p class="succes" role="status">La modération du département va vérifier la fiche « {E(site.Nom)} » et la corriger si besoin.</p>
                <p>Si vous avez laissé votre adresse électronique, elle ne sert qu'à vous recontacter à ce sujet et sera effacée dès que le signalement sera traité.</p>
                <p><a href="/lieu/{Url(id)}">Revenir à la fiche du lieu</a> · <a href="/">Chercher un autre lieu</a></p>
                """, Head);
        }

        return Form(id, site, [], "", "", [], 200);
    }

    private static async Task<IResult> SendAsync(HttpContext http, string id, SiteReader reader, EspaceApi api)
    {
        if (!CrossSiteRequests.IsSameSite(http.Request))
        {
            return Page("Envoi refusé", "", """
                <h1>Ce formulaire ne vient pas de ce site</h1>
                <p>Un signalement s'envoie depuis la page du lieu sur ce site. Rien n'a été enregistré.</p>
                <p><a href="/">Chercher un lieu</a></p>
                """, Head, StatusCodes.Status403Forbidden);
        }

        if (await PlaceAsync(http, id, reader) is not { } site)
        {
            return NotFound();
        }

        if (!http.Request.HasFormContentType)
        {
            return Form(id, site, [], "", "", new() { ["message"] = "le formulaire n'a pas été reçu : réessayez." }, StatusCodes.Status400BadRequest);
        }

        var form = await RequestForms.ReadAsync(http.Request);
        // Only the boxes of this page: anything else is not a field a person ticked.
        var fields = form["champs"].Where(f => Fields.Any(k => k.Field == f)).Distinct().Select(f => f!).ToList();
        var message = form["message"].ToString();
        var contact = form["contact"].ToString();
        var answer = await api.RunAsync(ReportDocument, new
        {
            id,
            fields,
            message = message.Trim().Length > 0 ? message : null,
            contactEmail = contact.Trim().Length > 0 ? contact : null,
        }, http.RequestAborted);
        if (answer.Ok)
        {
            return EspaceEndpoints.SeeOther($"/lieu/{Url(id)}/signaler?merci=1");
        }

        if (answer.Code == ErrorCodes.RateLimited)
        {
            var seconds = answer.ErrorData?["retryAfterSeconds"]?.GetValue<int>() ?? 600;
            var minutes = Math.Max(1, (int)Math.Ceiling(seconds / 60.0));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Page("Trop de signalements", "", $"""
                <h1>Trop de signalements envoyés depuis votre connexion</h1>
                <p>Pour éviter les abus, le nombre de signalements est limité. Réessayez dans {minutes} minute{(minutes > 1 ? "s" : "")}. Merci de votre aide !</p>
                <p>Votre signalement n'a pas été enregistré. <a href="/lieu/{Url(id)}">Revenir à la fiche du lieu</a></p>
                """, Head, StatusCodes.Status429TooManyRequests);
        }

        var field = answer.ErrorData?["field"]?.GetValue<string>() switch
        {
            "contactEmail" => "contact",
            "message" => "message",
            _ => "champs",
        };
        return Form(id, site, fields, message, contact, new() { [field] = answer.Message }, StatusCodes.Status400BadRequest);
    }

    private static async Task<Site?> PlaceAsync(HttpContext http, string id, SiteReader reader) =>
        GlobalId.TryDecode(id, out var type, out var key) && type == SiteType.TypeName ? (await reader.GetAsync(key, http.RequestAborted))?.Site : null;

    private static IResult NotFound() => Page("Lieu introuvable", "", """
        <h1>Ce lieu est introuvable</h1>
        <p>Il a peut-être été retiré de l'annuaire, ou l'adresse de la page est incomplète.</p>
        <p><a href="/">Chercher un lieu près de chez vous</a></p>
        """, status: 404);

    private static IResult Form(string id, Site site, IReadOnlyCollection<string> ticked, string message, string contact, Dictionary<string, string> errors, int status)
    {
        var b = new StringBuilder();
        b.Append("<p><a href=\"/lieu/").Append(Url(id)).Append("\">← La fiche du lieu</a></p>");
        b.Append("<h1>Signaler une erreur sur « ").Append(E(site.Nom)).Append(" »</h1>");
        b.Append("<p>Une information de cette fiche vous semble fausse ? Dites-le : la modération du département vérifie et corrige. ")
            .Append("Pas besoin de compte.</p>");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["champs"] = "Ce qui semble faux", ["message"] = "Message", ["contact"] = "Votre adresse électronique" };
        b.Append(Summary(errors.Select(e => (Id(e.Key), labels[e.Key], e.Value)).ToList()));
        b.Append("<form method=\"post\" action=\"/lieu/").Append(Url(id)).Append("/signaler\" class=\"formulaire\" novalidate>");
        b.Append(Choices("champs", "Ce qui semble faux (cochez une case au moins, ou écrivez un message)", Fields.Select(f => (f.Field, f.Label)),
            ticked.ToHashSet(StringComparer.Ordinal), errors.GetValueOrDefault("champs")));
        b.Append(Field("message", "Message", message, errors.GetValueOrDefault("message"),
            "Ce qui est faux et, si vous le savez, ce qui est juste : « fermé le lundi », « le numéro a changé »… 2 000 caractères au plus.", multiline: true));
        b.Append(Field("contact", "Votre adresse électronique (facultatif)", contact, errors.GetValueOrDefault("contact"),
            "Seulement si vous acceptez d'être recontacté à ce sujet. Elle n'est visible que de la modération et est effacée dès que le signalement est traité.",
            type: "email", autocomplete: "email"));
        b.Append("<p><button type=\"submit\">Envoyer le signalement</button></p></form>");
        return Page((errors.Count > 0 ? "Erreur : " : "") + "Signaler une erreur sur « " + site.Nom + " »", "", b.ToString(), Head, status);
    }

}
