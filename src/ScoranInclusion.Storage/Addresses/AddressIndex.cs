using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Addresses;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Storage.Addresses;

/// <summary>The index holds no address: <c>adresses import</c> was never run.</summary>
public sealed class AddressIndexEmptyException()
    : InvalidOperationException("L'index des adresses est vide : importez les fichiers de la Base Adresse Nationale (adresses import).");

/// <summary>
/// The address search, the same on both providers: the query is read once (<see cref="AddressQuery"/>),
/// the provider's store finds candidate streets, <see cref="AddressMatching"/> ranks them, and the
/// numbers asked for are looked up in the best streets. The text searched is never written anywhere.
/// </summary>
public sealed class AddressIndex(ScoranDbContext db)
{
    /// <summary>The candidate streets ranked per search: enough for a precise query, bounded for a vague one.</summary>
    public const int CandidateLimit = 200;

    /// <summary>The most answers a search gives.</summary>
    public const int MaxFirst = 20;

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await Store().IsEmptyAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The best answers for a typed address; throws <see cref="AddressIndexEmptyException"/> when there is no index.</summary>
    public Task<IReadOnlyList<AddressMatch>> SearchAsync(string text, int first, GeoPoint? near, CancellationToken cancellationToken) =>
        SearchAsync(text, first, near, useLikeScan: false, cancellationToken);

    /// <param name="useLikeScan">The benchmark's baseline: candidates from a LIKE scan instead of the full-text index.</param>
    public async Task<IReadOnlyList<AddressMatch>> SearchAsync(string text, int first, GeoPoint? near, bool useLikeScan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var store = Store();
            if (await store.IsEmptyAsync(cancellationToken))
            {
                throw new AddressIndexEmptyException();
            }

            var query = AddressQuery.Parse(text);
            if (query.Words.Count == 0 || first <= 0)
            {
                return [];
            }

            var candidates = useLikeScan
                ? await store.CandidatesByLikeAsync(query, CandidateLimit, cancellationToken)
                : await store.CandidatesAsync(query, CandidateLimit, cancellationToken);
            var ranked = AddressMatching.Rank(query, candidates, Math.Min(first, MaxFirst), near, Geodesic.DistanceMeters);
            var numbers = query.Numero is { } numero && ranked.Count > 0
                ? (await store.NumbersAsync(ranked.Select(r => r.Street.Id).ToList(), numero, cancellationToken)).ToLookup(n => n.StreetId)
                : null;
            var matches = ranked.Select(r =>
            {
                var number = numbers is null ? null : AddressMatching.PickNumber(query, numbers[r.Street.Id]);
                return new AddressMatch(r.Street, number, AddressMatching.WithNumber(query, r.Score, number));
            });
            // A street where the number exists comes before one where it does not, at equal text.
            return matches.OrderByDescending(m => m.Score).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<IReadOnlyList<AddressDepartementStatus>> StatusAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await Store().StatusAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Replaces the départements of the batch, all or nothing.</summary>
    public async Task ReplaceAsync(AddressBatch batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await Store().ReplaceAsync(batch, now, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private IAddressStore Store() => db.Database.GetDbConnection() switch
    {
        SqliteConnection sqlite => new SqliteAddressStore(sqlite),
        NpgsqlConnection postgres => new PostgresAddressStore(postgres),
        var other => throw new NotSupportedException("Index des adresses : fournisseur non pris en charge " + other.GetType().Name),
    };
}
