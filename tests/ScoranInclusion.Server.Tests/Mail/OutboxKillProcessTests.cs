using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ScoranInclusion.Server.Tests.Operations;
using Xunit.Abstractions;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>
/// The built server as a child process, sending its outbox to a slow real SMTP server on 127.0.0.1, killed with SIGKILL
/// in the middle of a send, then started again on the same database. Counted by Message-Id at the SMTP server:
/// <list type="bullet">
/// <item>killed during an SMTP exchange (before the message's data is acknowledged): no mail lost, none sent twice;</item>
/// <item>killed in the one window SMTP cannot close (the server kept the message, its « 250 » never reached the sender):
/// that mail is sent again, once, with the same Message-Id (the at-least-once choice of docs/deploiement.md); no other
/// mail is doubled, none is lost.</item>
/// </list>
/// </summary>
[Trait("Category", "Process")]
[Collection(OperationsCollection.Name)]
public sealed class OutboxKillProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("scoran-courriels-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary directory left behind.
        }
    }

    [Fact]
    public async Task A_server_killed_with_sigkill_while_sending_loses_no_mail_and_sends_none_twice()
    {
        var database = Path.Combine(_directory, "db.sqlite");
        await using var smtp = new SmtpTestServer();
        await smtp.StartAsync();
        var settings = Settings(smtp);

        // 1. Thirty mails; each exchange waits 300 ms at RCPT (a slow server); the kill comes during the eighth exchange.
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var recipients = 0;
        smtp.OnRecipient = async _ =>
        {
            await queued.Task;
            if (Interlocked.Increment(ref recipients) == 8)
            {
                underWay.TrySetResult();
            }

            // Not cancelled with the session: the answer comes late even to a client that is gone.
            await Task.Delay(300, CancellationToken.None);
        };
        using (var first = ServerProcess.Start(database, settings))
        {
            await first.WaitReadyAsync();
            await InviteAsync(first, 0, 30);
            queued.SetResult();
            await WaitAsync(underWay.Task, "la huitième transmission n'a pas commencé", first);
            await first.KillAsync();
        }

        var atKill = Outbox(database);
        Assert.Equal(30, atKill.Count);
        Assert.Equal(7, smtp.Received.Count);
        Assert.Equal(7, atKill.Count(m => m.Status == "Sent"));
        // The one under way is held by the dead process's lease: neither sent nor lost.
        var held = Assert.Single(atKill, m => m.Status == "Pending" && m.LeaseOwner is not null);
        Assert.DoesNotContain(smtp.Received, m => Id(m.MessageId) == held.MessageId);

        smtp.OnRecipient = null;
        var killedInTheWindow = "";
        using (var second = ServerProcess.Start(database, settings))
        {
            await second.WaitReadyAsync();
            await ArrivedAsync(smtp, atKill.Select(m => m.MessageId), second);
            await Task.Delay(1500);
            AssertEachOnce(smtp, Outbox(database), except: null);
            Assert.True(Outbox(database).Single(m => m.MessageId == held.MessageId).Attempts >= 2);

            // 2. Ten more; the SMTP server keeps the third one, then waits before its « 250 »: the kill comes there.
            var queuedAgain = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            smtp.OnRecipient = _ => queuedAgain.Task;
            var stored = 0;
            var inTheWindow = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            smtp.OnStored = async message =>
            {
                if (Interlocked.Increment(ref stored) == 3)
                {
                    inTheWindow.TrySetResult(Id(message.MessageId));
                    await Task.Delay(3000);
                }
            };
            await InviteAsync(second, 30, 10);
            queuedAgain.SetResult();
            await WaitAsync(inTheWindow.Task, "le troisième courriel n'est pas arrivé", second);
            killedInTheWindow = await inTheWindow.Task;
            await second.KillAsync();
        }

        smtp.OnStored = null;
        smtp.OnRecipient = null;
        var before = Outbox(database);
        Assert.Equal(40, before.Count);
        Assert.Equal("Pending", before.Single(m => m.MessageId == killedInTheWindow).Status);
        using (var third = ServerProcess.Start(database, settings))
        {
            await third.WaitReadyAsync();
            await ArrivedAsync(smtp, before.Select(m => m.MessageId), third);
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (smtp.Received.Count(m => Id(m.MessageId) == killedInTheWindow) < 2 && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }

            await Task.Delay(1500);
            var after = Outbox(database);
            AssertEachOnce(smtp, after, except: killedInTheWindow);
            // At least once: the copy of the message whose « 250 » was lost carries the same Message-Id.
            Assert.Equal(2, smtp.Received.Count(m => Id(m.MessageId) == killedInTheWindow));
            output.WriteLine($"{smtp.Received.Count} courriels reçus pour {after.Count} dans la file ; en double (même Message-Id) : {killedInTheWindow}");
        }
    }

    private sealed record Row(string MessageId, string Status, string? LeaseOwner, int Attempts);

    private static string[] Settings(SmtpTestServer smtp)
    {
        var settings = smtp.Settings();
        // A lease that ends soon after the kill; longer than an exchange, as the configuration check requires.
        settings["Email:SendTimeout"] = "00:00:20";
        settings["Email:LeaseDuration"] = "00:00:22";
        return [.. settings.Select(s => $"--{s.Key}={s.Value}"), "--Moderation:Digest:Enabled=false"];
    }

    private static string Id(string? messageId) => (messageId ?? "").Trim('<', '>');

    private static List<Row> Outbox(string database)
    {
        using var connection = OperationsData.Open(database);
        return OperationsData.Rows(connection, "SELECT MessageId, Status, LeaseOwner, Attempts FROM mail_outbox ORDER BY Id;",
            r => new Row(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3)));
    }

    /// <summary>Every row sent, and every Message-Id of the outbox received exactly once (but <paramref name="except"/>), nothing else.</summary>
    private static void AssertEachOnce(SmtpTestServer smtp, List<Row> rows, string? except)
    {
        Assert.All(rows, r => Assert.Equal("Sent", r.Status));
        var counts = smtp.Received.GroupBy(m => Id(m.MessageId)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(rows.Select(r => r.MessageId).Order(), counts.Keys.Order());
        var doubled = counts.Where(c => c.Value != 1 && c.Key != except).Select(c => $"{c.Key} × {c.Value}").ToList();
        Assert.True(doubled.Count == 0, "reçus plusieurs fois : " + string.Join(", ", doubled));
    }

    private static async Task ArrivedAsync(SmtpTestServer smtp, IEnumerable<string> ids, ServerProcess server)
    {
        var wanted = ids.ToHashSet();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < until)
        {
            if (wanted.IsSubsetOf(smtp.Received.Select(m => Id(m.MessageId))))
            {
                return;
            }

            Assert.False(server.HasExited, server.Output);
            await Task.Delay(100);
        }

        Assert.Fail($"{smtp.Received.Select(m => Id(m.MessageId)).Intersect(wanted).Count()} courriels reçus sur {wanted.Count} :\n{server.Output}");
    }

    private static async Task WaitAsync(Task task, string failure, ServerProcess server)
    {
        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(60))) != task)
        {
            Assert.Fail(failure + " :\n" + server.Output);
        }
    }

    private static async Task InviteAsync(ServerProcess server, int from, int count)
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ServerProcess.AdminToken);
        for (var i = from; i < from + count; i++)
        {
            using var response = await client.PostAsJsonAsync("/graphql", new
            {
                query = "mutation($e: String!) { inviteAccount(input: { email: $e, role: MODERATOR, departement: \"21\" }) { emailed } }",
                variables = new { e = "kill" + i.ToString(CultureInfo.InvariantCulture) + "@example.org" },
            });
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(body["data"]?["inviteAccount"]?["emailed"]?.GetValue<bool>() == true, body.ToJsonString());
        }
    }
}
