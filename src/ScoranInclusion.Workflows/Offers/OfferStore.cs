using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;

namespace ScoranInclusion.Workflows.Offers;

/// <summary>A new session: the place defaults to the offer's.</summary>
public sealed record SessionDraft(
    long OfferKey, DateTimeOffset StartsAt, DateTimeOffset EndsAt, long? SiteKey, long? StopKey, string? RemoteUrl, int? Capacity, int SeatsTaken = 0);

/// <summary>Changes to a session; a null field is left as it is.</summary>
public sealed record SessionChanges(DateTimeOffset? StartsAt, DateTimeOffset? EndsAt, int? Capacity, long? SiteKey, long? StopKey, string? RemoteUrl);

/// <summary>A new weekly series of an offer, with the place and capacity of each of its sessions.</summary>
public sealed record SeriesDraft(long OfferKey, WeeklySeries Series, long? SiteKey, long? StopKey, string? RemoteUrl, int? Capacity);

public sealed record CreatedSeries(long SeriesKey, IReadOnlyList<StoredSession> Sessions);

/// <summary>
/// Every write of offers and sessions, each in one transaction (nothing half-written), with the rules of the
/// domain checked first. Seats change under optimistic concurrency: a write that lost a race is retried on
/// fresh figures, so remaining seats never go below zero and no update is lost.
/// </summary>
public sealed class OfferStore(ScoranDbContext db, TimeProvider clock, OfferOptions? quotas = null)
{
    private readonly OfferOptions _quotas = quotas ?? new OfferOptions();

    /// <summary>Attempts of a seat change before giving up with VERSION_CONFLICT.</summary>
    public const int MaxSeatAttempts = 30;

    public async Task<StoredOffer> CreateOfferAsync(Offer offer, CancellationToken cancellationToken)
    {
        offer = OfferRules.Normalize(offer);
        await EnsureSiteAsync(offer.SiteKey, "siteId", cancellationToken);
        var now = clock.GetUtcNow();
        var entity = new OfferEntity { Status = OfferStatus.Active, CreatedAt = now, UpdatedAt = now, Version = 1 };
        StoredOffer.Apply(offer, entity);
        db.Offers.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return StoredOffer.From(entity);
    }

    public async Task<StoredOffer> UpdateOfferAsync(long key, Offer offer, int? expectedVersion, CancellationToken cancellationToken)
    {
        offer = OfferRules.Normalize(offer);
        var entity = await db.Offers.FirstOrDefaultAsync(o => o.Id == key, cancellationToken) ?? throw NotFound("offre");
        CheckVersion(expectedVersion, entity.Version, "L'offre");
        if (entity.Status == OfferStatus.Withdrawn)
        {
            throw new OfferRuleException(OfferRuleCodes.NotEditable, "id", "Cette offre a été retirée : elle reste visible dans l'historique mais ne se modifie plus.");
        }

        await EnsureSiteAsync(offer.SiteKey, "siteId", cancellationToken);
        // The example flag belongs to the seed, not to editors.
        StoredOffer.Apply(offer with { IsExample = entity.IsExample }, entity);
        entity.UpdatedAt = clock.GetUtcNow();
        entity.Version++;
        await SaveAsync("L'offre", cancellationToken);
        return StoredOffer.From(entity);
    }

    /// <summary>Withdraws an offer and cancels its sessions still to come; everything stays stored.</summary>
    public async Task<StoredOffer> WithdrawOfferAsync(long key, string? reason, CancellationToken cancellationToken)
    {
        var entity = await db.Offers.FirstOrDefaultAsync(o => o.Id == key, cancellationToken) ?? throw NotFound("offre");
        if (entity.Status == OfferStatus.Withdrawn)
        {
            return StoredOffer.From(entity);
        }

        var now = clock.GetUtcNow();
        var nowUnix = now.ToUnixTimeSeconds();
        entity.Status = OfferStatus.Withdrawn;
        entity.UpdatedAt = now;
        entity.Version++;
        var coming = await db.Sessions.Where(s => s.OfferId == key && !s.Cancelled && s.EndsAtUnix > nowUnix).ToListAsync(cancellationToken);
        foreach (var session in coming)
        {
            MarkCancelled(session, reason ?? "Offre retirée", now);
        }

        await SaveAsync("L'offre", cancellationToken);
        return StoredOffer.From(entity);
    }

