using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Moderation;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Moderation;

/// <summary>A refused moderation operation: a stable code (upper snake case), a French message, and the input at fault.</summary>
public sealed class ModerationException(string code, string message, string? field = null) : Exception(message)
{
    public string Code { get; } = code;

    public string? Field { get; } = field;
}

/// <summary>The codes of <see cref="ModerationException"/>; clients branch on them.</summary>
public static class ModerationErrorCodes
{
    /// <summary>The item was already approved or rejected.</summary>
    public const string AlreadyDecided = "ALREADY_DECIDED";

    /// <summary>A rejection without a reason.</summary>
    public const string ReasonRequired = "REASON_REQUIRED";

    /// <summary>A reason longer than <see cref="ModerationQueue.MaxMessageLength"/>.</summary>
    public const string InvalidReason = "INVALID_REASON";

    /// <summary>A citizen's report that cannot be taken (no field nor message, unknown field, message too long, bad e-mail).</summary>
    public const string InvalidReport = "INVALID_REPORT";

    /// <summary>A claim that cannot be taken (the place is already the mediator's, a claim is pending, message missing or too long).</summary>
    public const string InvalidClaim = "INVALID_CLAIM";

    /// <summary>An unknown item, place or account.</summary>
    public const string NotFound = "NOT_FOUND";
}

/// <summary>Which items to list: null means any.</summary>
public sealed record ModerationFilter(ModerationStatus? Status = null, ModerationKind? Kind = null, string? Departement = null, long? SubmitterAccountId = null);

/// <summary>
/// The moderation queue: proposed places, claims (« ce lieu est le mien ») and citizens' error reports, each
/// pending until a moderator approves or rejects it. Approving a proposal creates the place through the same
/// recorder as imports and edits (a source record, a history row with the deciding actor, the search index);
/// approving a claim adds the place to the mediator's scope; a report is handled or rejected. A report's contact
/// e-mail is erased as soon as the report is decided, or after <see cref="ModerationOptions.ContactRetentionDays"/> if
/// nobody decides it (<see cref="PurgeContactsAsync"/>). The proposer or claimant (an account) gets the decision and
/// its reason by mail, written to the outbox in the decision's transaction (<see cref="ModerationMails.Decision"/>).
/// </summary>
public sealed class ModerationQueue(ScoranDbContext db, TimeProvider clock, ISearchPublication index, ModerationMails? mails = null, MailOutboxSignal? signal = null)
{
    /// <summary>Messages and reasons: at most this many characters.</summary>
    public const int MaxMessageLength = ModerationItemEntity.MaxMessageLength;

    /// <summary>The provenance of places created by an approved proposal (their id: <c>proposition-ITEM</c>).</summary>
    public const string ProposalProvenance = "proposition";

    private const int MaxEmailLength = 254;

