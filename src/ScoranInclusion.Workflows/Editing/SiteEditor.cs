using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Workflows.Editing;

/// <summary>An edit of some fields of a place: the fields touched (standard names, address and point as groups) and how.</summary>
public sealed record SitePatch(IReadOnlySet<string> Fields, Func<Site, Site> Apply);

/// <summary>The place changed since the version the editor read: what changed meanwhile, oldest value to newest.</summary>
public sealed class SiteVersionConflictException(int currentVersion, IReadOnlyList<FieldChange> changed)
    : Exception($"La fiche a changé depuis votre lecture (version {currentVersion.ToString(CultureInfo.InvariantCulture)}) : relisez-la avant de modifier.")
{
    public int CurrentVersion { get; } = currentVersion;

    public IReadOnlyList<FieldChange> Changed { get; } = changed;
}

/// <summary>An edit that breaks the standard's rules: one issue per field at fault (standard names).</summary>
public sealed class SiteEditInvalidException(IReadOnlyList<ValidationIssue> issues)
    : Exception(issues.Count > 0 ? issues[0].Message : "Modification invalide.")
{
    public IReadOnlyList<ValidationIssue> Issues { get; } = issues;
}

public sealed class SiteNotFoundException(long key) : Exception($"Lieu inconnu : {key.ToString(CultureInfo.InvariantCulture)}.");

/// <summary>
/// People's edits and confirmations of places. An edit is written as the place's edit record (see
/// <see cref="SiteEdits"/>), then the place is recomposed from all its records, so that history rows, per-field
/// provenance and a later re-import all follow the same rules as imports. Optimistic concurrency: an edit names
/// the version it read, and a stale one is refused with the fields changed meanwhile, never overwriting them.
/// </summary>
/// <remarks>
/// <paramref name="staleAfterMonths"/>: <c>Freshness:StaleAfter</c>. Stale means what the citizens' pages show as
/// « Informations à vérifier » (<see cref="SiteFreshness"/>, the sync's rule): one rule for the mediators' <c>Site.stale</c>,
/// the moderators' <c>staleSites</c> and the public pages.
/// </remarks>
public sealed class SiteEditor(ScoranDbContext db, TimeProvider clock, ISearchPublication index, int staleAfterMonths = SiteFreshness.DefaultStaleAfterMonths)
{

    public async Task<(StoredSite Site, IReadOnlyList<FieldChange> Changes)> EditAsync(
        long key, int expectedVersion, SitePatch patch, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(ParisTime.ToParis(now).DateTime);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == key, cancellationToken) ?? throw new SiteNotFoundException(key);
        if (site.Version != expectedVersion)
        {
            throw new SiteVersionConflictException(site.Version, await ChangedSinceAsync(key, expectedVersion, cancellationToken));
        }

        var edited = patch.Apply(site.ToDomain()) with { DateMaj = today };
        Validate(edited, patch.Fields, today);

        var recorder = new SiteRecorder(db, clock);
        var record = await db.SourceRecords.SingleOrDefaultAsync(
            r => r.Provenance == SiteEdits.Provenance && r.SourceId == SiteEdits.SourceIdOf(key), cancellationToken);
        var fields = new Dictionary<string, DateOnly>(SiteEdits.ParseFields(record?.EditedFields) ?? new Dictionary<string, DateOnly>(), StringComparer.Ordinal);
        foreach (var field in patch.Fields)
        {
            fields[field] = today;
        }

        var point = fields.ContainsKey(SiteFields.Latitude) ? edited.Location : null;
        var precision = point is null ? LocationPrecision.None : LocationPrecision.Address;
        List<SourceRecordEntity>? joining = null;
        if (record is null)
        {
            record = recorder.NewRecord(SiteEdits.Provenance, edited, point, precision);
            record.SourceId = SiteEdits.SourceIdOf(key);
            joining = [record];
        }
        else
        {
            recorder.Refresh(record, edited, point, precision);
        }

