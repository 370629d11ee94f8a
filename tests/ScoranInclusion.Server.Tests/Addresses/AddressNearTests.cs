using ScoranInclusion.Domain;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.Server.Tests.Addresses;

public sealed class AddressNearTestsOnSqlite() : AddressNearTests(StorageProvider.Sqlite);

[Trait("Category", "Postgres")]
public sealed class AddressNearTestsOnPostgres() : AddressNearTests(StorageProvider.Postgres);

/// <summary>
/// A common street name and a point (<c>near</c>): the candidates are the nearest matching streets, not the first ones
/// by id, so that the « Rue de la Mairie » next to the point is found even when more than
/// <see cref="AddressIndex.CandidateLimit"/> others were imported before it.
/// </summary>
public abstract class AddressNearTests(StorageProvider provider) : IAsyncLifetime
{
    private static readonly GeoPoint Point = new(46.30, 4.10);
    private MigratedDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await MigratedDatabase.CreateAsync(provider);
        var batch = new AddressBatch("essai.csv");
        // Far streets first (lower ids), each in a commune of its own, 60 to 90 km north-east of the point.
        for (var i = 0; i < AddressIndex.CandidateLimit + 50; i++)
        {
            var insee = "21" + (100 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            batch.Add(new BanAddress(1, null, "Rue de la Mairie", "21000", insee, "Commune " + i, null, 4.9 + i * 0.0005, 46.9 + i * 0.0005));
        }

        batch.Add(new BanAddress(3, null, "Rue de la Mairie", "71120", "71999", "Près-du-Point", null, 4.101, 46.301));
        batch.Add(new BanAddress(5, null, "Rue de la Mairie", "71130", "71998", "Un-Peu-Plus-Loin", null, 4.2, 46.35));
        await using var db = _database.NewContext();
        await new AddressIndex(db).ReplaceAsync(batch, DateTimeOffset.UnixEpoch, CancellationToken.None);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("rue de la mairie")]
    [InlineData("r mair")]
    [InlineData("3 rue de la mairie")]
    public async Task A_common_street_near_the_point_comes_first_even_behind_more_than_the_candidate_limit(string text)
    {
        await using var db = _database.NewContext();
        var index = new AddressIndex(db);

        var near = await index.SearchAsync(text, 5, Point, CancellationToken.None);
        Assert.Equal(["Près-du-Point", "Un-Peu-Plus-Loin"], near.Take(2).Select(m => m.Street.Commune));
        // The LIKE scan, the benchmark's baseline, reads the same candidates.
        var like = await index.SearchAsync(text, 5, Point, useLikeScan: true, CancellationToken.None);
        Assert.Equal(near.Select(m => m.Street.Id), like.Select(m => m.Street.Id));

        // Without a point, the first streets by id, as before.
        var anywhere = await index.SearchAsync(text, 5, null, CancellationToken.None);
        Assert.DoesNotContain(anywhere, m => m.Street.Commune == "Près-du-Point");
    }
}
