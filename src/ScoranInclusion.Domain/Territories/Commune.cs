namespace ScoranInclusion.Domain.Territories;

/// <summary>
/// A current French commune (INSEE COG) with its postal codes, EPCI à fiscalité propre,
/// population (INSEE populations légales, null when unknown) and a representative point.
/// </summary>
/// <param name="CodeInsee">The 5-character INSEE code (2A/2B for Corsica).</param>
/// <param name="EpciSiren">The SIREN of the EPCI, empty when the commune belongs to none.</param>
public sealed record Commune(
    string CodeInsee,
    string Nom,
    IReadOnlyList<string> CodesPostaux,
    string CodeDepartement,
    string EpciSiren,
    string EpciNom,
    int? Population,
    GeoPoint Location);
