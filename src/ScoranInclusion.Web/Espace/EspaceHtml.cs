using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Web;
using ScoranInclusion.Web.Citizen;
using ScoranInclusion.Web.Couverture;
using ScoranInclusion.Web.Integrer;
using ScoranInclusion.Workflows.Accounts;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// The frame and form pieces of the mediators' pages: the site's layout with a second navigation, an error
/// summary whose links lead to the fields, and fields that name their help and their error
/// (<c>aria-describedby</c>, <c>aria-invalid</c>). Every form carries the antiforgery token.
/// </summary>
internal static class EspaceHtml
{
    private const string PrivacyNote =
        "L'espace médiateurs dépose deux cookies indispensables, limités à ses pages : la connexion et la protection des formulaires. Aucun suivi.";

    /// <summary>The forms' style sheet and script. The script only enhances (hours preview, focus on the error summary): every page works without it.</summary>
    public const string Head = "<link rel=\"stylesheet\" href=\"/widget/espace.css\"><script src=\"/widget/espace.js\" defer></script>";

    public static IResult Page(HttpContext http, string title, string main, bool signedIn, int status = 200)
    {
        var path = http.Request.Path.Value ?? "";
        string Current(string href) => path == href ? " aria-current=\"page\"" : "";
        // The queue only for those the API lets read it (moderation, administration).
        var role = http.RequestServices.GetRequiredService<EspaceApi>().Principal?.Role;
        var moderation = role is AccountRole.Moderator or AccountRole.Admin
            ? $"<li><a href=\"/espace/moderation\"{Current("/espace/moderation")}>Modération</a></li>"
              + $"<li><a href=\"{SourcesPage.Path}\"{Current(SourcesPage.Path)}>Sources</a></li>"
              + $"<li><a href=\"{WithdrawalsPage.Path}\"{Current(WithdrawalsPage.Path)}>Lieux retirés</a></li>" : "";
        moderation += role is AccountRole.Admin ? $"<li><a href=\"{AccountsPage.Path}\"{Current(AccountsPage.Path)}>Comptes</a></li>" : "";
        var nav = signedIn
            ? $"""
              <nav aria-label="Espace médiateurs" class="nav-espace"><ul>
              <li><a href="/espace"{Current(EspaceEndpoints.Root)}>Mes lieux</a></li>
              <li><a href="/espace/proposer"{Current("/espace/proposer")}>Proposer un nouveau lieu</a></li>
              <li><a href="/espace/demandes"{Current("/espace/demandes")}>Mes demandes</a></li>
              {moderation}
              <li><form method="post" action="/espace/deconnexion">{Token(http)}<button type="submit" class="bouton-lien">Se déconnecter</button></form></li>
              </ul></nav>
              """
            : null;
        return Results.Content(Layout(title, "", main, Head, nav, PrivacyNote), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    /// <summary>The hidden antiforgery field of a form.</summary>
    public static string Token(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    /// <summary>The id of a form control from its field name (<c>adresse.codePostal</c> → <c>champ-adresse-codePostal</c>).</summary>
    public static string Id(string name) => "champ-" + name.Replace('.', '-');

    /// <summary>The summary at the top of a form: one link per error, to its field. Empty without errors.</summary>
    public static string Summary(IReadOnlyList<(string Id, string Label, string Message)> errors)
    {
        if (errors.Count == 0)
        {
            return "";
        }

        var b = new StringBuilder("<div class=\"erreurs\" id=\"erreurs\" role=\"alert\" tabindex=\"-1\"><h2>");
        b.Append(errors.Count == 1 ? "Une erreur empêche l'enregistrement" : $"{errors.Count} erreurs empêchent l'enregistrement").Append("</h2><ul>");
        foreach (var (id, label, message) in errors)
        {
            b.Append("<li><a href=\"#").Append(E(id)).Append("\">").Append(E(label)).Append(" : ").Append(E(message)).Append("</a></li>");
        }

        return b.Append("</ul></div>").ToString();
    }

    /// <summary>A labelled text field (or text area), its help and its error.</summary>
    public static string Field(string name, string label, string? value, string? error, string? hint = null, string type = "text",
        bool multiline = false, string? autocomplete = null, bool required = false, string? id = null, string? extra = null)
    {
        id ??= Id(name);
        var described = new List<string>();
        var b = new StringBuilder("<div class=\"champ").Append(error is null ? "" : " champ-erreur").Append("\">");
        b.Append("<label for=\"").Append(E(id)).Append("\">").Append(E(label)).Append(required ? " <span class=\"requis\">(obligatoire)</span>" : "").Append("</label>");
        if (hint is not null)
        {
            described.Add(id + "-aide");
            b.Append("<p class=\"aide\" id=\"").Append(E(id)).Append("-aide\">").Append(hint).Append("</p>");
        }

        if (error is not null)
        {
            described.Add(id + "-erreur");
            b.Append("<p class=\"erreur\" id=\"").Append(E(id)).Append("-erreur\">").Append(E(Capitalized(error))).Append("</p>");
        }

        var attributes = new StringBuilder();
        attributes.Append(" id=\"").Append(E(id)).Append("\" name=\"").Append(E(name)).Append('"');
        Described(attributes, described, error is not null);

        if (autocomplete is not null)
        {
            attributes.Append(" autocomplete=\"").Append(autocomplete).Append('"');
        }

        if (required)
        {
            attributes.Append(" required");
        }

        if (extra is not null)
        {
            attributes.Append(' ').Append(extra);
        }

        if (multiline)
        {
            b.Append("<textarea").Append(attributes).Append(" rows=\"4\">").Append(E(value)).Append("</textarea>");
        }
        else
        {
            b.Append("<input type=\"").Append(type).Append('"').Append(attributes).Append(" value=\"").Append(E(value)).Append("\">");
        }

        return b.Append("</div>").ToString();
    }

    /// <summary>
    /// One check box (value « 1 ») before its label, then its help and its error, in a <c>div.case</c> (and
    /// <paramref name="extraClass"/>): the hours grid's « Fermé », the place's « Prendre le point de l'adresse »…
    /// </summary>
    public static string CheckBox(string name, string label, bool isChecked, string? error, string? hint = null, string? extraClass = null)
    {
        var id = Id(name);
        var described = new List<string>();
        if (hint is not null)
        {
            described.Add(id + "-aide");
        }

        if (error is not null)
        {
            described.Add(id + "-erreur");
        }

        var b = new StringBuilder("<div class=\"case").Append(extraClass is null ? "" : " " + extraClass).Append(error is null ? "" : " champ-erreur").Append("\">");
        b.Append("<input type=\"checkbox\" id=\"").Append(E(id)).Append("\" name=\"").Append(E(name)).Append("\" value=\"1\"");
        Described(b, described, error is not null);
        b.Append(isChecked ? " checked>" : ">");
        b.Append("<label for=\"").Append(E(id)).Append("\">").Append(E(label)).Append("</label>");
        if (hint is not null)
        {
            b.Append("<span class=\"aide\" id=\"").Append(E(id)).Append("-aide\">").Append(E(hint)).Append("</span>");
        }

        if (error is not null)
        {
            b.Append("<span class=\"erreur\" id=\"").Append(E(id)).Append("-erreur\">").Append(E(Capitalized(error))).Append("</span>");
        }

        return b.Append("</div>").ToString();
    }

    /// <summary>A field's <c>aria-describedby</c> (its help, its error) and <c>aria-invalid</c>.</summary>
    private static void Described(StringBuilder attributes, List<string> described, bool invalid)
    {
        if (described.Count > 0)
        {
            attributes.Append(" aria-describedby=\"").Append(E(string.Join(' ', described))).Append('"');
        }

        if (invalid)
        {
            attributes.Append(" aria-invalid=\"true\"");
        }
    }

    /// <summary>A group of check boxes (or radio buttons) in a fieldset with its legend and its error.</summary>
    public static string Choices(string name, string legend, IEnumerable<(string Value, string Label)> options, IReadOnlySet<string> selected,
        string? error, bool radio = false, string? id = null)
    {
        id ??= Id(name);
        var b = new StringBuilder("<fieldset class=\"choix").Append(error is null ? "" : " champ-erreur").Append("\" id=\"").Append(E(id)).Append('"');
        if (error is not null)
        {
            b.Append(" aria-describedby=\"").Append(E(id)).Append("-erreur\"");
        }

        b.Append("><legend>").Append(E(legend)).Append("</legend>");
        if (error is not null)
        {
            b.Append("<p class=\"erreur\" id=\"").Append(E(id)).Append("-erreur\">").Append(E(Capitalized(error))).Append("</p>");
        }

        b.Append("<div class=\"cases\">");
        var i = 0;
        foreach (var (value, label) in options)
        {
            var optionId = $"{id}-{i++}";
            b.Append("<label class=\"case\" for=\"").Append(E(optionId)).Append("\"><input type=\"").Append(radio ? "radio" : "checkbox")
                .Append("\" id=\"").Append(E(optionId)).Append("\" name=\"").Append(E(name)).Append("\" value=\"").Append(E(value)).Append('"')
                .Append(selected.Contains(value) ? " checked" : "").Append("> ").Append(E(label)).Append("</label>");
        }

        return b.Append("</div></fieldset>").ToString();
    }

    /// <summary>An error next to its field starts with a capital (the summary writes « Champ : message »).</summary>
    public static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], French) + text[1..];

    /// <summary>« 28 novembre 2026 à 14 h 05 », in Paris time.</summary>
    public static string DateTime(DateTimeOffset at)
    {
        var paris = ParisTime.ToParis(at);
        return paris.ToString("d MMMM yyyy", French) + " à " + Time(TimeOnly.FromDateTime(paris.DateTime));
    }

    public static string DateTime(string? iso) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? DateTime(at) : iso ?? "";

    /// <summary>A status message after a redirect (« Modifications enregistrées »).</summary>
    public static string Notice(string? text) => text is null ? "" : $"<p class=\"succes\" role=\"status\">{E(text)}</p>";

    /// <summary>A page of refusal or absence, with a way back.</summary>
    public static IResult Refusal(HttpContext http, int status, string title, string text) =>
        Page(http, title, $"<h1>{E(title)}</h1><p>{E(text)}</p><p><a href=\"/espace\">Revenir à mes lieux</a></p>", signedIn: true, status: status);
}
