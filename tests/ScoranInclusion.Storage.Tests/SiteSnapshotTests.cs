using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Tests;

public sealed class SiteSnapshotTests
{
    [Fact]
    public void A_record_round_trips_through_its_snapshot_with_the_standards_names_and_labels()
    {
        var site = new SiteBuilder().Full().Build();

        var snapshot = SiteSnapshot.Serialize(site);
        var back = SiteSnapshot.Deserialize(snapshot);

        Assert.Contains("\"services\":\"Aide aux démarches administratives|Accès internet et matériel informatique\"", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"date_maj\":\"2025-03-01\"", snapshot, StringComparison.Ordinal);
        Assert.Contains("\"latitude\":47.322", snapshot, StringComparison.Ordinal);
        Assert.Equal(snapshot, SiteSnapshot.Serialize(back));
        Assert.Equal(site.Location, back.Location);
        Assert.Equal(site.Services, back.Services);
        Assert.Equal(site.Typologie, back.Typologie);
    }

    [Fact]
    public void Empty_fields_are_left_out()
    {
        var snapshot = SiteSnapshot.Serialize(new SiteBuilder().Build() with { Location = null });

        Assert.DoesNotContain("latitude", snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain("telephone", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_changes_with_the_values_and_with_the_point_given()
    {
        var snapshot = SiteSnapshot.Serialize(new SiteBuilder().Build());
        var other = SiteSnapshot.Serialize(new SiteBuilder().Named("Autre").Build());
        var point = new GeoPoint(47.32, 5.04);

        var hash = SiteSnapshot.Hash(snapshot, point, LocationPrecision.Address);

        Assert.Equal(hash, SiteSnapshot.Hash(snapshot, point, LocationPrecision.Address));
        Assert.NotEqual(hash, SiteSnapshot.Hash(other, point, LocationPrecision.Address));
        Assert.NotEqual(hash, SiteSnapshot.Hash(snapshot, point, LocationPrecision.Commune));
        Assert.NotEqual(hash, SiteSnapshot.Hash(snapshot, new GeoPoint(47.33, 5.04), LocationPrecision.Address));
        Assert.Equal(64, hash.Length);
    }
}
