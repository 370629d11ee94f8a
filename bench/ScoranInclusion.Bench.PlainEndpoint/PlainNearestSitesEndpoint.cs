using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.GraphQL;
using ScoranInclusion.GraphQL.Errors;
using ScoranInclusion.GraphQL.Http;
using ScoranInclusion.GraphQL.Offers;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Search;
using ScoranInclusion.Search.ReadModel;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Offers;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Bench.PlainEndpoint;

/// <summary>
/// A benchmark aid that the product never maps: the bench loads it into the built server (<see cref="StartupHook"/>). <c>POST /bench/nearest-sites</c>
/// takes the variables of the widget's nearestSites query (<c>{near, first, after, filter}</c>, as JSON) and answers
/// the very JSON that <c>/graphql</c> gives for the widget's list query (<see cref="WidgetQuery"/>), written with a
/// <see cref="Utf8JsonWriter"/>, without GraphQL: the same search (<see cref="SiteSearch"/>), the same schedules
/// (<see cref="ScheduleCache"/>, each field evaluated as its resolver does), the same reads of the places, their next
/// sessions and their offers as the resolvers' loaders (<see cref="PlaceReadModel"/>: in memory on SQLite's server, else
/// one query for the next sessions of the page's places, one for their offers). bench/ compares the two: the ratio is the GraphQL
/// layer's cost (parsing, validation, execution, serialization).
/// </summary>
public static class PlainNearestSitesEndpoint
{
    public const string Path = "/bench/nearest-sites";

    /// <summary>The selection this endpoint writes: the list query of <c>&lt;scoran-carte&gt;</c> (web/src/scoran-carte.js, SEARCH with LIST_FIELDS).</summary>
    public const string WidgetQuery = """
        query Lieux($near: NearInput!, $first: Int, $after: String, $filter: SiteFilter) {
          nearestSites(near: $near, first: $first, after: $after, filter: $filter) {
            edges { distanceMeters node { id nom location { latitude longitude }
          adresse { voie complement codePostal commune codeInsee }
          services fraisACharge priseEnChargeSpecifique ficheAccesLibre
          openingHours { state nextChange comment }
          freshness { lastVerifiedAt source stale }
          closures { startDate endDate reason current } notices { text current } languesParlees
          nextSessions(first: 3) { startsAt status remainingSeats offer { title } } } }
            pageInfo { hasNextPage endCursor } } }
        """;

    private const int NextSessions = 3;
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private static readonly EnumTable<Service> Services = new(Vocabularies.Services);
    private static readonly EnumTable<PublicSpecifiquementAdresse> Publics = new(Vocabularies.Publics);
    private static readonly EnumTable<FraisACharge> Frais = new(Vocabularies.Frais);
    private static readonly EnumTable<PriseEnChargeSpecifique> PrisesEnCharge = new(Vocabularies.PrisesEnCharge);
    private static readonly EnumTable<ModaliteAccompagnement> Accompagnements = new(Vocabularies.ModalitesAccompagnement);

    /// <summary>Adds the endpoint to a server being built (the bench's <see cref="StartupHook"/>, the tests' factory).</summary>
    public static IServiceCollection AddPlainNearestSites(this IServiceCollection services) =>
        services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, Filter>();

    /// <summary>Answers <c>POST</c> <see cref="Path"/> ahead of the server's own pipeline.</summary>
    private static void Map(IApplicationBuilder app) =>
        app.MapWhen(
            http => HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals(Path, StringComparison.Ordinal),
            branch => branch.Run(HandleAsync));

    private static async Task HandleAsync(HttpContext http)
    {
        var services = http.RequestServices;
        var options = services.GetRequiredService<IOptions<ScoranGraphQLOptions>>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        NearestPage page;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body, default, http.RequestAborted);
            var root = body.RootElement;
            var near = ReadNear(root.GetProperty("near"));
            var first = root.TryGetProperty("first", out var f) && f.ValueKind == JsonValueKind.Number ? f.GetInt32() : 10;
            if (first < 0 || first > options.MaxPageSize)
            {
                throw new ScoranError(ErrorCodes.InvalidPagination, $"first doit être compris entre 0 et {options.MaxPageSize} (reçu {first}).");
            }

