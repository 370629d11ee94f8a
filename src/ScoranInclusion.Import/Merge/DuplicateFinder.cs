using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Merge;

/// <summary>An existing place that may be the same as a new record, and how alike they are.</summary>
public sealed record MatchCandidate(long SiteKey, string Nom, MatchScore Score);

/// <summary>What to do with a new record: merge it into <see cref="MergeInto"/>, or create a place and record <see cref="Uncertain"/> pairs.</summary>
public sealed record MatchDecision(MatchCandidate? MergeInto, IReadOnlyList<MatchCandidate> Uncertain)
{
    public static MatchDecision None { get; } = new(null, []);
}

/// <summary>
/// Looks for the place a new record describes among the places of other sources, as the
/// Cartographie nationale's mednum-cli does: same commune, compatible typologies, then a score
/// of name, street and distance (see README.md). A place that already has a record of the same
/// source is never a candidate: one source's two ids are two places.
/// </summary>
public sealed class DuplicateFinder(ScoranDbContext db, MergeOptions options)
{
    private HashSet<string>? _inseeCodes;
    private HashSet<string>? _postalCodes;

    /// <summary>
    /// Remembers the communes where places of other sources exist, so that a row elsewhere costs
    /// no query (on a first import, none does). Call once per import, before <see cref="FindAsync"/>.
    /// </summary>
    public async Task PrepareAsync(string provenance, CancellationToken cancellationToken)
    {
        var areas = await ForeignSites(provenance)
            .Select(s => new { s.CodeInsee, s.CodePostal })
            .Distinct()
            .ToListAsync(cancellationToken);
        _inseeCodes = areas.Where(a => a.CodeInsee is not null).Select(a => a.CodeInsee!).ToHashSet(StringComparer.Ordinal);
        _postalCodes = areas.Select(a => a.CodePostal).ToHashSet(StringComparer.Ordinal);
    }

    /// <param name="codeInsee">The row's commune: its code_insee, or the one found from its postcode and name.</param>
    /// <param name="excluded">Places not to consider (those this import already merged a record into).</param>
    public async Task<MatchDecision> FindAsync(
        string provenance, Site site, GeoPoint? location, LocationPrecision precision, string? codeInsee,
        IReadOnlySet<long> excluded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(excluded);
        if (_inseeCodes is null || _postalCodes is null)
        {
            await PrepareAsync(provenance, cancellationToken);
        }

        var codePostal = site.Adresse.CodePostal;
        if (!(codeInsee is not null && _inseeCodes!.Contains(codeInsee)) && !_postalCodes!.Contains(codePostal))
        {
            return MatchDecision.None;
        }

        var rows = await ForeignSites(provenance)
            .Where(s => (codeInsee != null && s.CodeInsee == codeInsee) || s.CodePostal == codePostal)
            .Select(s => new
            {
                s.Id,
                s.Nom,
                s.Adresse,
                s.Commune,
                s.CodePostal,
                s.CodeInsee,
                s.Latitude,
                s.Longitude,
                s.LocationPrecision,
                s.Typologie,
            })
            .ToListAsync(cancellationToken);

        var commune = PlaceText.Commune(site.Adresse.Commune);
        var typologies = site.Typologie.Select(Vocabularies.Typologies.Label).ToHashSet(StringComparer.Ordinal);
        var self = new MatchScore.Side(site.Nom, site.Adresse.Voie, location, precision);
        var scored = new List<MatchCandidate>();
        foreach (var row in rows)
        {
            if (excluded.Contains(row.Id))
            {
                continue;
            }

            var sameCommune = codeInsee is not null && row.CodeInsee is not null
                ? row.CodeInsee == codeInsee
                : row.CodePostal == codePostal && PlaceText.Commune(row.Commune) == commune;
            if (!sameCommune || !TypologiesCompatible(typologies, row.Typologie))
            {
                continue;
            }

            var other = new MatchScore.Side(
                row.Nom,
                row.Adresse,
                row.Latitude is { } latitude && row.Longitude is { } longitude ? new GeoPoint(latitude, longitude) : null,
                row.LocationPrecision);
            var score = MatchScore.Of(self, other, options.RadiusMeters);
            if (score.DistanceMeters > options.RadiusMeters || score.Total < options.ReviewThreshold)
            {
                continue;
            }

            scored.Add(new MatchCandidate(row.Id, row.Nom, score));
        }

        if (scored.Count == 0)
        {
            return MatchDecision.None;
        }

        scored.Sort((x, y) => y.Score.Total != x.Score.Total ? y.Score.Total.CompareTo(x.Score.Total) : x.SiteKey.CompareTo(y.SiteKey));
        var best = scored[0];
        return best.Score.Total >= options.MergeThreshold && best.Score.Name >= options.MinimumNameScoreToMerge
            ? new MatchDecision(best, [])
            : new MatchDecision(null, [.. scored.Take(options.MaxPairsPerRecord)]);
    }

    // Places with no record of this provenance.
    private IQueryable<SiteEntity> ForeignSites(string provenance) =>
        db.Sites.AsNoTracking().Where(s => !db.SourceRecords.Any(r => r.SiteId == s.Id && r.Provenance == provenance));

    // mednum-cli's rule: either side without typologie, or at least one in common.
    private static bool TypologiesCompatible(HashSet<string> mine, string? theirs)
    {
        if (mine.Count == 0 || string.IsNullOrEmpty(theirs))
        {
            return true;
        }

        return theirs.Split('|').Any(mine.Contains);
    }
}
