using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Search;

/// <summary>
/// Search filters. Within one list the values are alternatives (a site offering any of the
/// given services matches); the lists are combined with AND. An empty list does not filter.
/// </summary>
public sealed record SiteFilter
{
    public static readonly SiteFilter None = new();

    public IReadOnlyList<Service> Services { get; init; } = [];
    public IReadOnlyList<PublicSpecifiquementAdresse> Publics { get; init; } = [];
    public IReadOnlyList<FraisACharge> FraisACharge { get; init; } = [];
    public IReadOnlyList<ModaliteAccompagnement> ModalitesAccompagnement { get; init; } = [];

    /// <summary>Languages spoken at the place, ISO 639-1 codes of <see cref="SpokenLanguages"/> (a place that gives none does not match).</summary>
    public IReadOnlyList<string> Langues { get; init; } = [];

    /// <summary>Only places whose hours say open at this instant (unknown or missing hours do not match).</summary>
    public DateTimeOffset? OpenAt { get; init; }

    /// <summary>Only places whose hours say open at some moment of this day, in Paris (unknown or missing hours do not match).</summary>
    public DateOnly? OpenOn { get; init; }

    /// <summary>Only these places (for example those with an upcoming session); null does not filter.</summary>
    public IReadOnlySet<long>? OnlySites { get; init; }

    public bool IsEmpty =>
        Services.Count == 0 && Publics.Count == 0 && FraisACharge.Count == 0 && ModalitesAccompagnement.Count == 0 && Langues.Count == 0 && OpenAt is null && OpenOn is null && OnlySites is null;
}
