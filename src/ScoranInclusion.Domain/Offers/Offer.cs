using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Offers;

/// <summary>How to sign up: any combination; on site alone is a valid answer ("venez sans inscription").</summary>
public sealed record Registration(string? Url, string? Telephone, string? Courriel, bool OnSite)
{
    public static readonly Registration None = new(null, null, null, false);

    public bool IsEmpty => Url is null && Telephone is null && Courriel is null && !OnSite;
}

/// <summary>
/// A training offer: a workshop or a kind of help that a place gives, on dates given by its sessions. Themes use
/// the national standard's services vocabulary and publics its publics vocabulary, so that offers and places are
/// filtered the same way.
/// </summary>
/// <param name="SiteKey">The place that gives it; null only for a remote offer.</param>
/// <param name="IsExample">A sample shipped with the server, not a real announcement.</param>
public sealed record Offer(
    string Title,
    string Summary,
    string? Description,
    IReadOnlyList<Service> Themes,
    IReadOnlyList<PublicSpecifiquementAdresse> Publics,
    OfferLevel Level,
    OfferFormat Format,
    OfferFee Fee,
    string? FeeCondition,
    Registration Registration,
    long? SiteKey,
    string? AccessibilityNotes,
    bool IsExample = false);

/// <summary>The rules of an offer's fields, with French messages naming the field.</summary>
public static class OfferRules
{
    public const int TitleMaxLength = 120;
    public const int SummaryMaxLength = 280;
    public const int DescriptionMaxLength = 5000;
    public const int NotesMaxLength = 1000;

    /// <summary>Trims the texts and checks every rule; returns the offer to store.</summary>
    public static Offer Normalize(Offer offer)
    {
        var title = Required("title", offer.Title, TitleMaxLength, "le titre");
        var summary = Required("summary", offer.Summary, SummaryMaxLength, "le résumé en langage simple");
        var description = Optional("description", offer.Description, DescriptionMaxLength);
        var notes = Optional("accessibilityNotes", offer.AccessibilityNotes, NotesMaxLength);
        var condition = Optional("feeCondition", offer.FeeCondition, 200);
        if (offer.Themes.Count == 0)
        {
            // The example is built from the vocabulary: it is always a value that exists.
            throw Invalid("themes", $"Indiquez au moins un thème (par exemple {Vocabularies.Services.ApiName(Service.MaitriseDesOutilsNumeriquesDuQuotidien)}).");
        }

        if (offer.Fee == OfferFee.FreeUnderCondition && condition is null)
        {
            throw Invalid("feeCondition", "Une offre gratuite sous condition dit laquelle (par exemple « avec un Pass numérique »).");
        }

        if (offer.SiteKey is null && offer.Format != OfferFormat.Remote)
        {
            throw Invalid("siteId", "Indiquez le lieu qui propose l'offre ; seule une offre à distance (format REMOTE) peut s'en passer.");
        }

        var registration = Normalize(offer.Registration);
        return offer with
        {
            Title = title,
            Summary = summary,
            Description = description,
            AccessibilityNotes = notes,
            FeeCondition = condition,
            Themes = [.. offer.Themes.Distinct()],
            Publics = [.. offer.Publics.Distinct()],
            Registration = registration,
        };
    }

    private static Registration Normalize(Registration registration)
    {
        var url = Optional("registration.url", registration.Url, 500);
        if (url is not null && !StandardPatterns.IsHttpUrl(url))
        {
            throw Invalid("registration.url", $"« {Short(url)} » n'est pas une adresse web (http:// ou https://).");
        }

        var courriel = Optional("registration.courriel", registration.Courriel, 200);
        if (courriel is not null && !StandardPatterns.IsEmail(courriel))
        {
            throw Invalid("registration.courriel", $"« {Short(courriel)} » n'est pas une adresse électronique valide.");
        }

        var telephone = Optional("registration.telephone", registration.Telephone, 40);
        if (telephone is not null)
        {
            if (!Telephone.TryNormalize(telephone, out var normalized))
            {
                throw Invalid("registration.telephone", $"« {Short(telephone)} » n'est pas un numéro de téléphone français (par exemple 03 80 00 00 00).");
            }

            telephone = normalized;
        }

        var result = new Registration(url, telephone, courriel, registration.OnSite);
        if (result.IsEmpty)
        {
            throw Invalid("registration", "Dites comment s'inscrire : lien, téléphone, courriel ou sur place (onSite).");
        }

        return result;
    }

    private static string Required(string field, string? value, int max, string what)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw Invalid(field, $"Indiquez {what}.");
        }

        if (StandardPatterns.Length(text) > max)
        {
            throw Invalid(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} dépasse {max} caractères.");
        }

        return text;
    }

    private static string? Optional(string field, string? value, int max)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (StandardPatterns.Length(text) > max)
        {
            throw Invalid(field, $"Le champ {field} dépasse {max} caractères.");
        }

        return text;
    }

    private static string Short(string value) => value.Length <= 60 ? value : value[..60] + "…";

    private static OfferRuleException Invalid(string field, string message) => new(OfferRuleCodes.InvalidOffer, field, message);
}
