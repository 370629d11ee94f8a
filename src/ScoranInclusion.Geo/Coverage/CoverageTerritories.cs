using System.Text.Json;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Geo.Coverage;

/// <summary>The level of a territory whose coverage is measured.</summary>
public enum CoverageLevel
{
    /// <summary>A commune, by INSEE code (a former code names the current commune).</summary>
    Commune,

    /// <summary>An EPCI à fiscalité propre, by SIREN (its communes of the region).</summary>
    Epci,

    /// <summary>A département, by code (<c>21</c>, <c>90</c>).</summary>
    Departement,

    /// <summary>The region, by its INSEE code (<c>27</c>).</summary>
    Region,
}

/// <summary>A territory and its current communes, by INSEE code.</summary>
public sealed record CoverageTerritory(CoverageLevel Level, string Code, string Nom, IReadOnlyList<Commune> Communes);

/// <summary>Why a territory was refused: <c>INVALID_TERRITORY</c> (malformed) or <c>UNKNOWN_TERRITORY</c> (no such territory here).</summary>
public sealed record TerritoryError(string Code, string Message)
{
    public const string Invalid = "INVALID_TERRITORY";
    public const string Unknown = "UNKNOWN_TERRITORY";
}

/// <summary>
/// The territories of the geodata: the region, its départements (names from
/// <c>departements.geojson</c>), its EPCIs and communes (from the commune directory).
/// Immutable once loaded, so safe to share.
/// </summary>
public sealed class CoverageTerritories
{
    private readonly CommuneDirectory _communes;
    private readonly Dictionary<string, string> _departementNames;

