using System.Collections.Frozen;
using ScoranInclusion.Domain.Territories;

namespace ScoranInclusion.Geo.Territories;

/// <summary>A former commune code (merged, delegated, associated) and the current commune it belongs to.</summary>
/// <param name="AncienCode">The former INSEE code.</param>
/// <param name="AncienNom">Its name, when known.</param>
/// <param name="Type"><c>commune-deleguee</c>, <c>commune-associee</c> or <c>ancien-code</c>.</param>
/// <param name="CodeInsee">The current commune.</param>
public sealed record AncienneCommune(string AncienCode, string? AncienNom, string Type, string CodeInsee);

/// <summary>
/// The address half of <see cref="ICommuneLocator"/>: which commune a postal code and a town
/// name designate, with former commune names. Pure and in memory, so that any locator (and
/// the tests) share one matching rule.
/// </summary>
public sealed partial class CommuneDirectory
{
    /// <summary>The communes of each département, by INSEE code.</summary>
    private readonly FrozenDictionary<string, Commune[]> _byDepartement;

    /// <summary>The names of former communes (delegated, associated, merged), by current commune.</summary>
    private readonly FrozenDictionary<string, string[]> _anciensNoms;

    /// <summary>
    /// A directory of these communes and former communes, for callers that read them from
    /// elsewhere than the geodata files (the geodata builder, tests). Former codes that are
    /// also current, or that name an unknown commune, map nothing.
    /// </summary>
    public static CommuneDirectory From(IEnumerable<Commune> communes, IEnumerable<AncienneCommune> anciennes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(anciennes);
        var list = communes.ToList();
        var byCode = list.ToDictionary(c => c.CodeInsee, StringComparer.Ordinal);
        var formers = anciennes.ToList();
        var byFormerCode = new Dictionary<string, Commune>(StringComparer.Ordinal);
        foreach (var ancienne in formers)
        {
            if (!byCode.ContainsKey(ancienne.AncienCode) && byCode.TryGetValue(ancienne.CodeInsee, out var commune))
            {
                byFormerCode.TryAdd(ancienne.AncienCode, commune);
            }
        }

        return new CommuneDirectory(list, byFormerCode, formers);
    }

    /// <summary>
    /// Among the communes of the postal code: same name, else a former name, else a close name
    /// (best kind only, several if ambiguous, by INSEE code). When the postal code names none of
    /// them (CEDEX codes, typos), the same name or former name is looked for in the postal
    /// code's département.
    /// </summary>
    public IReadOnlyList<CommuneMatch> FindByAddress(string codePostal, string ville)
    {
        ArgumentNullException.ThrowIfNull(codePostal);
        ArgumentNullException.ThrowIfNull(ville);
        if (CommuneNames.Key(ville).Length == 0)
        {
            return [];
        }

        var candidates = FindByPostalCode(codePostal).OrderBy(c => c.CodeInsee, StringComparer.Ordinal).ToList();
        var found = Best(candidates, ville, allowClose: true);
        if (found.Count > 0 || codePostal.Trim().Length != 5)
        {
            return found;
        }

        var departement = _byDepartement.GetValueOrDefault(codePostal.Trim()[..2]) ?? [];
        return Best(departement, ville, allowClose: false)
            .Select(m => m with { Kind = CommuneMatchKind.NomHorsCodePostal })
            .ToList();
    }

    private static FrozenDictionary<string, Commune[]> ByDepartement(IEnumerable<Commune> byCode) =>
        byCode
            .GroupBy(c => c.CodeDepartement, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static FrozenDictionary<string, string[]> AnciensNomsByCommune(IEnumerable<AncienneCommune> anciennes) =>
        anciennes
            .Where(a => !string.IsNullOrWhiteSpace(a.AncienNom))
            .GroupBy(a => a.CodeInsee, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(a => a.AncienNom!).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private List<CommuneMatch> Best(IReadOnlyList<Commune> candidates, string ville, bool allowClose)
    {
        var byName = candidates.Where(c => CommuneNames.SameName(ville, c.Nom)).ToList();
        if (byName.Count > 0)
        {
            return byName.ConvertAll(c => new CommuneMatch(c, CommuneMatchKind.Nom));
        }

        var byFormerName = candidates.Where(c => AnciensNoms(c).Any(n => CommuneNames.SameName(ville, n))).ToList();
        if (byFormerName.Count > 0)
        {
            return byFormerName.ConvertAll(c => new CommuneMatch(c, CommuneMatchKind.AncienNom));
        }

        if (!allowClose)
        {
            return [];
        }

        var close = candidates
            .Where(c => CommuneNames.CloseNames(ville, c.Nom) || AnciensNoms(c).Any(n => CommuneNames.CloseNames(ville, n)))
            .ToList();
        return close.ConvertAll(c => new CommuneMatch(c, CommuneMatchKind.NomApproche));
    }

    private string[] AnciensNoms(Commune commune) => _anciensNoms.GetValueOrDefault(commune.CodeInsee) ?? [];
}
