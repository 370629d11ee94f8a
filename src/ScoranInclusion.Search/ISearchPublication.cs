using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Search;

/// <summary>
/// What a writer tells the search after its transaction has committed: these places changed,
/// this one is gone. The embedded default keeps an index in the process
/// (<see cref="SiteSearchIndex"/>); PostgreSQL searches in the database, so there is nothing to
/// tell (<see cref="NoSearchPublication"/>), and neither is there in a process that never loaded
/// an index (a verb: the server reads the database when it starts).
/// </summary>
public interface ISearchPublication
{
    void Upsert(long id, Site site);

    void Remove(long id);

    /// <summary>Many written places as one write of the index (read as they come, from the database).</summary>
    Task PublishAsync(IAsyncEnumerable<(long Key, Site Site)> written, CancellationToken cancellationToken);
}

/// <summary>The publication of a process whose searches read the database itself (PostgreSQL) or that serves none (a verb).</summary>
public sealed class NoSearchPublication : ISearchPublication
{
    public static NoSearchPublication Instance { get; } = new();

    private NoSearchPublication()
    {
    }

    public void Upsert(long id, Site site)
    {
    }

    public void Remove(long id)
    {
    }

    public Task PublishAsync(IAsyncEnumerable<(long Key, Site Site)> written, CancellationToken cancellationToken) => Task.CompletedTask;
}