    /// <summary>The standard's fields a citizen may report as wrong (every field but the technical id and date_maj).</summary>
    public static IReadOnlySet<string> ReportableFields { get; } =
        SiteFields.All.Where(f => f is not (SiteFields.Id or SiteFields.DateMaj)).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Queues a proposed place after checking every field with the same rules as an edit (<see cref="SiteEditor"/>);
    /// a place must have a position to be found by search. Throws <see cref="SiteEditInvalidException"/> with every
    /// field at fault, writing nothing.
    /// </summary>
    public async Task<ModerationItemEntity> ProposeAsync(Site proposed, string submittedBy, long? submitterAccountId, string? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var today = Today();
        var site = proposed with { Id = "proposition", DateMaj = today };
        var issues = new List<ValidationIssue>();
        if (message?.Trim().Length > MaxMessageLength)
        {
            issues.Add(new ValidationIssue("message", null, $"Message trop long : {MaxMessageLength} caractères au plus.", ValidationSeverity.Error));
        }

        try
        {
            SiteEditor.Validate(site, SiteFields.All.ToHashSet(StringComparer.Ordinal), today);
        }
        catch (SiteEditInvalidException e)
        {
            issues.AddRange(e.Issues);
        }

        if (site.Location is null)
        {
            // REVIEW: the standard allows a place without coordinates, but search could not find it: a proposal
            // gives its position (the pages can take it from the address).
            issues.Add(new ValidationIssue(SiteFields.Latitude, null, "La position du lieu est obligatoire pour le proposer : sans elle, la recherche ne le trouverait pas.", ValidationSeverity.Error));
        }

        if (issues.Count > 0)
        {
            throw new SiteEditInvalidException(issues);
        }

        var item = NewItem(ModerationKind.Proposal, submittedBy, submitterAccountId,
            SiteDepartement.Of(site.Adresse.CodeInsee, site.Adresse.CodePostal), message?.Trim() is { Length: > 0 } text ? text : null);
        item.Proposal = SiteSnapshot.Serialize(site);
        db.ModerationItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>A mediator asks for an existing place to be added to their scope.</summary>
    public async Task<ModerationItemEntity> ClaimAsync(long siteKey, AccountPrincipal mediator, string? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        var place = await PlaceAsync(siteKey, cancellationToken);
        if (mediator.SiteKeys.Contains(siteKey) || Pivot.SameStructure(mediator.Pivot, place.Pivot))
        {
            throw new ModerationException(ModerationErrorCodes.InvalidClaim, "Ce lieu est déjà l'un des vôtres.", "id");
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ModerationException(ModerationErrorCodes.InvalidClaim, "Dites en quelques mots pourquoi ce lieu est le vôtre (votre structure, votre rôle).", "message");
        }

        if (await db.ModerationItems.AnyAsync(i => i.Kind == ModerationKind.Claim && i.Status == ModerationStatus.Pending
            && i.SiteId == siteKey && i.SubmitterAccountId == mediator.Id, cancellationToken))
        {
            throw new ModerationException(ModerationErrorCodes.InvalidClaim, "Vous avez déjà demandé ce lieu : la demande attend la modération.", "id");
        }

        var item = NewItem(ModerationKind.Claim, mediator.Actor, mediator.Id, place.Departement, CheckMessage(message, ModerationErrorCodes.InvalidClaim));
        item.SiteId = siteKey;
        db.ModerationItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>A citizen reports wrong fields on a place (no account; the address of the request is never stored).</summary>
    public async Task<ModerationItemEntity> ReportAsync(long siteKey, IReadOnlyCollection<string> fields, string? message, string? contactEmail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var unknown = fields.Where(f => !ReportableFields.Contains(f)).ToList();
        if (unknown.Count > 0)
        {
            throw new ModerationException(ModerationErrorCodes.InvalidReport,
                $"Champ inconnu : « {Truncate(unknown[0], 40)} » (noms du standard : horaires, telephone, adresse, code_postal…).", "fields");
        }

        if (fields.Count == 0 && string.IsNullOrWhiteSpace(message))
        {
            throw new ModerationException(ModerationErrorCodes.InvalidReport, "Indiquez ce qui semble faux : un champ au moins, ou un message.", "fields");
        }

        var checkedMessage = CheckMessage(message, ModerationErrorCodes.InvalidReport);
        string? contact = null;
        if (!string.IsNullOrWhiteSpace(contactEmail))
        {
            contact = contactEmail.Trim();
            if (contact.Length > MaxEmailLength || !StandardPatterns.IsEmail(contact))
            {
                throw new ModerationException(ModerationErrorCodes.InvalidReport, "Adresse électronique de contact invalide (elle est facultative).", "contactEmail");
            }
        }

        var place = await PlaceAsync(siteKey, cancellationToken);
        var item = NewItem(ModerationKind.Report, null, null, place.Departement, checkedMessage);
        item.SiteId = siteKey;
        item.ReportedFields = string.Join(',', fields.Distinct(StringComparer.Ordinal));
        item.ContactEmail = contact;
        db.ModerationItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    /// <summary>
    /// Erases the contact e-mail of every report created more than <paramref name="retention"/> ago (decided reports have
    /// none left): a report nobody handled must not keep a citizen's address for ever. The report itself stays, pending.
    /// Returns how many contacts were erased.
    /// </summary>
    public async Task<int> PurgeContactsAsync(TimeSpan retention, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - retention;
        // REVIEW: the dates are compared in memory: SQLite cannot compare DateTimeOffset columns in SQL, and the
        // candidates are few (reports still holding a contact: undecided ones, bounded by the report limit).
        var candidates = await db.ModerationItems.AsNoTracking()
            .Where(i => i.Kind == ModerationKind.Report && i.ContactEmail != null)
            .Select(i => new { i.Id, i.CreatedAt })
            .ToListAsync(cancellationToken);
        var expired = candidates.Where(i => i.CreatedAt < cutoff).Select(i => i.Id).ToList();
        var erased = 0;
        foreach (var chunk in expired.Chunk(500))
        {
            // REVIEW: as when a report is decided, SQLite may keep the old bytes in free pages until they are reused.
            erased += await db.ModerationItems.Where(i => chunk.Contains(i.Id) && i.ContactEmail != null)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.ContactEmail, (string?)null), cancellationToken);
        }

        return erased;
    }

    public Task<ModerationItemEntity?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.ModerationItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);

