using System.Globalization;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

/// <summary>
/// Temporary closures laid over a place's hours (<see cref="SiteHours"/>): closed over whole Paris days, first and last
/// included, the next change of state skipping them, holidays still kept; and the rules of closures and notices.
/// </summary>
public sealed class TemporaryClosuresTests
{
    private const string Office = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";

    // 22 December 2026 (a Tuesday) to 2 January 2027 (a Saturday); 1 January is a holiday, 4 January a Monday.
    private static readonly SiteClosure Christmas = new(new DateOnly(2026, 12, 22), new DateOnly(2027, 1, 2), "congés");

    private static SiteHours Hours(params SiteClosure[] closures) => new(OpeningHoursParser.Parse(Office).Schedule!, closures);

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-12-21T16:59:00+01:00", true)] // the Monday before: open as usual
    [InlineData("2026-12-21T23:59:59+01:00", false)]
    [InlineData("2026-12-22T00:00:00+01:00", false)] // the first day, from its midnight
    [InlineData("2026-12-22T10:00:00+01:00", false)]
    [InlineData("2026-12-31T10:00:00+01:00", false)]
    [InlineData("2027-01-02T23:59:59+01:00", false)] // the last day, to its end
    [InlineData("2027-01-04T09:00:00+01:00", true)] // the first opening after it
    public void A_closure_closes_every_minute_of_its_days(string at, bool open)
    {
        var hours = Hours(Christmas);

        Assert.Equal(open, hours.IsOpen(At(at)));
        Assert.True(hours.Schedule.IsOpen(At("2026-12-22T10:00:00+01:00")), "the weekly hours alone would be open");
    }

    [Fact]
    public void During_a_closure_the_state_names_it()
    {
        var state = Hours(Christmas).StateAt(At("2026-12-23T10:00:00+01:00"));

        Assert.Equal(OpeningStatus.Closed, state.Status);
        Assert.Equal("Fermé du 22 décembre au 2 janvier (congés)", state.Comment);
    }

    [Theory]
    [InlineData("2026-12-21T10:00:00+01:00", "2026-12-21T12:00:00+01:00")] // open: closes at noon as usual
    [InlineData("2026-12-21T16:00:00+01:00", "2026-12-21T17:00:00+01:00")]
    [InlineData("2026-12-21T17:30:00+01:00", "2027-01-04T09:00:00+01:00")] // closed: the closure is skipped, and the Sunday after it
    [InlineData("2026-12-19T10:00:00+01:00", "2026-12-21T09:00:00+01:00")] // the Saturday before: the Monday before it
    [InlineData("2026-12-22T00:00:00+01:00", "2027-01-04T09:00:00+01:00")]
    [InlineData("2026-12-30T15:00:00+01:00", "2027-01-04T09:00:00+01:00")]
    [InlineData("2027-01-02T23:59:00+01:00", "2027-01-04T09:00:00+01:00")]
    [InlineData("2027-01-04T09:00:00+01:00", "2027-01-04T12:00:00+01:00")]
    public void The_next_change_skips_the_closure(string at, string next)
    {
        Assert.Equal(At(next), Hours(Christmas).NextChange(At(at)));
    }

    [Fact]
    public void A_closure_that_starts_while_open_is_the_next_change()
    {
        // Open all day, every day: the closure's first midnight is the change, its last midnight the next.
        var hours = new SiteHours(OpeningHoursParser.Parse("24/7").Schedule!, [Christmas]);

        Assert.Equal(At("2026-12-22T00:00:00+01:00"), hours.NextChange(At("2026-12-21T10:00:00+01:00")));
        Assert.Equal(At("2027-01-03T00:00:00+01:00"), hours.NextChange(At("2026-12-25T10:00:00+01:00")));
        Assert.Null(new SiteHours(OpeningHoursParser.Parse("24/7").Schedule!, []).NextChange(At("2026-12-21T10:00:00+01:00")));
    }

