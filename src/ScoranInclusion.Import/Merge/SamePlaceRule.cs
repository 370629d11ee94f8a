using System.Collections.Frozen;
using System.Globalization;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Import.Merge;

/// <summary>What the same-place rule compares of a place.</summary>
/// <param name="FranceServices">Whether the place carries the dispositif France Services: its name then need not say so.</param>
public sealed record PlaceFacts(string Nom, string Adresse, string Commune, bool FranceServices, GeoPoint? Location, LocationPrecision Precision)
{
    public MatchScore.Side ToSide() => new(Nom, Adresse, Location, Precision);
}

/// <summary>Whether two names may be one place's, and why, in French for the merge's explanation.</summary>
public sealed record NameCompatibility(bool Compatible, string Why);

/// <summary>
/// The rule that lets an import merge without a person when the facts agree, whatever the fuzzy
/// score of the names: same commune (the finder's candidates all are), the same address once
/// normalized, points at most <see cref="MergeOptions.SamePlaceMeters"/> apart, and names
/// compatible once the field's synonyms are read (<see cref="PlaceText.NameTokens"/>): « France
/// services de Luzy » and « MFS Luzy » 0.2 m apart are one place. See README.md (« Unattended merges »).
/// </summary>
public static class SamePlaceRule
{
    /// <summary>Rule names, as merge explanations start.</summary>
    public const string AddressAndPoint = "même adresse et même point";

    public const string AddressWithNumber = "même adresse, numéro compris";

    public const string Likeness = "ressemblance";

    // Words that say nothing of which place it is once its kind is known.
    private static readonly FrozenSet<string> s_filler = new[]
    {
        "espace", "maison", "services", "service", "antenne", "accueil", "point", "relais", "public", "publics",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> s_kindLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PlaceText.FranceServices] = "France services",
        [PlaceText.Mediatheque] = "médiathèque",
        ["epn"] = "EPN",
        ["pij"] = "PIJ",
        ["ccas"] = "CCAS",
        ["cias"] = "CIAS",
        ["pimms"] = "PIMMS",
        ["cyberbase"] = "Cyber-base",
        ["mairie"] = "mairie",
        ["tierslieu"] = "tiers-lieu",
        ["social"] = "centre social",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The merge a pair deserves without a person, with its explanation (« même adresse et même
    /// point : … »), or null. Checked in order: the same-place rule with precise points, the same
    /// address with its house number when a point is only the commune's, then the score
    /// (<see cref="MergeOptions.MergeThreshold"/> and <see cref="MergeOptions.MinimumNameScoreToMerge"/>);
    /// each one also needs compatible names.
    /// </summary>
    public static string? Decide(PlaceFacts incoming, PlaceFacts existing, MatchScore score, MergeOptions options)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(options);
        var names = Names(incoming, existing, score.Name, options.MinimumNameScoreToMerge);
        if (!names.Compatible)
        {
            return null;
        }

        if (score.DistanceMeters is { } meters)
        {
            if (meters <= options.SamePlaceMeters && SameAddress(incoming.Adresse, existing.Adresse, requireNumber: false))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{AddressAndPoint} : même commune, même adresse, points à {meters:0.#} m (au plus {options.SamePlaceMeters:0} m), {names.Why}");
            }
        }
        else if (SameAddress(incoming.Adresse, existing.Adresse, requireNumber: true))
        {
            return $"{AddressWithNumber} : même commune, même adresse avec le même numéro, un des points n'est que celui de la commune, {names.Why}";
        }

        return score.Total >= options.MergeThreshold && score.Name >= options.MinimumNameScoreToMerge
            ? string.Create(CultureInfo.InvariantCulture,
                $"{Likeness} : score {score.Total:0} (au moins {options.MergeThreshold:0}), nom {score.Name:0} (au moins {options.MinimumNameScoreToMerge:0}), {names.Why}")
            : null;
    }

    /// <summary>
    /// Whether two names may be one place's: the same once normalized; else not when both say
    /// what kind of place they are and the kinds differ (a médiathèque is not a France services,
    /// even at the same address); else similar enough (name score at least
    /// <paramref name="minimumNameScore"/>); else of the same kind (the dispositif France Services
    /// counts as the name saying it) with one name generic (nothing left once its kind, its
    /// commune and filler words are taken out: « France services de Luzy ») or the rest similar.
    /// </summary>
    public static NameCompatibility Names(PlaceFacts a, PlaceFacts b, double nameScore, double minimumNameScore)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var wordsA = PlaceText.NameTokens(a.Nom);
        var wordsB = PlaceText.NameTokens(b.Nom);
        if (wordsA.SequenceEqual(wordsB, StringComparer.Ordinal))
        {
            return new NameCompatibility(true, "noms identiques une fois normalisés");
        }