    /// <summary>A page of items in id order (oldest first, or newest first), strictly after <paramref name="after"/> (an item id, 0: from the start).</summary>
    public async Task<(IReadOnlyList<ModerationItemEntity> Items, bool HasNext)> ListAsync(
        ModerationFilter filter, long after, int first, bool newestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.ModerationItems.AsNoTracking();
        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(i => i.Kind == kind);
        }

        if (filter.Departement is { } departement)
        {
            query = query.Where(i => i.Departement == departement);
        }

        if (filter.SubmitterAccountId is { } submitter)
        {
            query = query.Where(i => i.SubmitterAccountId == submitter);
        }

        if (after > 0)
        {
            query = newestFirst ? query.Where(i => i.Id < after) : query.Where(i => i.Id > after);
        }

        query = newestFirst ? query.OrderByDescending(i => i.Id) : query.OrderBy(i => i.Id);
        var rows = await query.Take(first + 1).ToListAsync(cancellationToken);
        return (rows.Take(first).ToList(), rows.Count > first);
    }

    /// <summary>Approves a pending item (see the class summary for what that does); <see cref="ModerationErrorCodes.AlreadyDecided"/> otherwise.</summary>
    public Task<ModerationItemEntity> ApproveAsync(long id, string actor, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(id, actor, ModerationStatus.Approved, reason, cancellationToken);

    /// <summary>Rejects a pending item; a reason is required.</summary>
    public Task<ModerationItemEntity> RejectAsync(long id, string actor, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ModerationException(ModerationErrorCodes.ReasonRequired, "Un refus se motive : donnez la raison (la personne la verra).", "reason");
        }

        return DecideAsync(id, actor, ModerationStatus.Rejected, reason, cancellationToken);
    }

    private async Task<ModerationItemEntity> DecideAsync(long id, string actor, ModerationStatus decision, string? reason, CancellationToken cancellationToken)
    {
        var checkedReason = CheckMessage(reason, ModerationErrorCodes.InvalidReason, "reason");
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var item = await db.ModerationItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new ModerationException(ModerationErrorCodes.NotFound, $"Élément de modération inconnu : {id.ToString(CultureInfo.InvariantCulture)}.", "id");
        if (item.Status != ModerationStatus.Pending)
        {
            throw AlreadyDecided(item);
        }

        SiteWrite? created = null;
        if (decision == ModerationStatus.Approved)
        {
            switch (item.Kind)
            {
                case ModerationKind.Proposal:
                    created = await CreatePlaceAsync(item, actor, now, cancellationToken);
                    item.SiteId = created.Key;
                    if (item.SubmitterAccountId is { } proposer)
                    {
                        // Whoever proposed a place keeps it up to date.
                        await AddToScopeAsync(proposer, created.Key, required: false, cancellationToken);
                    }

                    break;
                case ModerationKind.Claim:
                    await AddToScopeAsync(item.SubmitterAccountId ?? 0, item.SiteId ?? 0, required: true, cancellationToken);
                    break;
                case ModerationKind.Report:
                    // Handled: the moderator corrects the place with updateSite.
                    break;
            }
        }

        item.Status = decision;
        item.DecidedAt = now;
        item.DecidedBy = actor;
        item.Reason = checkedReason;
        // Data minimisation: the citizen's contact is only needed until the report is decided.
        // REVIEW: the row no longer holds it; SQLite may keep the old bytes in free page space until they are reused
        // (PRAGMA secure_delete would zero them, for every write of the database).
        item.ContactEmail = null;
        var mailed = await QueueDecisionMailAsync(item, created, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw AlreadyDecided(await db.ModerationItems.AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        if (created is not null)
        {
            index.Upsert(created.Key, created.Entity.ToDomain());
        }

        if (mailed)
        {
            signal?.Wake();
        }

        return item;
    }

    // Proposals and claims of an active account: the decision and its reason go to the outbox with the decision itself.
    private async Task<bool> QueueDecisionMailAsync(ModerationItemEntity item, SiteWrite? created, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (mails is null || item.Kind == ModerationKind.Report || item.SubmitterAccountId is not { } submitter)
        {
            return false;
        }

        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == submitter && a.DisabledAt == null)
            .Select(a => new { a.Id, a.Email }).SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return false;
        }

        var place = created?.Entity.Nom
            ?? (item.Proposal is { } snapshot ? SiteSnapshot.Deserialize(snapshot).Nom : null)
            ?? await db.Sites.AsNoTracking().Where(s => s.Id == item.SiteId).Select(s => s.Nom).SingleOrDefaultAsync(cancellationToken)
            ?? "";
        var accepted = item.Status == ModerationStatus.Approved;
        MailOutbox.Queue(db, ModerationMailKinds.Decision, account.Id, account.Email,
            mails.Decision(item.Kind, accepted, place, item.Reason, accepted ? item.SiteId : null), now, null);
        return true;
    }

    private async Task<SiteWrite> CreatePlaceAsync(ModerationItemEntity item, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = item.Id.ToString(CultureInfo.InvariantCulture);
        // The standard's id of the place (and its source record's key): proposition-<item>.
        var site = SiteSnapshot.Deserialize(item.Proposal!) with { Id = "proposition-" + key, DateMaj = Today() };
        var recorder = new SiteRecorder(db, clock);
        var record = recorder.NewRecord(ProposalProvenance, site, site.Location, LocationPrecision.Address);
        var write = recorder.CreateSite([record], new ChangeContext(actor, "moderation:" + key, SiteChangeKind.Created));
        // A person of the moderation has just checked it.
        write.Entity.LastConfirmedAt = now;
        await recorder.SaveAsync(cancellationToken);
        return write;
    }

    private async Task AddToScopeAsync(long accountId, long siteKey, bool required, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account is null || account.Role != AccountRole.Mediator)
        {
            if (required)
            {
                throw new ModerationException(ModerationErrorCodes.NotFound, "Le compte qui a fait la demande n'existe plus ou n'est plus un compte de médiation.", "id");
            }

            return;
        }

        var keys = AccountService.ToPrincipal(account).SiteKeys.ToHashSet();
        if (keys.Add(siteKey))
        {
            account.ScopeSiteIds = string.Join(',', keys.Order());
        }
    }

    private async Task<(string Pivot, string Departement)> PlaceAsync(long siteKey, CancellationToken cancellationToken)
    {
        var place = await db.Sites.AsNoTracking().Where(s => s.Id == siteKey)
            .Select(s => new { s.Pivot, s.CodeInsee, s.CodePostal }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ModerationException(ModerationErrorCodes.NotFound, $"Lieu inconnu : {siteKey.ToString(CultureInfo.InvariantCulture)}.", "id");
        return (place.Pivot, SiteDepartement.Of(place.CodeInsee, place.CodePostal));
    }

    private ModerationItemEntity NewItem(ModerationKind kind, string? submittedBy, long? submitterAccountId, string departement, string? message) => new()
    {
        Kind = kind,
        Status = ModerationStatus.Pending,
        CreatedAt = clock.GetUtcNow(),
        SubmittedBy = submittedBy,
        SubmitterAccountId = submitterAccountId is > 0 ? submitterAccountId : null,
        Departement = departement,
        Message = message,
    };

    private static string? CheckMessage(string? message, string code, string field = "message")
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return null;
        }

        var trimmed = message.Trim();
        if (trimmed.Length > MaxMessageLength)
        {
            throw new ModerationException(code, $"Texte trop long : {MaxMessageLength} caractères au plus (reçu {trimmed.Length}).", field);
        }

        return trimmed;
    }

    private static ModerationException AlreadyDecided(ModerationItemEntity item) => new(ModerationErrorCodes.AlreadyDecided,
        $"Cet élément a déjà été {(item.Status == ModerationStatus.Approved ? "accepté" : "refusé")} le {item.DecidedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.", "id");

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private DateOnly Today() => DateOnly.FromDateTime(ParisTime.ToParis(clock.GetUtcNow()).DateTime);
}
