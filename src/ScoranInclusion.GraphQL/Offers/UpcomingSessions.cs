using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Complexity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.JsonLd;
using ScoranInclusion.Geo.Geodesy;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL.Loaders;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.GraphQL.Offers;

/// <summary>Filters of upcomingSessions: within a list one value suffices, lists combine.</summary>
public sealed record SessionFilter(
    IReadOnlyList<Service> Themes,
    IReadOnlyList<PublicSpecifiquementAdresse> Publics,
    IReadOnlyList<OfferFee> Fee,
    IReadOnlyList<OfferFormat> Format,
    bool SeatsAvailable,
    bool? Remote,
    bool IncludeCancelled,
    bool IncludeExamples)
{
    public static readonly SessionFilter None = new([], [], [], [], false, null, false, true);

    public bool Matches(SessionCandidate candidate, DateTimeOffset now)
    {
        var offer = candidate.Offer.Offer;
        var session = candidate.Session;
        var remote = candidate.Location is null || session.RemoteUrl is not null;
        return (Themes.Count == 0 || offer.Themes.Any(Themes.Contains))
            // An offer without specific publics is for everyone.
            && (Publics.Count == 0 || offer.Publics.Count == 0 || offer.Publics.Any(Publics.Contains))
            && (Fee.Count == 0 || Fee.Contains(offer.Fee))
            && (Format.Count == 0 || Format.Contains(offer.Format))
            && (!SeatsAvailable || session.StatusAt(now) == SessionStatus.Scheduled)
            && (Remote is not { } r || (r ? remote : candidate.Location is not null))
            && (IncludeExamples || !offer.IsExample);
    }
}

public sealed class SessionFilterInputType : InputObjectGraphType<SessionFilter>
{
    public SessionFilterInputType()
    {
        Name = "SessionFilter";
        Description = "Filtres des séances : dans une liste, une valeur suffit (OU) ; les champs se combinent (ET).";
        Field<ListGraphType<NonNullGraphType<ServiceEnumType>>>("themes").Description("L'offre traite au moins un de ces thèmes.");
        Field<ListGraphType<NonNullGraphType<PublicSpecifiquementAdresseEnumType>>>("publics")
            .Description("L'offre vise au moins un de ces publics ; une offre sans public précisé est pour tous et convient toujours.");
        Field<ListGraphType<NonNullGraphType<OfferFeeEnumType>>>("fee");
        Field<ListGraphType<NonNullGraphType<OfferFormatEnumType>>>("format");
        Field<BooleanGraphType>("seatsAvailable").Description("true : seulement les séances où il reste des places (ou sans limite), ni complètes ni annulées.");
        Field<BooleanGraphType>("remote").Description("true : seulement les séances à distance ; false : seulement sur place ; absent : les deux (à distance sans distance).");
        Field<BooleanGraphType>("includeCancelled").Description("true : garder les séances annulées (montrées comme telles). Par défaut false.");
        Field<BooleanGraphType>("includeExamples").Description("false : écarter les offres d'exemple livrées avec le serveur. Par défaut true.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => new SessionFilter(
        List<Service>(value, "themes"), List<PublicSpecifiquementAdresse>(value, "publics"), List<OfferFee>(value, "fee"), List<OfferFormat>(value, "format"),
        value.TryGetValue("seatsAvailable", out var seats) && seats is true,
        value.TryGetValue("remote", out var remote) ? remote as bool? : null,
        value.TryGetValue("includeCancelled", out var cancelled) && cancelled is true,
        !value.TryGetValue("includeExamples", out var examples) || examples is not false);

    private static T[] List<T>(IDictionary<string, object?> value, string key) where T : struct, Enum =>
        value.TryGetValue(key, out var list) && list is IEnumerable<object?> items ? [.. items.OfType<T>()] : [];
}

/// <summary>
/// upcomingSessions: the sessions of a time window, filtered, with their geodesic distance from the origin,
/// sorted by start time (default) or distance. The window is bounded (at most a year), so the candidates are
/// read from the database by time and place (the radius' rectangle) and the distance computed for each; remote
/// sessions have no distance. Its cost grows with the window (<see cref="Cost"/>), so aliased wide windows are
/// refused before any read.
/// </summary>
public static class UpcomingSessionsResolver
{
    public const int DefaultWindowDays = 30;

    /// <summary>
    /// The field's cost: 10, plus <c>GraphQL:SessionWindowDayCost</c> per day of the window (the rows it may read
    /// grow with it), times the page (<c>first</c>) for what is selected inside. Arguments that will be refused
    /// (a reversed window, a bad date) cost the default window: the resolver refuses them anyway.
    /// </summary>
    public static FieldComplexityResult Cost(FieldImpactContext context)
    {
        var options = context.ValidationContext.RequestServices?.GetService<IOptions<ScoranGraphQLOptions>>()?.Value ?? new ScoranGraphQLOptions();
        double days = DefaultWindowDays;
        int first = 10;
        try
        {
            var from = context.GetArgument<DateTimeOffset?>("from", null);
            var to = context.GetArgument<DateTimeOffset?>("to", null);
            if (to is { } end)
            {
                var span = (end - (from ?? DateTimeOffset.UtcNow)).TotalDays;
                days = double.IsFinite(span) && span > 0 ? Math.Min(span, TimeWindow.MaxDays) : DefaultWindowDays;
            }

            first = Math.Clamp(context.GetArgument("first", 10), 0, options.MaxPageSize);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            // Left to the resolver, which answers with its own code.
        }

        return new FieldComplexityResult(10 + Math.Ceiling(days) * options.SessionWindowDayCost, Math.Max(1, first));
    }

