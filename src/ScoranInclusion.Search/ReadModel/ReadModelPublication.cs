using System.Runtime.CompilerServices;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Search.ReadModel;

/// <summary>
/// The publication of the SQLite server: the search index sees the committed places, and the read model drops its copy of
/// them (it reads them again, whole, at their next read). Writes by raw commands (an import's bulk insert) reach the read
/// model this way only.
/// </summary>
public sealed class ReadModelPublication(SiteSearchIndex index, PlaceReadModel places) : ISearchPublication
{
    public void Upsert(long id, Site site)
    {
        index.Upsert(id, site);
        places.SitesChanged([id]);
    }

    public void Remove(long id)
    {
        index.Remove(id);
        places.SitesChanged([id]);
    }

    public async Task PublishAsync(IAsyncEnumerable<(long Key, Site Site)> written, CancellationToken cancellationToken)
    {
        var keys = new List<long>();
        try
        {
            await index.PublishAsync(Noting(written, keys, cancellationToken), cancellationToken);
        }
        finally
        {
            places.SitesChanged(keys);
        }
    }

    private static async IAsyncEnumerable<(long Key, Site Site)> Noting(
        IAsyncEnumerable<(long Key, Site Site)> written, List<long> keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in written.WithCancellation(cancellationToken))
        {
            keys.Add(item.Key);
            yield return item;
        }
    }
}
