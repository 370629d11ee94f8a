using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Hardening;

/// <summary>
/// Bodies that Kestrel itself cannot read (an invalid chunk size, a body shorter than its Content-Length), and a form
/// body that is not a form, sent on a raw socket (an HTTP client would never write them) to every endpoint that reads
/// a body: a 4xx with a code, never a 500, and no error-level line in the log.
/// </summary>
public sealed class MalformedBodyTests : IAsyncLifetime, IDisposable
{
    private readonly ScoranServerFactory _factory = new();
    private readonly LevelSink _sink = new();
    private WebApplicationFactory<Program>? _server;
    private int _port;

    public static TheoryData<string, string> Endpoints => new()
    {
        { "/graphql", "application/json" },
        { "/lieu/U2l0ZTox/signaler", "application/x-www-form-urlencoded" },
        { "/espace/connexion", "application/x-www-form-urlencoded" },
        { "/espace/proposer", "application/x-www-form-urlencoded" },
    };

    public Task InitializeAsync()
    {
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            _port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        _server = _factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(_sink)));
        _server.UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
        _server.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _factory.Dispose();
        _sink.Dispose();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_invalid_chunk_size_is_a_400_without_an_error_log(string path, string contentType)
    {
        var (status, body) = await SendRawAsync(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{{}}\r\n0\r\n\r\n");
        Assert.True(status == 400, $"{path} : {status} {body}");
        // A coded error, or the French page of a form whose token cannot be read (/espace: nothing recorded).
        Assert.True(body.Contains("\"BAD_REQUEST\"", StringComparison.Ordinal) || body.Contains("Rien n'a été enregistré", StringComparison.Ordinal), body);
        Hostile.AssertNoInsides(body);
        AssertNoErrorLogged(path);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_chunk_longer_than_announced_is_a_400_without_an_error_log(string path, string contentType)
    {
        var (status, body) = await SendRawAsync(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{\"query\"}}\r\n0\r\n\r\n");
        Assert.True(status == 400, $"{path} : {status} {body}");
        Hostile.AssertNoInsides(body);
        AssertNoErrorLogged(path);
    }

    [Theory]
    [InlineData("/lieu/U2l0ZTox/signaler")]
    [InlineData("/espace/connexion")]
    public async Task A_multipart_body_without_its_closing_boundary_is_a_400_without_an_error_log(string path)
    {
        const string garbage = "--x\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\nsans fin";
        var (status, body) = await SendRawAsync(
            $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {Encoding.UTF8.GetByteCount(garbage)}\r\n\r\n{garbage}");
        Assert.True(status == 400, $"{status} {body}");
        Hostile.AssertNoInsides(body);
        AssertNoErrorLogged(path);
    }

    private void AssertNoErrorLogged(string what)
    {
        var errors = _sink.Entries.Where(e => e.Level >= LogLevel.Error).Select(e => e.Text).ToList();
        Assert.True(errors.Count == 0, what + " : " + string.Join("\n", errors));
    }

    /// <summary>Writes the bytes as they are and reads the answer until the server closes or goes quiet.</summary>
    private async Task<(int Status, string Body)> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        var answer = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
            {
                answer.Write(buffer, 0, read);
                var text = Encoding.UTF8.GetString(answer.ToArray());
                // A whole answer: headers then a body that ends its JSON, its page or its last chunk.
                if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && (text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal) || text.TrimEnd().EndsWith('}') || text.TrimEnd().EndsWith("</html>", StringComparison.Ordinal)))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
            // The server closed the connection after its answer.
        }

        var response = Encoding.UTF8.GetString(answer.ToArray());
        Assert.True(response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), "pas de réponse : " + response);
        return (int.Parse(response.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), response);
    }

    /// <summary>Every log line with its level.</summary>
    private sealed class LevelSink : ILoggerProvider
    {
        public ConcurrentBag<(LogLevel Level, string Text)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Collector(LevelSink owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Add((logLevel, $"{category} {formatter(state, exception)} {exception?.GetType().Name}"));
        }
    }
}
