using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ScoranInclusion.Server.Tests.Mail;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a 127.0.0.1 socket, in the test process: it speaks the protocol
/// MailKit speaks to any server, and keeps every message it accepted. It can be stopped and started again on the same
/// port (the « SMTP down for a while » case).
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public SmtpTestServer()
    {
        Port = FreePort();
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Received => [.. _received];

    /// <summary>Runs when a client names a recipient (RCPT TO), before the answer: a test slows the exchange there, or learns a send is under way.</summary>
    public Func<CancellationToken, Task>? OnRecipient { get; set; }

    /// <summary>Runs once a message is kept, before the « 250 » that tells the client: a test delays that answer, or acts in between.</summary>
    public Func<MimeMessage, Task>? OnStored { get; set; }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The settings that point the server at this SMTP server (no TLS on the loopback).</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
        ["Email:From"] = "Annuaire <annuaire@example.org>",
        ["Email:PublicBaseUrl"] = "http://lieux.example.org",
        ["Email:PollInterval"] = "00:00:00.200",
        ["Email:RetryDelay"] = "00:00:00.300",
        ["Email:SendTimeout"] = "00:00:05",
        ["Email:LeaseDuration"] = "00:00:30",
    };

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Recipients(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        // Listening once a client connects.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("Le serveur SMTP de test n'écoute pas.");
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
        _server = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or the timeout), then returns them all.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (_received.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return Received;
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        [.. Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(SmtpTestServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server._received.Enqueue(message);
            if (server.OnStored is { } stored)
            {
                await stored(message);
            }

            return SmtpResponse.Ok;
        }
    }

    private sealed class Recipients(SmtpTestServer server) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, SmtpServer.Mail.IMailbox from, int size, CancellationToken cancellationToken) => Task.FromResult(true);

        public async Task<bool> CanDeliverToAsync(ISessionContext context, SmtpServer.Mail.IMailbox to, SmtpServer.Mail.IMailbox from, CancellationToken cancellationToken)
        {
            if (server.OnRecipient is { } hook)
            {
                await hook(cancellationToken);
            }

            return true;
        }
    }
}
