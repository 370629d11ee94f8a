using System.Text.Json;
using ScoranInclusion.Server.Cli;
using ScoranInclusion.Server.Tests.Cli;
using ScoranInclusion.Server.Tests.Operations;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>
/// The <c>sync</c> verb against a real HTTP server on 127.0.0.1 serving a file of the national standard, on a SQLite
/// file: first run adds, second run is unchanged (304, nothing written), a changed file updates the changed places
/// only, a removed row withdraws its place (and listing it again brings it back), a half file withdraws nothing and is
/// suspicious, an unreachable or hanging source exits 3 with nothing changed, a cancelled sync leaves the base as before.
/// </summary>
public sealed class SyncVerbTests : IAsyncLifetime, IDisposable
{
    private const string Database = "sync.db";
    private readonly CliRunner _cli = new();
    private SourceFileServer _server = null!;

    public async Task InitializeAsync() => _server = await SourceFileServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public void Dispose() => _cli.Dispose();

    private static string Places(int count, Func<int, string>? name = null) =>
        OperationsData.Csv(Enumerable.Range(0, count).Select(i => OperationsData.Row($"p{i}", name?.Invoke(i) ?? $"Espace numérique {i}", i)));

    private Task<CliResult> SyncAsync(string url, params string[] more) =>
        _cli.RunAsync(Database, false,
        [
            "sync", .. more,
            $"--Sources:nationale:Url={url}",
            "--Sources:nationale:Format=lmn-csv",
            "--Sync:Retries=1",
            "--Sync:RetryDelay=00:00:00.050",
            "--Sync:Timeout=00:00:05",
        ]);

