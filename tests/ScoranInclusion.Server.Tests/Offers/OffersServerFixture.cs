using System.Globalization;
using System.Text.Json.Nodes;
using ScoranInclusion.Server.Tests.Support;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Offers;

/// <summary>A server with an administrator token, so that mutations are allowed.</summary>
public class OffersServerFixture : ServerFixture
{
    public const string Token = "jeton-de-test-0123456789";

    public OffersServerFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected OffersServerFixture(StorageProvider provider)
        : base(provider)
    {
        Factory.Settings["Auth:AdminToken"] = Token;
    }

    public Task<JsonObject> MutateAsync(string query, object? variables = null) => Factory.DataAsync(query, variables, Token);

    /// <summary>The id and point of the place nearest to a point (a real place of the seed).</summary>
    public async Task<(string Id, double Latitude, double Longitude, string Nom)> PlaceNearAsync(double latitude, double longitude)
    {
        var data = await Factory.DataAsync("""
            query($lat: Float!, $lon: Float!) { nearestSites(near: { point: { latitude: $lat, longitude: $lon } }, first: 1) {
              nodes { id nom location { latitude longitude } } } }
            """, new { lat = latitude, lon = longitude });
        var node = data["nearestSites"]!["nodes"]![0]!;
        return (node["id"]!.GetValue<string>(), node["location"]!["latitude"]!.GetValue<double>(), node["location"]!["longitude"]!.GetValue<double>(), node["nom"]!.GetValue<string>());
    }

    public async Task<string> CreateOfferAsync(string siteId, string title, string format = "COLLECTIVE_WORKSHOP", string fee = "FREE")
    {
        var data = await MutateAsync("""
            mutation($input: OfferInput!) { createOffer(input: $input) { id } }
            """, new
        {
            input = new
            {
                title,
                summary = "Un atelier pour apprendre pas à pas.",
                themes = new[] { "MAITRISE_DES_OUTILS_NUMERIQUES_DU_QUOTIDIEN" },
                format,
                fee,
                registration = new { telephone = "03 80 00 00 00" },
                siteId,
            },
        });
        return data["createOffer"]!["id"]!.GetValue<string>();
    }

    public async Task<JsonObject> CreateSessionAsync(string offerId, DateTimeOffset startsAt, int? capacity = 10, string? siteId = null, string? remoteUrl = null)
    {
        var data = await MutateAsync("""
            mutation($input: SessionInput!) { createSession(input: $input) { id startsAt endsAt status capacity remainingSeats version } }
            """, new { input = new { offerId, startsAt = Iso(startsAt), endsAt = Iso(startsAt.AddHours(2)), capacity, siteId, remoteUrl } });
        return data["createSession"]!.AsObject();
    }

    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>A whole hour, <paramref name="days"/> days from now: each test uses its own days, far from the examples' weeks.</summary>
    public static DateTimeOffset Day(int days, int hour = 14)
    {
        var date = DateTimeOffset.UtcNow.AddDays(days);
        return new DateTimeOffset(date.Year, date.Month, date.Day, hour, 0, 0, TimeSpan.Zero);
    }
}

/// <summary>The same on PostgreSQL + PostGIS.</summary>
public sealed class PostgresOffersServerFixture() : OffersServerFixture(StorageProvider.Postgres);
