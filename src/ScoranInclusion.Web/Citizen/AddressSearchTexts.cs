using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Web.Citizen;

/// <summary>
/// The search by address of <c>/lieux</c> (issue 21), whose messages are the catalogues' (web/i18n, <c>address.*</c>): an
/// address's label, and how a typed text is read as an address rather than a commune (the same rule as the widget's <c>looksLikeAddress</c>, web/src/scoran-carte.js).
/// </summary>
public static class AddressSearchTexts
{
    /// <summary>« 12 Rue de la Préfecture, Dijon »: what the results' heading says after « près de ».</summary>
    public static string Label(AddressMatch address) =>
        (address.NumeroText is { } n ? n + " " : "") + address.Street.Voie + ", " + address.Street.Commune;

    private static readonly HashSet<string> s_streetWords = new(StringComparer.Ordinal)
    {
        "rue", "r", "avenue", "av", "ave", "boulevard", "bd", "bld", "place", "pl", "chemin", "ch", "che", "allee", "all", "impasse", "imp",
        "route", "rte", "quai", "cours", "crs", "square", "sq", "passage", "faubourg", "fg", "fbg", "sentier", "voie", "ruelle", "montee",
        "promenade", "prom", "esplanade", "parvis", "cite", "clos", "lotissement", "residence", "res", "hameau",
    };

    /// <summary>A house number (not a five-digit code) or a street type among the words: « 12 rue… », « rue de la Gare autun ».</summary>
    public static bool LooksLikeAddress(string text) =>
        TextFolding.Words(text, splitDigitsFromLetters: false).Any(w => IsHouseNumber(w) || s_streetWords.Contains(w));

    /// <summary>« 12 », « 12b », « 3bis », « 1er »: one to four digits, then letters or nothing.</summary>
    private static bool IsHouseNumber(string word)
    {
        var digits = word.TakeWhile(char.IsAsciiDigit).Count();
        return digits is >= 1 and <= 4 && word.Skip(digits).All(char.IsAsciiLetter);
    }
}
