using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Moderation;

/// <summary>What one digest run wrote: how many mails, and how many items they announced.</summary>
public sealed record DigestRun(int Mails, int Items);

/// <summary>
/// The moderators' daily digest: each moderator whose account is active (invitation accepted, not disabled) gets one mail
/// listing the pending items of their territory (their département, or the whole region) that no digest announced yet;
/// none when there are none. The mails and the items' <see cref="ModerationItemEntity.DigestedAt"/> mark are saved
/// together, in the caller's transaction: an item is announced once, never in two digests, and a run that fails writes
/// nothing. An item nobody moderates yet (no active moderator covers its département) stays unmarked: it will be in the
/// first digest of whoever moderates it. When to run (once a day across replicas) is the host's business.
/// </summary>
public sealed class ModerationDigest(ScoranDbContext db, TimeProvider clock, ModerationMails mails)
{
    /// <summary>Queues the digests (in <paramref name="db"/>'s current transaction when there is one) and saves.</summary>
    public async Task<DigestRun> QueueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var items = await db.ModerationItems
            .Where(i => i.Status == ModerationStatus.Pending && i.DigestedAt == null)
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return new DigestRun(0, 0);
        }

        var moderators = await db.Accounts.AsNoTracking()
            .Where(a => a.Role == AccountRole.Moderator && a.DisabledAt == null && a.PasswordHash != null)
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var lines = await LinesAsync(items, cancellationToken);
        var announced = new HashSet<long>();
        var sent = 0;
        foreach (var moderator in moderators)
        {
            var mine = items.Where(i => moderator.ScopeDepartement is null || i.Departement == moderator.ScopeDepartement)
                .Select(i => lines[i.Id]).ToList();
            if (mine.Count == 0)
            {
                continue;
            }

            MailOutbox.Queue(db, ModerationMailKinds.Digest, moderator.Id, moderator.Email, mails.Digest(mine, moderator.ScopeDepartement, now), now, null);
            announced.UnionWith(mine.Select(l => l.ItemId));
            sent++;
        }

        foreach (var item in items.Where(i => announced.Contains(i.Id)))
        {
            item.DigestedAt = now;
        }

        // An item decided meanwhile fails the save (its status is a concurrency token): nothing is written, the next run tries again.
        await db.SaveChangesAsync(cancellationToken);
        return new DigestRun(sent, announced.Count);
    }

    private async Task<Dictionary<long, DigestLine>> LinesAsync(List<ModerationItemEntity> items, CancellationToken cancellationToken)
    {
        var siteKeys = items.Where(i => i.SiteId is not null).Select(i => i.SiteId!.Value).Distinct().ToList();
        var places = new Dictionary<long, (string Nom, string Commune)>();
        foreach (var chunk in siteKeys.Chunk(500))
        {
            foreach (var place in await db.Sites.AsNoTracking().Where(s => chunk.Contains(s.Id))
                .Select(s => new { s.Id, s.Nom, s.Commune }).ToListAsync(cancellationToken))
            {
                places[place.Id] = (place.Nom, place.Commune);
            }
        }

        var lines = new Dictionary<long, DigestLine>();
        foreach (var item in items)
        {
            var (nom, commune) = ("", "");
            if (item.Kind == ModerationKind.Proposal && item.Proposal is { } snapshot)
            {
                var proposed = SiteSnapshot.Deserialize(snapshot);
                (nom, commune) = (proposed.Nom, proposed.Adresse.Commune);
            }
            else if (item.SiteId is { } key && places.TryGetValue(key, out var place))
            {
                (nom, commune) = place;
            }

            lines[item.Id] = new DigestLine(item.Id, item.Kind, nom.Length > 0 ? nom : "lieu sans nom", commune, item.Message);
        }

        return lines;
    }
}
