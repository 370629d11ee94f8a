using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Storage.Sites;

/// <summary>A site as stored: the standard's record plus the internal key, provenance and version.</summary>
public sealed record StoredSite(long Key, string Provenance, Site Site, int Version, DateTimeOffset UpdatedAt)
{
    public static StoredSite From(SiteEntity e) => new(e.Id, e.Provenance, e.ToDomain(), e.Version, e.UpdatedAt);
}
