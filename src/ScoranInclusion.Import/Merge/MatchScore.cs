using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Merge;

/// <summary>
/// How alike two places are, on 0–100 scales: <see cref="Total"/> is the mean of the name, the
/// street and, when both points are precise, the distance score.
/// </summary>
/// <param name="Distance">Null when either point is only its commune's: the distance then says nothing.</param>
/// <param name="DistanceMeters">The geodesic distance between the two points, when both are precise.</param>
public sealed record MatchScore(double Total, double Name, double Street, double? Distance, double? DistanceMeters)
{
    /// <summary>
    /// Why an import merged on this score, in French: the rule and what agreed (« même adresse et
    /// même point : … »); null for a pair left to a person and for merges recorded before rules had names.
    /// </summary>
    public string? Reason { get; init; }

    /// <summary>What the scorer compares of a place.</summary>
    public sealed record Side(string Nom, string Adresse, GeoPoint? Location, LocationPrecision Precision);

    public static MatchScore Of(Side a, Side b, double radiusMeters)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var nameA = PlaceText.Name(a.Nom);
        var nameB = PlaceText.Name(b.Nom);
        // Word order varies between sources, and one often adds a word ("Espace", the town):
        // the mean of an order-insensitive ratio and a subset-tolerant one.
        var name = (TextSimilarity.TokenSortRatio(nameA, nameB) + TextSimilarity.TokenSetRatio(nameA, nameB)) / 2;
        // Street words keep their order: "12 rue X" and "rue X 12" are not written that way.
        var street = TextSimilarity.Ratio(PlaceText.Street(a.Adresse), PlaceText.Street(b.Adresse));

        if (a.Precision == LocationPrecision.Address && b.Precision == LocationPrecision.Address
            && a.Location is { } pointA && b.Location is { } pointB)
        {
            var meters = Geodesic.DistanceMeters(pointA, pointB);
            var distance = 100 * Math.Max(0, 1 - meters / radiusMeters);
            return new MatchScore((name + street + distance) / 3, name, street, distance, meters);
        }

        return new MatchScore((name + street) / 2, name, street, null, null);
    }
}
