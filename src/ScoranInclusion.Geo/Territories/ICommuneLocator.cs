using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;

namespace ScoranInclusion.Geo.Territories;

/// <summary>How a town name written in an address matched a commune.</summary>
public enum CommuneMatchKind
{
    /// <summary>Same name once case, accents, punctuation, "ST" for Saint and "CEDEX" are set aside.</summary>
    Nom,

    /// <summary>The name of a former, delegated or associated commune now part of this one.</summary>
    AncienNom,

    /// <summary>Close but not equal (a word more or less, a typo of one or two letters).</summary>
    NomApproche,

    /// <summary>Same name, but the postal code is not one of the commune's (CEDEX code, typo): found in the département.</summary>
    NomHorsCodePostal,
}

public sealed record CommuneMatch(Commune Commune, CommuneMatchKind Kind);

/// <summary>
/// The territory questions a converter asks about a place. Implemented over the commune
/// polygons by <see cref="CommuneLocator"/> (the server's geodata, or the geodata builder's
/// source polygons); the converter's tests give a fake of rectangles.
/// </summary>
public interface ICommuneLocator
{
    /// <summary>The commune whose area contains the point, or null (outside the territory).</summary>
    Commune? FindContaining(GeoPoint point);

    /// <summary>
    /// The communes that a postal code and a town name designate, best kind of match only
    /// (several when the name is ambiguous); empty when nothing matches.
    /// </summary>
    IReadOnlyList<CommuneMatch> FindByAddress(string codePostal, string ville);

    /// <summary>Distance in metres from the point to the commune's area (0 inside).</summary>
    double DistanceMetres(GeoPoint point, Commune commune);
}
