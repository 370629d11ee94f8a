using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Merge;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Pipeline;

/// <summary>Where a row's place is, and how precisely.</summary>
/// <param name="Commune">The row's commune in the directory (by code_insee, else by postcode and name); null when not found.</param>
/// <param name="DistanceFromCommuneMeters">From the row's own point to the commune's, when both are known.</param>
public sealed record LocatedSite(GeoPoint? Location, LocationPrecision Precision, Commune? Commune, double? DistanceFromCommuneMeters);

/// <summary>
/// Gives a row without coordinates its commune's representative point (flagged approximate,
/// so that it still shows in searches), and measures how far a row's own point is from its
/// commune. Without a commune directory, rows are taken as they are.
/// </summary>
public sealed class SiteLocator(CommuneDirectory? communes)
{
    public LocatedSite Locate(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return Locate(site.Adresse, site.Location);
    }

    /// <summary>The same, for an address and a point not yet a site (the edit page checks a point before saving it).</summary>
    public LocatedSite Locate(Adresse adresse, GeoPoint? location)
    {
        ArgumentNullException.ThrowIfNull(adresse);
        var commune = FindCommune(adresse);
        if (location is { } point)
        {
            return new LocatedSite(point, LocationPrecision.Address, commune,
                commune is null ? null : Geodesic.DistanceMeters(point, commune.Location));
        }

        return commune is null
            ? new LocatedSite(null, LocationPrecision.None, null, null)
            : new LocatedSite(commune.Location, LocationPrecision.Commune, commune, null);
    }

    private Commune? FindCommune(Adresse adresse)
    {
        if (communes is null)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(adresse.CodeInsee) && communes.FindByInsee(adresse.CodeInsee) is { } byCode)
        {
            return byCode;
        }

        // A postcode can serve several communes: the name decides; a postcode of one commune
        // only is enough.
        var candidates = communes.FindByPostalCode(adresse.CodePostal);
        var name = PlaceText.Commune(adresse.Commune);
        var named = candidates.Where(c => PlaceText.Commune(c.Nom) == name).ToList();
        return named.Count == 1 ? named[0] : candidates.Count == 1 ? candidates[0] : null;
    }
}
