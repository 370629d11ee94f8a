using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Sources;

/// <summary>One field of a place that changed, as the standard writes it (lists pipe-joined).</summary>
public sealed record FieldChange(string Field, string? OldValue, string? NewValue);

/// <summary>Who changes places, in which operation, and why: written on every history row.</summary>
/// <param name="Actor">e.g. <c>import:mednum-bfc</c>, <c>merge-review:&lt;user&gt;</c>, later a mediator's id.</param>
/// <param name="Operation">Groups the rows of one operation (an import run, a merge).</param>
public sealed record ChangeContext(string Actor, string Operation, SiteChangeKind Kind, long? RelatedSiteId = null)
{
    /// <summary>The history row of one changed field of place <paramref name="siteId"/>, at its version after the change.</summary>
    public SiteChangeEntity Row(long siteId, FieldChange change, DateTimeOffset at, int version)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new SiteChangeEntity
        {
            SiteId = siteId,
            ChangedAt = at,
            Actor = Actor,
            Kind = Kind,
            Operation = Operation,
            Field = change.Field,
            OldValue = change.OldValue,
            NewValue = change.NewValue,
            RelatedSiteId = RelatedSiteId,
            SiteVersion = version,
        };
    }

    /// <summary>
    /// Records people's changes of fields that live on the place itself (closures, notices, languages spoken): the place's
    /// version moves once (not when <paramref name="versionMoved"/>: other changes of the same edit already moved it), its
    /// update date, and one history row per change.
    /// </summary>
    public void RecordOnPlace(ScoranDbContext db, SiteEntity site, IReadOnlyCollection<FieldChange> changes, bool versionMoved, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(changes);
        if (!versionMoved)
        {
            site.Version++;
        }

        site.UpdatedAt = now;
        db.SiteChanges.AddRange(changes.Select(change => Row(site.Id, change, now, site.Version)));
    }
}

/// <summary>What writing one place did. <see cref="Key"/> is known once the recorder has saved.</summary>
public sealed class SiteWrite(SiteEntity entity, SiteChangeKind kind, IReadOnlyList<FieldChange> changes)
{
    public long Key => Entity.Id;

    public SiteChangeKind Kind { get; } = kind;

    /// <summary>The fields that changed, with old and new values; empty for a created place.</summary>
    public IReadOnlyList<FieldChange> Changes { get; } = changes;

    public bool Changed => Kind is SiteChangeKind.Created or SiteChangeKind.Restored || Changes.Count > 0;

    public SiteEntity Entity { get; } = entity;
}

/// <summary>
/// Writes places from their source records: keeps the registry (<c>site_sources</c>), computes
/// each place with <see cref="SiteComposer"/>, and records per-field provenance and the change
/// history of every standard field. It never commits: the caller owns the transaction and
/// calls <see cref="SaveAsync"/> (which also writes what needs the keys of new places).
/// </summary>
public sealed class SiteRecorder(ScoranDbContext db, TimeProvider clock)
{
    /// <summary>The pseudo-field under which a change of <see cref="SiteEntity.LocationPrecision"/> is recorded.</summary>
    public const string LocationPrecisionField = "location_precision";

    private readonly List<Action> _afterSave = [];
    private readonly HashSet<long> _unsavedSites = [];
    private Bulk.NewSiteWriter? _newSites;

    /// <summary>A new registry entry for a row received from <paramref name="provenance"/>; not yet attached to a place.</summary>
    public SourceRecordEntity NewRecord(string provenance, Site received, GeoPoint? location, LocationPrecision precision) =>
        NewRecord(provenance, received, location, precision, out _);

    /// <summary>
    /// As <see cref="NewRecord(string, Site, GeoPoint?, LocationPrecision)"/>, and gives the record's
    /// values as its stored snapshot reads back (<paramref name="asStored"/>): pass them to
    /// <see cref="CreateNewSite"/> to compose the place without parsing the snapshot again.
    /// </summary>
    public SourceRecordEntity NewRecord(string provenance, Site received, GeoPoint? location, LocationPrecision precision, out Site asStored)
    {
        var now = clock.GetUtcNow();
        var snapshot = SiteSnapshot.Serialize(received, out asStored);
        return new SourceRecordEntity
        {
            Provenance = provenance,
            SourceId = received.Id,
            DateMaj = received.DateMaj,
            FirstSeenAt = now,
            LastSeenAt = now,
            Snapshot = snapshot,
            ContentHash = SiteSnapshot.Hash(snapshot, location, precision),
            Latitude = location?.Latitude,
            Longitude = location?.Longitude,
            LocationPrecision = precision,
        };
    }

