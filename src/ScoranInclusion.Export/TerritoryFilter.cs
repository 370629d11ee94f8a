using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.Export;

public enum TerritoryLevel
{
    /// <summary>A commune, by INSEE code (a former code names the current commune).</summary>
    Commune,

    /// <summary>An EPCI à fiscalité propre, by SIREN.</summary>
    Epci,

    /// <summary>A département, by code (<c>21</c>, <c>2A</c>, <c>971</c>).</summary>
    Departement,
}

/// <summary>An export restricted to one territory, as asked (not yet checked against the communes).</summary>
public sealed record TerritoryFilter(TerritoryLevel Level, string Code)
{
    /// <summary>The option or query parameter naming each level.</summary>
    public static string ParameterName(TerritoryLevel level) => level switch
    {
        TerritoryLevel.Commune => "commune",
        TerritoryLevel.Epci => "epci",
        TerritoryLevel.Departement => "departement",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>
    /// The territory's communes, from the commune directory; false with a French message
    /// (for an HTTP problem or the command line) when the code is malformed or names no
    /// commune of the directory.
    /// </summary>
    public bool TryResolve(CommuneDirectory directory, [NotNullWhen(true)] out ResolvedTerritory? territory, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(directory);
        territory = null;
        var code = Code.Trim().ToUpperInvariant();
        switch (Level)
        {
            case TerritoryLevel.Commune:
                var commune = code.Length == 5 ? directory.FindByInsee(code) : null;
                if (commune is null)
                {
                    error = code.Length == 5
                        ? $"Aucune commune de code INSEE « {code} » n'est connue du serveur."
                        : $"« {Code} » n'est pas un code INSEE de commune (5 caractères, par exemple 21231).";
                    return false;
                }

                territory = new ResolvedTerritory(this with { Code = commune.CodeInsee }, commune.Nom, directory, [commune]);
                break;

            case TerritoryLevel.Epci:
                if (code.Length != 9 || !code.All(char.IsAsciiDigit))
                {
                    error = $"« {Code} » n'est pas un SIREN d'EPCI (9 chiffres, par exemple 242100410).";
                    return false;
                }

                var members = directory.All.Where(c => c.EpciSiren == code).ToList();
                if (members.Count == 0)
                {
                    error = $"Aucun EPCI de SIREN « {code} » n'est connu du serveur.";
                    return false;
                }

                territory = new ResolvedTerritory(this with { Code = code }, members[0].EpciNom.Trim(), directory, members);
                break;

            case TerritoryLevel.Departement:
                // "1" and "01" name the same département; Corsica is 2A / 2B.
                if (code.Length == 1 && char.IsAsciiDigit(code[0]))
                {
                    code = "0" + code;
                }

                var communes = directory.All.Where(c => c.CodeDepartement == code).ToList();
                if (communes.Count == 0)
                {
                    error = code is { Length: >= 2 and <= 3 }
                        ? $"Aucun département de code « {code} » n'est connu du serveur."
                        : $"« {Code} » n'est pas un code de département (par exemple 58, 2A ou 971).";
                    return false;
                }

                territory = new ResolvedTerritory(this with { Code = code }, "Departement " + code, directory, communes);
                break;

            default:
                throw new InvalidOperationException($"Niveau de territoire inconnu : {Level}.");
        }

        error = null;
        return true;
    }
}

/// <summary>A territory and its current communes; a place belongs to it by its <c>code_insee</c>.</summary>
public sealed class ResolvedTerritory
{
    private readonly CommuneDirectory _directory;
    private readonly FrozenSet<string> _communes;

    internal ResolvedTerritory(TerritoryFilter filter, string name, CommuneDirectory directory, IEnumerable<Commune> communes)
    {
        Filter = filter;
        Name = name;
        _directory = directory;
        _communes = communes.Select(c => c.CodeInsee).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The filter with its code normalized (upper case, the current INSEE code of a former commune).</summary>
    public TerritoryFilter Filter { get; }

    /// <summary>The commune or EPCI name, or « Departement NN »: the territory part of an export's file name.</summary>
    public string Name { get; }

    /// <summary>The current INSEE codes of the territory's communes.</summary>
    public IReadOnlySet<string> CommuneCodes => _communes;

    /// <summary>
    /// Whether a place with this <c>code_insee</c> lies in the territory. A former commune
    /// code counts for the commune that absorbed it, as the directory maps it.
    /// </summary>
    public bool Includes(string? codeInsee)
    {
        if (string.IsNullOrWhiteSpace(codeInsee))
        {
            return false;
        }

        if (_communes.Contains(codeInsee))
        {
            return true;
        }

        return _directory.FindByInsee(codeInsee) is { } current && _communes.Contains(current.CodeInsee);
    }
}
