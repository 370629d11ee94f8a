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
using ScoranInclusion.Web.Languages;
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
        var t = LanguageChoice.Resolve(http.Request);
        var menu = LanguageChoice.Menu(t, http.Request);
        if (await PlaceAsync(http, id, reader) is not { } site)
        {
            return CitizenPages.NotFound(t, menu);
        }

        if (http.Request.Query.ContainsKey("merci"))
        {
            return Page(t, menu, t.T("report.thanksTitle"), "", $"""
                <h1>{t.H("report.thanksHeading")}</h1>
                <p class="succes" role="status">{t.H("report.thanks", ("name", new FrenchText(site.Nom)))}</p>
                <p>{t.H("report.thanksEmail")}</p>
                <p><a href="{t.Link($"/lieu/{Url(id)}")}">{t.H("report.backToSheet")}</a> · <a href="{t.Link("/")}">{t.H("report.searchOther")}</a></p>
                """, Head);
        }

        return Form(t, menu, id, site, [], "", "", [], 200);
    }

    private static async Task<IResult> SendAsync(HttpContext http, string id, SiteReader reader, EspaceApi api)
    {
        var t = LanguageChoice.Resolve(http.Request);
        var menu = LanguageChoice.Menu(t, http.Request);
        if (!CrossSiteRequests.IsSameSite(http.Request))
        {
            return Page(t, menu, t.T("report.refusedTitle"), "", $"""
                <h1>{t.H("report.refusedHeading")}</h1>
                <p>{t.H("report.refused")}</p>
                <p><a href="{t.Link("/")}">{t.H("report.searchPlace")}</a></p>
                """, Head, StatusCodes.Status403Forbidden);
        }

        if (await PlaceAsync(http, id, reader) is not { } site)
        {
            return CitizenPages.NotFound(t, menu);
        }

        if (!http.Request.HasFormContentType)
        {
            return Form(t, menu, id, site, [], "", "", new() { ["message"] = t.T("report.error.notReceived") }, StatusCodes.Status400BadRequest);
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
            return EspaceEndpoints.SeeOther($"/lieu/{Url(id)}/signaler?merci=1" + (t.Chosen ? "&langue=" + t.Language.Code : ""));
        }

        if (answer.Code == ErrorCodes.RateLimited)
        {
            var seconds = answer.ErrorData?["retryAfterSeconds"]?.GetValue<int>() ?? 600;
            var minutes = Math.Max(1, (int)Math.Ceiling(seconds / 60.0));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Page(t, menu, t.T("report.tooManyTitle"), "", $"""
                <h1>{t.H("report.tooManyHeading")}</h1>
                <p>{t.HP("report.tooMany", minutes)}</p>
                <p>{t.H("report.notSaved")} <a href="{t.Link($"/lieu/{Url(id)}")}">{t.H("report.backToSheet")}</a></p>
                """, Head, StatusCodes.Status429TooManyRequests);
        }

        var field = answer.ErrorData?["field"]?.GetValue<string>() switch
        {
            "contactEmail" => "contact",
            "message" => "message",
            _ => "champs",
        };
        // The API's own French sentence on a French page; elsewhere the catalogue's, by field.
        var error = t.Language == Language.French ? answer.Message : t.T("report.error." + field);
        return Form(t, menu, id, site, fields, message, contact, new() { [field] = error }, StatusCodes.Status400BadRequest);
    }

    private static async Task<Site?> PlaceAsync(HttpContext http, string id, SiteReader reader) =>
        GlobalId.TryDecode(id, out var type, out var key) && type == SiteType.TypeName ? (await reader.GetAsync(key, http.RequestAborted))?.Site : null;

    private static IResult Form(Texts t, string menu, string id, Site site, IReadOnlyCollection<string> ticked, string message, string contact, Dictionary<string, string> errors, int status)
    {
        var b = new StringBuilder();
        var name = new FrenchText(site.Nom);
        b.Append("<p><a href=\"").Append(t.Link("/lieu/" + Url(id))).Append("\">").Append(t.H("report.backToPlace")).Append("</a></p>");
        b.Append("<h1>").Append(t.H("report.title", ("name", name))).Append("</h1>");
        b.Append("<p>").Append(t.H("report.intro")).Append("</p>");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["champs"] = t.T("report.fieldsShort"), ["message"] = t.T("report.message"), ["contact"] = t.T("report.contactShort") };
        if (errors.Count > 0)
        {
            b.Append("<div class=\"erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>").Append(t.HP("report.errors", errors.Count)).Append("</h2><ul>");
            foreach (var (key, value) in errors)
            {
                b.Append("<li><a href=\"#").Append(E(Id(key))).Append("\">").Append(E(labels[key])).Append(" : ").Append(E(value)).Append("</a></li>");
            }

            b.Append("</ul></div>");
        }

        b.Append("<form method=\"post\" action=\"").Append(t.Link("/lieu/" + Url(id) + "/signaler")).Append("\" class=\"formulaire\" novalidate>");
        b.Append(Choices("champs", t.T("report.fields"), Fields.Select(f => (f.Field, t.T("report.field." + f.Field))),
            ticked.ToHashSet(StringComparer.Ordinal), errors.GetValueOrDefault("champs")));
        b.Append(Field("message", t.T("report.message"), message, errors.GetValueOrDefault("message"), t.H("report.messageHelp"), multiline: true));
        b.Append(Field("contact", t.T("report.contact"), contact, errors.GetValueOrDefault("contact"), t.H("report.contactHelp"),
            type: "email", autocomplete: "email"));
        b.Append("<p><button type=\"submit\">").Append(t.H("report.send")).Append("</button></p></form>");
        return Page(t, menu, errors.Count > 0 ? t.T("report.errorTitle", ("name", site.Nom)) : t.T("report.title", ("name", site.Nom)), "", b.ToString(), Head, status);
    }
}
