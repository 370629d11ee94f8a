using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Search;

/// <summary>One kind of nearest-10 search: a name for the tables and the filter.</summary>
public sealed record SearchScenario(string Name, SiteFilter Filter)
{
    /// <summary>« Open now »: a Tuesday at 10:00 in Paris (a fixed instant, so that runs compare).</summary>
    public static readonly DateTimeOffset OpenNowInstant = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));

    public static readonly DateOnly Saturday = new(2026, 12, 5);

    public static IReadOnlyList<SearchScenario> All { get; } =
    [
        new("no filter", SiteFilter.None),
        new("one service (admin. procedures)", new SiteFilter { Services = [Service.AideAuxDemarchesAdministratives] }),
        new("free + one service (parenting)", new SiteFilter { Services = [Service.ParentaliteEtEducationAvecLeNumerique], FraisACharge = [FraisACharge.Gratuit] }),
        new("open now (Tuesday 10:00)", new SiteFilter { OpenAt = OpenNowInstant }),
        new("open on Saturday", new SiteFilter { OpenOn = Saturday }),
    ];
}
