using GraphQL.DataLoader;

namespace ScoranInclusion.GraphQL.Loaders;

/// <summary>
/// Collects the keys asked for by the resolvers of one level of a document, and fetches them in one call when the
/// first of their results is awaited. GraphQL.NET's execution strategies run every pending
/// <see cref="IDataLoaderResult"/> of a level only after the level's other fields: a page of twenty places asking for
/// their next sessions makes one fetch, not twenty. Values fetched once are kept for the request.
/// One instance per request and per field's arguments (<see cref="RequestLoaders"/>); the query strategy is
/// serial, so no locking.
/// </summary>
public sealed class BatchLoader<TKey, TValue>(
    Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch, TValue missing)
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _loaded = [];
    private readonly TValue _missing = missing;
    private readonly Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch = fetch;
    private Batch? _open;

    /// <summary>The value of a key: at once when already loaded, else when the batch it joins is fetched.</summary>
    public IDataLoaderResult<TValue> Load(TKey key)
    {
        if (_loaded.TryGetValue(key, out var value))
        {
            return new Ready<TValue>(value);
        }

        var batch = _open ??= new Batch(this);
        batch.Keys.Add(key);
        return new Pending(batch, key);
    }

    /// <summary>A value known without fetching (read by another query of the same request).</summary>
    public void Prime(TKey key, TValue value) => _loaded.TryAdd(key, value);

    private sealed class Batch(BatchLoader<TKey, TValue> owner)
    {
        private Task<IReadOnlyDictionary<TKey, TValue>>? _fetched;

        public HashSet<TKey> Keys { get; } = [];

        public TValue Missing => owner._missing;

        public Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(CancellationToken cancellationToken)
        {
            if (_fetched is null)
            {
                // Keys asked for from now on start a new batch; this one is fetched once, its failure seen by all its results.
                if (ReferenceEquals(owner._open, this))
                {
                    owner._open = null;
                }

                _fetched = FetchAndKeepAsync(cancellationToken);
            }

            return _fetched;
        }

        private async Task<IReadOnlyDictionary<TKey, TValue>> FetchAndKeepAsync(CancellationToken cancellationToken)
        {
            var found = await owner._fetch(Keys, cancellationToken);
            foreach (var (key, value) in found)
            {
                owner._loaded.TryAdd(key, value);
            }

            return found;
        }
    }

    private sealed class Pending(Batch batch, TKey key) : IDataLoaderResult<TValue>
    {
        public async Task<TValue> GetResultAsync(CancellationToken cancellationToken = default) =>
            (await batch.FetchAsync(cancellationToken)).TryGetValue(key, out var value) ? value : batch.Missing;

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await GetResultAsync(cancellationToken);
    }
}

/// <summary>A result already known.</summary>
public sealed class Ready<T>(T value) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => Task.FromResult(value);

    Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => Task.FromResult<object?>(value);
}

/// <summary>
/// A result computed from other pending results: every load is asked for when the field resolves, so they join the
/// level's batches; <paramref name="complete"/> runs when the result is awaited, after the others of the level were asked.
/// </summary>
public sealed class Then<T>(Func<CancellationToken, Task<T>> complete) : IDataLoaderResult<T>
{
    public Task<T> GetResultAsync(CancellationToken cancellationToken = default) => complete(cancellationToken);

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) => await complete(cancellationToken);
}