    public async Task<StoredSession> CreateSessionAsync(SessionDraft draft, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var offer = await ActiveOfferAsync(draft.OfferKey, cancellationToken);
        SessionRules.CheckTimes(draft.StartsAt, draft.EndsAt, now, isNew: true);
        SessionRules.CheckSeats(draft.Capacity, draft.SeatsTaken);
        var (siteKey, stopKey, remote) = await PlaceAsync(offer, draft.SiteKey, draft.StopKey, draft.RemoteUrl, cancellationToken);
        await CheckQuotasAsync(offer.Id, siteKey, stopKey, 1, now, cancellationToken);
        var entity = NewSession(offer.Id, siteKey, stopKey, remote, draft.StartsAt, draft.EndsAt, draft.Capacity, draft.SeatsTaken, now);
        db.Sessions.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return StoredSession.From(entity);
    }

    /// <summary>
    /// Stores the series and its sessions together. A bounded series is expanded whole; one without end date
    /// up to <see cref="SeriesExpansion.RollingHorizonDays"/> ahead, then topped up by <see cref="TopUpSeriesAsync"/>.
    /// Occurrences of today that have already started are left out.
    /// </summary>
    public async Task<CreatedSeries> CreateSeriesAsync(SeriesDraft draft, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(Domain.OpeningHours.ParisTime.ToParis(now).DateTime);
        var offer = await ActiveOfferAsync(draft.OfferKey, cancellationToken);
        SeriesExpansion.Check(draft.Series);
        if (draft.Series.From < today)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSeries, "from", "Une nouvelle série commence aujourd'hui ou plus tard.");
        }

        SessionRules.CheckSeats(draft.Capacity, 0);
        var (siteKey, stopKey, remote) = await PlaceAsync(offer, draft.SiteKey, draft.StopKey, draft.RemoteUrl, cancellationToken);
        var through = draft.Series.Until ?? today.AddDays(SeriesExpansion.RollingHorizonDays);
        var occurrences = SeriesExpansion.Window(draft.Series, draft.Series.From, through).Where(o => o.Start > now).ToList();
        if (occurrences.Count == 0)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSeries, "days", "Cette série ne produit aucune séance à venir : vérifiez les jours et les dates.");
        }

        foreach (var occurrence in occurrences)
        {
            SessionRules.CheckTimes(occurrence.Start, occurrence.End, now, isNew: true);
        }

        await CheckQuotasAsync(offer.Id, siteKey, stopKey, occurrences.Count, now, cancellationToken);

        var series = new SessionSeriesEntity
        {
            OfferId = offer.Id,
            Days = string.Join(',', draft.Series.Days.Select(d => d == DayOfWeek.Sunday ? 7 : (int)d).Order()),
            StartTime = draft.Series.Start,
            EndTime = draft.Series.End,
            FromDate = draft.Series.From,
            UntilDate = draft.Series.Until,
            Skipped = draft.Series.Skipped.Count == 0 ? null : string.Join('|', draft.Series.Skipped.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
            Changes = draft.Series.Changes.Count == 0 ? null : string.Join('|', draft.Series.Changes.Select(SeriesText.Format)),
            SiteId = siteKey,
            StopId = stopKey,
            RemoteUrl = remote,
            Capacity = draft.Capacity,
            ExpandedThrough = through,
            CreatedAt = now,
        };
        var sessions = occurrences.Select(o =>
        {
            var session = NewSession(offer.Id, siteKey, stopKey, remote, o.Start, o.End, draft.Capacity, 0, now);
            session.OccurrenceDate = o.Date;
            return session;
        }).ToList();
        // The caller's transaction when there is one (seeding), else our own: the series and all its sessions, or nothing.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        db.SessionSeries.Add(series);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var session in sessions)
        {
            session.SeriesId = series.Id;
        }

        db.Sessions.AddRange(sessions);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return new CreatedSeries(series.Id, [.. sessions.Select(StoredSession.From)]);
    }

    /// <summary>
    /// Creates the sessions of series that run past what is already stored, up to <paramref name="horizonDays"/>
    /// from today: a weekly workshop "until further notice" always shows its next weeks. Idempotent.
    /// </summary>
    public async Task<int> TopUpSeriesAsync(int horizonDays, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(Domain.OpeningHours.ParisTime.ToParis(now).DateTime);
        var target = today.AddDays(horizonDays);
        var due = await db.SessionSeries
            .Where(s => s.ExpandedThrough < target && (s.UntilDate == null || s.ExpandedThrough < s.UntilDate))
            .Join(db.Offers.Where(o => o.Status == OfferStatus.Active), s => s.OfferId, o => o.Id, (s, _) => s)
            .ToListAsync(cancellationToken);
        var created = 0;
        foreach (var series in due)
        {
            var weekly = SeriesText.ToDomain(series);
            var from = series.ExpandedThrough.AddDays(1);
            var through = series.UntilDate is { } until && until < target ? until : target;
            var existing = (await db.Sessions.Where(s => s.SeriesId == series.Id && s.OccurrenceDate >= from)
                .Select(s => s.OccurrenceDate).ToListAsync(cancellationToken)).ToHashSet();
            foreach (var occurrence in SeriesExpansion.Window(weekly, from, through))
            {
                if (occurrence.Start <= now || existing.Contains(occurrence.Date))
                {
                    continue;
                }

                var session = NewSession(series.OfferId, series.SiteId, series.StopId, series.RemoteUrl, occurrence.Start, occurrence.End, series.Capacity, 0, now);
                session.SeriesId = series.Id;
                session.OccurrenceDate = occurrence.Date;
                db.Sessions.Add(session);
                created++;
            }

            series.ExpandedThrough = through;
        }

        await db.SaveChangesAsync(cancellationToken);
        return created;
    }

    public async Task<StoredSession> UpdateSessionAsync(long key, SessionChanges changes, int? expectedVersion, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entity = await EditableSessionAsync(key, now, cancellationToken);
        CheckVersion(expectedVersion, entity.Version, "La séance");
        var starts = changes.StartsAt ?? Instant.FromUnix(entity.StartsAtUnix);
        var ends = changes.EndsAt ?? Instant.FromUnix(entity.EndsAtUnix);
        var moved = changes.StartsAt is not null || changes.EndsAt is not null;
        // Moving a session follows the rules of a new one: it cannot be moved into the past.
        SessionRules.CheckTimes(starts, ends, now, isNew: moved);
        var capacity = changes.Capacity ?? entity.Capacity;
        SessionRules.CheckSeats(capacity, entity.SeatsTaken);
        var placeChanged = changes.SiteKey is not null || changes.StopKey is not null || changes.RemoteUrl is not null;
        if (placeChanged)
        {
            var offer = await db.Offers.FirstAsync(o => o.Id == entity.OfferId, cancellationToken);
            var (siteKey, stopKey, remote) = await PlaceAsync(offer,
                changes.SiteKey ?? (changes.StopKey is null ? entity.SiteId : null),
                changes.StopKey ?? (changes.SiteKey is null ? entity.StopId : null),
                changes.RemoteUrl ?? entity.RemoteUrl, cancellationToken);
            // Moved to another place or stop: it counts there from now on (staying where it is adds nothing).
            if (!entity.Cancelled && (siteKey != entity.SiteId || stopKey != entity.StopId))
            {
                await CheckPlaceQuotaAsync(siteKey, stopKey, 1, now, cancellationToken);
            }

            entity.SiteId = siteKey;
            entity.StopId = stopKey;
            entity.RemoteUrl = remote;
        }

        entity.StartsAtUnix = starts.ToUnixTimeSeconds();
        entity.EndsAtUnix = ends.ToUnixTimeSeconds();
        entity.Capacity = capacity;
        Touch(entity, now, calendarChange: moved || placeChanged);
        await SaveAsync("La séance", cancellationToken);
        return StoredSession.From(entity);
    }

    /// <summary>Cancels a session: it stays stored and visible as cancelled. Cancelling twice changes nothing.</summary>
    public async Task<StoredSession> CancelSessionAsync(long key, string? reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var entity = await db.Sessions.FirstOrDefaultAsync(s => s.Id == key, cancellationToken) ?? throw NotFound("séance");
        if (entity.Cancelled)
        {
            return StoredSession.From(entity);
        }

        if (entity.EndsAtUnix <= now.ToUnixTimeSeconds())
        {
            throw new OfferRuleException(OfferRuleCodes.NotEditable, "id", "Cette séance est terminée : elle ne peut plus être annulée.");
        }

        MarkCancelled(entity, reason, now);
        await SaveAsync("La séance", cancellationToken);
        return StoredSession.From(entity);
    }

    /// <summary>
    /// Sets the number of seats taken. With <paramref name="expectedVersion"/>, only if nobody changed the
    /// session since (else VERSION_CONFLICT); without it, the figure given wins (retried on conflicts).
    /// </summary>
    public Task<StoredSession> SetSeatsAsync(long key, int seatsTaken, int? expectedVersion, CancellationToken cancellationToken) =>
        ChangeSeatsAsync(key, expectedVersion, _ => seatsTaken, cancellationToken);

    /// <summary>Takes (positive <paramref name="delta"/>) or frees (negative) seats, atomically with respect to other writers.</summary>
    public Task<StoredSession> ReserveSeatsAsync(long key, int delta, CancellationToken cancellationToken) =>
        ChangeSeatsAsync(key, null, taken => taken + delta, cancellationToken);

    private async Task<StoredSession> ChangeSeatsAsync(long key, int? expectedVersion, Func<int, int> seats, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = clock.GetUtcNow();
            var entity = await EditableSessionAsync(key, now, cancellationToken);
            CheckVersion(expectedVersion, entity.Version, "La séance");
            var taken = seats(entity.SeatsTaken);
            if (entity.Capacity is { } capacity && taken > capacity)
            {
                var remaining = Math.Max(0, capacity - entity.SeatsTaken);
                throw new OfferRuleException(OfferRuleCodes.NoSeatsLeft, "seats",
                    remaining == 0 ? "Il ne reste plus de place pour cette séance." : $"Il ne reste que {remaining} place(s) pour cette séance.");
            }

            SessionRules.CheckSeats(entity.Capacity, taken);
            entity.SeatsTaken = taken;
            Touch(entity, now, calendarChange: false);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return StoredSession.From(entity);
            }
            catch (DbUpdateConcurrencyException) when (expectedVersion is null && attempt < MaxSeatAttempts)
            {
                // Another writer changed the seats in between: read the new figures and apply the change again.
                await Task.Delay(Random.Shared.Next(1, 4 * attempt), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new OfferRuleException(OfferRuleCodes.VersionConflict, "id",
                    "La séance vient d'être modifiée par quelqu'un d'autre : relisez-la puis recommencez.");
            }
        }
    }

    private async Task<SessionEntity> EditableSessionAsync(long key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = await db.Sessions.FirstOrDefaultAsync(s => s.Id == key, cancellationToken) ?? throw NotFound("séance");
        if (entity.Cancelled)
        {
            throw new OfferRuleException(OfferRuleCodes.NotEditable, "id", "Cette séance est annulée : elle reste dans l'historique mais ne se modifie plus.");
        }

        if (entity.EndsAtUnix <= now.ToUnixTimeSeconds())
        {
            throw new OfferRuleException(OfferRuleCodes.NotEditable, "id", "Cette séance est terminée : elle ne se modifie plus.");
        }

        return entity;
    }

    private async Task<OfferEntity> ActiveOfferAsync(long key, CancellationToken cancellationToken)
    {
        var offer = await db.Offers.FirstOrDefaultAsync(o => o.Id == key, cancellationToken) ?? throw NotFound("offre", "offerId");
        if (offer.Status == OfferStatus.Withdrawn)
        {
            throw new OfferRuleException(OfferRuleCodes.NotEditable, "offerId", "Cette offre a été retirée : on ne lui ajoute plus de séance.");
        }

        return offer;
    }

    /// <summary>Where a session happens: a stop, a place (the offer's by default), or only a remote link.</summary>
    private async Task<(long? Site, long? Stop, string? Remote)> PlaceAsync(
        OfferEntity offer, long? siteKey, long? stopKey, string? remoteUrl, CancellationToken cancellationToken)
    {
        if (siteKey is not null && stopKey is not null)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "stopId", "Une séance a lieu soit dans un lieu (siteId), soit à un arrêt itinérant (stopId), pas les deux.");
        }

        var remote = string.IsNullOrWhiteSpace(remoteUrl) ? null : remoteUrl.Trim();
        if (remote is not null && (remote.Length > 500 || !StandardPatterns.IsHttpUrl(remote)))
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "remoteUrl", "Le lien de la séance à distance doit être une adresse web (https://…).");
        }

        if (stopKey is { } stop)
        {
            if (!await db.ItinerantStops.AnyAsync(s => s.Id == stop, cancellationToken))
            {
                throw NotFound("arrêt itinérant", "stopId");
            }

            return (null, stop, remote);
        }

        await EnsureSiteAsync(siteKey, "siteId", cancellationToken);
        var site = siteKey ?? (offer.Format == OfferFormat.Remote ? null : offer.SiteId);
        if (site is null && remote is null)
        {
            throw new OfferRuleException(OfferRuleCodes.InvalidSession, "remoteUrl", "Une séance sans lieu se tient à distance : indiquez son lien (remoteUrl).");
        }

        return (site, null, remote);
    }

    /// <summary>
    /// Refuses <paramref name="adding"/> new sessions when the offer, or the place or stop where they happen,
    /// would hold more sessions to come (not cancelled, not over) than <see cref="OfferOptions"/> allows.
    /// REVIEW: counted before the insert, outside a lock: two writers racing at the limit may pass it by one
    /// batch each; the bound is against floods, not an exact count.
    /// </summary>
    private async Task CheckQuotasAsync(long offerKey, long? siteKey, long? stopKey, int adding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUnix = now.ToUnixTimeSeconds();
        var ofOffer = await db.Sessions.CountAsync(s => s.OfferId == offerKey && !s.Cancelled && s.EndsAtUnix > nowUnix, cancellationToken);
        if (ofOffer + adding > _quotas.MaxSessionsPerOffer)
        {
            throw new OfferRuleException(OfferRuleCodes.TooManySessions, "offerId", TooMany("Cette offre", ofOffer, adding, _quotas.MaxSessionsPerOffer));
        }

        await CheckPlaceQuotaAsync(siteKey, stopKey, adding, now, cancellationToken);
    }

    private async Task CheckPlaceQuotaAsync(long? siteKey, long? stopKey, int adding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowUnix = now.ToUnixTimeSeconds();
        if (siteKey is { } site)
        {
            var atPlace = await db.Sessions.CountAsync(s => s.SiteId == site && !s.Cancelled && s.EndsAtUnix > nowUnix, cancellationToken);
            if (atPlace + adding > _quotas.MaxSessionsPerPlace)
            {
                throw new OfferRuleException(OfferRuleCodes.TooManySessions, "siteId", TooMany("Ce lieu", atPlace, adding, _quotas.MaxSessionsPerPlace));
            }
        }

        if (stopKey is { } stop)
        {
            var atStop = await db.Sessions.CountAsync(s => s.StopId == stop && !s.Cancelled && s.EndsAtUnix > nowUnix, cancellationToken);
            if (atStop + adding > _quotas.MaxSessionsPerPlace)
            {
                throw new OfferRuleException(OfferRuleCodes.TooManySessions, "stopId", TooMany("Cet arrêt itinérant", atStop, adding, _quotas.MaxSessionsPerPlace));
            }
        }
    }

    private static string TooMany(string what, int existing, int adding, int max) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{what} a déjà {existing} séance(s) à venir ; en ajouter {adding} dépasserait le maximum de {max}. Raccourcissez la série (until), annulez des séances inutiles, ou attendez que les premières soient passées.");

    private async Task EnsureSiteAsync(long? siteKey, string field, CancellationToken cancellationToken)
    {
        if (siteKey is { } key && !await db.Sites.AnyAsync(s => s.Id == key, cancellationToken))
        {
            throw NotFound("lieu", field);
        }
    }

    private async Task SaveAsync(string what, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new OfferRuleException(OfferRuleCodes.VersionConflict, "id", $"{what} vient d'être modifiée par quelqu'un d'autre : relisez-la puis recommencez.");
        }
    }

    private static SessionEntity NewSession(
        long offerKey, long? siteKey, long? stopKey, string? remote, DateTimeOffset starts, DateTimeOffset ends, int? capacity, int taken, DateTimeOffset now) => new()
        {
            OfferId = offerKey,
            SiteId = siteKey,
            StopId = stopKey,
            RemoteUrl = remote,
            StartsAtUnix = starts.ToUnixTimeSeconds(),
            EndsAtUnix = ends.ToUnixTimeSeconds(),
            Capacity = capacity,
            SeatsTaken = taken,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };

    private static void MarkCancelled(SessionEntity session, string? reason, DateTimeOffset now)
    {
        session.Cancelled = true;
        session.CancelledAt = now;
        session.CancelReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()[..Math.Min(reason.Trim().Length, 500)];
        Touch(session, now, calendarChange: true);
    }

    private static void Touch(SessionEntity session, DateTimeOffset now, bool calendarChange)
    {
        session.UpdatedAt = now;
        session.Version++;
        if (calendarChange)
        {
            session.Sequence++;
        }
    }

    private static void CheckVersion(int? expected, int actual, string what)
    {
        if (expected is { } v && v != actual)
        {
            throw new OfferRuleException(OfferRuleCodes.VersionConflict, "expectedVersion",
                $"{what} a changé depuis votre lecture (version {v}, maintenant {actual}) : relisez-la puis recommencez.");
        }
    }

    private static OfferRuleException NotFound(string what, string field = "id") =>
        new(OfferRuleCodes.NotFound, field, $"Aucun(e) {what} n'a cet identifiant.");
}
