using System.Globalization;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Geo.Indexing;

namespace ScoranInclusion.Geo.Coverage;

/// <summary>A commune and the nearest place to its representative point (none when no place matches).</summary>
/// <param name="NearestKey">The nearest place's key in the index; null when the index is empty.</param>
/// <param name="DistanceMeters">Geodesic distance (WGS84) from the commune's point to that place; null when there is none.</param>
public readonly record struct CommuneDistance(Commune Commune, long? NearestKey, double? DistanceMeters)
{
    public int Population => Commune.Population ?? 0;

    /// <summary>Within <paramref name="meters"/> (inclusive); a commune without any place is never within.</summary>
    public bool IsWithin(double meters) => DistanceMeters is { } d && d <= meters;
}

/// <summary>The people within a distance threshold.</summary>
/// <param name="Share">Population within over the territory's population, 0 to 1 (0 for a territory without inhabitants).</param>
public sealed record ThresholdCoverage(double Km, long Population, double Share, int Communes);

/// <summary>The aggregate figures of a territory.</summary>
/// <param name="ZonesBlanches">The communes beyond the largest threshold (or without any place), most populated first.</param>
public sealed record CoverageSummary(long Population, int CommuneCount, IReadOnlyList<ThresholdCoverage> Within, IReadOnlyList<CommuneDistance> ZonesBlanches);

/// <summary>The breakdown of a territory one level down (départements of the region, EPCIs of a département).</summary>
public sealed record CoveragePart(CoverageTerritory Territory, CoverageSummary Summary);

/// <summary>The coverage of a territory: one row per commune (by INSEE code), its figures and its breakdown.</summary>
/// <param name="PlaceCount">How many places passed the filter (in the whole index, not only in the territory).</param>
public sealed record CoverageReport(
    CoverageTerritory Territory, IReadOnlyList<double> ThresholdsKm, IReadOnlyList<CommuneDistance> Communes, CoverageSummary Summary, IReadOnlyList<CoveragePart> Parts, int PlaceCount);

/// <summary>
/// How far each commune's people are from help: for each commune, the geodesic distance from its
/// representative point to the nearest place of an index (the spatial index's own k-nearest
/// search, k = 1, so the distance is the project's one geodesic distance), then population-weighted
/// shares within distance thresholds.
/// </summary>
public static class CoverageCalculator
{
    public const int MaxThresholds = 5;
    public const double MaxThresholdKm = 200;

    public static readonly IReadOnlyList<double> DefaultThresholdsKm = [5, 10, 20];

    /// <summary>The thresholds sorted and without duplicates, or a French message saying what is wrong with them.</summary>
    public static bool TryNormalizeThresholds(IReadOnlyList<double>? thresholdsKm, out IReadOnlyList<double> normalized, out string error)
    {
        normalized = DefaultThresholdsKm;
        error = "";
        if (thresholdsKm is null)
        {
            return true;
        }

        if (thresholdsKm.Count == 0 || thresholdsKm.Count > MaxThresholds)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"Donnez de 1 à {MaxThresholds} seuils de distance (reçu {thresholdsKm.Count}).");
            return false;
        }

        foreach (var km in thresholdsKm)
        {
            if (!double.IsFinite(km) || km <= 0 || km > MaxThresholdKm)
            {
                error = string.Create(CultureInfo.InvariantCulture,
                    $"Chaque seuil doit être un nombre de kilomètres strictement positif et au plus {MaxThresholdKm} (reçu {km}).");
                return false;
            }
        }

        normalized = [.. thresholdsKm.Distinct().Order()];
        return true;
    }

    /// <summary>For each commune, in the given order, the nearest place of <paramref name="places"/>.</summary>
    public static CommuneDistance[] NearestPlaces(IReadOnlyList<Commune> communes, SpatialIndex<long> places)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(places);
        var rows = new CommuneDistance[communes.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var commune = communes[i];
            rows[i] = places.Nearest(commune.Location).Take(1).Select(n => new CommuneDistance(commune, n.Key, n.DistanceMeters)).FirstOrDefault(new CommuneDistance(commune, null, null));
        }

        return rows;
    }

    /// <summary>The population-weighted shares within each threshold, and the communes beyond the largest.</summary>
    public static CoverageSummary Summarize(IReadOnlyCollection<CommuneDistance> rows, IReadOnlyList<double> thresholdsKm)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(thresholdsKm);
        var total = rows.Sum(r => (long)r.Population);
        var within = thresholdsKm.Select(km =>
        {
            var inside = rows.Where(r => r.IsWithin(km * 1000)).ToList();
            var population = inside.Sum(r => (long)r.Population);
            return new ThresholdCoverage(km, population, total == 0 ? 0 : (double)population / total, inside.Count);
        }).ToList();
        var largest = thresholdsKm.Count == 0 ? double.PositiveInfinity : thresholdsKm.Max() * 1000;
        var zonesBlanches = rows.Where(r => !r.IsWithin(largest))
            .OrderByDescending(r => r.Population)
            .ThenByDescending(r => r.DistanceMeters ?? double.PositiveInfinity)
            .ThenBy(r => r.Commune.CodeInsee, StringComparer.Ordinal)
            .ToList();
        return new CoverageSummary(total, rows.Count, within, zonesBlanches);
    }

    /// <summary>The whole report of a territory: rows by INSEE code, summary, and the summaries of its parts.</summary>
    public static CoverageReport Report(CoverageTerritory territory, IReadOnlyList<CoverageTerritory> parts, SpatialIndex<long> places, IReadOnlyList<double> thresholdsKm)
    {
        ArgumentNullException.ThrowIfNull(territory);
        ArgumentNullException.ThrowIfNull(parts);
        var rows = NearestPlaces([.. territory.Communes.OrderBy(c => c.CodeInsee, StringComparer.Ordinal)], places);
        var byCode = rows.ToDictionary(r => r.Commune.CodeInsee, StringComparer.Ordinal);
        var partSummaries = parts
            .Select(p => new CoveragePart(p, Summarize([.. p.Communes.Select(c => byCode[c.CodeInsee])], thresholdsKm)))
            .ToList();
        return new CoverageReport(territory, thresholdsKm, rows, Summarize(rows, thresholdsKm), partSummaries, places.Count);
    }
}