    public CoverageTerritories(CommuneDirectory communes, IReadOnlyDictionary<string, string> departementNames, string regionCode, string regionName)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(departementNames);
        _communes = communes;
        _departementNames = new Dictionary<string, string>(departementNames, StringComparer.Ordinal);
        RegionCode = regionCode;
        RegionName = regionName;
        Departements = [.. communes.All.Select(c => c.CodeDepartement).Distinct().Order(StringComparer.Ordinal)
            .Select(code => (code, _departementNames.GetValueOrDefault(code, "Département " + code)))];
        Epcis = [.. communes.All.Where(c => c.EpciSiren.Length > 0)
            .GroupBy(c => c.EpciSiren, StringComparer.Ordinal)
            .Select(g => (g.Key, g.First().EpciNom.Trim(), (IReadOnlyList<string>)[.. g.Select(c => c.CodeDepartement).Distinct().Order(StringComparer.Ordinal)]))
            .OrderBy(e => e.Item2, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true))];
    }

    /// <summary>The region's INSEE code (the geodata covers one region).</summary>
    public string RegionCode { get; }

    public string RegionName { get; }

    /// <summary>The départements of the communes, by code, with their names.</summary>
    public IReadOnlyList<(string Code, string Nom)> Departements { get; }

    /// <summary>The EPCIs of the communes, by name, with the départements of their communes.</summary>
    public IReadOnlyList<(string Siren, string Nom, IReadOnlyList<string> Departements)> Epcis { get; }

    /// <summary>Every commune of the region.</summary>
    public CoverageTerritory Region => new(CoverageLevel.Region, RegionCode, RegionName, _communes.All);

    /// <summary>
    /// Reads the names of the départements and of the region from <c>departements.geojson</c> and
    /// <c>region.geojson</c> (their <c>code</c> and <c>nom</c> properties) in <paramref name="geodataDirectory"/>.
    /// </summary>
    public static CoverageTerritories Load(CommuneDirectory communes, string geodataDirectory)
    {
        var departements = Names(Path.Combine(geodataDirectory, "departements.geojson"));
        var region = Names(Path.Combine(geodataDirectory, "region.geojson")).Single();
        return new CoverageTerritories(communes, departements, region.Key, region.Value);
    }

    /// <summary>The territory named by a level and a code, or an error in French.</summary>
    public bool TryResolve(CoverageLevel level, string? code, out CoverageTerritory territory, out TerritoryError error)
    {
        territory = null!;
        error = null!;
        var text = (code ?? "").Trim().ToUpperInvariant();
        if (text.Length == 0 || text.Length > 20)
        {
            error = new TerritoryError(TerritoryError.Invalid, "Le code du territoire est vide ou trop long.");
            return false;
        }

        switch (level)
        {
            case CoverageLevel.Commune:
                if (text.Length != 5 || !text.All(char.IsAsciiLetterOrDigit))
                {
                    error = new TerritoryError(TerritoryError.Invalid, $"« {text} » n'est pas un code INSEE de commune (5 caractères, par exemple 21231).");
                    return false;
                }

                if (_communes.FindByInsee(text) is not { } commune)
                {
                    error = new TerritoryError(TerritoryError.Unknown, $"Aucune commune de Bourgogne-Franche-Comté n'a le code INSEE « {text} ».");
                    return false;
                }

                territory = new CoverageTerritory(level, commune.CodeInsee, commune.Nom, [commune]);
                return true;

            case CoverageLevel.Epci:
                if (text.Length != 9 || !text.All(char.IsAsciiDigit))
                {
                    error = new TerritoryError(TerritoryError.Invalid, $"« {text} » n'est pas un SIREN d'intercommunalité (9 chiffres, par exemple 200070530).");
                    return false;
                }

                var members = _communes.All.Where(c => c.EpciSiren == text).ToList();
                if (members.Count == 0)
                {
                    error = new TerritoryError(TerritoryError.Unknown, $"Aucune intercommunalité de la région n'a le SIREN « {text} ».");
                    return false;
                }

                territory = new CoverageTerritory(level, text, members[0].EpciNom.Trim(), members);
                return true;

            case CoverageLevel.Departement:
                if (text.Length == 1 && char.IsAsciiDigit(text[0]))
                {
                    text = "0" + text;
                }

                if (text.Length is < 2 or > 3 || !text.All(char.IsAsciiLetterOrDigit))
                {
                    error = new TerritoryError(TerritoryError.Invalid, $"« {text} » n'est pas un code de département (par exemple 21 ou 90).");
                    return false;
                }

                var communes = _communes.All.Where(c => c.CodeDepartement == text).ToList();
                if (communes.Count == 0)
                {
                    error = new TerritoryError(TerritoryError.Unknown, $"Le département « {text} » n'est pas en Bourgogne-Franche-Comté.");
                    return false;
                }

                territory = new CoverageTerritory(level, text, _departementNames.GetValueOrDefault(text, "Département " + text), communes);
                return true;

            case CoverageLevel.Region:
                if (text != RegionCode)
                {
                    error = new TerritoryError(TerritoryError.Unknown, $"Seule la région {RegionName} (code {RegionCode}) est connue du serveur, pas « {text} ».");
                    return false;
                }

                territory = Region;
                return true;

            default:
                throw new ArgumentOutOfRangeException(nameof(level), level, null);
        }
    }

    /// <summary>
    /// The next level down, for the breakdown of a territory: the départements of the region, the
    /// EPCIs of a département (their communes in it only); nothing below an EPCI.
    /// </summary>
    public IReadOnlyList<CoverageTerritory> Parts(CoverageTerritory territory)
    {
        ArgumentNullException.ThrowIfNull(territory);
        return territory.Level switch
        {
            CoverageLevel.Region => [.. territory.Communes.GroupBy(c => c.CodeDepartement, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new CoverageTerritory(CoverageLevel.Departement, g.Key, _departementNames.GetValueOrDefault(g.Key, "Département " + g.Key), [.. g]))],
            CoverageLevel.Departement => [.. territory.Communes.Where(c => c.EpciSiren.Length > 0).GroupBy(c => c.EpciSiren, StringComparer.Ordinal)
                .Select(g => new CoverageTerritory(CoverageLevel.Epci, g.Key, g.First().EpciNom.Trim(), [.. g]))
                .OrderBy(t => t.Nom, StringComparer.Ordinal)],
            _ => [],
        };
    }

    private static Dictionary<string, string> Names(string path)
    {
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var feature in document.RootElement.GetProperty("features").EnumerateArray())
        {
            var properties = feature.GetProperty("properties");
            names[properties.GetProperty("code").GetString()!] = properties.GetProperty("nom").GetString()!;
        }

        return names;
    }
}