    /// <summary>Stores a new version of a record's row; false (only <c>last_seen</c> moves) when it is identical.</summary>
    public bool Refresh(SourceRecordEntity record, Site received, GeoPoint? location, LocationPrecision precision)
    {
        record.LastSeenAt = clock.GetUtcNow();
        var snapshot = SiteSnapshot.Serialize(received);
        var hash = SiteSnapshot.Hash(snapshot, location, precision);
        if (hash == record.ContentHash)
        {
            return false;
        }

        record.Snapshot = snapshot;
        record.ContentHash = hash;
        record.DateMaj = received.DateMaj;
        record.Latitude = location?.Latitude;
        record.Longitude = location?.Longitude;
        record.LocationPrecision = precision;
        return true;
    }

    /// <summary>
    /// Creates a place from records (a new row, or the records of a place a merge undo re-creates).
    /// <paramref name="shell"/> carries a fixed key and creation date when the place existed before.
    /// </summary>
    public SiteWrite CreateSite(IReadOnlyList<SourceRecordEntity> records, ChangeContext context, SiteEntity? shell = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var now = clock.GetUtcNow();
        var site = shell ?? new SiteEntity { Provenance = records[0].Provenance, SourceId = records[0].SourceId, CreatedAt = now, Version = 1 };
        site.UpdatedAt = now;
        var ordered = InComposeOrder(records, []);
        var composed = SiteComposer.Compose([.. ordered.Select(ToInput)], PrimaryIndex(site, ordered));
        Apply(site, composed);
        db.Sites.Add(site);
        foreach (var record in ordered)
        {
            record.Site = site;
            if (db.Entry(record).State == EntityState.Detached)
            {
                db.SourceRecords.Add(record);
            }
        }

        SetGivenFields(composed, ordered);
        SetFreshness(site, composed, ordered);
        _afterSave.Add(() => db.SiteChanges.Add(new SiteChangeEntity
        {
            SiteId = site.Id,
            ChangedAt = now,
            Actor = context.Actor,
            Kind = context.Kind,
            Operation = context.Operation,
            RelatedSiteId = context.RelatedSiteId,
            SiteVersion = site.Version,
        }));
        return new SiteWrite(site, context.Kind, []);
    }

    /// <summary>
    /// Creates a place from one new record (not yet stored, not tracked), as <see cref="CreateSite"/>
    /// would, but written by <see cref="SaveAsync"/> through reused commands rather than the change
    /// tracker: the same rows, at a fraction of the cost. For imports. The record's and the place's
    /// keys are set once saved; neither is tracked afterwards.
    /// </summary>
    /// <param name="received">The record's values as its snapshot reads back (from <see cref="NewRecord(string, Site, GeoPoint?, LocationPrecision, out Site)"/>); null: read from the snapshot.</param>
    public SiteWrite CreateNewSite(SourceRecordEntity record, ChangeContext context, Site? received = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        if (record.Id != 0)
        {
            throw new InvalidOperationException("CreateNewSite attend un enregistrement source nouveau.");
        }

        var now = clock.GetUtcNow();
        var site = new SiteEntity { Provenance = record.Provenance, SourceId = record.SourceId, CreatedAt = now, UpdatedAt = now, Version = 1 };
        var input = received is null
            ? ToInput(record)
            : new ComposerInput(received, record.Latitude is { } latitude && record.Longitude is { } longitude ? new GeoPoint(latitude, longitude) : null, record.LocationPrecision);
        var composed = SiteComposer.Compose([input], 0);
        Apply(site, composed);
        record.GivenFields = FieldList.Join(composed.FieldSources.Select(f => f.Field));
        SetFreshness(site, composed, [record]);
        _newSites ??= new Bulk.NewSiteWriter(db);
        _newSites.Add(site, [record], new SiteChangeEntity
        {
            ChangedAt = now,
            Actor = context.Actor,
            Kind = context.Kind,
            Operation = context.Operation,
            RelatedSiteId = context.RelatedSiteId,
        });
        return new SiteWrite(site, context.Kind, []);
    }

    /// <summary>
    /// Recomputes a place from its records (plus <paramref name="joining"/>, records being
    /// attached to it now), and records every field that changed.
    /// </summary>
    public async Task<SiteWrite> RecomposeAsync(long siteId, ChangeContext context, IReadOnlyList<SourceRecordEntity>? joining, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_unsavedSites.Contains(siteId))
        {
            // Records and provenance rows added since the last save are invisible to queries.
            await SaveAsync(cancellationToken);
        }

        var site = await db.Sites.SingleAsync(s => s.Id == siteId, cancellationToken);
        // A record its source no longer lists (withdrawn by a sync) no longer contributes.
        var stored = await db.SourceRecords.Where(r => r.SiteId == siteId && r.WithdrawnAt == null).ToListAsync(cancellationToken);
        joining ??= [];
        if (stored.Count == 0 && joining.Count == 0)
        {
            // Every record of the place is withdrawn: it keeps its last values (it is withdrawn, or held by a person).
            return new SiteWrite(site, context.Kind, []);
        }

        foreach (var record in joining)
        {
            record.SiteId = siteId;
            record.Site = site;
            if (db.Entry(record).State == EntityState.Detached)
            {
                db.SourceRecords.Add(record);
            }
        }

