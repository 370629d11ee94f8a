using System.Net;
using System.Text;
using Ical.Net;

namespace ScoranInclusion.Server.Tests.Offers;

public sealed class CalendarTests(OffersServerFixture fixture) : IClassFixture<OffersServerFixture>
{
    [Fact]
    public async Task The_place_calendar_is_strict_rfc_5545_and_shows_a_cancellation_with_a_higher_sequence()
    {
        var place = await fixture.PlaceNearAsync(47.64, 6.86);
        var offer = await fixture.CreateOfferAsync(place.Id, "Calendrier : « Découvrir » les démarches à l'écran — un titre assez long pour être replié");
        var kept = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(20), capacity: 8);
        var cancelled = await fixture.CreateSessionAsync(offer, OffersServerFixture.Day(21), capacity: 8);
        await fixture.MutateAsync("mutation($id: ID!) { cancelSession(id: $id, reason: \"Médiatrice absente\") { id } }", new { id = cancelled["id"]!.GetValue<string>() });

        using var client = fixture.Factory.CreateClient();
        using var response = await client.GetAsync(new Uri($"/calendar/{place.Id}.ics", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        AssertStrictContentLines(bytes);
        var calendar = Ical.Net.Calendar.Load(text)!;
        Assert.Equal("2.0", calendar.Version);
        Assert.False(string.IsNullOrEmpty(calendar.ProductId));
        var events = calendar.Events.ToDictionary(e => e.Uid!);
        Assert.Equal(2, events.Count);
        var keptEvent = events[kept["id"]!.GetValue<string>() + "@scoran-inclusion"];
        var cancelledEvent = events[cancelled["id"]!.GetValue<string>() + "@scoran-inclusion"];
        Assert.Equal(EventStatus.Confirmed, keptEvent.Status);
        Assert.Equal(EventStatus.Cancelled, cancelledEvent.Status);
        Assert.Equal(0, keptEvent.Sequence);
        Assert.Equal(1, cancelledEvent.Sequence);
        Assert.Equal(OffersServerFixture.Day(20).UtcDateTime, keptEvent.DtStart!.AsUtc);
        Assert.NotNull(keptEvent.DtStamp);
        Assert.Contains("Places restantes : 8 sur 8", keptEvent.Description, StringComparison.Ordinal);
        Assert.Contains("Médiatrice absente", cancelledEvent.Description, StringComparison.Ordinal);
        Assert.NotNull(keptEvent.GeographicLocation);
        // The title, folded over several lines, comes back whole.
        Assert.Equal("Calendrier : « Découvrir » les démarches à l'écran — un titre assez long pour être replié", keptEvent.Summary);
    }

    [Fact]
    public async Task The_territory_calendar_covers_the_departement_and_bad_requests_are_explained()
    {
        using var client = fixture.Factory.CreateClient();
        // The examples: the Nièvre has the Nevers permanence and the Morvan bus workshop.
        var bytes = await client.GetByteArrayAsync(new Uri("/calendar/territoire.ics?departement=58", UriKind.Relative));
        AssertStrictContentLines(bytes);
        var calendar = Ical.Net.Calendar.Load(Encoding.UTF8.GetString(bytes))!;
        Assert.Contains(calendar.Events, e => e.Summary!.Contains("Permanence", StringComparison.Ordinal));
        Assert.Contains(calendar.Events, e => e.Location!.Contains("Corbigny", StringComparison.Ordinal));
        Assert.DoesNotContain(calendar.Events, e => e.Summary!.Contains("Mon Espace Santé", StringComparison.Ordinal));

        using var invalid = await client.GetAsync(new Uri("/calendar/pas-un-id.ics", UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri("/calendar/U2l0ZTo5OTk5OTk.ics", UriKind.Relative));
        using var noTerritory = await client.GetAsync(new Uri("/calendar/territoire.ics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTerritory.StatusCode);
        Assert.Contains("INVALID_TERRITORY", await noTerritory.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>RFC 5545 §3.1 and §3.6: CRLF line ends, lines of 75 octets at most, balanced components, required properties.</summary>
    private static void AssertStrictContentLines(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.DoesNotContain(lines, l => l.Contains('\n', StringComparison.Ordinal) || l.Contains('\r', StringComparison.Ordinal));
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"Ligne de {Encoding.UTF8.GetByteCount(l)} octets : {l}"));
        Assert.Equal("BEGIN:VCALENDAR", lines[0]);
        Assert.Equal("END:VCALENDAR", lines[^1]);
        var unfolded = text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("VERSION:2.0", unfolded);
        Assert.Contains(unfolded, l => l.StartsWith("PRODID:", StringComparison.Ordinal));
        var depth = new Stack<string>();
        var properties = new HashSet<string>();
        foreach (var line in unfolded)
        {
            var name = line[..line.IndexOfAny([':', ';'])];
            if (name == "BEGIN")
            {
                depth.Push(line[6..]);
                properties.Clear();
            }
            else if (name == "END")
            {
                Assert.Equal(depth.Pop(), line[4..]);
                if (line == "END:VEVENT")
                {
                    Assert.Superset(new HashSet<string> { "UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "STATUS", "SUMMARY" }, properties);
                }
            }
            else
            {
                Assert.True(properties.Add(name) || name == "CATEGORIES", $"Propriété {name} répétée");
            }
        }

        Assert.Empty(depth);
    }
}
