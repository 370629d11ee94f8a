using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace ScoranInclusion.Import.Sync;

/// <summary>The validators of the last good download, sent back so that an unchanged source answers 304.</summary>
public sealed record DownloadValidators(string? ETag, string? LastModified);

/// <summary>What a download gave.</summary>
/// <param name="NotModified">The source answered 304: <see cref="Path"/> is null.</param>
/// <param name="Path">A temporary file holding the content, decompressed; the caller deletes it.</param>
/// <param name="HttpStatus">Null for a local file.</param>
/// <param name="Bytes">After decompression.</param>
/// <param name="ContentHash">SHA-256 of the decompressed content, lower-case hex.</param>
public sealed record DownloadResult(bool NotModified, string? Path, int? HttpStatus, long Bytes, string? ETag, string? LastModified, string? ContentHash);

/// <summary>A source that could not be read: the message is French, for the operator and the run's row.</summary>
public sealed class SourceUnreadableException(string message, int? httpStatus = null, Exception? inner = null) : Exception(message, inner)
{
    public int? HttpStatus { get; } = httpStatus;
}

/// <summary>
/// Fetches a source to a temporary file: an <c>https://</c> address with conditional GET, per-attempt timeout, bounded
/// retries with doubling waits (no answer, timeout, 5xx, 429), a size limit and gzip (as a transfer encoding, or a
/// <c>.gz</c> file recognised by its first bytes), or a local path (gzip too). Never leaves a partial file behind.
/// </summary>
public sealed class SourceDownloader : IDisposable
{
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];
    private readonly HttpClient _http;
    private readonly SyncOptions _options;
    private readonly TimeProvider _clock;

    public SourceDownloader(SyncOptions options, TimeProvider? clock = null, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        handler ??= new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        // Each attempt has its own deadline (Sync:Timeout); the client's would also cut a slow but healthy body.
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ScoranInclusion", "1.0"));
    }

    public async Task<DownloadResult> DownloadAsync(string url, DownloadValidators? previous, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? await DownloadHttpAsync(uri, previous, cancellationToken)
            : await CopyLocalAsync(uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(url), cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<DownloadResult> CopyLocalAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new SourceUnreadableException($"fichier introuvable : {path}");
        }

        try
        {
            await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            var (temp, bytes, hash) = await StoreAsync(input, cancellationToken);
            return new DownloadResult(false, temp, null, bytes, null, null, hash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceUnreadableException($"fichier illisible : {path} ({e.Message})", null, e);
        }
    }

    private async Task<DownloadResult> DownloadHttpAsync(Uri uri, DownloadValidators? previous, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            int? status = null;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(_options.Timeout);
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    if (previous?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
                    {
                        request.Headers.IfNoneMatch.Add(tag);
                    }

                    if (previous?.LastModified is { } lastModified
                        && DateTimeOffset.TryParse(lastModified, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
                    {
                        request.Headers.IfModifiedSince = since;
                    }

                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                    status = (int)response.StatusCode;
                    if (response.StatusCode == HttpStatusCode.NotModified)
                    {
                        return new DownloadResult(true, null, status, 0, previous?.ETag, previous?.LastModified, null);
                    }

                    if (response.IsSuccessStatusCode)
                    {
                        if (response.Content.Headers.ContentLength is { } length && length > _options.MaxBytes)
                        {
                            throw new SourceUnreadableException(TooLarge(), status);
                        }

                        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                        var (temp, bytes, hash) = await StoreAsync(body, deadline.Token);
                        return new DownloadResult(false, temp, status, bytes, response.Headers.ETag?.ToString(),
                            response.Content.Headers.LastModified?.ToString("R", CultureInfo.InvariantCulture), hash);
                    }

                    failure = $"la source a répondu {status} {response.ReasonPhrase}";
                    if (!(status >= 500 || status == 429 || status == 408))
                    {
                        // 404, 403…: asking again will not change the answer.
                        throw new SourceUnreadableException($"{failure} ({uri.GetLeftPart(UriPartial.Path)})", status);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = $"pas de réponse complète en {_options.Timeout.TotalSeconds:0} s";
                }
                catch (HttpRequestException e)
                {
                    failure = $"la source ne répond pas ({e.HttpRequestError}: {e.Message})";
                }
                catch (IOException e)
                {
                    // A connection cut in the middle of the body.
                    failure = $"téléchargement interrompu ({e.Message})";
                }
            }

            if (attempt >= _options.Retries)
            {
                throw new SourceUnreadableException(
                    $"{failure} ; {attempt + 1} essai{(attempt > 0 ? "s" : "")} ({uri.GetLeftPart(UriPartial.Path)})", status);
            }

            await Task.Delay(_options.RetryDelay * Math.Pow(2, attempt), _clock, cancellationToken);
        }
    }

    /// <summary>
    /// Copies to a temporary file (decompressing gzip), within the size limit, hashing the content as it is written: the
    /// body's bytes when it is plain, the decompressed bytes when it is gzip (one pass each, no second read for the hash).
    /// </summary>
    private async Task<(string Path, long Bytes, string Hash)> StoreAsync(Stream input, CancellationToken cancellationToken)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"scoran-sync-{Guid.NewGuid():N}.tmp");
        string? result = null;
        using var rawHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            long bytes;
            await using (var file = new FileStream(raw, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                bytes = await CopyLimitedAsync(input, file, rawHash, cancellationToken);
            }

            byte[] head = new byte[2];
            await using (var check = File.OpenRead(raw))
            {
                _ = await check.ReadAtLeastAsync(head, 2, throwOnEndOfStream: false, cancellationToken);
            }

            string hash;
            if (head.AsSpan().SequenceEqual(GzipMagic))
            {
                result = Path.ChangeExtension(raw, ".data");
                using var contentHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                try
                {
                    await using var compressed = File.OpenRead(raw);
                    await using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
                    await using var file = new FileStream(result, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
                    bytes = await CopyLimitedAsync(gzip, file, contentHash, cancellationToken);
                }
                catch (InvalidDataException e)
                {
                    throw new SourceUnreadableException($"fichier gzip invalide ou tronqué ({e.Message})", null, e);
                }

                hash = Convert.ToHexStringLower(contentHash.GetHashAndReset());
            }
            else
            {
                result = raw;
                raw = "";
                hash = Convert.ToHexStringLower(rawHash.GetHashAndReset());
            }

            var done = result;
            result = null;
            return (done, bytes, hash);
        }
        finally
        {
            Delete(raw);
            Delete(result);
        }
    }

    private async Task<long> CopyLimitedAsync(Stream input, Stream output, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > _options.MaxBytes)
            {
                throw new SourceUnreadableException(TooLarge());
            }

            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private string TooLarge() =>
        string.Create(CultureInfo.InvariantCulture, $"fichier plus gros que Sync:MaxBytes ({_options.MaxBytes} octets)");

    internal static void Delete(string? path)
    {
        if (!string.IsNullOrEmpty(path))
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A temporary file: the system's cleaning takes it later.
            }
        }
    }
}
