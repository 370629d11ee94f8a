using System.Text.RegularExpressions;

namespace ScoranInclusion.Domain.Sites;

/// <summary>What a <c>pivot</c> value identifies.</summary>
public enum PivotKind
{
    /// <summary>Missing, or the placeholder <see cref="Pivot.Unknown"/>.</summary>
    Unknown,

    /// <summary>14 digits: an establishment of the SIRENE register (the standard's preferred pivot).</summary>
    Siret,

    /// <summary>9 digits: a company as a whole; accepted by the schema pattern but less precise than a SIRET.</summary>
    Siren,

    /// <summary><c>W</c> followed by 9 letters or digits: an association of the RNA register.</summary>
    Rna,

    /// <summary>Matches none of the above (e.g. a RIDET, which the ANCT library dropped in 2025).</summary>
    Other,
}

/// <summary>The standard's <c>pivot</c> field: the SIRET or RNA number of the structure.</summary>
public static partial class Pivot
{
    /// <summary>The placeholder producers write when they do not know the SIRET; it matches the schema pattern.</summary>
    public const string Unknown = "00000000000000";

    // La Poste's establishments share one SIREN and outnumber what the Luhn key allows, so
    // INSEE gives them their own rule (sum of the digits divisible by 5); its head office
    // still follows Luhn, hence "either" below.
    private const string LaPosteSiren = "356000000";

    // No SIREN is 000000000: a SIRET beginning so is the placeholder or a variant of it (00000000000018 passes Luhn).
    private const string UnknownSiren = "000000000";

    /// <summary>True when there is no usable identifier: blank, or the <see cref="Unknown"/> placeholder.</summary>
    public static bool IsUnknown(string? pivot) => string.IsNullOrWhiteSpace(pivot) || pivot.Trim() == Unknown;

    /// <summary>The schema's pattern <c>^[a-zA-Z0-9]{9,14}$</c>. The placeholder <see cref="Unknown"/> is valid.</summary>
    public static bool IsValid(string pivot) => PivotPattern().IsMatch(pivot);

    public static PivotKind Kind(string pivot)
    {
        if (IsUnknown(pivot))
        {
            return PivotKind.Unknown;
        }

        if (IsDigits(pivot, 14))
        {
            return PivotKind.Siret;
        }

        if (IsDigits(pivot, 9))
        {
            return PivotKind.Siren;
        }

        return RnaPattern().IsMatch(pivot) ? PivotKind.Rna : PivotKind.Other;
    }

    /// <summary>
    /// Whether a SIRET or SIREN passes INSEE's control key (Luhn, with La Poste's exception).
    /// A failure hints at a typo; the schema does not require it, so callers should warn, not reject.
    /// </summary>
    public static bool HasValidCheckDigit(string siretOrSiren)
    {
        if (!IsDigits(siretOrSiren, 14) && !IsDigits(siretOrSiren, 9))
        {
            return false;
        }

        return PassesLuhn(siretOrSiren)
            || (siretOrSiren.Length == 14
                && siretOrSiren.StartsWith(LaPosteSiren, StringComparison.Ordinal)
                && siretOrSiren.Sum(c => c - '0') % 5 == 0);
    }

    /// <summary>
    /// Whether <paramref name="siret"/> may stand for a structure when it decides who edits what (a mediator's
    /// scope, a comparison with a place's pivot): 14 digits, a SIREN other than 000000000 (the placeholder
    /// <see cref="Unknown"/> and its variants name nobody, and nearly every imported place carries it) and a
    /// valid control key (Luhn, or La Poste's rule). Anything else identifies no structure and matches no place.
    /// </summary>
    public static bool IsStructureSiret(string? siret) => StructureSiretProblem(siret) is null;

    /// <summary>
    /// Why <paramref name="siret"/> cannot identify a structure (see <see cref="IsStructureSiret"/>), as a French
    /// sentence for the person who typed it; null when it can. The value is taken as given (no trimming).
    /// </summary>
    public static string? StructureSiretProblem(string? siret)
    {
        if (siret is null || !IsDigits(siret, 14))
        {
            // The input is echoed short: it can be anything a client sent.
            var shown = siret is null ? "" : siret.Length > 40 ? siret[..40] + "…" : siret;
            return $"SIRET invalide : « {shown} » : un SIRET s'écrit avec 14 chiffres, sans espace ni ponctuation.";
        }

        if (siret.StartsWith(UnknownSiren, StringComparison.Ordinal))
        {
            return $"« {siret} » est la valeur « SIRET inconnu » du standard, que portent presque tous les lieux importés : "
                + "il ne désigne aucune structure. Donnez le SIRET de la structure (annuaire-entreprises.data.gouv.fr) ou ses lieux un par un.";
        }

        if (!HasValidCheckDigit(siret))
        {
            return $"SIRET invalide : la clé de contrôle de « {siret} » est incorrecte (numéro mal recopié ?) ; vérifiez-le sur annuaire-entreprises.data.gouv.fr.";
        }

        return null;
    }

    /// <summary>
    /// Whether a place whose pivot is <paramref name="placePivot"/> belongs to the structure <paramref name="scopeSiret"/>:
    /// only when the scope is a real SIRET (<see cref="IsStructureSiret"/>) and the pivot is the same number. A scope
    /// stored before this rule with the placeholder or a wrong key matches nothing.
    /// </summary>
    public static bool SameStructure(string? scopeSiret, string? placePivot) =>
        IsStructureSiret(scopeSiret) && string.Equals(scopeSiret, placePivot?.Trim(), StringComparison.Ordinal);

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    // \z rather than $: .NET's $ also matches before a trailing newline.
    [GeneratedRegex(@"^[a-zA-Z0-9]{9,14}\z", RegexOptions.CultureInvariant)]
    private static partial Regex PivotPattern();

    [GeneratedRegex(@"^W[a-zA-Z0-9]{9}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RnaPattern();
}
