using System.Text.Json.Nodes;
using ScoranInclusion.Domain.Offers;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.JsonLd;

namespace ScoranInclusion.Domain.Tests.Offers;

public sealed class ItinerantAndJsonLdTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 8, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void The_next_visit_merges_dated_visits_and_opening_hours_in_paris_time()
    {
        var hours = OpeningHoursParser.Parse("Th 14:00-17:00").Schedule;
        var dated = ItinerantVisits.Parse("2026-12-01T09:30:00+01:00/2026-12-01T12:00:00+01:00");

        var next = ItinerantVisits.Next(dated, hours, Monday);
        var week = ItinerantVisits.Between(dated, hours, Monday, Monday.AddDays(7));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1)), next!.Value.Start);
        Assert.Equal(2, week.Count);
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 14, 0, 0, TimeSpan.FromHours(1)), week[1].Start);
        // A visit in progress is the next one.
        Assert.Equal(next, ItinerantVisits.Next(dated, hours, new DateTimeOffset(2026, 12, 1, 11, 0, 0, TimeSpan.FromHours(1))));
        Assert.Equal(dated, ItinerantVisits.Parse(ItinerantVisits.Format(dated)));
    }

    [Fact]
    public void Unreadable_visits_are_refused_with_the_part_at_fault()
    {
        var error = Assert.Throws<OfferRuleException>(() => ItinerantVisits.Parse("2026-12-01T12:00:00+01:00/2026-12-01T09:00:00+01:00"));
        Assert.Equal(OfferRuleCodes.InvalidStop, error.Code);
        Assert.Contains("2026-12-01T12:00", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_remote_session_is_an_online_cancelled_course_instance()
    {
        var offer = new Offer("Arnaques en ligne", "Reconnaître un faux message.", null, [Service.UtilisationSecuriseeDuNumerique], [],
            OfferLevel.AllLevels, OfferFormat.Remote, OfferFee.FreeUnderCondition, "Avec un Pass numérique",
            new Registration("https://example.org/inscription", null, null, false), null, null);
        var facts = new SessionFacts("urn:test:1", Monday, Monday.AddHours(1), SessionStatus.Cancelled, 20, 20, "https://example.org/visio", null);

        var json = JsonNode.Parse(SessionJsonLd.Build(offer, facts))!;

        Assert.Equal("https://schema.org/EventCancelled", json["eventStatus"]!.GetValue<string>());
        Assert.Equal("https://schema.org/OnlineEventAttendanceMode", json["eventAttendanceMode"]!.GetValue<string>());
        Assert.Equal("VirtualLocation", json["location"]!["@type"]!.GetValue<string>());
        Assert.False(json["isAccessibleForFree"]!.GetValue<bool>());
        Assert.Equal("Avec un Pass numérique", json["offers"]!["description"]!.GetValue<string>());
        Assert.Null(json["offers"]!["price"]);
        Assert.Equal("2026-11-30T08:00:00+01:00", json["startDate"]!.GetValue<string>());
        Assert.Equal("Utilisation sécurisée du numérique", json["about"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("</script><script>alert(document.cookie)</script>")]
    [InlineData("</SCRIPT ><img src=x onerror=alert(1)>")]
    [InlineData("<!--<script>")]
    [InlineData("Ateliers & cafés « numériques » <b>gratuits</b> 🖥️ ' \" \\ \u2028 fin")]
    [InlineData("]]></x>&lt;&amp;")]
    public void Hostile_texts_cannot_close_the_embedder_s_script_element_and_read_back_unchanged(string hostile)
    {
        var offer = new Offer(hostile, hostile, hostile, [Service.UtilisationSecuriseeDuNumerique], [],
            OfferLevel.AllLevels, OfferFormat.CollectiveWorkshop, OfferFee.FreeUnderCondition, hostile,
            new Registration("https://example.org/inscription?a=1&b=<2>", null, null, false), null, null);
        var place = new SessionPlace(hostile, hostile, "21000", hostile, new GeoPoint(47.32, 5.04));
        var facts = new SessionFacts("urn:test:<2>&", Monday, Monday.AddHours(2), SessionStatus.Scheduled, 12, 3, "https://example.org/visio?x=</script>", place);

        var text = SessionJsonLd.Build(offer, facts);

        // Inside <script type="application/ld+json">, the HTML parser only looks for "</script":
        // none of < > & may appear raw, whatever the data.
        Assert.DoesNotContain('<', text);
        Assert.DoesNotContain('>', text);
        Assert.DoesNotContain('&', text);
        var json = JsonNode.Parse(text)!;
        Assert.Equal(hostile, json["name"]!.GetValue<string>());
        Assert.Equal(hostile + "\n\n" + hostile, json["description"]!.GetValue<string>());
        Assert.Equal(hostile, json["location"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(hostile, json["location"]![0]!["address"]!["streetAddress"]!.GetValue<string>());
        Assert.Equal(hostile, json["location"]![0]!["address"]!["addressLocality"]!.GetValue<string>());
        Assert.Equal(hostile, json["offers"]!["description"]!.GetValue<string>());
        Assert.Equal("https://example.org/inscription?a=1&b=<2>", json["offers"]!["url"]!.GetValue<string>());
        Assert.Equal("urn:test:<2>&", json["@id"]!.GetValue<string>());
        Assert.Equal("https://example.org/visio?x=</script>", json["location"]![1]!["url"]!.GetValue<string>());
    }

    [Fact]
    public void Accents_stay_readable_in_the_json_ld()
    {
        var offer = new Offer("Découvrir l'ordinateur", "Pour débutants.", null, [], [],
            OfferLevel.AllLevels, OfferFormat.CollectiveWorkshop, OfferFee.Free, null, Registration.None, null, null);
        var facts = new SessionFacts("urn:test:2", Monday, Monday.AddHours(1), SessionStatus.Scheduled, null, null, null,
            new SessionPlace("Médiathèque de Chenôve", null, null, null, null));

        var text = SessionJsonLd.Build(offer, facts);

        Assert.Contains("Médiathèque de Chenôve", text, StringComparison.Ordinal);
        Assert.Contains("Découvrir l\\u0027ordinateur", text, StringComparison.Ordinal);
    }
}
