using System.Collections.Frozen;

namespace ScoranInclusion.Domain.OpeningHours;

/// <summary>
/// The words of the syntax, and the French and English words people type instead. Canonical words are accepted
/// in any case (the reference does so silently); the others are repaired, reported, and suggested.
/// </summary>
internal static class Vocabulary
{
    public static readonly string[] WeekdayCodes = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    public static readonly string[] MonthCodes = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    public static readonly string[] FrenchWeekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];

    public static readonly FrozenDictionary<string, int> Weekdays = Build(
        ("mo", 0), ("tu", 1), ("we", 2), ("th", 3), ("fr", 4), ("sa", 5), ("su", 6));

    public static readonly FrozenDictionary<string, int> Months = Build(
        ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("may", 5), ("jun", 6),
        ("jul", 7), ("aug", 8), ("sep", 9), ("oct", 10), ("nov", 11), ("dec", 12));

    /// <summary>Weekday names that are not the syntax's: French (full, three letters, two letters) and English.</summary>
    public static readonly FrozenDictionary<string, int> WeekdayAliases = Build(
        ("lundi", 0), ("lun", 0), ("lu", 0), ("mardi", 1), ("ma", 1), ("mercredi", 2), ("mer", 2), ("me", 2),
        ("jeudi", 3), ("jeu", 3), ("je", 3), ("vendredi", 4), ("ven", 4), ("ve", 4), ("samedi", 5), ("sam", 5),
        ("dimanche", 6), ("dim", 6), ("di", 6),
        ("monday", 0), ("mon", 0), ("tuesday", 1), ("tue", 1), ("tues", 1), ("wednesday", 2), ("wed", 2),
        ("thursday", 3), ("thu", 3), ("thur", 3), ("thurs", 3), ("friday", 4), ("fri", 4), ("saturday", 5),
        ("sat", 5), ("sunday", 6), ("sun", 6));

    public static readonly FrozenDictionary<string, int> MonthAliases = Build(
        ("janvier", 1), ("janv", 1), ("january", 1), ("février", 2), ("fevrier", 2), ("févr", 2), ("fevr", 2),
        ("fév", 2), ("fev", 2), ("february", 2), ("mars", 3), ("march", 3), ("avril", 4), ("avr", 4), ("april", 4),
        ("mai", 5), ("juin", 6), ("june", 6), ("juillet", 7), ("juil", 7), ("july", 7), ("août", 8), ("aout", 8),
        ("august", 8), ("septembre", 9), ("sept", 9), ("september", 9), ("octobre", 10), ("october", 10),
        ("novembre", 11), ("november", 11), ("décembre", 12), ("decembre", 12), ("déc", 12), ("december", 12));

    public static readonly FrozenDictionary<string, StateKeyword> States = new Dictionary<string, StateKeyword>(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = StateKeyword.Open,
        ["closed"] = StateKeyword.Closed,
        ["off"] = StateKeyword.Off,
        ["unknown"] = StateKeyword.Unknown,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, StateKeyword> StateAliases = new Dictionary<string, StateKeyword>(StringComparer.OrdinalIgnoreCase)
    {
        ["fermé"] = StateKeyword.Off,
        ["fermée"] = StateKeyword.Off,
        ["ferme"] = StateKeyword.Off,
        ["fermee"] = StateKeyword.Off,
        ["fermeture"] = StateKeyword.Off,
        ["ouvert"] = StateKeyword.Open,
        ["ouverte"] = StateKeyword.Open,
        ["inconnu"] = StateKeyword.Unknown,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenSet<string> PublicHolidayAliases = new[] { "férié", "fériés", "ferie", "feries", "jf" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static string StateText(StateKeyword state) => state switch
    {
        StateKeyword.Open => "open",
        StateKeyword.Closed => "closed",
        StateKeyword.Off => "off",
        _ => "unknown",
    };

    private static FrozenDictionary<string, int> Build(params (string Key, int Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
}