        var ordered = InComposeOrder(stored.Where(r => !joining.Contains(r)).ToList(), joining);
        var composed = SiteComposer.Compose([.. ordered.Select(ToInput)], PrimaryIndex(site, ordered));

        var before = site.StandardColumns().ToList();
        var precisionBefore = site.LocationPrecision;
        var sourceId = site.SourceId;
        Apply(site, composed);
        site.SourceId = sourceId;
        var changes = before.Zip(site.StandardColumns())
            .Where(pair => !Equals(pair.First.Value, pair.Second.Value))
            .Select(pair => new FieldChange(pair.First.Field, Format(pair.First.Value), Format(pair.Second.Value)))
            .ToList();
        if (precisionBefore != site.LocationPrecision)
        {
            changes.Add(new FieldChange(LocationPrecisionField, precisionBefore.ToString(), site.LocationPrecision.ToString()));
        }

        var now = clock.GetUtcNow();
        if (changes.Count > 0)
        {
            site.Version++;
            site.UpdatedAt = now;
            db.SiteChanges.AddRange(changes.Select(change => context.Row(siteId, change, now, site.Version)));
        }

        SetGivenFields(composed, ordered);
        SetFreshness(site, composed, ordered);
        _unsavedSites.Add(siteId);
        return new SiteWrite(site, context.Kind, changes);
    }

    /// <summary>Saves, then writes what needed the keys of the places created since the last save.</summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_newSites is { Count: > 0 })
        {
            await _newSites.FlushAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (_afterSave.Count > 0)
        {
            foreach (var action in _afterSave)
            {
                action();
            }

            _afterSave.Clear();
            await db.SaveChangesAsync(cancellationToken);
        }

        _unsavedSites.Clear();
    }

    /// <summary>Queues work that needs the keys of places added since the last save (their key is 0 until then).</summary>
    public void AfterSave(Action action) => _afterSave.Add(action);

    /// <summary>A record's values as the composer reads them.</summary>
    public static ComposerInput ToInput(SourceRecordEntity record) =>
        new(SiteSnapshot.Deserialize(record.Snapshot),
            record.Latitude is { } latitude && record.Longitude is { } longitude ? new GeoPoint(latitude, longitude) : null,
            record.LocationPrecision,
            SiteEdits.ParseFields(record.EditedFields));

    /// <summary>A stored value as history shows it: text as is, numbers and dates invariant.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string text => text,
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    // In the order the records joined the place, so that on a date_maj tie the value the place
    // already had stays ("keep existing"): the records it was created from (by first sight),
    // then those of each merge in merge order, then the records joining it now. The order
    // depends on stored columns only, so recomputing a place later gives the same tie-breaks.
    private static List<SourceRecordEntity> InComposeOrder(IReadOnlyList<SourceRecordEntity> stored, IReadOnlyList<SourceRecordEntity> joining) =>
        [.. stored.OrderBy(r => r.MergeId ?? 0).ThenBy(r => r.FirstSeenAt).ThenBy(r => r.Id == 0 ? long.MaxValue : r.Id), .. joining];

    private static int PrimaryIndex(SiteEntity site, IReadOnlyList<SourceRecordEntity> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Provenance == site.Provenance && ordered[i].SourceId == site.SourceId)
            {
                return i;
            }
        }

        return 0;
    }

    private static void Apply(SiteEntity site, ComposedSite composed)
    {
        site.CopyFrom(composed.Site);
        site.LocationPrecision = composed.Precision;
    }

    // The most recent sign of the records (people's edits by day, each source's date_maj for the fields it gives), kept
    // on the place: a list shows freshness from the rows it loads. Not a change of the place (no version, no history).
    private static void SetFreshness(SiteEntity site, ComposedSite composed, IReadOnlyList<SourceRecordEntity> ordered)
    {
        var latest = SiteFreshness.Latest(ordered.Select((record, i) => record.Provenance == SiteEdits.Provenance
            ? SiteFreshness.Edits(SiteEdits.ParseFields(record.EditedFields))
            : SiteFreshness.Source(record.Provenance, record.DateMaj, composed.FieldSources.Where(f => f.Input == i).Select(f => f.Field))));
        if (site.FreshnessAt != latest?.At || site.FreshnessProvenance != latest?.Provenance)
        {
            site.FreshnessAt = latest?.At;
            site.FreshnessProvenance = latest?.Provenance;
        }
    }

    // Each record names the fields of the place it gives (none: null); EF writes only the records whose list changed.
    private static void SetGivenFields(ComposedSite composed, IReadOnlyList<SourceRecordEntity> ordered)
    {
        for (var i = 0; i < ordered.Count; i++)
        {
            var fields = FieldList.Join(composed.FieldSources.Where(f => f.Input == i).Select(f => f.Field));
            if (ordered[i].GivenFields != fields)
            {
                ordered[i].GivenFields = fields;
            }
        }
    }
}
