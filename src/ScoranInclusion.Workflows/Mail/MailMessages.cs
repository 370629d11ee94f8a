using System.Globalization;
using System.Net;
using System.Text;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Storage.Accounts;

namespace ScoranInclusion.Workflows.Mail;

/// <summary>A mail's words: a subject, a plain-text body and the same in HTML.</summary>
public sealed record MailContent(string Subject, string TextBody, string HtmlBody);

/// <summary>
/// The mails' words, in French. Plain text first (what many mediators' mail programs show), and a simple HTML copy with
/// no remote image, no tracking pixel, no rewritten link: the link is the one the person will open, as written.
/// </summary>
public static class MailMessages
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static MailContent Invitation(string link, DateTimeOffset expiresAt, AccountRole role)
    {
        var what = role switch
        {
            AccountRole.Mediator => "tenir à jour les fiches de vos lieux de médiation numérique",
            AccountRole.Moderator => "modérer les lieux de médiation numérique de votre territoire",
            _ => "administrer l'annuaire des lieux de médiation numérique",
        };
        return Compose(
            "Votre invitation à l'espace médiateurs",
            [$"Bonjour,", $"Vous êtes invité à rejoindre l'espace médiateurs de l'annuaire pour {what}.",
                "Pour choisir votre mot de passe, ouvrez ce lien (il ne sert qu'une fois) :"],
            link,
            [$"Ce lien est valable jusqu'au {When(expiresAt)}. Passé ce délai, demandez-en un nouveau à la personne qui vous a invité.",
                "Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera utilisable sans ce lien."]);
    }

    public static MailContent PasswordReset(string link, DateTimeOffset expiresAt) => Compose(
        "Choisir un nouveau mot de passe",
        ["Bonjour,", "Une demande de nouveau mot de passe a été faite pour votre compte de l'espace médiateurs.",
            "Pour choisir un nouveau mot de passe, ouvrez ce lien (il ne sert qu'une fois) :"],
        link,
        [$"Ce lien est valable une heure, jusqu'au {When(expiresAt)}. Une fois le mot de passe changé, vos autres connexions sont fermées.",
            "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable."]);

    /// <summary>« 21 décembre 2026 à 14 h 05 (heure de Paris) ».</summary>
    public static string When(DateTimeOffset instant)
    {
        var paris = ParisTime.ToParis(instant);
        return paris.ToString("d MMMM yyyy", French) + " à " + paris.ToString("H' h 'mm", French) + " (heure de Paris)";
    }

    private static MailContent Compose(string subject, string[] before, string link, string[] after)
    {
        var text = new StringBuilder();
        foreach (var line in before)
        {
            text.Append(line).Append("\r\n\r\n");
        }

        text.Append(link).Append("\r\n\r\n");
        foreach (var line in after)
        {
            text.Append(line).Append("\r\n\r\n");
        }

        text.Append("-- \r\nL'annuaire des lieux de médiation numérique de Bourgogne-Franche-Comté\r\n");

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>").Append(H(subject)).Append("</title></head><body>");
        foreach (var line in before)
        {
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        html.Append("<p><a href=\"").Append(H(link)).Append("\">").Append(H(link)).Append("</a></p>");
        foreach (var line in after)
        {
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        html.Append("<p>L'annuaire des lieux de médiation numérique de Bourgogne-Franche-Comté</p></body></html>");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
