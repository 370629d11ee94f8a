using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.Reminders;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sync;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Reminders;

/// <summary>One place a run reminded (or, in a dry run, would remind).</summary>
public sealed record ReminderPlan(long Key, string Nom, string Commune, int Sequence, int Recipients, bool ToPlace);

/// <summary>What one run did: the places reminded, and why the others old enough were not.</summary>
public sealed record ReminderRun(
    bool DryRun, int Due, IReadOnlyList<ReminderPlan> Reminded, int Mails, int Waiting, int Exhausted, int WithoutRecipient);

/// <summary>What a link « Rien n'a changé » is worth when opened or used.</summary>
public enum ReminderLinkState
{
    /// <summary>Works (and, after a confirmation, has just confirmed the place).</summary>
    Valid,

    /// <summary>No such link: mistyped, cut, or forged.</summary>
    Unknown,

    /// <summary>Older than its 30 days.</summary>
    Expired,

    /// <summary>Already used once.</summary>
    Used,
}

/// <summary>A link as its page shows it: the place (when the link is known) and the link's state.</summary>
public sealed record ReminderLinkView(ReminderLinkState State, long? SiteKey, string? Nom, string? Commune, DateTimeOffset? ExpiresAt, DateTimeOffset? ConfirmedAt)
{
    /// <summary>True when the link was mailed to the place's public address (no account): « Mettre à jour » is then the claim page.</summary>
    public bool ToPlace { get; init; }
}

