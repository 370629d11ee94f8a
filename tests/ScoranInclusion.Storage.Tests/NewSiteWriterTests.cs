using Microsoft.EntityFrameworkCore;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Storage.History;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Storage.Sources;

namespace ScoranInclusion.Storage.Tests;

public sealed class NewSiteWriterTests
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 8, 30, 15, 123, TimeSpan.Zero);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_place_written_through_reused_commands_is_stored_exactly_as_through_the_change_tracker(bool located)
    {
        var site = new SiteBuilder("x").Full().Build();
        if (!located)
        {
            site = site with { Location = null };
        }

        var tracked = await StoreAsync(site, located, bulk: false);
        var bulk = await StoreAsync(site, located, bulk: true);

        Assert.Equal(tracked.Keys, bulk.Keys);
        foreach (var table in tracked.Keys)
        {
            Assert.Equal(tracked[table], bulk[table]);
        }

        Assert.Contains("x", tracked["sites"][0]);
        Assert.NotEmpty(tracked["site_changes"]);
    }

    [Fact]
    public async Task New_places_are_written_only_inside_a_transaction_and_roll_back_with_it()
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using var db = database.NewContext();
        var recorder = new SiteRecorder(db, new FixedClock());
        var record = recorder.NewRecord("p", new SiteBuilder("a").Build(), new GeoPoint(47.3, 5.0), LocationPrecision.Address);
        recorder.CreateNewSite(record, new ChangeContext("import:p", "op", SiteChangeKind.Created));
        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.SaveAsync(default));

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await recorder.SaveAsync(default);
            Assert.Equal(1, await db.Sites.CountAsync());
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await db.Sites.CountAsync());
        Assert.Equal(0, await db.SourceRecords.CountAsync());
        Assert.Equal(0, await db.SiteChanges.CountAsync());
    }

    /// <summary>Every stored row of the tables a new place writes, as text, keys left out.</summary>
    private static async Task<Dictionary<string, List<string>>> StoreAsync(Site site, bool located, bool bulk)
    {
        await using var database = await MigratedDatabase.CreateAsync();
        await using (var db = database.NewContext())
        {
            var recorder = new SiteRecorder(db, new FixedClock());
            var precision = located ? LocationPrecision.Address : LocationPrecision.None;
            var record = recorder.NewRecord("source-1", site, site.Location, precision);
            var context = new ChangeContext("import:source-1", "import:op", SiteChangeKind.Created);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var write = bulk ? recorder.CreateNewSite(record, context) : recorder.CreateSite([record], context);
            await recorder.SaveAsync(default);
            await transaction.CommitAsync();
            Assert.True(write.Key > 0);
        }

        await using var read = database.NewContext();
        var connection = read.Database.GetDbConnection();
        await connection.OpenAsync();
        var tables = new Dictionary<string, List<string>>();
        foreach (var table in new[] { "sites", "site_sources", "site_changes" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY Id";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                var columns = Enumerable.Range(0, reader.FieldCount)
                    .Where(i => reader.GetName(i) is not ("Id"))
                    .Select(i => $"{reader.GetName(i)}={(reader.IsDBNull(i) ? "NULL" : reader.GetValue(i) is var v && v is byte[]? "blob" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}");
                rows.Add(string.Join('\n', columns));
            }

            tables[table] = rows;
        }

        return tables;
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => s_now;
    }
}
