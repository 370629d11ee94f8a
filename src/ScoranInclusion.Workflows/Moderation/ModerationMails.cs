using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Moderation;

/// <summary>The kinds of the moderation's mails, as the outbox names them.</summary>
public static class ModerationMailKinds
{
    /// <summary>A moderator's daily list of the new items of their territory.</summary>
    public const string Digest = "moderation-digest";

    /// <summary>A proposer's or claimant's answer: accepted or refused, and why.</summary>
    public const string Decision = "moderation-decision";
}

/// <summary>One line of a digest: what the item is, about which place, and where.</summary>
public sealed record DigestLine(long ItemId, ModerationKind Kind, string Place, string Commune, string? Message);

/// <summary>
/// The moderation's mails, in French: plain text first and the same in simple HTML, no remote image, no tracking, every
/// link written out as the person will open it, built from <c>Email:PublicBaseUrl</c> (or else <c>Auth:PublicBaseUrl</c>).
/// </summary>
public sealed class ModerationMails(IOptions<MailOptions>? mail, IOptions<AccountOptions>? accounts)
{
    private const string Signature = "L'annuaire des lieux de médiation numérique de Bourgogne-Franche-Comté";

    /// <summary>The public address the links start with, without a final slash.</summary>
    public string LinkBase => (mail?.Value.PublicBaseUrl is { Length: > 0 } own ? own
        : accounts?.Value.PublicBaseUrl is { Length: > 0 } auth ? auth : new AccountOptions().PublicBaseUrl).TrimEnd('/');

    /// <summary>
    /// The page of the moderation queue that starts with an item (the queue, oldest first, after the cursor of the item
    /// before it: <c>ModerationCursor</c>, the GraphQL <c>moderationQueue</c>'s), at the item's entry: found whatever the
    /// number of older items still pending.
    /// </summary>
    public string QueueLink(long itemId) =>
        LinkBase + "/espace/moderation"
        + (itemId > 1 ? "?apres=" + Uri.EscapeDataString(GlobalIds.Encode("ModerationCursor", itemId - 1)) : "")
        + "#demande-" + GlobalIds.Encode("ModerationItem", itemId);

    /// <summary>A moderator's digest of <paramref name="lines"/> (at least one), for a département or the whole region.</summary>
    public MailContent Digest(IReadOnlyList<DigestLine> lines, string? departement, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var where = departement is null ? "dans la région" : "dans le département " + departement;
        var count = lines.Count == 1 ? "1 nouvelle demande" : lines.Count.ToString(CultureInfo.InvariantCulture) + " nouvelles demandes";
        var subject = $"Modération : {count} {where}";
        var intro = new List<string>
        {
            "Bonjour,",
            $"Depuis le dernier récapitulatif, {count} {(lines.Count == 1 ? "attend" : "attendent")} la modération {where} (au {MailMessages.When(now)}) :",
        };
        var items = lines.Select(l => new Entry(Describe(l), l.Message is { Length: > 0 } m ? "Message : « " + Shorten(m) + " »" : null, QueueLink(l.ItemId))).ToList();
        items.Add(new Entry("Toutes les demandes en attente de votre territoire", null, LinkBase + "/espace/moderation"));
        var outro = new[]
        {
            "Vous recevez ce récapitulatif une fois par jour au plus, et seulement quand il y a du nouveau. Une demande n'y figure qu'une fois.",
        };
        return Compose(subject, intro, items, outro);
    }

    /// <summary>The answer to a proposal or a claim: accepted or refused, the moderation's reason, and where to go next.</summary>
    public MailContent Decision(ModerationKind kind, bool accepted, string place, string? reason, long? siteKey)
    {
        string subject;
        var lines = new List<string> { "Bonjour," };
        var links = new List<Entry>();
        var site = siteKey is { } key ? GlobalIds.Encode(GlobalIds.Site, key) : null;
        switch (kind, accepted)
        {
            case (ModerationKind.Proposal, true):
                subject = $"Votre proposition est acceptée : {place}";
                lines.Add($"La modération a accepté le lieu que vous avez proposé, « {place} » : il est maintenant dans l'annuaire, et vous pouvez tenir sa fiche à jour.");
                break;
            case (ModerationKind.Proposal, false):
                subject = $"Votre proposition n'est pas retenue : {place}";
                lines.Add($"La modération n'a pas retenu le lieu que vous avez proposé, « {place} ».");
                break;
            case (_, true):
                subject = $"Le lieu « {place} » est ajouté à vos lieux";
                lines.Add($"La modération a accepté votre demande « C'est mon lieu » : « {place} » fait maintenant partie de vos lieux, vous pouvez modifier sa fiche.");
                break;
            default:
                subject = $"Votre demande « C'est mon lieu » n'est pas retenue : {place}";
                lines.Add($"La modération n'a pas retenu votre demande « C'est mon lieu » pour « {place} ».");
                break;
        }

        lines.Add(reason is { Length: > 0 } ? "Raison donnée par la modération : « " + reason + " »" : "La modération n'a pas donné de raison.");
        if (accepted && site is not null)
        {
            links.Add(new Entry("Modifier la fiche du lieu", null, LinkBase + "/espace/lieu/" + site));
            links.Add(new Entry("Voir le lieu dans l'annuaire", null, LinkBase + "/lieu/" + site));
        }

        links.Add(new Entry("Suivre vos demandes", null, LinkBase + "/espace/demandes"));
        return Compose(subject, lines, links, ["Pour toute question, répondez à la modération de votre département par les moyens habituels : ce courriel part d'une adresse qui ne lit pas les réponses."]);
    }

    private static string Describe(DigestLine line)
    {
        var what = line.Kind switch
        {
            ModerationKind.Proposal => "Nouveau lieu proposé",
            ModerationKind.Claim => "« C'est mon lieu »",
            _ => "Erreur signalée",
        };
        return line.Commune.Length > 0 ? $"{what} : {line.Place} ({line.Commune})" : $"{what} : {line.Place}";
    }

    private static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    private sealed record Entry(string Title, string? Detail, string Link);

    private static MailContent Compose(string subject, IEnumerable<string> before, IReadOnlyList<Entry> entries, IEnumerable<string> after)
    {
        var text = new StringBuilder();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>")
            .Append(H(subject)).Append("</title></head><body>");
        foreach (var line in before)
        {
            text.Append(line).Append("\r\n\r\n");
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        html.Append("<ul>");
        foreach (var entry in entries)
        {
            text.Append("- ").Append(entry.Title).Append("\r\n");
            html.Append("<li><p>").Append(H(entry.Title));
            if (entry.Detail is { } detail)
            {
                text.Append("  ").Append(detail).Append("\r\n");
                html.Append("<br>").Append(H(detail));
            }

            text.Append("  ").Append(entry.Link).Append("\r\n\r\n");
            html.Append("<br><a href=\"").Append(H(entry.Link)).Append("\">").Append(H(entry.Link)).Append("</a></p></li>");
        }

        html.Append("</ul>");
        foreach (var line in after)
        {
            text.Append(line).Append("\r\n\r\n");
            html.Append("<p>").Append(H(line)).Append("</p>");
        }

        text.Append("-- \r\n").Append(Signature).Append("\r\n");
        html.Append("<p>").Append(H(Signature)).Append("</p></body></html>");
        return new MailContent(subject, text.ToString(), html.ToString());
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
