using Microsoft.EntityFrameworkCore;
using ScoranInclusion.GraphQL.Editing;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Web.Espace;

/// <summary>One line of « Mes lieux ».</summary>
internal sealed record PlaceLine(long Key, string Nom, string Commune, DateTimeOffset? LastConfirmedAt, bool Stale);

/// <summary>
/// The places an account may edit, a page at a time: exactly those <see cref="ScopedEditAuthorization.InScope"/>
/// accepts (the predicate every mutation uses), by commune then name. The schema has no such list (places are
/// public, the scope is not), hence this read; everything else the pages do goes through GraphQL.
/// </summary>
internal sealed class EspacePlaces(ScoranDbContext db, SiteReader reader, SiteEditor editor)
{
    public const int PageSize = 25;

    public async Task<(IReadOnlyList<PlaceLine> Lines, int Total)> PageAsync(AccountPrincipal principal, int page, CancellationToken cancellationToken)
    {
        // REVIEW: filtered in memory, like SiteEditor.StaleAsync: a region has a few thousand places, four short columns each.
        var rows = await db.Sites.AsNoTracking()
            .Select(s => new { s.Id, s.Nom, s.Commune, s.Pivot, s.CodeInsee, s.CodePostal })
            .ToListAsync(cancellationToken);
        var mine = rows
            .Where(r => ScopedEditAuthorization.InScope(principal, new PlaceScope(r.Id, r.Pivot, PlaceScope.DepartementOf(r.CodeInsee, r.CodePostal))))
            .OrderBy(r => r.Commune, StringComparer.Create(Web.Html.French, ignoreCase: true))
            .ThenBy(r => r.Nom, StringComparer.Create(Web.Html.French, ignoreCase: true))
            .ThenBy(r => r.Id)
            .ToList();
        var keys = mine.Skip((page - 1) * PageSize).Take(PageSize).Select(r => r.Id).ToList();
        var sites = await reader.GetManyAsync(keys, cancellationToken);
        var lines = keys.Where(sites.ContainsKey)
            .Select(k => sites[k])
            .Select(s => new PlaceLine(s.Key, s.Site.Nom, s.Site.Adresse.Commune, s.LastConfirmedAt, editor.IsStale(s)))
            .ToList();
        return (lines, mine.Count);
    }
}
