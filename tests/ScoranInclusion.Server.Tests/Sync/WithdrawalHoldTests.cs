using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;
using ScoranInclusion.Server.Tests.Operations;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>
/// A place that a source no longer lists is withdrawn only when nothing else holds it: another source's record
/// (then it is recomposed from that record), or a moderator's « Rétablir » (a <c>restoreSite</c> history row).
/// </summary>
public sealed class WithdrawalHoldTests : IAsyncLifetime, IDisposable
{
    private const string Database = "holds.db";
    private readonly CliRunner _cli = new();
    private SourceFileServer _server = null!;

    public async Task InitializeAsync() => _server = await SourceFileServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    private Task<CliResult> SyncAsync(params string[] names) =>
        _cli.RunAsync(Database, false,
        [
            "sync", .. names,
            $"--Sources:a:Url={_server.Url("a.csv")}", "--Sources:a:Format=lmn-csv",
            $"--Sources:b:Url={_server.Url("b.csv")}", "--Sources:b:Format=lmn-csv",
            "--Sync:Retries=0",
        ]);

    private long Scalar(string sql)
    {
        using var connection = OperationsData.Open(_cli.PathOf(Database));
        return OperationsData.Rows(connection, sql, r => r.GetInt64(0)).Single();
    }

    private void Execute(string sql)
    {
        using var connection = OperationsData.Open(_cli.PathOf(Database));
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Rows(string prefix, int count, params int[] except) =>
        OperationsData.Csv(Enumerable.Range(0, count).Where(i => !except.Contains(i)).Select(i => OperationsData.Row($"{prefix}{i}", $"Espace numérique {i}", i * 7)));

    [Fact]
    public async Task Another_source_or_a_moderators_restore_holds_the_place()
    {
        // Source b lists place 0 too (same name, address, point): merged into a's place.
        _server.Publish("a.csv", Rows("a", 20));
        _server.Publish("b.csv", OperationsData.Csv([OperationsData.Row("b0", "Espace numérique 0", 0)]));
        var first = await SyncAsync("a", "b");
        Assert.True(first.ExitCode == CliVerbs.Success, first.ToString());
        var site0 = Scalar("SELECT SiteId FROM site_sources WHERE SourceId = 'a0'");
        Assert.Equal(site0, Scalar("SELECT SiteId FROM site_sources WHERE SourceId = 'b0'"));
        var site1 = Scalar("SELECT SiteId FROM site_sources WHERE SourceId = 'a1'");

        // A moderator restored place 1 (h-visible's « Rétablir » writes this row).
        Execute($"INSERT INTO site_changes (SiteId, ChangedAt, Actor, Kind, Operation) VALUES ({site1}, '2026-12-01 10:00:00+00:00', 'account:1', 'Updated', 'restoreSite')");

        // a drops places 0, 1 and 2: 3 of 20 is over 10 %, so the share is raised for this run.
        _server.Publish("a.csv", Rows("a", 20, 0, 1, 2));
        var second = await _cli.RunAsync(Database, false,
            "sync", "a", $"--Sources:a:Url={_server.Url("a.csv")}", "--Sources:a:Format=lmn-csv", "--Sync:MaxWithdrawShare=0.2");
        Assert.True(second.ExitCode == CliVerbs.Success, second.ToString());

        // Three records no longer contribute; only place 2 had nothing else.
        Assert.Equal(3, Scalar("SELECT COUNT(*) FROM site_sources WHERE WithdrawnAt IS NOT NULL"));
        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM sites WHERE Id IN ({site0}, {site1}) AND WithdrawnAt IS NOT NULL"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM sites WHERE WithdrawnAt IS NOT NULL"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM sites s JOIN site_sources r ON r.SiteId = s.Id WHERE r.SourceId = 'a2' AND s.WithdrawnAt IS NOT NULL"));
        // Place 0 is b's now: its fields are given by b's record.
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM site_sources WHERE SourceId = 'b0' AND GivenFields LIKE '%nom%'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM site_sources WHERE SourceId = 'a0' AND GivenFields IS NULL"));
        Assert.Contains("1 lieux retirés", second.Out, StringComparison.Ordinal);
    }
}