    [Fact]
    public void Touching_and_overlapping_closures_are_one_stretch()
    {
        var first = new SiteClosure(new DateOnly(2026, 12, 22), new DateOnly(2026, 12, 24));
        var second = new SiteClosure(new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 31));
        var third = new SiteClosure(new DateOnly(2026, 12, 30), new DateOnly(2027, 1, 5), "inventaire");
        var hours = Hours(third, first, second);

        Assert.Equal(At("2027-01-06T09:00:00+01:00"), hours.NextChange(At("2026-12-22T10:00:00+01:00")));
        Assert.Equal(new DateOnly(2027, 1, 5), TemporaryNotices.ClosedThrough([third, first, second], new DateOnly(2026, 12, 23)));
        Assert.Null(TemporaryNotices.ClosedThrough([third, first, second], new DateOnly(2026, 12, 21)));
    }

    [Fact]
    public void Holidays_keep_working_next_to_a_closure()
    {
        // Closed 2 to 6 November; 11 November (a Wednesday) stays a holiday: closed, opens on the 12th.
        var hours = Hours(new SiteClosure(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 6)));

        Assert.Equal(At("2026-11-09T09:00:00+01:00"), hours.NextChange(At("2026-11-04T10:00:00+01:00")));
        Assert.False(hours.IsOpen(At("2026-11-11T10:00:00+01:00")));
        Assert.Equal(At("2026-11-12T09:00:00+01:00"), hours.NextChange(At("2026-11-10T18:00:00+01:00")));
    }

    [Fact]
    public void The_week_shows_closed_days_with_the_closure()
    {
        var week = Hours(Christmas).Week(new DateOnly(2026, 12, 21));

        Assert.Equal(2, week[0].Intervals.Count); // Monday 21: open as usual
        Assert.Null(week[0].Closure);
        Assert.All(week.Skip(1), day => Assert.Empty(day.Intervals));
        Assert.Equal("Fermé du 22 décembre au 2 janvier (congés)", week[1].Closure);
        Assert.Equal("Noël", week[4].JourFerie); // a holiday inside the closure keeps its name
    }

    [Fact]
    public void A_clock_change_day_inside_a_closure_is_closed_whole()
    {
        // 25 October 2026 has 25 hours in Paris; a closure of that Sunday alone ends at its real midnight.
        var hours = new SiteHours(OpeningHoursParser.Parse("24/7").Schedule!, [new SiteClosure(new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 25))]);

        Assert.False(hours.IsOpen(At("2026-10-25T23:30:00+01:00")));
        Assert.True(hours.IsOpen(At("2026-10-26T00:00:00+01:00")));
        Assert.Equal(At("2026-10-26T00:00:00+01:00"), hours.NextChange(At("2026-10-25T02:30:00+02:00")));
    }

    [Theory]
    [InlineData("2026-12-22", "2027-01-02", null, "Fermé du 22 décembre au 2 janvier")]
    [InlineData("2027-01-01", "2027-01-01", "jour de l'an", "Fermé le 1er janvier (jour de l'an)")]
    public void Closures_are_worded_in_French(string start, string end, string? reason, string label)
    {
        Assert.Equal(label, TemporaryNotices.Label(TemporaryNotices.Closure(DateOnly.Parse(start, CultureInfo.InvariantCulture), DateOnly.Parse(end, CultureInfo.InvariantCulture), reason)));
    }

    [Fact]
    public void Only_closures_and_notices_not_yet_over_are_upcoming()
    {
        var today = new DateOnly(2027, 1, 2);
        SiteClosure[] closures = [new(new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 3)), Christmas, new(new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 6))];
        SiteNotice[] notices = [new(new DateOnly(2026, 12, 1), new DateOnly(2027, 1, 1), "Permanence déplacée en mairie"), new(today, today, "Aujourd'hui")];

        Assert.Equal([Christmas, closures[0]], TemporaryNotices.Upcoming(closures, today));
        Assert.Equal([closures[0]], TemporaryNotices.Upcoming(closures, today.AddDays(1)));
        Assert.Equal([notices[1]], TemporaryNotices.Upcoming(notices, today));
    }

    [Fact]
    public void Rules_refuse_what_is_wrong_with_a_French_message_that_names_the_row()
    {
        var today = new DateOnly(2026, 12, 15);

        var backwards = Assert.Single(TemporaryNotices.ValidateClosures([Christmas, new(new DateOnly(2027, 1, 10), new DateOnly(2027, 1, 5))], today));
        Assert.Equal(TemporaryNotices.ClosuresField, backwards.Field);
        Assert.Equal("Fermeture n° 2 : la fin (5 janvier 2027) précède le début (10 janvier 2027).", backwards.Message);

        var tooLong = Assert.Single(TemporaryNotices.ValidateClosures([new(today, today.AddDays(366))], today));
        Assert.Equal("Fermeture n° 1 : 367 jours, c'est trop long pour une période temporaire (366 jours au plus).", tooLong.Message);
        Assert.Empty(TemporaryNotices.ValidateClosures([new(today, today.AddDays(365))], today));

        var over = Assert.Single(TemporaryNotices.ValidateClosures([new(today.AddDays(-3), today.AddDays(-1))], today));
        Assert.Contains("avant aujourd'hui", over.Message, StringComparison.Ordinal);
        Assert.Empty(TemporaryNotices.ValidateClosures([new(today.AddDays(-3), today)], today));

        var many = Assert.Single(TemporaryNotices.ValidateClosures([.. Enumerable.Range(0, 11).Select(i => new SiteClosure(today.AddDays(i), today.AddDays(i)))], today));
        Assert.Equal("Trop de fermetures temporaires : 11, 10 au plus. Retirez celles qui sont passées ou regroupez-les.", many.Message);

        var reason = Assert.Single(TemporaryNotices.ValidateClosures([new(today, today, new string('a', 201))], today));
        Assert.Equal("Fermeture n° 1 : le motif fait 201 caractères, 200 au plus.", reason.Message);

        var empty = Assert.Single(TemporaryNotices.ValidateNotices([new(today, today, "  ")], today));
        Assert.Equal(TemporaryNotices.NoticesField, empty.Field);
        Assert.StartsWith("Avis n° 1 : le texte est vide", empty.Message, StringComparison.Ordinal);
        var text = Assert.Single(TemporaryNotices.ValidateNotices([new(today, today, "ok"), new(today, today, new string('é', 501))], today));
        Assert.Equal("Avis n° 2 : le texte fait 501 caractères, 500 au plus.", text.Message);
        Assert.Contains("il se termine", Assert.Single(TemporaryNotices.ValidateNotices([new(today.AddDays(-2), today.AddDays(-1), "fini")], today)).Message, StringComparison.Ordinal);
        Assert.Empty(TemporaryNotices.ValidateNotices([new(today, today.AddDays(30), "Horaires d'été :\nlundi 9 h – 12 h")], today));
    }

    [Fact]
    public void Validation_looks_only_at_the_lists_edited()
    {
        var today = new DateOnly(2026, 12, 15);
        var site = SiteBuilderless() with { Closures = [new(today, today.AddDays(-1))], Notices = [new(today, today, "")] };

        Assert.Empty(TemporaryNotices.Validate(site, new HashSet<string> { "nom" }, today));
        Assert.Equal(2, TemporaryNotices.Validate(site, new HashSet<string> { TemporaryNotices.ClosuresField, TemporaryNotices.NoticesField }, today).Count);
    }

    private static Site SiteBuilderless() => new()
    {
        Id = "x",
        Pivot = Pivot.Unknown,
        Nom = "Lieu",
        Adresse = new Adresse { Voie = "1 rue", CodePostal = "71400", Commune = "Autun" },
        DateMaj = new DateOnly(2026, 12, 1),
    };
}
