using ScoranInclusion.Domain.OpeningHours;

namespace ScoranInclusion.Domain.Sites;

/// <summary>One sign that a place was known true at a moment, and who gave it (a dataset's provenance, or people).</summary>
public readonly record struct FreshnessSign(DateTimeOffset At, string Provenance)
{
    /// <summary>Whether the sign comes from a person (a confirmation or an edit), not from a dataset.</summary>
    public bool ByPeople => Provenance == SiteFreshness.PeopleProvenance;
}

/// <summary>How fresh a place's information is: when it was last known true, by whom (a label for people), and whether that is too old.</summary>
public sealed record Freshness(DateTimeOffset LastVerifiedAt, string Provenance, string Source, bool Stale);

/// <summary>
/// The freshness of a place: the most recent of a person's confirmation (« toujours vrai »), a person's edit (the day
/// of each edited field), and each source's <c>date_maj</c> for the fields that source gives the place. A source whose
/// values all lost to others (it gives no field) says nothing about the place as shown.
/// </summary>
/// <remarks>
/// Dates without a time (<c>date_maj</c>, an edit's day) count from the start of that day in Paris, so a confirmation
/// on the same day is the more recent; between a dataset and people on the same instant, people win (as in
/// <see cref="SiteComposer"/>); between datasets, the first given keeps it. A place is stale when its last sign is
/// older than the given number of calendar months (in Paris).
/// </remarks>
public static class SiteFreshness
{
    /// <summary>The provenance of people's signs (the edit record's, and confirmations').</summary>
    public const string PeopleProvenance = "edition";

    /// <summary>The label of people's signs.</summary>
    public const string PeopleLabel = "l'équipe du lieu";

    /// <summary>The default of <c>Freshness:StaleAfter</c>, in months.</summary>
    public const int DefaultStaleAfterMonths = 12;

    // Datasets by the names their provenance is usually given; any other provenance is shown as written.
    private static readonly Dictionary<string, string> s_labels = new(StringComparer.OrdinalIgnoreCase)
    {
        [PeopleProvenance] = PeopleLabel,
        ["mednum-bfc"] = "MedNum BFC",
        ["france-services"] = "France services",
        ["data-inclusion"] = "data·inclusion",
        ["cartographie-nationale"] = "Cartographie nationale",
        ["lmn"] = "Cartographie nationale",
        ["lmn-national"] = "Cartographie nationale",
        ["coop-numerique"] = "La Coop de la médiation numérique",
        ["proposition"] = "l'équipe de l'annuaire",
    };

    /// <summary>The label of a provenance for people: a dataset's name, « l'équipe du lieu » for people, the provenance itself otherwise.</summary>
    public static string Label(string provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        return s_labels.TryGetValue(provenance.Trim(), out var label) ? label : provenance.Trim();
    }

    /// <summary>A person's « toujours vrai » (or any act that vouches for the whole place); none when never.</summary>
    public static FreshnessSign? Confirmation(DateTimeOffset? confirmedAt) =>
        confirmedAt is { } at ? new FreshnessSign(at, PeopleProvenance) : null;

    /// <summary>A person's edits: the most recent day among the edited fields; none without edits.</summary>
    public static FreshnessSign? Edits(IReadOnlyDictionary<string, DateOnly>? editedFields) =>
        editedFields is { Count: > 0 } fields ? new FreshnessSign(StartOfDay(fields.Values.Max()), PeopleProvenance) : null;

    /// <summary>A dataset's record: its <c>date_maj</c>, if it gives the place at least one field (its <c>id</c> and <c>date_maj</c> aside).</summary>
    public static FreshnessSign? Source(string provenance, DateOnly dateMaj, IEnumerable<string> givenFields)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(givenFields);
        return givenFields.Any(f => f is not (SiteFields.Id or SiteFields.DateMaj))
            ? new FreshnessSign(StartOfDay(dateMaj), provenance)
            : null;
    }

    /// <summary>The most recent of <paramref name="signs"/> (people win a tie, then the first given); none when there is none.</summary>
    public static FreshnessSign? Latest(IEnumerable<FreshnessSign?> signs)
    {
        ArgumentNullException.ThrowIfNull(signs);
        FreshnessSign? best = null;
        foreach (var candidate in signs)
        {
            if (candidate is not { } sign)
            {
                continue;
            }

            if (best is not { } current || sign.At > current.At || (sign.At == current.At && sign.ByPeople && !current.ByPeople))
            {
                best = sign;
            }
        }

        return best;
    }

    /// <summary>The freshness given by the most recent sign, stale when older than <paramref name="staleAfterMonths"/> before <paramref name="now"/>.</summary>
    public static Freshness Of(FreshnessSign latest, DateTimeOffset now, int staleAfterMonths) =>
        new(latest.At, latest.Provenance, Label(latest.Provenance), !IsWithin(latest.At, now, staleAfterMonths));

    /// <summary>
    /// Whether a sign at <paramref name="at"/> is at most <paramref name="months"/> calendar months old at
    /// <paramref name="now"/> (in Paris): exactly that old still counts as fresh.
    /// </summary>
    public static bool IsWithin(DateTimeOffset at, DateTimeOffset now, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        return at >= ParisTime.ToParis(now).AddMonths(-months);
    }

    /// <summary>The first instant of a day in Paris.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => ParisTime.FromLocal(day.ToDateTime(TimeOnly.MinValue));
}