    public static async Task<object?> ResolveAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var options = services.GetRequiredService<IOptions<ScoranGraphQLOptions>>().Value;
        var near = context.GetArgument<NearInput>("near");
        var first = Pagination.First(context, options);
        var order = context.GetArgument("orderBy", SessionOrder.StartTime);
        var after = context.GetArgument<string?>("after") is { } cursor ? SessionCursor.Decode(cursor, order) : (SessionKey?)null;
        var filter = context.GetArgument<SessionFilter?>("filter") ?? SessionFilter.None;
        var origin = await NearestSitesResolver.OriginAsync(near, services, context.CancellationToken);
        var maxMeters = NearestSitesResolver.MaxDistanceMeters(near.RadiusKm, options);
        var (from, to) = TimeWindow.Read(context, DefaultWindowDays);
        var now = context.Now();

        // The radius is applied in the query (a rectangle around it), before the window's cap: a flood of sessions
        // elsewhere in the region never crowds out the near ones. The exact geodesic distance is checked below.
        var candidates = await context.Offers().SessionsBetweenAsync(from, to, filter.IncludeCancelled, context.CancellationToken,
            GeoBox.Around(origin, maxMeters),
            order == SessionOrder.StartTime && after is { } start ? (start.StartsUnix, start.Id) : null);
        var ranked = new List<(SessionKey Key, SessionCandidate Candidate)>();
        foreach (var candidate in candidates)
        {
            if (!filter.Matches(candidate, now))
            {
                continue;
            }

            var distance = candidate.Location is { } point ? Geodesic.DistanceMeters(origin, point) : double.NaN;
            if (distance > maxMeters)
            {
                continue;
            }

            var key = new SessionKey(distance, candidate.Session.StartsAt.ToUnixTimeSeconds(), candidate.Session.Key);
            if (after is { } a && SessionKey.Compare(key, a, order) <= 0)
            {
                continue;
            }

            ranked.Add((key, candidate));
        }

        ranked.Sort((x, y) => SessionKey.Compare(x.Key, y.Key, order));
        var offers = context.Loaders().Offers;
        var edges = ranked.Take(first).Select(r =>
        {
            offers.Prime(r.Candidate.Offer.Key, r.Candidate.Offer);
            return new SessionEdge(r.Candidate.Session, double.IsNaN(r.Key.Distance) ? null : r.Key.Distance, SessionCursor.Encode(r.Key, order));
        }).ToList();
        return new SessionConnection(edges, new PageInfo(ranked.Count > first, after is not null, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor));
    }
}

/// <summary>nextVisits: itinerant stops near the origin with their next visit, soonest first.</summary>
public static class NextVisitsResolver
{
    /// <summary>Without radiusKm, stops within this distance are searched.</summary>
    public const double DefaultRadiusKm = 30;

    public static async Task<object?> ResolveAsync(IResolveFieldContext context)
    {
        var services = context.RequestServices!;
        var options = services.GetRequiredService<IOptions<ScoranGraphQLOptions>>().Value;
        var near = context.GetArgument<NearInput>("near");
        var first = Pagination.First(context, options);
        var origin = await NearestSitesResolver.OriginAsync(near, services, context.CancellationToken);
        var maxMeters = NearestSitesResolver.MaxDistanceMeters(near.RadiusKm ?? DefaultRadiusKm, options);
        var from = context.GetArgument<DateTimeOffset?>("from") ?? context.Now();
        var stops = await context.Offers().StopsAsync(context.CancellationToken);
        return Near(stops, services.GetRequiredService<ScoranInclusion.Search.ScheduleCache>(), origin, maxMeters, from, first);
    }

    /// <summary>
    /// The next visit of each stop within <paramref name="maxMeters"/> of <paramref name="origin"/>, the soonest first (then the
    /// nearest): what <c>nextVisits</c> answers, and what the pages show (« Le bus numérique passe à … »).
    /// </summary>
    public static IReadOnlyList<NextVisit> Near(
        IEnumerable<StoredStop> stops, ScoranInclusion.Search.ScheduleCache schedules, ScoranInclusion.Domain.GeoPoint origin, double maxMeters, DateTimeOffset from, int first)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(schedules);
        var visits = new List<NextVisit>();
        foreach (var stop in stops)
        {
            var distance = Geodesic.DistanceMeters(origin, stop.Location);
            if (distance <= maxMeters && ItinerantVisits.Next(stop.Visits, schedules.Get(stop.OpeningHours), from) is { } visit)
            {
                visits.Add(new NextVisit(stop, distance, visit));
            }
        }

        return visits.OrderBy(v => v.Visit.Start).ThenBy(v => v.DistanceMeters).ThenBy(v => v.Stop.Key).Take(first).ToList();
    }
}
