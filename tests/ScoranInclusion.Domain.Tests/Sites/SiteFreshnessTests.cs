using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Domain.Tests.Sites;

public class SiteFreshnessTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static FreshnessSign? Latest(DateTimeOffset? confirmed, DateOnly? edited, params (string Provenance, DateOnly DateMaj, string[] Given)[] sources) =>
        SiteFreshness.Latest([
            SiteFreshness.Confirmation(confirmed),
            SiteFreshness.Edits(edited is { } day ? new Dictionary<string, DateOnly> { [SiteFields.Nom] = day.AddDays(-3), [SiteFields.Horaires] = day } : null),
            .. sources.Select(s => SiteFreshness.Source(s.Provenance, s.DateMaj, s.Given)),
        ]);

    [Fact]
    public void A_confirmation_wins_when_it_is_the_most_recent()
    {
        var sign = Latest(new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.Zero), new DateOnly(2026, 3, 1),
            ("mednum-bfc", new DateOnly(2026, 3, 11), [SiteFields.Nom]));

        Assert.Equal(new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.Zero), sign!.Value.At);
        Assert.Equal("l'équipe du lieu", SiteFreshness.Label(sign.Value.Provenance));
    }

    [Fact]
    public void An_edit_wins_when_its_latest_field_is_the_most_recent()
    {
        var sign = Latest(new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 12),
            ("france-services", new DateOnly(2026, 3, 11), [SiteFields.Nom]));

        // The latest edited field (horaires, 12 March), not the earlier one (nom, 9 March), from midnight in Paris.
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.FromHours(1)), sign!.Value.At);
        Assert.True(sign.Value.ByPeople);
    }

    [Fact]
    public void A_source_wins_when_its_date_maj_is_the_most_recent_and_is_named_for_people()
    {
        var sign = Latest(new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 2, 1),
            ("mednum-bfc", new DateOnly(2025, 6, 1), [SiteFields.Nom, SiteFields.Adresse]),
            ("france-services", new DateOnly(2026, 3, 12), [SiteFields.Horaires]));

        Assert.Equal("france-services", sign!.Value.Provenance);
        var freshness = SiteFreshness.Of(sign.Value, Now, 12);
        Assert.Equal("France services", freshness.Source);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 0, 0, 0, TimeSpan.FromHours(1)), freshness.LastVerifiedAt);
        Assert.False(freshness.Stale);
    }

    [Fact]
    public void A_source_that_gives_no_field_says_nothing()
    {
        var sign = Latest(null, null,
            ("mednum-bfc", new DateOnly(2025, 6, 1), [SiteFields.Nom]),
            ("data-inclusion", new DateOnly(2026, 3, 12), [SiteFields.Id, SiteFields.DateMaj]));

        Assert.Equal("mednum-bfc", sign!.Value.Provenance);
        Assert.Null(Latest(null, null, ("data-inclusion", new DateOnly(2026, 3, 12), [])));
    }

    [Fact]
    public void People_win_a_tie_with_a_source_and_the_first_source_keeps_a_tie_between_sources()
    {
        var day = new DateOnly(2026, 3, 12);
        Assert.True(Latest(null, day, ("mednum-bfc", day, [SiteFields.Nom]))!.Value.ByPeople);
        Assert.Equal("mednum-bfc", Latest(null, null, ("mednum-bfc", day, [SiteFields.Nom]), ("data-inclusion", day, [SiteFields.Nom]))!.Value.Provenance);
    }

    [Fact]
    public void Stale_only_once_older_than_the_given_months_in_Paris()
    {
        // Now is 7 December 2026, 11:00 in Paris: twelve months back is 7 December 2025, 11:00 in Paris.
        var boundary = new DateTimeOffset(2025, 12, 7, 11, 0, 0, TimeSpan.FromHours(1));
        Assert.False(SiteFreshness.Of(new FreshnessSign(boundary, "mednum-bfc"), Now, 12).Stale);
        Assert.True(SiteFreshness.Of(new FreshnessSign(boundary.AddSeconds(-1), "mednum-bfc"), Now, 12).Stale);
        Assert.False(SiteFreshness.Of(new FreshnessSign(boundary.AddSeconds(-1), "mednum-bfc"), Now, 13).Stale);
        Assert.True(SiteFreshness.IsWithin(boundary.AddMonths(6), Now, 6));
        Assert.False(SiteFreshness.IsWithin(boundary.AddMonths(6).AddTicks(-1), Now, 6));
    }

    [Theory]
    [InlineData("mednum-bfc", "MedNum BFC")]
    [InlineData("france-services", "France services")]
    [InlineData("data-inclusion", "data·inclusion")]
    [InlineData("edition", "l'équipe du lieu")]
    [InlineData("lieux-21", "lieux-21")]
    public void Labels_name_the_source_for_people_and_fall_back_to_the_provenance(string provenance, string label) =>
        Assert.Equal(label, SiteFreshness.Label(provenance));
}
