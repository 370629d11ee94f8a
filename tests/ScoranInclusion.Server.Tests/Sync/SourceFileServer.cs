using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ScoranInclusion.Server.Tests.Sync;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, a real socket, a free port) serving files as a data portal does: an
/// <c>ETag</c> and a <c>Last-Modified</c>, 304 to a matching conditional request, optional gzip (as a transfer encoding
/// or as a <c>.gz</c> file), and switches to make it fail (503), hang, or hold every download for a while.
/// </summary>
public sealed class SourceFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (byte[] Content, string ETag, DateTimeOffset Modified)> _files = new(StringComparer.Ordinal);
    private int _inFlight;
    private int _maxInFlight;
    private int _requests;
    private int _notModified;

    private string _address = "";

    private SourceFileServer(WebApplication app) => _app = app;

    /// <summary>Answer 503 to everything.</summary>
    public bool Fail { get; set; }

    /// <summary>Never answer (until the client gives up).</summary>
    public bool Hang { get; set; }

    /// <summary>Every full download waits this long before its body (to overlap concurrent runs, or to be cancelled).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Send the body with <c>Content-Encoding: gzip</c> when the client accepts it.</summary>
    public bool GzipEncoding { get; set; }

    public int Requests => Volatile.Read(ref _requests);

    public int NotModifiedAnswers => Volatile.Read(ref _notModified);

    /// <summary>The most downloads served at the same time.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxInFlight);

    /// <summary>Set when a full body has been sent (the import starts right after).</summary>
    public TaskCompletionSource BodySent { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url(string name) => _address + "/" + name;

    public static async Task<SourceFileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SourceFileServer(app);
        app.MapGet("/{name}", server.ServeAsync);
        await app.StartAsync();
        // The port chosen by the system.
        server._address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Publishes <paramref name="content"/> as <paramref name="name"/> (a new ETag and date when it changed); a <c>.gz</c> name is stored compressed.</summary>
    public void Publish(string name, string content)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(content);
        if (name.EndsWith(".gz", StringComparison.Ordinal))
        {
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            bytes = compressed.ToArray();
        }

        lock (_files)
        {
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            if (_files.TryGetValue(name, out var existing) && existing.ETag == etag)
            {
                return;
            }

            // HTTP dates have whole seconds: a new version is at least a second later.
            var modified = DateTimeOffset.UtcNow.AddSeconds(-1);
            modified = new DateTimeOffset(modified.Year, modified.Month, modified.Day, modified.Hour, modified.Minute, modified.Second, TimeSpan.Zero);
            if (existing.Content is not null && modified <= existing.Modified)
            {
                modified = existing.Modified.AddSeconds(1);
            }

            _files[name] = (bytes, etag, modified);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(string name, HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (Fail)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        (byte[] Content, string ETag, DateTimeOffset Modified) file;
        lock (_files)
        {
            if (!_files.TryGetValue(name, out file))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
        }

        context.Response.Headers.ETag = file.ETag;
        context.Response.Headers.LastModified = file.Modified.ToString("R");
        if (context.Request.Headers.IfNoneMatch.ToString() == file.ETag)
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay, context.RequestAborted);
            }

            var body = file.Content;
            if (GzipEncoding && context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal))
            {
                using var compressed = new MemoryStream();
                using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
                {
                    gzip.Write(body);
                }

                body = compressed.ToArray();
                context.Response.Headers.ContentEncoding = "gzip";
            }

            context.Response.ContentType = name.EndsWith(".gz", StringComparison.Ordinal) ? "application/gzip" : "text/csv; charset=utf-8";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            await context.Response.CompleteAsync();
            BodySent.TrySetResult();
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>A fresh signal for the next body.</summary>
    public void ResetBodySent() => BodySent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A port nothing listens on (bound then released).</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