/// <summary>
/// The listing reminders. A place whose latest sign of freshness (<see cref="StoredSite.LatestSign"/>: a person's
/// confirmation or edit, a source's <c>date_maj</c>, the very signs of the pages' « Informations à vérifier ») is older
/// than <c>Reminders:After</c> gets a reminder mail to each of its mediators (accounts scoped to it, not disabled); then
/// another every <c>Reminders:Interval</c>, <c>Reminders:MaxReminders</c> at most. A confirmation, an edit or a newer
/// source date is a new sign: the round starts over. Each reminder is recorded with its mails (outbox) and its links in
/// one transaction; the record's unique (place, round, rank) lets only one of two racing runs write it.
/// </summary>
public sealed class ListingReminders(
    ScoranDbContext db,
    SiteEditor editor,
    TimeProvider clock,
    IOptions<ReminderOptions> options,
    IOptions<MailOptions> mail,
    IOptions<AccountOptions> accounts,
    MailOutboxSignal signal)
{
    /// <summary>The kind of the outbox's messages.</summary>
    public const string MailKind = "reminder";

    /// <summary>The lease of one run at a time, across processes.</summary>
    public const string RunLease = "reminders:run";

    /// <summary>The lease that lets one process a day run the daily reminders.</summary>
    public const string DailyLease = "reminders:daily";

    /// <summary>How long a run holds <see cref="RunLease"/> (a crashed run's lease expires after that).</summary>
    public static readonly TimeSpan RunLeaseDuration = TimeSpan.FromMinutes(30);

    /// <summary>The page of a link « Rien n'a changé ».</summary>
    public const string ConfirmPath = "/espace/rappel";

    private ReminderOptions Options => options.Value;

    private string LinkBase => (mail.Value.PublicBaseUrl is { Length: > 0 } own ? own : accounts.Value.PublicBaseUrl).TrimEnd('/');

    /// <summary>
    /// Reminds every place due now. A dry run writes nothing (no lease, no mail) and says what a run would do. Null when
    /// another run holds the lease (another replica, or the verb while the server runs).
    /// </summary>
    public async Task<ReminderRun?> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var holder = DatabaseLease.NewHolder();
        if (!dryRun && !await DatabaseLease.TryClaimAsync(db, RunLease, holder, RunLeaseDuration, clock, cancellationToken))
        {
            return null;
        }

        try
        {
            return await RunClaimedAsync(dryRun, cancellationToken);
        }
        finally
        {
            if (!dryRun)
            {
                db.ChangeTracker.Clear();
                await DatabaseLease.ReleaseAsync(db, RunLease, holder, clock, CancellationToken.None);
            }
        }
    }

    private async Task<ReminderRun> RunClaimedAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // REVIEW: filtered in memory, as SiteEditor.StaleAsync: SQLite cannot compare its DateTimeOffset text columns,
        // and a region has a few thousand places (a few small columns each).
        var rows = await db.Sites.AsNoTracking()
            .Where(s => s.WithdrawnAt == null)
            .Select(s => new { s.Id, s.Pivot, s.LastConfirmedAt, s.DateMaj, s.Provenance, s.FreshnessAt, s.FreshnessProvenance })
            .ToListAsync(cancellationToken);
        var due = rows
            .Select(s => (s.Id, s.Pivot, Sign: StoredSite.LatestSignOf(s.FreshnessAt, s.FreshnessProvenance, s.DateMaj, s.Provenance, s.LastConfirmedAt).At))
            .Where(s => !SiteFreshness.IsWithin(s.Sign, now, Options.After))
            .OrderBy(s => s.Sign).ThenBy(s => s.Id)
            .ToList();
        var keys = due.Select(d => d.Id).ToList();
        var sent = (await db.SiteReminders.AsNoTracking().Where(r => keys.Contains(r.SiteId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.SiteId);
        var mediators = await db.Accounts.AsNoTracking()
            .Where(a => a.Role == AccountRole.Mediator && a.DisabledAt == null)
            .ToListAsync(cancellationToken);

        int waiting = 0, exhausted = 0, withoutRecipient = 0, mails = 0;
        var reminded = new List<ReminderPlan>();
        foreach (var (key, pivot, sign) in due)
        {
            var signMs = sign.ToUnixTimeMilliseconds();
            var round = sent[key].Where(r => r.SignAtMs == signMs).OrderBy(r => r.Sequence).ToList();
            if (round.Count >= Options.MaxReminders)
            {
                exhausted++;
                continue;
            }

            if (round.Count > 0 && round[^1].SentAt + Options.Interval > now)
            {
                waiting++;
                continue;
            }

            var recipients = mediators
                .Where(a => AccountService.ToPrincipal(a).SiteKeys.Contains(key) || Pivot.SameStructure(a.ScopePivot, pivot))
                .Select(a => (Address: a.Email, Account: (long?)a.Id))
                .ToList();
            var entity = await db.Sites.AsNoTracking().SingleAsync(s => s.Id == key, cancellationToken);
            var toPlace = false;
            if (recipients.Count == 0 && Options.ContactPlaces)
            {
                recipients = [.. entity.ToDomain().Courriels
                    .Select(c => c.Trim()).Where(MimeAddress.IsValid).Distinct(StringComparer.OrdinalIgnoreCase)
                    .Select(c => (Address: c, Account: (long?)null))];
                toPlace = true;
            }

            if (recipients.Count == 0)
            {
                withoutRecipient++;
                continue;
            }

            var plan = new ReminderPlan(key, entity.Nom, entity.Commune, round.Count + 1, recipients.Count, toPlace);
            if (!dryRun && !await RemindAsync(entity, signMs, plan, recipients, now, cancellationToken))
            {
                // Another run recorded this reminder first (and mailed it).
                continue;
            }

            reminded.Add(plan);
            mails += recipients.Count;
        }

        if (!dryRun && mails > 0)
        {
            signal.Wake();
        }

        return new ReminderRun(dryRun, due.Count, reminded, mails, waiting, exhausted, withoutRecipient);
    }

    // The reminder, its links and its mails, in one transaction: all of them or none.
    private async Task<bool> RemindAsync(SiteEntity site, long signMs, ReminderPlan plan, List<(string Address, long? Account)> recipients,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.SiteReminders.Add(new SiteReminderEntity
        {
            SiteId = site.Id,
            SignAtMs = signMs,
            Sequence = plan.Sequence,
            SentAt = now,
            Recipients = recipients.Count,
            ToPlace = plan.ToPlace,
        });
        var id = GlobalIds.Encode(GlobalIds.Site, site.Id);
        var update = plan.ToPlace
            ? LinkBase + "/espace/revendiquer?lieu=" + Uri.EscapeDataString(id)
            : LinkBase + "/espace/lieu/" + Uri.EscapeDataString(id);
        var expiresAt = now + ReminderOptions.LinkLifetime;
        foreach (var (address, account) in recipients)
        {
            var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            db.ReminderLinks.Add(new ReminderLinkEntity
            {
                SiteId = site.Id,
                AccountId = account,
                TokenHash = AccountService.HashToken(token),
                CreatedAt = now,
                ExpiresAt = expiresAt,
            });
            var content = ReminderMessages.Reminder(new ReminderMail(
                site.Nom, site.Commune, DateTimeOffset.FromUnixTimeMilliseconds(signMs), plan.Sequence, Options.MaxReminders,
                LinkBase + ConfirmPath + "?jeton=" + token, expiresAt, update, plan.ToPlace));
            MailOutbox.Queue(db, MailKind, account, address, content, now, expiresAt);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return true;
    }

    /// <summary>What a link is worth, read only: a GET (a mail scanner's, or the person's) changes nothing.</summary>
    public async Task<ReminderLinkView> OpenAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, state) = await FindAsync(token, cancellationToken);
        return await ViewAsync(link, state, null, cancellationToken);
    }

    /// <summary>
    /// « Rien n'a changé »: confirms the place exactly as its mediator's « toujours vrai » does (the same history entry),
    /// and spends the link, in one transaction. A used, expired or unknown link changes nothing and says which.
    /// </summary>
    public async Task<ReminderLinkView> ConfirmAsync(string? token, CancellationToken cancellationToken)
    {
        var (link, state) = await FindAsync(token, cancellationToken);
        if (link is null || state != ReminderLinkState.Valid)
        {
            return await ViewAsync(link, state, null, cancellationToken);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Spent by a conditional UPDATE: of two clicks at once, one only matches.
        var spent = await db.ReminderLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), cancellationToken);
        if (spent == 0)
        {
            return await ViewAsync(link, ReminderLinkState.Used, null, cancellationToken);
        }

        var actor = link.AccountId is { } account ? "account:" + account.ToString(System.Globalization.CultureInfo.InvariantCulture) : "reminder-link:" + link.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var site = await editor.ConfirmAsync(link.SiteId, actor, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ReminderLinkView(ReminderLinkState.Valid, site.Key, site.Site.Nom, site.Site.Adresse.Commune, link.ExpiresAt, site.LastConfirmedAt)
        {
            ToPlace = link.AccountId is null,
        };
    }

    private async Task<(ReminderLinkEntity? Link, ReminderLinkState State)> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return (null, ReminderLinkState.Unknown);
        }

        var hash = AccountService.HashToken(token.Trim());
        var link = await db.ReminderLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash, cancellationToken);
        var state = link is null ? ReminderLinkState.Unknown
            : link.UsedAt is not null ? ReminderLinkState.Used
            : link.ExpiresAt <= clock.GetUtcNow() ? ReminderLinkState.Expired
            : ReminderLinkState.Valid;
        return (link, state);
    }

    private async Task<ReminderLinkView> ViewAsync(ReminderLinkEntity? link, ReminderLinkState state, DateTimeOffset? confirmedAt, CancellationToken cancellationToken)
    {
        if (link is null)
        {
            return new ReminderLinkView(state, null, null, null, null, null);
        }

        var site = await db.Sites.AsNoTracking().Where(s => s.Id == link.SiteId)
            .Select(s => new { s.Nom, s.Commune, s.LastConfirmedAt }).SingleOrDefaultAsync(cancellationToken);
        return new ReminderLinkView(site is null ? ReminderLinkState.Unknown : state, link.SiteId, site?.Nom, site?.Commune, link.ExpiresAt,
            confirmedAt ?? (state == ReminderLinkState.Used ? link.UsedAt : site?.LastConfirmedAt))
        {
            ToPlace = link.AccountId is null,
        };
    }
}
