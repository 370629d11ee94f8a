using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace ScoranInclusion.Web.Languages;

/// <summary>
/// A language of the citizen pages and the widget: its code (ISO 639-1, as <c>?langue=</c> and the widget's
/// <c>langue</c> attribute take it), its writing direction and the culture its dates are written in. The texts
/// come from <c>web/i18n/{code}.json</c>, embedded in this assembly, the same files the widget's build bundles.
/// </summary>
public sealed class Language
{
    /// <summary>French first: the default, and the language of the places' own texts.</summary>
    public static readonly IReadOnlyList<Language> All =
    [
        new("fr", "fr-FR"),
        new("en", "en-GB"),
        new("ar", "ar", rightToLeft: true),
        new("uk", "uk-UA"),
        new("tr", "tr-TR"),
        new("ro", "ro-RO"),
    ];

    public static Language French => All[0];

    private static readonly FrozenDictionary<string, Language> s_byCode = All.ToFrozenDictionary(l => l.Code, StringComparer.OrdinalIgnoreCase);

    private Language(string code, string culture, bool rightToLeft = false)
    {
        Code = code;
        RightToLeft = rightToLeft;
        var info = (CultureInfo)CultureInfo.GetCultureInfo(culture).Clone();
        // Latin digits and a dot as the widget's Intl writes them (ICU's Arabic would write « ٤٫٢ » here and « 4.2 » there).
        info.NumberFormat.NativeDigits = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
        if (rightToLeft)
        {
            info.NumberFormat.NumberDecimalSeparator = ".";
        }

        Culture = CultureInfo.ReadOnly(info);
        Messages = Load(code);
    }

    public string Code { get; }

    public bool RightToLeft { get; }

    public string Dir => RightToLeft ? "rtl" : "ltr";

    public CultureInfo Culture { get; }

    /// <summary>The catalogue: key (plural forms as <c>key#one</c>, <c>key#other</c>…) to text with <c>{name}</c> placeholders.</summary>
    public FrozenDictionary<string, string> Messages { get; }

    /// <summary>The language's name in itself (« العربية », « Українська »).</summary>
    public string NativeName => Messages["lang.name"];

    public static Language? Find(string? code) => code is { Length: > 0 } && s_byCode.TryGetValue(code.Trim(), out var language) ? language : null;

    private static FrozenDictionary<string, string> Load(string code)
    {
        using var stream = typeof(Language).Assembly.GetManifestResourceStream($"i18n.{code}.json")
            ?? throw new InvalidOperationException($"Le catalogue web/i18n/{code}.json manque dans l'assemblage.");
        var messages = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"Le catalogue web/i18n/{code}.json est vide.");
        return messages.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>
    /// The plural category of a whole number, as CLDR (and the browser's <c>Intl.PluralRules</c>) gives it for this
    /// language: <c>zero one two few many other</c>.
    /// </summary>
    public string PluralCategory(long n)
    {
        n = Math.Abs(n);
        return Code switch
        {
            "fr" => n is 0 or 1 ? "one" : "other",
            "ar" => n switch
            {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ when n % 100 is >= 3 and <= 10 => "few",
                _ when n % 100 is >= 11 and <= 99 => "many",
                _ => "other",
            },
            "uk" => n % 10 == 1 && n % 100 != 11 ? "one"
                : n % 10 is >= 2 and <= 4 && n % 100 is not (>= 12 and <= 14) ? "few"
                : "many",
            "ro" => n == 1 ? "one" : n == 0 || n % 100 is >= 2 and <= 19 ? "few" : "other",
            _ => n == 1 ? "one" : "other",
        };
    }
}
