using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;

namespace ScoranInclusion.Storage.Changes;

/// <summary>What one committed transaction changed that a copy in memory must drop: places by key (or all of them), offers and sessions.</summary>
public sealed record CommittedChange(IReadOnlyCollection<long> Sites, bool AllSites, bool Offers);

/// <summary>
/// Tells, after the commit, what the process's own writes through EF Core changed in places, offers and sessions:
/// the entities saved (<c>SaveChanges</c>) and the set-based commands (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>)
/// on their tables. A write inside a transaction is told when the transaction commits, and forgotten when it rolls
/// back; a write without one (SaveChanges' own transaction) at once. Writes by raw ADO.NET commands (the bulk
/// insert of an import) are not seen here: their writers tell the search publication, which reaches the same
/// listeners. The in-memory read model of the public place listens (<c>PlaceReadModel</c>), so that what it serves
/// never outlives a committed write; it reads again what it dropped.
/// </summary>
public sealed class CommittedWrites : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = new();

    /// <summary>Raised after a commit that changed places, offers or sessions. Handlers must be quick and never throw.</summary>
    public event Action<CommittedChange>? Committed;

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        // What was collected for this save is dropped; what an open transaction already holds stays until it ends.
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            pending.Saving = null;
        }
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        SetBased(eventData.Context, command.CommandText, result);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        SetBased(eventData.Context, command.CommandText, result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>Before saving: the entries that will be written (the keys of new places are known only after).</summary>
    private void Collect(DbContext? context)
    {
        // Nobody listens in a verb's process nor on PostgreSQL: the writes' own cost only.
        if (context is null || Committed is null)
        {
            return;
        }

        List<object>? sites = null;
        var offers = false;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            switch (entry.Entity)
            {
                case SiteEntity site:
                    (sites ??= []).Add(site);
                    break;
                case OfferEntity or SessionEntity or SessionSeriesEntity or ItinerantRouteEntity or ItinerantStopEntity:
                    offers = true;
                    break;
            }
        }

        if (sites is null && !offers)
        {
            return;
        }

        _pending.GetOrCreateValue(context).Saving = (sites ?? [], offers);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Saving is not { } saving)
        {
            return;
        }

        pending.Saving = null;
        foreach (var site in saving.Sites)
        {
            pending.Sites.Add(((SiteEntity)site).Id);
        }

        pending.Offers |= saving.Offers;
        if (context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    /// <summary>An <c>UPDATE</c> or <c>DELETE</c> on the places' or the offers' tables: which rows is not known here.</summary>
    private void SetBased(DbContext? context, string text, int rows)
    {
        if (context is null || rows == 0 || Committed is null)
        {
            return;
        }

        var sites = Touches(text, "\"sites\"");
        var offers = Touches(text, "\"offers\"") || Touches(text, "\"sessions\"") || Touches(text, "\"session_series\"")
            || Touches(text, "\"itinerant_routes\"") || Touches(text, "\"itinerant_stops\"");
        if (!sites && !offers)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(context);
        pending.AllSites |= sites;
        pending.Offers |= offers;
        if (context.Database.CurrentTransaction is null)
        {
            Flush(context);
        }
    }

    private static bool Touches(string text, string table) =>
        text.Contains("UPDATE " + table, StringComparison.OrdinalIgnoreCase)
        || text.Contains("DELETE FROM " + table, StringComparison.OrdinalIgnoreCase)
        || text.Contains("INSERT INTO " + table, StringComparison.OrdinalIgnoreCase);

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.IsEmpty)
        {
            return;
        }

        var change = new CommittedChange([.. pending.Sites], pending.AllSites, pending.Offers);
        pending.Clear();
        Committed?.Invoke(change);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Clear();
        }
    }

    private sealed class Pending
    {
        public (List<object> Sites, bool Offers)? Saving { get; set; }

        public HashSet<long> Sites { get; } = [];

        public bool AllSites { get; set; }

        public bool Offers { get; set; }

        public bool IsEmpty => Sites.Count == 0 && !AllSites && !Offers;

        public void Clear()
        {
            Saving = null;
            Sites.Clear();
            AllSites = false;
            Offers = false;
        }
    }
}
