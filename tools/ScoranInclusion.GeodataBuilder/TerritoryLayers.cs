using NetTopologySuite.Coverage;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>The display layers: communes simplified as one coverage, and the larger areas dissolved from them.</summary>
internal sealed record TerritoryLayers(
    IReadOnlyList<(SourceCommune Commune, Geometry Geometry)> Communes,
    IReadOnlyList<(string Siren, string Nom, Geometry Geometry)> Epcis,
    IReadOnlyList<(string Code, string Nom, Geometry Geometry)> Departements,
    (string Code, string Nom, Geometry Geometry) Region,
    int InvalidSourceCoverageElements,
    int RepairedGeometries,
    IReadOnlyList<string> CommunesWhosePointLeftThePolygon)
{
    /// <summary>
    /// Tolerance of the coverage simplification (Visvalingam-Whyatt: a vertex goes when the
    /// triangle it makes with its neighbours is smaller than the tolerance squared), in degrees:
    /// 0.0025° is about 280 m north-south and 190 m east-west at 47° N. Measured, not derived:
    /// 0.002 gives 2.7 MB, 0.0025 gives 2.4 MB (target: under about 2.5 MB for the web map),
    /// 0.003 gives 2.1 MB with visibly angular small communes.
    /// </summary>
    public const double SimplifyTolerance = 0.0025;

    public static TerritoryLayers Build(SourceData source)
    {
        var communes = source.Communes;
        var geometries = communes.Select(c => source.CommuneGeometries[c.CodeInsee]).ToArray();

        // CoverageSimplifier keeps shared borders shared only if the input is a clean coverage
        // (no overlaps, identical vertices along common edges), which mapshaper's snap+dissolve
        // should have produced; count what is not.
        var invalid = CoverageValidator.Validate(geometries).Count(g => g is not null);

        var simplified = CoverageSimplifier.Simplify(geometries, SimplifyTolerance);
        if (simplified.Any(g => g.IsEmpty))
        {
            throw new BuildFailedException("la simplification a fait disparaître une commune : réduire la tolérance.");
        }

        var repaired = 0;
        for (var i = 0; i < simplified.Length; i++)
        {
            var rounded = Round(simplified[i]);
            if (!rounded.IsValid)
            {
                rounded = GeometryFixer.Fix(rounded);
                repaired++;
            }

            simplified[i] = rounded;
        }

        var communeLayer = communes.Zip(simplified, (c, g) => (c, g)).ToList();
        var pointOutside = communeLayer
            .Where(x => !x.g.Covers(x.g.Factory.CreatePoint(new Coordinate(x.c.Longitude, x.c.Latitude))))
            .Select(x => x.c.CodeInsee)
            .ToList();

        var epcis = communeLayer
            .GroupBy(x => x.c.EpciSiren, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.First().c.EpciNom, Dissolve(g.Select(x => x.g))))
            .ToList();

        var departementNames = source.Departements.ToDictionary(d => d.Code, d => d.Nom, StringComparer.Ordinal);
        var departements = communeLayer
            .GroupBy(x => x.c.CodeDepartement, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, departementNames[g.Key], Dissolve(g.Select(x => x.g))))
            .ToList();

        var region = (source.Region.Code, source.Region.Nom, Dissolve(simplified));
        return new TerritoryLayers(communeLayer, epcis, departements, region, invalid, repaired, pointOutside);
    }

    public static int Vertices(IEnumerable<Geometry> geometries) => geometries.Sum(g => g.NumPoints);

    /// <summary>Union of adjacent simplified communes: exact, since they share their border vertices.</summary>
    private static Geometry Dissolve(IEnumerable<Geometry> parts)
    {
        var union = CoverageUnion.Union(parts.ToArray());
        return union.IsValid ? union : GeometryFixer.Fix(union);
    }

    private static Geometry Round(Geometry geometry)
    {
        var copy = geometry.Copy();
        copy.Apply(new RoundTo5Decimals());
        copy.GeometryChanged();
        return copy;
    }

    /// <summary>The written precision, applied before unions so that what is dissolved is what is written.</summary>
    private sealed class RoundTo5Decimals : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                seq.SetX(i, Math.Round(seq.GetX(i), 5, MidpointRounding.AwayFromZero));
                seq.SetY(i, Math.Round(seq.GetY(i), 5, MidpointRounding.AwayFromZero));
            }
        }
    }
}