        record.EditedFields = SiteEdits.FormatFields(fields);
        var context = new ChangeContext(actor, "edit:" + Guid.NewGuid().ToString("N"), SiteChangeKind.Updated);
        var write = await recorder.RecomposeAsync(key, context, joining, cancellationToken);
        // Closures and notices are people's only (no source gives them): stored on the place, outside the records.
        var notices = TemporaryNoticesJson.Apply(db, write.Entity, edited, patch.Fields, context, versionMoved: write.Changes.Count > 0, now);
        SpokenLanguagesColumn.Apply(db, write.Entity, edited, patch.Fields, context, versionMoved: write.Changes.Count + notices.Count > 0, now);
        // An edit is also a confirmation that the place is true.
        write.Entity.LastConfirmedAt = now;
        try
        {
            await recorder.SaveAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another edit committed between our read and our write.
            db.ChangeTracker.Clear();
            var current = await db.Sites.AsNoTracking().Where(s => s.Id == key).Select(s => s.Version).SingleAsync(cancellationToken);
            throw new SiteVersionConflictException(current, await ChangedSinceAsync(key, expectedVersion, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        // A withdrawn place stays out of searches until a moderator restores it (Withdrawals), edited or not.
        if (write.Entity.WithdrawnAt is null)
        {
            index.Upsert(key, write.Entity.ToDomain());
        }

        return (StoredSite.From(write.Entity), write.Changes);
    }

    /// <summary>"Still true": sets the last-confirmed date (the content and its version do not change).</summary>
    public async Task<StoredSite> ConfirmAsync(long key, string actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == key, cancellationToken) ?? throw new SiteNotFoundException(key);
        var before = site.LastConfirmedAt;
        site.LastConfirmedAt = now;
        db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = key,
            ChangedAt = now,
            Actor = actor,
            Kind = SiteChangeKind.Confirmed,
            Operation = "confirm:" + Guid.NewGuid().ToString("N"),
            Field = SiteHistory.LastConfirmedAtField,
            OldValue = before?.ToString("O", CultureInfo.InvariantCulture),
            NewValue = now.ToString("O", CultureInfo.InvariantCulture),
            SiteVersion = site.Version,
        });
        await db.SaveChangesAsync(cancellationToken);
        return StoredSite.From(site);
    }

    /// <summary>The fields changed after <paramref name="version"/>: each with its value then and its value now.</summary>
    public async Task<IReadOnlyList<FieldChange>> ChangedSinceAsync(long key, int version, CancellationToken cancellationToken)
    {
        var rows = await db.SiteChanges.AsNoTracking()
            .Where(c => c.SiteId == key && c.SiteVersion > version && c.Field != null && c.Kind != SiteChangeKind.Confirmed)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Field!).Select(g => new FieldChange(g.Key, g.First().OldValue, g.Last().NewValue))];
    }

    /// <summary>
    /// Places whose latest sign of freshness (a person's confirmation or edit, a source's <c>date_maj</c>) is older than
    /// <c>Freshness:StaleAfter</c>: those the pages show as « Informations à vérifier », the longest-forgotten first;
    /// within a département when given.
    /// </summary>
    public async Task<IReadOnlyList<StoredSite>> StaleAsync(string? departement, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // REVIEW: filtered in memory: SQLite cannot compare the DateTimeOffset text column, and a region has a few
        // thousand places at most (a few small columns each).
        var candidates = await db.Sites.AsNoTracking()
            .Where(s => s.WithdrawnAt == null)
            .Select(s => new { s.Id, s.LastConfirmedAt, s.DateMaj, s.Provenance, s.FreshnessAt, s.FreshnessProvenance, s.CodeInsee, s.CodePostal })
            .ToListAsync(cancellationToken);
        var stale = candidates
            .Select(s => (s.Id, LastSign: StoredSite.LatestSignOf(s.FreshnessAt, s.FreshnessProvenance, s.DateMaj, s.Provenance, s.LastConfirmedAt).At,
                Departement: SiteDepartement.Of(s.CodeInsee, s.CodePostal)))
            .Where(s => !SiteFreshness.IsWithin(s.LastSign, now, staleAfterMonths) && (departement is null || s.Departement == departement))
            .OrderBy(s => s.LastSign).ThenBy(s => s.Id)
            .Select(s => s.Id)
            .ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => stale.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        return [.. stale.Select(id => StoredSite.From(sites[id]))];
    }

    /// <summary>Whether a place is stale: its latest sign of freshness is older than <c>Freshness:StaleAfter</c> (the pages' « Informations à vérifier »).</summary>
    public bool IsStale(StoredSite site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return SiteFreshness.Of(site.LatestSign, clock.GetUtcNow(), staleAfterMonths).Stale;
    }

    /// <summary>The standard's rules and the hours parser, for the given fields only: one issue per field at fault (also used for proposed places).</summary>
    internal static void Validate(Site edited, IReadOnlySet<string> fields, DateOnly today)
    {
        var issues = SiteValidator.Validate(edited, today)
            .Where(i => i.Severity == ValidationSeverity.Error && fields.Contains(SiteEdits.GroupOf(i.Field)))
            .Concat(TemporaryNotices.Validate(edited, fields, today))
            .Concat(fields.Contains(SpokenLanguages.Field) ? SpokenLanguages.Validate(edited.LanguesParlees) : [])
            .ToList();
        if (fields.Contains(SiteFields.Horaires) && !string.IsNullOrWhiteSpace(edited.Horaires))
        {
            var parsed = OpeningHoursParser.Parse(edited.Horaires);
            if (!parsed.IsValid)
            {
                var error = parsed.Errors[0];
                var suggestion = error.Suggestion is null ? "" : $" (proposition : « {error.Suggestion} »)";
                issues.Add(new ValidationIssue(SiteFields.Horaires, edited.Horaires,
                    $"Horaires illisibles, position {error.Position + 1} : {error.Message}{suggestion}.", ValidationSeverity.Error));
            }
        }

        if (issues.Count > 0)
        {
            throw new SiteEditInvalidException(issues);
        }
    }
}
