using ScoranInclusion.Domain.Offers;

namespace ScoranInclusion.Domain.Tests.Offers;

public sealed class SessionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Status_is_derived_cancelled_first_then_done_then_full()
    {
        var end = Now.AddHours(2);
        Assert.Equal(SessionStatus.Scheduled, SessionRules.Status(false, end, 10, 9, Now));
        Assert.Equal(SessionStatus.Full, SessionRules.Status(false, end, 10, 10, Now));
        Assert.Equal(SessionStatus.Scheduled, SessionRules.Status(false, end, null, 500, Now));
        Assert.Equal(SessionStatus.Done, SessionRules.Status(false, Now, 10, 10, Now));
        Assert.Equal(SessionStatus.Cancelled, SessionRules.Status(true, Now.AddHours(-5), 10, 0, Now));
        Assert.Equal(3, SessionRules.RemainingSeats(10, 7));
        Assert.Null(SessionRules.RemainingSeats(null, 7));
    }

    [Theory]
    [InlineData(2, 1, true, "endsAt")]
    [InlineData(-2, -1, true, "startsAt")]
    [InlineData(1, 14, true, "endsAt")]
    public void Bad_times_are_refused_with_the_field(int startHours, int endHours, bool isNew, string field)
    {
        var error = Assert.Throws<OfferRuleException>(() => SessionRules.CheckTimes(Now.AddHours(startHours), Now.AddHours(endHours), Now, isNew));
        Assert.Equal(OfferRuleCodes.InvalidSession, error.Code);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Capacity_must_hold_the_seats_already_taken()
    {
        SessionRules.CheckSeats(12, 12);
        SessionRules.CheckSeats(null, 3);
        Assert.Equal("capacity", Assert.Throws<OfferRuleException>(() => SessionRules.CheckSeats(8, 9)).Field);
        Assert.Equal("seatsTaken", Assert.Throws<OfferRuleException>(() => SessionRules.CheckSeats(8, -1)).Field);
        Assert.Equal("capacity", Assert.Throws<OfferRuleException>(() => SessionRules.CheckSeats(0, 0)).Field);
    }
}