        var kindsA = Kinds(wordsA, a.FranceServices);
        var kindsB = Kinds(wordsB, b.FranceServices);
        var shared = kindsA.Intersect(kindsB, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (kindsA.Count > 0 && kindsB.Count > 0 && shared.Count == 0)
        {
            return new NameCompatibility(false, $"natures différentes ({Labels(kindsA)} / {Labels(kindsB)})");
        }

        if (nameScore >= minimumNameScore)
        {
            return new NameCompatibility(true, string.Create(CultureInfo.InvariantCulture, $"noms semblables (nom {nameScore:0})"));
        }

        if (shared.Count == 0)
        {
            return new NameCompatibility(false, "noms différents");
        }

        var communeWords = PlaceText.Tokens(a.Commune, dropStopWords: true).Concat(PlaceText.Tokens(b.Commune, dropStopWords: true))
            .ToHashSet(StringComparer.Ordinal);
        var restA = Rest(wordsA, communeWords);
        var restB = Rest(wordsB, communeWords);
        var kind = Labels(shared);
        if (restA.Length == 0 || restB.Length == 0)
        {
            return new NameCompatibility(true, $"noms compatibles (même nature : {kind} ; « {(restA.Length == 0 ? a.Nom : b.Nom)} » ne dit rien de plus)");
        }

        var ratio = TextSimilarity.TokenSetRatio(restA, restB);
        return ratio >= 80
            ? new NameCompatibility(true, string.Create(CultureInfo.InvariantCulture, $"noms compatibles (même nature : {kind} ; le reste des noms se ressemble à {ratio:0})"))
            : new NameCompatibility(false, string.Create(CultureInfo.InvariantCulture, $"même nature ({kind}) mais noms différents ({ratio:0})"));
    }

    /// <summary>
    /// Whether two addresses are the same once normalized (<see cref="PlaceText.Street"/>): the
    /// same house number when both have one (required of both when <paramref name="requireNumber"/>),
    /// and the same street words, allowing a slip (Levenshtein ratio ≥ 90) or one address adding
    /// words after the other's (a building, the commune).
    /// </summary>
    public static bool SameAddress(string a, string b, bool requireNumber)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var (numberA, streetA) = Split(PlaceText.Tokens(a, dropStopWords: true));
        var (numberB, streetB) = Split(PlaceText.Tokens(b, dropStopWords: true));
        if (numberA is not null && numberB is not null)
        {
            if (numberA != numberB)
            {
                return false;
            }
        }
        else if (requireNumber)
        {
            return false;
        }

        if (streetA.Count == 0 || streetB.Count == 0)
        {
            return false;
        }

        var textA = string.Join(' ', streetA);
        var textB = string.Join(' ', streetB);
        if (textA == textB || TextSimilarity.Ratio(textA, textB) >= 90)
        {
            return true;
        }

        var (shorter, longer) = streetA.Count <= streetB.Count ? (streetA, streetB) : (streetB, streetA);
        return shorter.Count >= 2 && longer.Take(shorter.Count).SequenceEqual(shorter, StringComparer.Ordinal);
    }

    // The leading house number (with bis, ter…) and the rest of the street.
    private static (string? Number, List<string> Street) Split(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0 || !tokens[0].All(char.IsAsciiDigit))
        {
            return (null, [.. tokens]);
        }

        var take = tokens.Count > 1 && tokens[1] is "bis" or "ter" or "quater" ? 2 : 1;
        return (string.Join(' ', tokens.Take(take)), [.. tokens.Skip(take)]);
    }

    private static HashSet<string> Kinds(IReadOnlyList<string> words, bool franceServices)
    {
        var kinds = words.Where(PlaceText.KindWords.Contains).ToHashSet(StringComparer.Ordinal);
        if (franceServices)
        {
            kinds.Add(PlaceText.FranceServices);
        }

        return kinds;
    }

    private static string Rest(IReadOnlyList<string> words, HashSet<string> communeWords) =>
        string.Join(' ', words.Where(w => !PlaceText.KindWords.Contains(w) && !communeWords.Contains(w) && !s_filler.Contains(w)));

    private static string Labels(IEnumerable<string> kinds) =>
        string.Join(", ", kinds.Order(StringComparer.Ordinal).Select(k => s_kindLabels.GetValueOrDefault(k, k)));
}