            SiteHit? after = root.TryGetProperty("after", out var a) && a.ValueKind == JsonValueKind.String ? SiteCursor.Decode(a.GetString()!) : null;
            var filter = await ReadFilterAsync(root.TryGetProperty("filter", out var fi) ? fi : default, services, clock, http.RequestAborted);
            var origin = NearestSitesResolver.Origin(near, services.GetRequiredService<CommuneDirectory>());
            var maxMeters = NearestSitesResolver.MaxDistanceMeters(near.RadiusKm, options);
            page = await services.GetRequiredService<SiteSearch>().NearestAsync(origin, filter, first, after, maxMeters, http.RequestAborted);
        }
        catch (Exception e) when (e is ScoranError or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(e is ScoranError ? e.Message : "Corps attendu : les variables de la requête nearestSites du widget, en JSON.", http.RequestAborted);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = GraphQLHttpEndpoint.GraphQLResponseMediaType + "; charset=utf-8";
        await using var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions);
        await WriteAsync(writer, page, services, clock, http.RequestAborted);
        await writer.FlushAsync(http.RequestAborted);
    }

    private static async Task WriteAsync(Utf8JsonWriter w, NearestPage page, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var schedules = services.GetRequiredService<ScheduleCache>();
        var freshnessOf = services.GetRequiredService<PlaceFreshness>();
        // As the request's loaders: one instant for the sessions, one query per field for the whole page.
        var now = clock.GetUtcNow();
        // The same read model as the request's loaders (in memory on SQLite's server, the batched queries elsewhere).
        var places = services.GetRequiredService<PlaceReads>();
        var sessionsBySite = await places.NextSessionsAsync([.. page.Items.Select(i => i.Site.Key)], now, NextSessions, ct);
        var offersByKey = await places.OffersAsync([.. sessionsBySite.Values.SelectMany(s => s).Select(s => s.OfferKey).Distinct()], ct);
        string? lastCursor = null;
        w.WriteStartObject();
        w.WritePropertyName("data"u8);
        w.WriteStartObject();
        w.WritePropertyName("nearestSites"u8);
        w.WriteStartObject();
        w.WritePropertyName("edges"u8);
        w.WriteStartArray();
        foreach (var item in page.Items)
        {
            var stored = item.Site;
            var site = stored.Site;
            lastCursor = SiteCursor.Encode(new SiteHit(stored.Key, item.DistanceMeters));
            w.WriteStartObject();
            w.WriteNumber("distanceMeters"u8, item.DistanceMeters);
            w.WritePropertyName("node"u8);
            w.WriteStartObject();
            w.WriteString("id"u8, GlobalId.Encode(SiteType.TypeName, stored.Key));
            w.WriteString("nom"u8, site.Nom);
            if (site.Location is { } location)
            {
                w.WritePropertyName("location"u8);
                w.WriteStartObject();
                w.WriteNumber("latitude"u8, location.Latitude);
                w.WriteNumber("longitude"u8, location.Longitude);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("location"u8);
            }

            w.WritePropertyName("adresse"u8);
            w.WriteStartObject();
            w.WriteString("voie"u8, site.Adresse.Voie);
            w.WriteString("complement"u8, site.Adresse.Complement);
            w.WriteString("codePostal"u8, site.Adresse.CodePostal);
            w.WriteString("commune"u8, site.Adresse.Commune);
            w.WriteString("codeInsee"u8, site.Adresse.CodeInsee);
            w.WriteEndObject();
            Services.WriteList(w, "services"u8, site.Services);
            Frais.WriteList(w, "fraisACharge"u8, site.FraisACharge);
            PrisesEnCharge.WriteList(w, "priseEnChargeSpecifique"u8, site.PriseEnChargeSpecifique);
            w.WriteString("ficheAccesLibre"u8, site.FicheAccesLibre);
            if (SiteHours.Of(schedules.Get(site.Horaires), site.Closures) is { } schedule)
            {
                // As the resolvers of OpeningHours: each field reads the clock and evaluates on its own.
                w.WritePropertyName("openingHours"u8);
                w.WriteStartObject();
                w.WriteString("state"u8, StatusName(schedule.StateAt(clock.GetUtcNow()).Status));
                if (schedule.NextChange(clock.GetUtcNow()) is { } next)
                {
                    w.WriteString("nextChange"u8, ParisTime.ToParis(next).ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteNull("nextChange"u8);
                }

                w.WriteString("comment"u8, schedule.StateAt(clock.GetUtcNow()).Comment);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("openingHours"u8);
            }

            // As Site.freshness: from the place's row alone.
            var freshness = freshnessOf.Of(stored);
            w.WritePropertyName("freshness"u8);
            w.WriteStartObject();
            w.WriteString("lastVerifiedAt"u8, ParisTime.ToParis(freshness.LastVerifiedAt).ToString(DateTimeFormat, CultureInfo.InvariantCulture));
            w.WriteString("source"u8, freshness.Source);
            w.WriteBoolean("stale"u8, freshness.Stale);
            w.WriteEndObject();

            // As Site.closures and Site.notices: the ones not yet over, by start date; current on the Paris day.
            var today = TemporaryNotices.ParisDay(clock.GetUtcNow());
            w.WritePropertyName("closures"u8);
            w.WriteStartArray();
            foreach (var closure in TemporaryNotices.Upcoming(site.Closures, today))
            {
                w.WriteStartObject();
                w.WriteString("startDate"u8, closure.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                w.WriteString("endDate"u8, closure.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                if (closure.Reason is { } reason)
                {
                    w.WriteString("reason"u8, reason);
                }
                else
                {
                    w.WriteNull("reason"u8);
                }

                w.WriteBoolean("current"u8, TemporaryNotices.Covers(closure.Start, closure.End, today));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("notices"u8);
            w.WriteStartArray();
            foreach (var notice in TemporaryNotices.Upcoming(site.Notices, today))
            {
                w.WriteStartObject();
                w.WriteString("text"u8, notice.Text);
                w.WriteBoolean("current"u8, TemporaryNotices.Covers(notice.Start, notice.End, today));
                w.WriteEndObject();
            }

            w.WriteEndArray();

            // As Site.languesParlees: the ISO 639-1 codes, in the stored order.
            w.WritePropertyName("languesParlees"u8);
            w.WriteStartArray();
            foreach (var code in site.LanguesParlees)
            {
                w.WriteStringValue(code);
            }

            w.WriteEndArray();

            w.WritePropertyName("nextSessions"u8);
            w.WriteStartArray();
            foreach (var session in sessionsBySite[stored.Key])
            {
                w.WriteStartObject();
                w.WriteString("startsAt"u8, ParisTime.ToParis(session.StartsAt).ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                w.WriteString("status"u8, SessionStatusName(session.StatusAt(now)));
                if (session.RemainingSeats is { } seats)
                {
                    w.WriteNumber("remainingSeats"u8, seats);
                }
                else
                {
                    w.WriteNull("remainingSeats"u8);
                }

                w.WritePropertyName("offer"u8);
                w.WriteStartObject();
                w.WriteString("title"u8, offersByKey[session.OfferKey].Offer.Title);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("pageInfo"u8);
        w.WriteStartObject();
        w.WriteBoolean("hasNextPage"u8, page.HasNextPage);
        w.WriteString("endCursor"u8, lastCursor);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static NearInput ReadNear(JsonElement near)
    {
        GeoPoint? point = near.TryGetProperty("point", out var p) && p.ValueKind == JsonValueKind.Object
            ? new GeoPoint(p.GetProperty("latitude").GetDouble(), p.GetProperty("longitude").GetDouble())
            : null;
        return new NearInput(
            point,
            near.TryGetProperty("commune", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
            near.TryGetProperty("postalCode", out var pc) && pc.ValueKind == JsonValueKind.String ? pc.GetString() : null,
            near.TryGetProperty("radiusKm", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : null);
    }

    /// <summary>The filters the widget sends (services, publics, fraisACharge, modalitesAccompagnement, openNow, openOn, hasSessionWithinDays), as the resolver applies them.</summary>
    private static async Task<SiteFilter> ReadFilterAsync(JsonElement filter, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        if (filter.ValueKind != JsonValueKind.Object)
        {
            return SiteFilter.None;
        }

        var result = new SiteFilter
        {
            Services = Services.ReadList(filter, "services"),
            Publics = Publics.ReadList(filter, "publics"),
            FraisACharge = Frais.ReadList(filter, "fraisACharge"),
            ModalitesAccompagnement = Accompagnements.ReadList(filter, "modalitesAccompagnement"),
            OpenOn = filter.TryGetProperty("openOn", out var on) && on.ValueKind == JsonValueKind.String
                ? DateOnly.ParseExact(on.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
        };
        if (filter.TryGetProperty("openNow", out var now) && now.ValueKind == JsonValueKind.True)
        {
            result = result with { OpenAt = clock.GetUtcNow() };
        }

        if (filter.TryGetProperty("hasSessionWithinDays", out var d) && d.ValueKind == JsonValueKind.Number)
        {
            var days = d.GetInt32();
            if (days is < 1 or > 366)
            {
                throw new ScoranError(ErrorCodes.InvalidFilter, $"hasSessionWithinDays doit être compris entre 1 et 366 (reçu {days}).");
            }

            var from = clock.GetUtcNow();
            result = result with
            {
                OnlySites = await services.GetRequiredService<OfferReader>().SitesWithSessionsAsync(from, from.AddDays(days), ct),
            };
        }

        return result;
    }

    private static string StatusName(OpeningStatus status) => status switch
    {
        OpeningStatus.Open => "OPEN",
        OpeningStatus.Closed => "CLOSED",
        _ => "UNKNOWN",
    };

    private static string SessionStatusName(Domain.Offers.SessionStatus status) => status switch
    {
        Domain.Offers.SessionStatus.Scheduled => "SCHEDULED",
        Domain.Offers.SessionStatus.Full => "FULL",
        Domain.Offers.SessionStatus.Cancelled => "CANCELLED",
        _ => "DONE",
    };

    /// <summary>The GraphQL names of a standard enumeration (<see cref="EnumNames.FromLabel"/>), both ways, computed once.</summary>
    private sealed class EnumTable<T> where T : struct, Enum
    {
        private readonly Dictionary<T, JsonEncodedText> _names = [];
        private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);

        public EnumTable(Vocabulary<T> vocabulary)
        {
            foreach (var value in Enum.GetValues<T>())
            {
                var name = EnumNames.FromLabel(vocabulary.Label(value));
                _names[value] = JsonEncodedText.Encode(name);
                _values[name] = value;
            }
        }

        public void WriteList(Utf8JsonWriter w, ReadOnlySpan<byte> property, IEnumerable<T> values)
        {
            w.WritePropertyName(property);
            w.WriteStartArray();
            foreach (var value in values)
            {
                w.WriteStringValue(_names[value]);
            }

            w.WriteEndArray();
        }

        public T[] ReadList(JsonElement filter, string property)
        {
            if (!filter.TryGetProperty(property, out var list) || list.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var values = new T[list.GetArrayLength()];
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                values[i++] = _values.TryGetValue(item.GetString() ?? "", out var value)
                    ? value
                    : throw new ScoranError(ErrorCodes.InvalidFilter, $"Valeur inconnue dans {property}.");
            }

            return values;
        }
    }

    private sealed class Filter : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            Map(app);
            next(app);
        };
    }
}
