using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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

    public static TheoryData<string> Awkward => ["full", "plain", "no point", "blank strings", "pipes and duplicates", "negative zero", "non-ASCII"];

    private static Site AwkwardSite(string name) => name switch
    {
        "full" => new SiteBuilder().Full().Build(),
        "plain" => new SiteBuilder().Build(),
        "no point" => new SiteBuilder().Build() with { Location = null },
        "blank strings" => new SiteBuilder().WithTelephone("").WithResume("  ").Build() with { Pivot = "" },
        "pipes and duplicates" => new SiteBuilder().WithCourriels("a@b.fr|c@d.fr", "A@B.FR", "a@b.fr").WithSiteWeb("https://x.fr", "https://x.fr", " ").Build(),
        "negative zero" => new SiteBuilder().WithLocation(-0.0, 5.123456789012345).Build(),
        "non-ASCII" => new SiteBuilder().Named("Médiathèque « L'Œil » 🙂 \u0001\n").Build(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Awkward))]
    public void The_record_as_stored_is_what_the_snapshot_reads_back(string name)
    {
        var site = AwkwardSite(name);

        var snapshot = SiteSnapshot.Serialize(site, out var asStored);
        var back = SiteSnapshot.Deserialize(snapshot);

        Assert.Equal(SiteSnapshot.Serialize(site), snapshot);
        var expected = new SiteEntity();
        expected.CopyFrom(back);
        var actual = new SiteEntity();
        actual.CopyFrom(asStored);
        Assert.Equal(expected.StandardColumns(), actual.StandardColumns());
        Assert.Equal(back.Location, asStored.Location);
        Assert.Equal(SiteSnapshot.Serialize(back), SiteSnapshot.Serialize(asStored));
    }

    [Theory]
    [MemberData(nameof(Awkward))]
    public void The_hash_is_the_sha256_of_the_snapshot_the_precision_and_the_point_as_text(string name)
    {
        // Hashes are stored: the material must never change, or every record would look changed.
        var site = AwkwardSite(name);
        var snapshot = SiteSnapshot.Serialize(site);
        foreach (var (point, precision) in new[] { (site.Location, LocationPrecision.Address), ((GeoPoint?)null, LocationPrecision.None), (new GeoPoint(47.1, 4.2), LocationPrecision.Commune) })
        {
            var material = string.Create(CultureInfo.InvariantCulture, $"{snapshot}\n{precision}\n{point?.Latitude:R},{point?.Longitude:R}");
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material))), SiteSnapshot.Hash(snapshot, point, precision));
        }
    }
}
