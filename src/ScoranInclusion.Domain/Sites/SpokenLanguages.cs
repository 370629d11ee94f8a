using System.Globalization;
using System.Text.Json;

namespace ScoranInclusion.Domain.Sites;

/// <summary>A language a place's team speaks: its ISO 639-1 code, its French name and its own name (« ukrainien », « українська »).</summary>
/// <param name="Names">Its name in each language of the interface (code → name; « fr » always given).</param>
/// <param name="RightToLeft">Its own name is written from right to left (arabe, persan…).</param>
public sealed record SpokenLanguage(string Code, string Nom, string NomNatif, bool RightToLeft, IReadOnlyDictionary<string, string> Names)
{
    /// <summary>The name in the reader's language (<paramref name="uiLanguage"/>, a code of the interface), French when not given.</summary>
    public string NameIn(string? uiLanguage) => uiLanguage is not null && Names.TryGetValue(uiLanguage, out var name) ? name : Nom;

    /// <summary>« ukrainien — українська » (the French name alone when the language is French).</summary>
    public string Label => NomNatif == Nom ? Nom : $"{Nom} — {NomNatif}";
}

/// <summary>
/// The languages spoken at a place (<c>languesParlees</c>, not a field of the standard: people give it on the edit page
/// or with <c>updateSite</c>): ISO 639-1 codes from one table, <c>web/src/langues-parlees.json</c>, that the widget
/// bundles too, so pages and widget name a language the same way.
/// </summary>
public static class SpokenLanguages
{
    /// <summary>The pseudo-field in validation issues and the change history.</summary>
    public const string Field = "langues_parlees";

    /// <summary>A place gives at most this many languages.</summary>
    public const int MaxCount = 20;

    private static readonly CultureInfo s_french = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>Every accepted language, by French name.</summary>
    public static IReadOnlyList<SpokenLanguage> All { get; } = Load();

    private static readonly Dictionary<string, (SpokenLanguage Language, int Index)> s_byCode =
        All.Select((l, i) => (l, i)).ToDictionary(x => x.l.Code, x => x, StringComparer.Ordinal);

    /// <summary>The language of an accepted code (lower case), or null.</summary>
    public static SpokenLanguage? Find(string? code) => code is not null && s_byCode.TryGetValue(code, out var found) ? found.Language : null;

    /// <summary>The position of an accepted code in <see cref="All"/> (0 to 63: a bit of a 64-bit facet), or -1.</summary>
    public static int IndexOf(string code) => s_byCode.TryGetValue(code, out var found) ? found.Index : -1;

    /// <summary>The codes as given, trimmed and lower-cased, without duplicates, in the order given.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> codes) =>
        [.. codes.Select(c => c.Trim().ToLowerInvariant()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal)];

    /// <summary>The codes of <see cref="Site.LanguesParlees"/> that break a rule: one issue per unknown code, or one when there are too many.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(IReadOnlyList<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var issues = new List<ValidationIssue>();
        if (codes.Count > MaxCount)
        {
            issues.Add(new ValidationIssue(Field, null, $"Trop de langues : {codes.Count}, {MaxCount} au plus.", ValidationSeverity.Error));
            return issues;
        }

        foreach (var code in codes)
        {
            if (Find(code) is null)
            {
                issues.Add(new ValidationIssue(Field, code,
                    $"Langue « {code} » inconnue : donnez un code ISO 639-1 de deux lettres de la liste des langues acceptées (par exemple « uk » pour l'ukrainien, « ar » pour l'arabe).",
                    ValidationSeverity.Error));
            }
        }

        return issues;
    }

    /// <summary>The codes stored on a place: joined with <c>|</c> in the order of <see cref="All"/>, null when none.</summary>
    public static string? Format(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? null : string.Join('|', codes.OrderBy(IndexOf).ThenBy(c => c, StringComparer.Ordinal));

    /// <summary>The codes of the stored form (unknown codes kept: the table may shrink, the data stays).</summary>
    public static IReadOnlyList<string> Parse(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The known languages of a place's codes, by French name.</summary>
    public static IReadOnlyList<SpokenLanguage> Of(IEnumerable<string> codes) =>
        [.. codes.Select(Find).OfType<SpokenLanguage>().OrderBy(l => IndexOf(l.Code))];

    private static List<SpokenLanguage> Load()
    {
        using var stream = typeof(SpokenLanguages).Assembly.GetManifestResourceStream("ScoranInclusion.Domain.langues-parlees.json")
            ?? throw new InvalidOperationException("Table des langues parlées absente de l'assemblage (web/src/langues-parlees.json).");
        using var document = JsonDocument.Parse(stream);
        var list = new List<SpokenLanguage>();
        foreach (var entry in document.RootElement.GetProperty("langues").EnumerateObject())
        {
            var names = new Dictionary<string, string>(StringComparer.Ordinal);
            var nom = "";
            var natif = "";
            var rtl = false;
            foreach (var property in entry.Value.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "natif": natif = property.Value.GetString()!; break;
                    case "rtl": rtl = property.Value.GetBoolean(); break;
                    default:
                        names[property.Name] = property.Value.GetString()!;
                        if (property.Name == "fr")
                        {
                            nom = property.Value.GetString()!;
                        }

                        break;
                }
            }

            list.Add(new SpokenLanguage(entry.Name, nom, natif, rtl, names));
        }

        var comparer = StringComparer.Create(s_french, CompareOptions.IgnoreCase);
        list.Sort((x, y) => comparer.Compare(x.Nom, y.Nom));
        if (list.Count > 64)
        {
            throw new InvalidOperationException("Plus de 64 langues parlées : la recherche les range dans 64 bits.");
        }

        return list;
    }
}
