using ScoranInclusion.Bench;
using ScoranInclusion.Bench.Search;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Search;

namespace ScoranInclusion.Bench.Tests;

/// <summary>
/// The search benchmark's correctness, so that CI checks what bench/run.sh measures: the generator is
/// deterministic, and the three searches it times (ours, the brute force, PostGIS KNN) give the same answers.
/// </summary>
public sealed class SearchHarnessTests
{
    private const int Places = 3_000;
    private static readonly IReadOnlyList<Commune> s_communes = BenchData.Communes();
    private static readonly IReadOnlyList<Site> s_real = BenchData.RealSites();

    [Fact]
    public void The_generator_gives_the_same_places_every_time_and_others_with_another_seed()
    {
        static string Describe(Site s) =>
            FormattableString.Invariant($"{s.Id}|{s.Nom}|{s.Location}|{string.Join(',', s.Services)}|{string.Join(',', s.FraisACharge)}|{s.Horaires}|{s.Adresse.CodeInsee}");

        var first = new SyntheticSites(s_communes, s_real).Generate(2_000).Select(Describe).ToList();
        var second = new SyntheticSites(s_communes, s_real).Generate(2_000).Select(Describe).ToList();
        var other = new SyntheticSites(s_communes, s_real, seed: 1).Generate(2_000).Select(Describe).ToList();

        Assert.Equal(first, second);
        Assert.Equal(2_000, first.Distinct().Count());
        Assert.True(first.Zip(other).Count(p => p.First == p.Second) < 20);
        Assert.Equal(SearchOrigins.Generate(s_communes, 100), SearchOrigins.Generate(s_communes, 100));
    }

    [Fact]
    public void Places_fall_near_their_commune_and_follow_the_population()
    {
        var communes = s_communes.ToDictionary(c => c.CodeInsee);
        var sites = new SyntheticSites(s_communes, s_real).Generate(20_000).ToList();

        Assert.All(sites, s =>
        {
            var commune = communes[s.Adresse.CodeInsee!];
            Assert.InRange(Math.Abs(s.Location!.Value.Latitude - commune.Location.Latitude), 0, 0.025);
            Assert.InRange(Math.Abs(s.Location!.Value.Longitude - commune.Location.Longitude), 0, 0.035);
        });
        // Dijon (about 160,000 inhabitants of 2.8 million) gets far more places than a village.
        var dijon = sites.Count(s => s.Adresse.CodeInsee == "21231");
        Assert.InRange(dijon, 600, 1_800);
        Assert.Contains(sites, s => s.Horaires is not null);
    }

    [Fact]
    public void Ours_and_both_brute_forces_give_exactly_the_same_ten_places()
    {
        var (places, index) = Build();
        foreach (var scenario in SearchScenario.All)
        {
            var found = 0;
            foreach (var origin in SearchOrigins.Generate(s_communes, 40))
            {
                var ours = index.Nearest(origin, scenario.Filter, double.PositiveInfinity, null).Take(10).ToList();
                var brute = BruteForceSearch.Nearest(places, origin, scenario.Filter, 10);
                var filterFirst = BruteForceSearch.Nearest(places, origin, scenario.Filter, 10, filterFirst: true);

                Assert.Equal(brute, ours);
                Assert.Equal(brute, filterFirst);
                Assert.Equal(Agreement.Same, SearchAgreement.Compare(brute, ours, 0));
                found += ours.Count;
            }

            // Every scenario finds ten places (the filters are not so strict that nothing is compared).
            Assert.Equal(400, found);
        }
    }

    [Fact]
    public void The_agreement_check_tells_ties_from_different_answers()
    {
        SiteHit[] expected = [new(1, 100), new(2, 100.0004), new(3, 250)];

        Assert.Equal(Agreement.Same, SearchAgreement.Compare(expected, [new(1, 100.0002), new(2, 100.0004), new(3, 250)], 0.001));
        Assert.Equal(Agreement.SameWithinTolerance, SearchAgreement.Compare(expected, [new(2, 100.0004), new(1, 100), new(3, 250)], 0.001));
        Assert.Equal(Agreement.Different, SearchAgreement.Compare(expected, [new(1, 100), new(2, 100.0004), new(4, 251)], 0.001));
        Assert.Equal(Agreement.Different, SearchAgreement.Compare(expected, [new(1, 100), new(2, 100.0004)], 0.001));
    }

    [Fact]
    [Trait("Category", "Postgres")]
    public void Postgis_knn_gives_the_same_ten_places()
    {
        var (places, _) = Build();
        var connection = PostgresTestDatabase.Create();
        try
        {
            using var postgis = PostgisKnnSearch.Load(connection, places);
            Assert.Contains("Index Scan using bench_search_places_geog", postgis.Explain(SearchScenario.All[1].Filter), StringComparison.Ordinal);
            Assert.DoesNotContain("Sort", postgis.Explain(SearchScenario.All[1].Filter), StringComparison.Ordinal);
            foreach (var scenario in SearchScenario.All)
            {
                var same = 0;
                foreach (var origin in SearchOrigins.Generate(s_communes, 40))
                {
                    var brute = BruteForceSearch.Nearest(places, origin, scenario.Filter, 10);
                    var theirs = postgis.Nearest(origin, scenario.Filter, 10);

                    Assert.Equal(10, theirs.Count);
                    var agreement = SearchAgreement.Compare(brute, theirs, SearchAgreement.PostgisToleranceMeters);
                    Assert.NotEqual(Agreement.Different, agreement);
                    same += agreement == Agreement.Same ? 1 : 0;
                }

                Assert.InRange(same, 38, 40);
            }
        }
        finally
        {
            PostgresTestDatabase.Drop(connection);
        }
    }

    private static (SearchPlaces Places, SiteSearchIndex Index) Build()
    {
        var generator = new SyntheticSites(s_communes, s_real);
        var cache = new ScheduleCache();
        return (SearchPlaces.Generate(generator, Places, cache), SearchPlaces.Index(generator, Places, cache));
    }
}
