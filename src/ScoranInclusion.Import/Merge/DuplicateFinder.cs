using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Merges;
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
/// of name, street and distance, and the same-place rule (<see cref="SamePlaceRule"/>; see
/// README.md). A place that already has a record of the same source is never a candidate: one
/// source's two ids are two places; nor is a place a person said is not this record's.
/// </summary>
public sealed class DuplicateFinder(ScoranDbContext db, MergeOptions options)
{
    private static readonly string s_franceServices = Vocabularies.Dispositifs.Label(DispositifProgrammeNational.FranceServices);

    private HashSet<string>? _inseeCodes;
    private HashSet<string>? _postalCodes;

    // Per record identity (provenance, id): the places a person said are not its place.
    private Dictionary<(string Provenance, string SourceId), HashSet<long>> _rejected = [];

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
        _rejected = await RejectedAsync(cancellationToken);
    }

    /// <summary>
    /// The pairs a person rejected, by the identities of each side: the place's own (provenance,
    /// id) and those of its records. A record seen again as new (its source dropped it and lists
    /// it again, or its place was withdrawn) is thus never proposed, nor merged, with the place a
    /// person said it is not.
    /// </summary>
    private async Task<Dictionary<(string, string), HashSet<long>>> RejectedAsync(CancellationToken cancellationToken)
    {
        var pairs = await db.MergeCandidates.AsNoTracking()
            .Where(p => p.Status == MergeCandidateStatus.Rejected)
            .Select(p => new { p.SiteId, p.OtherSiteId })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<(string, string), HashSet<long>>();
        if (pairs.Count == 0)
        {
            return result;
        }

        var keys = pairs.SelectMany(p => new[] { p.SiteId, p.OtherSiteId }).Distinct().ToList();
        var identities = (await db.Sites.AsNoTracking().Where(s => keys.Contains(s.Id))
                .Select(s => new { SiteId = s.Id, s.Provenance, s.SourceId }).ToListAsync(cancellationToken))
            .Concat(await db.SourceRecords.AsNoTracking().Where(r => keys.Contains(r.SiteId))
                .Select(r => new { r.SiteId, r.Provenance, r.SourceId }).ToListAsync(cancellationToken))
            .ToLookup(i => i.SiteId, i => (i.Provenance, i.SourceId));
        foreach (var pair in pairs)
        {
            foreach (var (side, other) in new[] { (pair.SiteId, pair.OtherSiteId), (pair.OtherSiteId, pair.SiteId) })
            {
                foreach (var identity in identities[side])
                {
                    if (!result.TryGetValue(identity, out var excluded))
                    {
                        result[identity] = excluded = [];
                    }

                    excluded.Add(other);
                }
            }
        }

        return result;
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
                s.DispositifProgrammesNationaux,
            })
            .ToListAsync(cancellationToken);

        var commune = PlaceText.Commune(site.Adresse.Commune);
        var typologies = site.Typologie.Select(Vocabularies.Typologies.Label).ToHashSet(StringComparer.Ordinal);
        var self = new PlaceFacts(site.Nom, site.Adresse.Voie, site.Adresse.Commune,
            site.DispositifProgrammesNationaux.Contains(DispositifProgrammeNational.FranceServices), location, precision);
        var rejected = _rejected.GetValueOrDefault((provenance, site.Id));
        var scored = new List<MatchCandidate>();
        var mergeable = new List<MatchCandidate>();
        foreach (var row in rows)
        {
            if (excluded.Contains(row.Id) || (rejected is not null && rejected.Contains(row.Id)))
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

            var other = new PlaceFacts(
                row.Nom,
                row.Adresse,
                row.Commune,
                row.DispositifProgrammesNationaux is { } dispositifs && dispositifs.Split('|').Contains(s_franceServices, StringComparer.Ordinal),
                row.Latitude is { } latitude && row.Longitude is { } longitude ? new GeoPoint(latitude, longitude) : null,
                row.LocationPrecision);
            var score = MatchScore.Of(self.ToSide(), other.ToSide(), options.RadiusMeters);
            if (score.DistanceMeters > options.RadiusMeters)
            {
                continue;
            }

            if (SamePlaceRule.Decide(self, other, score, options) is { } reason)
            {
                mergeable.Add(new MatchCandidate(row.Id, row.Nom, score with { Reason = reason }));
            }
            else if (score.Total >= options.ReviewThreshold)
            {
                scored.Add(new MatchCandidate(row.Id, row.Nom, score));
            }
        }

        if (mergeable.Count > 0)
        {
            mergeable.Sort(ByScore);
            return new MatchDecision(mergeable[0], []);
        }

        if (scored.Count == 0)
        {
            return MatchDecision.None;
        }

        scored.Sort(ByScore);
        return new MatchDecision(null, [.. scored.Take(options.MaxPairsPerRecord)]);
    }

    private static int ByScore(MatchCandidate x, MatchCandidate y) =>
        y.Score.Total != x.Score.Total ? y.Score.Total.CompareTo(x.Score.Total) : x.SiteKey.CompareTo(y.SiteKey);

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
