using System.Globalization;
using System.Net;
using System.Text;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Reminders;

/// <summary>What a reminder mail is about: the place, how old its information is, and its links.</summary>
/// <param name="Nom">The place's name.</param>
/// <param name="Commune">Its commune.</param>
/// <param name="LastSign">Its latest sign of freshness (confirmation, edit or source date).</param>
/// <param name="Sequence">1 for the first reminder of the round.</param>
/// <param name="MaxReminders">Reminders of a round at most.</param>
/// <param name="ConfirmLink">« Rien n'a changé »: opens a confirmation page.</param>
/// <param name="ConfirmExpiresAt">When that link stops working.</param>
/// <param name="UpdateLink">« Mettre à jour »: the edit page (mediators), or the claim page (a place's public address).</param>
/// <param name="ToPlace">True when the mail goes to the place's public address (nobody manages the listing).</param>
public sealed record ReminderMail(
    string Nom, string Commune, DateTimeOffset LastSign, int Sequence, int MaxReminders,
    string ConfirmLink, DateTimeOffset ConfirmExpiresAt, string UpdateLink, bool ToPlace);

/// <summary>
/// The reminder's words, in French: plain text first, then the same in simple HTML with no remote image, no tracking
/// pixel, no rewritten link (the links are those the person opens, as written).
/// </summary>
public static class ReminderMessages
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static MailContent Reminder(ReminderMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var subject = $"La fiche « {Short(mail.Nom)} » est-elle toujours juste ?";
        var since = ParisTime.ToParis(mail.LastSign).ToString("d MMMM yyyy", French);
        var intro = mail.ToPlace
            ? $"Votre lieu « {mail.Nom} » ({mail.Commune}) figure dans l'annuaire des lieux de médiation numérique de Bourgogne-Franche-Comté. Ses informations n'ont pas été vérifiées depuis le {since}, et personne ne gère encore sa fiche."
            : $"Les informations de votre lieu « {mail.Nom} » ({mail.Commune}) dans l'annuaire des lieux de médiation numérique n'ont été ni confirmées ni modifiées depuis le {since}.";
        var ask = "Les personnes qui cherchent de l'aide s'y fient : horaires, adresse, services. Sont-elles toujours justes ?";
        var confirm = ("Rien n'a changé : confirmez-le en un clic (une page de confirmation s'ouvre, aucune connexion n'est nécessaire) :", mail.ConfirmLink);
        var update = mail.ToPlace
            ? ("C'est votre lieu et vous voulez tenir sa fiche à jour ? Demandez à la gérer (« C'est mon lieu », compte de l'espace médiateurs nécessaire) :", mail.UpdateLink)
            : ("Quelque chose a changé ? Mettez la fiche à jour dans l'espace médiateurs :", mail.UpdateLink);
        var rank = mail.Sequence >= mail.MaxReminders
            ? "C'est notre dernière relance : sans réponse, la fiche s'affichera bientôt avec la mention « Informations à vérifier » et la modération de votre département en sera avertie."
            : string.Create(French, $"Relance {mail.Sequence} sur {mail.MaxReminders} au plus : elles s'arrêtent dès que la fiche est confirmée ou modifiée.");
        var after = new[]
        {
            $"Le lien « Rien n'a changé » est valable jusqu'au {MailMessages.When(mail.ConfirmExpiresAt)} et ne sert qu'une fois.",
            rank,
            mail.ToPlace
                ? "Vous recevez ce courriel parce que cette adresse est publiée comme contact du lieu. Si ce n'est plus le cas, répondez-nous pour la retirer."
                : "Vous recevez ce courriel parce que votre compte de l'espace médiateurs gère ce lieu.",
        };

        var text = new StringBuilder();
        text.Append("Bonjour,\r\n\r\n").Append(intro).Append("\r\n\r\n").Append(ask).Append("\r\n\r\n");
        foreach (var (label, link) in new[] { confirm, update })
        {
            text.Append(label).Append("\r\n").Append(link).Append("\r\n\r\n");
        }

        foreach (var line in after)
        {
            text.Append(line).Append("\r\n\r\n");
        }

        text.Append("-- \r\nL'annuaire des lieux de médiation numérique de Bourgogne-Franche-Comté\r\n");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(H(subject)).Append("</title></head><body>");
        html.Append("<p>Bonjour,</p><p>").Append(H(intro)).Append("</p><p>").Append(H(ask)).Append("</p>");
        foreach (var (label, link) in new[] { confirm, update })
        {
            html.Append("<p>").Append(H(label)).Append("<br><a href=\"").Append(H(link)).Append("\">").Append(H(link)).Append("</a></p>");
        }

        foreach (var line in after)
        {
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        html.Append("<p>L'annuaire des lieux de médiation numérique de Bourgogne-Franche-Comté</p></body></html>");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    // A subject stays readable in a list of mails.
    private static string Short(string nom) => nom.Length <= 80 ? nom : nom[..79] + "…";

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
