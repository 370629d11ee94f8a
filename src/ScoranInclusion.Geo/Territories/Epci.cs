using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// An EPCI à fiscalité propre as far as the region's communes tell it: its members in this
/// region, their summed population, and as representative point the most populated member's.
/// </summary>
public sealed record Epci(string Siren, string Nom, IReadOnlyList<Commune> Communes, int Population, GeoPoint Location)
{
    /// <summary>The départements its member communes belong to (an EPCI may straddle two).</summary>
    public IReadOnlyList<string> CodesDepartements { get; } = [.. Communes.Select(c => c.CodeDepartement).Distinct().Order(StringComparer.Ordinal)];
}

/// <summary>
/// The EPCIs of the communes' directory, found by SIREN or by a name typed in an autocomplete:
/// the EPCI's own name ("grand autunois"), or the name of one of its communes ("Autun" finds
/// the EPCI Autun belongs to), so that a town hall that does not know its EPCI's name finds it.
/// </summary>
public sealed class EpciDirectory
{
    private readonly Dictionary<string, Epci> _bySiren;
    private readonly (Epci Epci, string Key)[] _byPopulation;

    public EpciDirectory(CommuneDirectory communes)
    {
        ArgumentNullException.ThrowIfNull(communes);

        _byPopulation = [.. communes.All
            .Where(c => c.EpciSiren.Length > 0)
            .GroupBy(c => c.EpciSiren, StringComparer.Ordinal)
            .Select(g =>
            {
                var members = g.OrderBy(c => c.Nom, StringComparer.Ordinal).ToArray();
                var main = members.OrderByDescending(c => c.Population ?? -1).ThenBy(c => c.CodeInsee, StringComparer.Ordinal).First();
                var epci = new Epci(g.Key, main.EpciNom, members, members.Sum(c => c.Population ?? 0), main.Location);
                return (epci, SearchText.Normalize(epci.Nom));
            })
            .OrderByDescending(e => e.epci.Population)
            .ThenBy(e => e.epci.Siren, StringComparer.Ordinal)];
        _bySiren = _byPopulation.ToDictionary(e => e.Epci.Siren, e => e.Epci, StringComparer.Ordinal);
        Communes = communes;
    }

    private CommuneDirectory Communes { get; }

    public IReadOnlyCollection<Epci> All => _bySiren.Values;

    public Epci? FindBySiren(string siren)
    {
        ArgumentNullException.ThrowIfNull(siren);
        return _bySiren.GetValueOrDefault(siren.Trim());
    }

    /// <summary>
    /// A SIREN gives its EPCI. Otherwise: first the EPCIs of the communes the text names (as the
    /// communes' autocomplete ranks them), then EPCIs whose name has a word starting with each
    /// word typed, most populated first.
    /// </summary>
    public IReadOnlyList<Epci> Search(string text, int first)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        if (first == 0)
            return [];

        var compact = text.Trim();
        if (compact.Length == 9 && compact.All(char.IsAsciiDigit))
            return FindBySiren(compact) is { } bySiren ? [bySiren] : [];

        var words = SearchText.Normalize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
            return [];

        var result = new List<Epci>(first);
        foreach (var commune in Communes.Search(text, first))
        {
            if (_bySiren.TryGetValue(commune.EpciSiren, out var epci) && !result.Contains(epci))
                result.Add(epci);
        }

        foreach (var (epci, key) in _byPopulation)
        {
            if (result.Count >= first)
                break;
            var keyWords = key.Split(' ');
            if (words.All(w => keyWords.Any(k => k.StartsWith(w, StringComparison.Ordinal))) && !result.Contains(epci))
                result.Add(epci);
        }

        return result.Take(first).ToList();
    }
}
