using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Search;

public enum Agreement
{
    /// <summary>The same ids in the same order.</summary>
    Same,

    /// <summary>
    /// Different ids or order, but the distances agree rank by rank within the tolerance: places at the
    /// same distance to the millimetre, which two distance implementations may order differently.
    /// </summary>
    SameWithinTolerance,

    Different,
}

public static class SearchAgreement
{
    /// <summary>PostGIS's spheroid distance and our Vincenty differ by well under this.</summary>
    public const double PostgisToleranceMeters = 0.001;

    public static Agreement Compare(IReadOnlyList<SiteHit> expected, IReadOnlyList<SiteHit> actual, double toleranceMeters)
    {
        if (expected.Count != actual.Count)
        {
            return Agreement.Different;
        }

        var sameIds = true;
        for (var i = 0; i < expected.Count; i++)
        {
            if (Math.Abs(expected[i].DistanceMeters - actual[i].DistanceMeters) > toleranceMeters)
            {
                return Agreement.Different;
            }

            sameIds &= expected[i].SiteId == actual[i].SiteId;
        }

        return sameIds ? Agreement.Same : Agreement.SameWithinTolerance;
    }

    public static string Describe(IReadOnlyList<SiteHit> hits) =>
        string.Join(", ", hits.Select(h => FormattableString.Invariant($"{h.SiteId}@{h.DistanceMeters:0.000}")));
}
