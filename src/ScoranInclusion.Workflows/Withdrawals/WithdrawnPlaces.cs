using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Workflows.Withdrawals;

/// <summary>A withdrawn place as moderators see it: what it was, where, since when and why.</summary>
public sealed record WithdrawnPlace(
    long Key, string Nom, string Adresse, string CodePostal, string Commune, string Departement, string Provenance,
    DateTimeOffset WithdrawnAt, string? Reason);

/// <summary>The stable codes of <see cref="WithdrawalException"/> (the API's <c>extensions.code</c>).</summary>
public static class WithdrawalErrorCodes
{
    /// <summary>No place has this key.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The place is live (never withdrawn, or already restored, by someone else perhaps).</summary>
    public const string NotWithdrawn = "NOT_WITHDRAWN";
}

public sealed class WithdrawalException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The withdrawn places (<see cref="SiteEntity.WithdrawnAt"/>: no source lists them any more and nothing else holds them)
/// for moderators: listed by territory, and restored by a person's decision. A restoration clears the withdrawal, writes
/// a history row (<see cref="SiteChangeKind.Restored"/>, operation <see cref="SiteHistory.RestoreOperation"/>: the sync then
/// counts the place as held by a moderator and never withdraws it again on its own) and shows the place in searches again.
/// Withdrawing is the sync's business, not this class's.
/// </summary>
public sealed class WithdrawnPlaces(ScoranDbContext db, TimeProvider clock, ISearchPublication index)
{
    /// <summary>
    /// The withdrawn places of a département (all when null), by ascending key, strictly after <paramref name="afterKey"/>;
    /// one more than <paramref name="first"/> is read to tell whether a next page exists.
    /// </summary>
    public async Task<(IReadOnlyList<WithdrawnPlace> Items, bool HasNext)> ListAsync(
        string? departement, long afterKey, int first, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        // REVIEW: the département is derived from the INSEE code or postcode in C# (SiteDepartement), so the filter is in
        // memory; withdrawn places are a small share of a region (and the sync's safety valve keeps it so).
        var rows = await db.Sites.AsNoTracking()
            .Where(s => s.WithdrawnAt != null && s.Id > afterKey)
            .OrderBy(s => s.Id)
            .Select(s => new { s.Id, s.Nom, s.Adresse, s.CodePostal, s.Commune, s.CodeInsee, s.Provenance, s.WithdrawnAt, s.WithdrawnReason })
            .ToListAsync(cancellationToken);
        var places = rows
            .Select(r => new WithdrawnPlace(r.Id, r.Nom, r.Adresse, r.CodePostal, r.Commune, SiteDepartement.Of(r.CodeInsee, r.CodePostal),
                r.Provenance, r.WithdrawnAt!.Value, r.WithdrawnReason))
            .Where(p => departement is null || p.Departement == departement)
            .Take(first + 1)
            .ToList();
        return places.Count > first ? (places[..first], true) : (places, false);
    }

    /// <summary>The withdrawn place of this key, or null (unknown, or live).</summary>
    public async Task<WithdrawnPlace?> FindAsync(long key, CancellationToken cancellationToken)
    {
        var s = await db.Sites.AsNoTracking().Where(s => s.Id == key && s.WithdrawnAt != null).FirstOrDefaultAsync(cancellationToken);
        return s is null ? null
            : new WithdrawnPlace(s.Id, s.Nom, s.Adresse, s.CodePostal, s.Commune, SiteDepartement.Of(s.CodeInsee, s.CodePostal), s.Provenance, s.WithdrawnAt!.Value, s.WithdrawnReason);
    }

    /// <summary>
    /// Puts a withdrawn place back in the directory, in the name of <paramref name="actor"/> (who is allowed is the caller's
    /// business). Throws <see cref="WithdrawalException"/>: NOT_FOUND, NOT_WITHDRAWN (also when another person restored it
    /// first: the clearing is one conditional update, so two restorations never both write).
    /// </summary>
    public async Task<StoredSite> RestoreAsync(long key, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await db.Sites.AsNoTracking().Where(s => s.Id == key)
            .Select(s => new { s.WithdrawnAt, s.WithdrawnReason, s.Version }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new WithdrawalException(WithdrawalErrorCodes.NotFound, $"Lieu inconnu : {key.ToString(CultureInfo.InvariantCulture)}.");
        var cleared = before.WithdrawnAt is null ? 0 : await db.Sites
            .Where(s => s.Id == key && s.WithdrawnAt != null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.WithdrawnAt, (DateTimeOffset?)null).SetProperty(s => s.WithdrawnReason, (string?)null), cancellationToken);
        if (cleared == 0)
        {
            throw new WithdrawalException(WithdrawalErrorCodes.NotWithdrawn, "Ce lieu n'est pas retiré de l'annuaire (il a peut-être déjà été rétabli) : rien n'a changé.");
        }

        db.SiteChanges.Add(Row(SiteHistory.WithdrawnAtField, before.WithdrawnAt!.Value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)));
        if (before.WithdrawnReason is { Length: > 0 } reason)
        {
            db.SiteChanges.Add(Row(SiteHistory.WithdrawnReasonField, reason));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var site = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == key, cancellationToken);
        index.Upsert(key, site.ToDomain());
        return StoredSite.From(site);

        SiteChangeEntity Row(string field, string oldValue) => new()
        {
            SiteId = key,
            ChangedAt = now,
            Actor = actor,
            Kind = SiteChangeKind.Restored,
            Operation = SiteHistory.RestoreOperation,
            Field = field,
            OldValue = oldValue,
            NewValue = null,
            SiteVersion = before.Version,
        };
    }
}
