using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Workflows.Reminders;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>
/// <c>/espace/rappel?jeton=…</c>, the link « Rien n'a changé » of a listing reminder. The GET only shows the place and a
/// button: mail scanners open every link of a mail, so opening changes nothing. The button POSTs (antiforgery token),
/// with no login: the link itself, single-use and valid 30 days, stands for the person. An unknown, expired or used
/// link gets a French page that says which, never an error.
/// </summary>
/// <remarks>
/// REVIEW: served by <see cref="ListingReminders"/> directly rather than through GraphQL: the schema has no place for a
/// mail's one-off token, and the action is this page's only.
/// </remarks>
internal static class ReminderPages
{
    public const string Path = ListingReminders.ConfirmPath;

    public static void Map(WebApplication app)
    {
        app.MapGet(Path, async (HttpContext http, ListingReminders reminders) =>
        {
            var token = http.Request.Query["jeton"].ToString();
            var view = await reminders.OpenAsync(token, http.RequestAborted);
            return view.State == ReminderLinkState.Valid ? AskPage(http, token, view) : Refused(http, view);
        });
        app.MapFormPost(Path, async (HttpContext http, ListingReminders reminders) =>
        {
            if (await EspaceEndpoints.ValidFormAsync(http) is not { } form)
            {
                return EspaceEndpoints.AntiforgeryRefused(http);
            }

            var view = await reminders.ConfirmAsync(form["jeton"].ToString(), http.RequestAborted);
            return view.State == ReminderLinkState.Valid ? DonePage(http, view) : Refused(http, view);
        });
    }

    private static IResult AskPage(HttpContext http, string token, ReminderLinkView view)
    {
        var b = new StringBuilder();
        b.Append("<h1>La fiche « ").Append(E(view.Nom ?? "")).Append(" » est-elle toujours juste ?</h1>");
        b.Append("<p>Lieu de médiation numérique à ").Append(E(view.Commune ?? "")).Append(". ");
        b.Append(view.ConfirmedAt is { } at ? "Dernière confirmation : " + E(EspaceHtml.DateTime(at)) + "." : "Jamais confirmée par l'équipe du lieu.").Append("</p>");
        b.Append("<p>Si rien n'a changé (horaires, adresse, services, contacts), confirmez-le : la fiche sera marquée « vérifiée » aujourd'hui. ")
            .Append("Rien n'est enregistré tant que vous n'avez pas appuyé sur le bouton.</p>");
        b.Append("<form method=\"post\" action=\"").Append(Path).Append("\">").Append(Token(http));
        b.Append("<input type=\"hidden\" name=\"jeton\" value=\"").Append(E(token)).Append("\">");
        b.Append("<p><button type=\"submit\">Rien n'a changé</button></p></form>");
        b.Append("<p>Quelque chose a changé ? ").Append(UpdateLink(view, "Mettre à jour la fiche")).Append("</p>");
        if (view.ExpiresAt is { } expires)
        {
            b.Append("<p>Ce lien sert une fois, jusqu'au ").Append(E(EspaceHtml.DateTime(expires))).Append(".</p>");
        }

        return Page(http, "Confirmer la fiche « " + (view.Nom ?? "") + " »", b.ToString(), signedIn: false);
    }

    /// <summary>
    /// « Mettre à jour »: the edit page for a mediator's link; for a link mailed to the place's public address (nobody
    /// manages the listing), the claim page of that place (« C'est mon lieu »), as the mail's own link.
    /// </summary>
    private static string UpdateLink(ReminderLinkView view, string label)
    {
        var id = Url(GlobalIds.Encode(GlobalIds.Site, view.SiteKey!.Value));
        return view.ToPlace
            ? $"<a href=\"/espace/revendiquer?lieu={id}\">{E(label)}</a> (« C'est mon lieu » : demandez à gérer la fiche, avec un compte médiateur)"
            : $"<a href=\"/espace/lieu/{id}\">{E(label)}</a> (espace médiateurs, connexion nécessaire)";
    }

    private static IResult DonePage(HttpContext http, ReminderLinkView view)
    {
        var id = Url(GlobalIds.Encode(GlobalIds.Site, view.SiteKey!.Value));
        var b = new StringBuilder();
        b.Append("<h1>Merci : la fiche « ").Append(E(view.Nom ?? "")).Append(" » est confirmée</h1>");
        b.Append("<p class=\"succes\" role=\"status\">Informations confirmées le ").Append(E(EspaceHtml.DateTime(view.ConfirmedAt ?? DateTimeOffset.MinValue)))
            .Append(". Les relances s'arrêtent jusqu'à la prochaine échéance.</p>");
        b.Append("<p><a href=\"/lieu/").Append(id).Append("\">Voir la fiche publique</a> · ").Append(UpdateLink(view, "La mettre à jour")).Append("</p>");
        return Page(http, "Fiche confirmée", b.ToString(), signedIn: false);
    }

    private static IResult Refused(HttpContext http, ReminderLinkView view)
    {
        var (status, title, text) = view.State switch
        {
            ReminderLinkState.Expired => (StatusCodes.Status410Gone, "Ce lien a expiré",
                "Le lien « Rien n'a changé » d'un courriel de relance sert pendant 30 jours. Rien n'a été enregistré : connectez-vous à l'espace médiateurs pour confirmer ou mettre à jour la fiche."),
            ReminderLinkState.Used => (StatusCodes.Status410Gone, "Ce lien a déjà servi",
                "La fiche a déjà été confirmée avec ce lien" + (view.ConfirmedAt is { } at ? " le " + EspaceHtml.DateTime(at) : "") + ". Rien de plus n'a été enregistré."),
            _ => (StatusCodes.Status404NotFound, "Lien inconnu",
                "Ce lien de confirmation n'existe pas : il est peut-être incomplet (ouvrez le lien entier du courriel) ou a été modifié. Rien n'a été enregistré."),
        };
        var b = new StringBuilder();
        b.Append("<h1>").Append(E(title)).Append("</h1><p>").Append(E(text)).Append("</p>");
        if (view.SiteKey is { } key && view.Nom is not null)
        {
            var id = Url(GlobalIds.Encode(GlobalIds.Site, key));
            b.Append("<p>Lieu : <a href=\"/lieu/").Append(id).Append("\">").Append(E(view.Nom)).Append("</a> · <a href=\"/espace/lieu/").Append(id)
                .Append("\">Confirmer ou mettre à jour depuis l'espace médiateurs</a></p>");
        }
        else
        {
            b.Append("<p><a href=\"/espace\">Aller à l'espace médiateurs</a></p>");
        }

        return Page(http, title, b.ToString(), signedIn: false, status: status);
    }
}