    private List<(long Id, string SourceId, string? WithdrawnAt, string? Reason)> Sites()
    {
        using var connection = OperationsData.Open(_cli.PathOf(Database));
        return OperationsData.Rows(connection, "SELECT Id, SourceId, WithdrawnAt, WithdrawnReason FROM sites ORDER BY Id",
            r => (r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3)));
    }

    private long Scalar(string sql)
    {
        using var connection = OperationsData.Open(_cli.PathOf(Database));
        return OperationsData.Rows(connection, sql, r => r.GetInt64(0)).Single();
    }

    private List<(string Outcome, int? Status, bool Suspicious, string? Reason, int Withdrawn)> Runs()
    {
        using var connection = OperationsData.Open(_cli.PathOf(Database));
        return OperationsData.Rows(connection, "SELECT Outcome, HttpStatus, Suspicious, SuspiciousReason, Withdrawn FROM sync_runs ORDER BY Id",
            r => (r.GetString(0), r.IsDBNull(1) ? (int?)null : r.GetInt32(1), r.GetBoolean(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4)));
    }

    [Fact]
    public async Task First_run_adds_second_is_unchanged_a_change_updates_only_the_changed_places_and_a_removed_row_is_withdrawn()
    {
        _server.Publish("lieux.csv", Places(20));
        var url = _server.Url("lieux.csv");

        var first = await SyncAsync(url, "--report", _cli.PathOf("r1.json"));
        Assert.True(first.ExitCode == CliVerbs.Success, first.ToString());
        Assert.Equal(20, Sites().Count);
        Assert.Contains("20 lignes lues, 20 ajoutées", first.Out, StringComparison.Ordinal);
        using (var report = JsonDocument.Parse(File.ReadAllText(_cli.PathOf("r1.json"))))
        {
            Assert.Equal("imported", report.RootElement.GetProperty("outcome").GetString());
            Assert.Equal(200, report.RootElement.GetProperty("httpStatus").GetInt32());
            Assert.Equal(20, report.RootElement.GetProperty("added").GetInt32());
            Assert.Equal(JsonValueKind.Object, report.RootElement.GetProperty("report").ValueKind);
        }

        // Unchanged: the server answers 304 and nothing is written.
        var changesBefore = Scalar("SELECT COUNT(*) FROM site_changes");
        var snapshotBefore = OperationsData.SitesSnapshot(_cli.PathOf(Database));
        var second = await SyncAsync(url);
        Assert.True(second.ExitCode == CliVerbs.Success, second.ToString());
        Assert.Contains("inchangée (304 Not Modified) : rien n'a été écrit", second.Out, StringComparison.Ordinal);
        Assert.Equal(1, _server.NotModifiedAnswers);
        Assert.Equal(changesBefore, Scalar("SELECT COUNT(*) FROM site_changes"));
        Assert.Equal(snapshotBefore, OperationsData.SitesSnapshot(_cli.PathOf(Database)));

        // Two names change: those two places only, and their history names the field.
        _server.Publish("lieux.csv", Places(20, i => i is 3 or 7 ? $"Médiathèque {i}" : $"Espace numérique {i}"));
        var third = await SyncAsync(url);
        Assert.True(third.ExitCode == CliVerbs.Success, third.ToString());
        Assert.Contains("20 lignes lues, 0 ajoutées, 2 mises à jour, 18 inchangées", third.Out, StringComparison.Ordinal);
        var changed = new List<(string SourceId, string? Old, string? New)>();
        using (var connection = OperationsData.Open(_cli.PathOf(Database)))
        {
            changed = OperationsData.Rows(connection,
                "SELECT s.SourceId, c.OldValue, c.NewValue FROM site_changes c JOIN sites s ON s.Id = c.SiteId WHERE c.Field = 'nom' ORDER BY s.SourceId",
                r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        }

        Assert.Equal([("p3", "Espace numérique 3", "Médiathèque 3"), ("p7", "Espace numérique 7", "Médiathèque 7")], changed);

        // One row gone (1 of 20 places: under 10 %): its place is withdrawn, with a reason and history.
        _server.Publish("lieux.csv", OperationsData.Csv(Enumerable.Range(0, 20).Where(i => i != 5)
            .Select(i => OperationsData.Row($"p{i}", i is 3 or 7 ? $"Médiathèque {i}" : $"Espace numérique {i}", i))));
        var fourth = await SyncAsync(url);
        Assert.True(fourth.ExitCode == CliVerbs.Success, fourth.ToString());
        var withdrawn = Sites().Where(s => s.WithdrawnAt is not null).ToList();
        Assert.Equal("p5", Assert.Single(withdrawn).SourceId);
        Assert.StartsWith("n'est plus dans la source nationale depuis le ", withdrawn[0].Reason, StringComparison.Ordinal);
        Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM site_changes WHERE SiteId = {withdrawn[0].Id} AND Field = 'withdrawn_at' AND OldValue IS NULL AND Actor = 'sync:nationale'"));
        Assert.Equal(1, Scalar("SELECT COUNT(*) FROM site_sources WHERE SourceId = 'p5' AND WithdrawnAt IS NOT NULL"));
        Assert.Equal(1, Runs()[^1].Withdrawn);
        // Kept, never deleted.
        Assert.Equal(20, Sites().Count);

        // Listed again: live again.
        _server.Publish("lieux.csv", Places(20, i => i is 3 or 7 ? $"Médiathèque {i}" : $"Espace numérique {i}"));
        var fifth = await SyncAsync(url);
        Assert.True(fifth.ExitCode == CliVerbs.Success, fifth.ToString());
        Assert.All(Sites(), s => Assert.Null(s.WithdrawnAt));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM site_sources WHERE WithdrawnAt IS NOT NULL"));
        Assert.Equal(1, Scalar($"SELECT COUNT(*) FROM site_changes WHERE SiteId = {withdrawn[0].Id} AND Field = 'withdrawn_at' AND NewValue IS NULL"));
    }

    [Fact]
    public async Task A_file_with_half_its_rows_withdraws_nothing_and_the_run_is_suspicious()
    {
        _server.Publish("lieux.csv", Places(20));
        var url = _server.Url("lieux.csv");
        Assert.Equal(CliVerbs.Success, (await SyncAsync(url)).ExitCode);

        _server.Publish("lieux.csv", Places(9));
        var truncated = await SyncAsync(url);

        Assert.True(truncated.ExitCode == CliVerbs.Success, truncated.ToString());
        Assert.Contains("Suspecte : Le fichier a 9 lignes, moins de la moitié des 20", truncated.Out, StringComparison.Ordinal);
        Assert.All(Sites(), s => Assert.Null(s.WithdrawnAt));
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM site_sources WHERE WithdrawnAt IS NOT NULL"));
        var run = Runs()[^1];
        Assert.True(run.Suspicious);
        Assert.Equal(0, run.Withdrawn);
        Assert.Equal("imported", run.Outcome);

        // More than 10 % of the places gone, with enough rows: held back too.
        _server.Publish("lieux.csv", Places(16));
        var tooMany = await SyncAsync(url);
        Assert.Contains("4 des 20 lieux de la source (20 %) auraient été retirés, au-delà de Sync:MaxWithdrawShare (10 %)", tooMany.Out, StringComparison.Ordinal);
        Assert.All(Sites(), s => Assert.Null(s.WithdrawnAt));
    }

    [Fact]
    public async Task An_unreachable_a_failing_or_a_hanging_source_exits_3_with_nothing_changed()
    {
        _server.Publish("lieux.csv", Places(5));
        Assert.Equal(CliVerbs.Success, (await SyncAsync(_server.Url("lieux.csv"))).ExitCode);
        var before = OperationsData.SitesSnapshot(_cli.PathOf(Database));

        var closed = await SyncAsync($"http://127.0.0.1:{SourceFileServer.FreePort()}/lieux.csv");
        Assert.True(closed.ExitCode == CliVerbs.Failure, closed.ToString());
        Assert.Contains("échec, rien n'a changé. La source n'a pas pu être lue : la source ne répond pas", closed.Out, StringComparison.Ordinal);
        Assert.Contains("2 essais", closed.Out, StringComparison.Ordinal);

        _server.Fail = true;
        var requests = _server.Requests;
        var failing = await SyncAsync(_server.Url("lieux.csv"));
        Assert.True(failing.ExitCode == CliVerbs.Failure, failing.ToString());
        Assert.Contains("la source a répondu 503", failing.Out, StringComparison.Ordinal);
        // One retry (Sync:Retries=1).
        Assert.Equal(requests + 2, _server.Requests);

        _server.Fail = false;
        _server.Hang = true;
        var hanging = await _cli.RunAsync(Database, false,
            "sync", $"--Sources:nationale:Url={_server.Url("lieux.csv")}", "--Sources:nationale:Format=lmn-csv",
            "--Sync:Retries=0", "--Sync:Timeout=00:00:01");
        Assert.True(hanging.ExitCode == CliVerbs.Failure, hanging.ToString());
        Assert.Contains("pas de réponse complète en 1 s", hanging.Out, StringComparison.Ordinal);
        // The failure is logged once, as a warning.
        Assert.Single(hanging.Error.Split('\n'), l => l.StartsWith("Warning:", StringComparison.Ordinal));

        Assert.Equal(before, OperationsData.SitesSnapshot(_cli.PathOf(Database)));
        Assert.Equal(["imported", "failed", "failed", "failed"], Runs().Select(r => r.Outcome));
        Assert.Equal(503, Runs()[2].Status);
        // Released: the next run of the source is not blocked by the failed ones.
        Assert.Equal(0, Scalar("SELECT COUNT(*) FROM sync_leases WHERE Holder <> ''"));
    }

    [Fact]
    public async Task Gzip_files_and_gzip_transfers_are_read_and_rows_outside_the_departements_are_skipped_and_counted()
    {
        var rows = Enumerable.Range(0, 6).Select(i => OperationsData.Row($"p{i}", $"Espace numérique {i}", i))
            .Append(OperationsData.Row("paris", "Espace de Paris", 50).Replace("58194", "75056").Replace("58000", "75001").Replace("Nevers", "Paris"));
        _server.Publish("lieux.csv.gz", OperationsData.Csv(rows));
        var zipped = await SyncAsync(_server.Url("lieux.csv.gz"));
        Assert.True(zipped.ExitCode == CliVerbs.Success, zipped.ToString());
        Assert.Contains("7 lignes lues, 6 ajoutées, 0 mises à jour, 0 inchangées, 0 lieux retirés, 0 rejetées, 1 hors départements", zipped.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Sites(), s => s.SourceId == "paris");

        _server.GzipEncoding = true;
        _server.Publish("autre.csv", Places(6, i => $"Lieu {i}"));
        var encoded = await SyncAsync(_server.Url("autre.csv"));
        Assert.True(encoded.ExitCode == CliVerbs.Success, encoded.ToString());
        Assert.Contains("6 lignes lues, 0 ajoutées, 6 mises à jour", encoded.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_content_compressed_is_the_same_content_and_writes_nothing()
    {
        // The content hash is taken on the decompressed bytes: the same rows as a plain file, then as a .gz file (another
        // ETag, so a 200), then sent with Content-Encoding: gzip, are one content; a changed row is not.
        var content = OperationsData.Csv(Enumerable.Range(0, 5).Select(i => OperationsData.Row($"p{i}", $"Espace numérique {i}", i)));
        _server.Publish("lieux.csv", content);
        _server.Publish("lieux.csv.gz", content);
        var plain = await SyncAsync(_server.Url("lieux.csv"));
        Assert.True(plain.ExitCode == CliVerbs.Success, plain.ToString());
        var changes = Scalar("SELECT COUNT(*) FROM site_changes");

        var zipped = await SyncAsync(_server.Url("lieux.csv.gz"));
        Assert.True(zipped.ExitCode == CliVerbs.Success, zipped.ToString());
        Assert.Contains("inchangée (même contenu) : rien n'a été écrit", zipped.Out, StringComparison.Ordinal);

        _server.GzipEncoding = true;
        _server.Publish("autre.csv", content);
        var encoded = await SyncAsync(_server.Url("autre.csv"));
        Assert.True(encoded.ExitCode == CliVerbs.Success, encoded.ToString());
        Assert.Contains("inchangée (même contenu) : rien n'a été écrit", encoded.Out, StringComparison.Ordinal);
        Assert.Equal(changes, Scalar("SELECT COUNT(*) FROM site_changes"));

        _server.Publish("lieux.csv.gz", content.Replace("Espace numérique 3", "Médiathèque 3", StringComparison.Ordinal));
        var changed = await SyncAsync(_server.Url("lieux.csv.gz"));
        Assert.True(changed.ExitCode == CliVerbs.Success, changed.ToString());
        Assert.Contains("5 lignes lues, 0 ajoutées, 1 mises à jour, 4 inchangées", changed.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_and_writes_nothing_and_an_unknown_source_is_a_usage_error()
    {
        _server.Publish("lieux.csv", Places(5));
        var dry = await SyncAsync(_server.Url("lieux.csv"), "--dry-run");
        Assert.True(dry.ExitCode == CliVerbs.Success, dry.ToString());
        Assert.Contains("essai --dry-run : rien n'a été écrit", dry.Out, StringComparison.Ordinal);
        Assert.Contains("5 ajoutées", dry.Out, StringComparison.Ordinal);
        Assert.Empty(Sites());

        var unknown = await SyncAsync(_server.Url("lieux.csv"), "autre");
        Assert.True(unknown.ExitCode == CliVerbs.UsageError, unknown.ToString());
        Assert.Contains("source inconnue : « autre » (configurées : nationale)", unknown.Error, StringComparison.Ordinal);

        var none = await _cli.RunAsync(Database, false, "sync");
        Assert.True(none.ExitCode == CliVerbs.UsageError, none.ToString());
        Assert.Contains("aucune source à synchroniser : aucune n'est configurée", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sync_cancelled_during_its_import_leaves_the_base_as_before_and_the_next_run_works()
    {
        _server.Publish("lieux.csv", Places(3));
        var url = _server.Url("lieux.csv");
        Assert.Equal(CliVerbs.Success, (await SyncAsync(url)).ExitCode);
        var before = OperationsData.SitesSnapshot(_cli.PathOf(Database));
        var changes = Scalar("SELECT COUNT(*) FROM site_changes");

        // A big file: cancelled once its body is in, while the import's transaction is writing. Big enough that a warm,
        // idle machine (the import's code already jitted by earlier tests: 20,000 rows a second and more) is still
        // importing 1.5 s after the body was sent: 30,000 rows were not.
        _server.Publish("lieux.csv", Places(150_000, i => $"Lieu modifié {i}"));
        _server.ResetBodySent();
        using var cancellation = new CancellationTokenSource();
        _ = _server.BodySent.Task.ContinueWith(_ => cancellation.CancelAfter(TimeSpan.FromMilliseconds(1500)), TaskScheduler.Default);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliVerbs.RunAsync(
            ["sync", $"--Sources:nationale:Url={url}", "--Sources:nationale:Format=lmn-csv",
             $"--ConnectionStrings:Scoran=Data Source={_cli.PathOf(Database)}", $"--Geodata:Directory={RepoPaths.Geodata}", "--Storage:SeedOnStart=false"],
            stdout, stderr, cancellation.Token);

        Assert.True(code == CliVerbs.Failure, $"code {code}\n{stdout}\n{stderr}");
        Assert.Contains("interrompu", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, OperationsData.SitesSnapshot(_cli.PathOf(Database)));
        Assert.Equal(changes, Scalar("SELECT COUNT(*) FROM site_changes"));
        Assert.Equal("failed", Runs()[^1].Outcome);

        // The lease was released and the previous validators are intact: the next run imports the file.
        _server.Publish("lieux.csv", Places(4));
        var next = await SyncAsync(url);
        Assert.True(next.ExitCode == CliVerbs.Success, next.ToString());
        Assert.Contains("4 lignes lues, 1 ajoutées, 0 mises à jour, 3 inchangées", next.Out, StringComparison.Ordinal);
    }
}
