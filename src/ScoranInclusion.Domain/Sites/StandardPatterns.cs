using System.Globalization;
using System.Text.RegularExpressions;

namespace ScoranInclusion.Domain.Sites;

/// <summary>
/// Single-value format checks of the national standard (schema.json v1.0.2), shared by the
/// site validator, the importers and the GraphQL input validation. Values are checked as
/// given: callers trim or normalise first if they want to.
/// </summary>
public static partial class StandardPatterns
{
    /// <summary><c>presentation_resume</c>'s <c>maxLength</c>.</summary>
    public const int PresentationResumeMaxLength = 280;

    // The schema's regexes are JavaScript/Python ones. In .NET \d also matches non-ASCII
    // digits and $ also matches before a final "\n", so they are rewritten with [0-9] and \z.

    /// <summary><c>code_postal</c>: <c>^\d{5}$</c>.</summary>
    public static bool IsCodePostal(string value) => CodePostalPattern().IsMatch(value);

    /// <summary><c>code_insee</c>: <c>^([013-9]\d|2[AB1-9])\d{3}$</c> (2A/2B for Corsica, upper case only).</summary>
    public static bool IsCodeInsee(string value) => CodeInseePattern().IsMatch(value);

    /// <summary><c>telephone</c>: one number, international prefix of France or an overseas territory, no spaces.</summary>
    public static bool IsTelephone(string value) => TelephonePattern().IsMatch(value);

    /// <summary><c>pivot</c>: see <see cref="Pivot.IsValid"/>.</summary>
    public static bool IsPivot(string value) => Pivot.IsValid(value);

    /// <summary>
    /// A plausible e-mail address (one <c>@</c>, a dotted domain with a top-level domain).
    /// <c>|</c> is refused although RFC 5322 allows it, since it separates <c>courriels</c>.
    /// </summary>
    public static bool IsEmail(string value)
    {
        if (value.Length > 254)
        {
            return false;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == value.Length - 1)
        {
            return false;
        }

        var local = value[..at];
        var domain = value[(at + 1)..];
        if (!EmailLocalPattern().IsMatch(local))
        {
            return false;
        }

        // Accented domains (IDN) are legal; compare their ASCII (punycode) form.
        string asciiDomain;
        try
        {
            asciiDomain = new IdnMapping().GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return EmailDomainPattern().IsMatch(asciiDomain);
    }

    /// <summary>An absolute <c>http</c> or <c>https</c> URL with a dotted host and no whitespace.</summary>
    public static bool IsHttpUrl(string value) =>
        value.Length > 0
        && !value.Any(char.IsWhiteSpace)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Contains('.', StringComparison.Ordinal)
        && !uri.Host.StartsWith('.')
        && !uri.Host.EndsWith('.');

    /// <summary>Length as the schema counts it (Unicode code points, as Python's <c>len</c>).</summary>
    public static int Length(string value) => value.EnumerateRunes().Count();

    public static bool IsPresentationResume(string value) => Length(value) <= PresentationResumeMaxLength;

    /// <summary>
    /// Whether the INSEE code's département is the postcode's. Both must be well formed (false otherwise).
    /// A mismatch is only suspicious: some communes are served by a post office of the next département.
    /// </summary>
    public static bool CodeInseeMatchesCodePostal(string codeInsee, string codePostal)
    {
        if (!IsCodeInsee(codeInsee) || !IsCodePostal(codePostal))
        {
            return false;
        }

        // Corsica's postcodes kept the pre-1976 département number 20.
        if (codePostal.StartsWith("20", StringComparison.Ordinal))
        {
            return codeInsee.StartsWith("2A", StringComparison.Ordinal) || codeInsee.StartsWith("2B", StringComparison.Ordinal);
        }

        // Overseas départements and collectivities have 3-character codes.
        if (codePostal.StartsWith("97", StringComparison.Ordinal) || codePostal.StartsWith("98", StringComparison.Ordinal))
        {
            var postal = codePostal[..3];
            var insee = codeInsee[..3];

            // Saint-Barthélemy (977) and Saint-Martin (978) still use Guadeloupe's 971 postcodes.
            return postal == insee || (postal == "971" && insee is "977" or "978");
        }

        return codePostal[..2] == codeInsee[..2];
    }

    [GeneratedRegex(@"^[0-9]{5}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodePostalPattern();

    [GeneratedRegex(@"^([013-9][0-9]|2[AB1-9])[0-9]{3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CodeInseePattern();

    [GeneratedRegex(@"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)[0-9]{6,9}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TelephonePattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{}~-]+)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailLocalPattern();

    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex EmailDomainPattern();
}
