using Microsoft.Net.Http.Headers;
using ScoranInclusion.Web;

namespace ScoranInclusion.Server.Http;

/// <summary>
/// <c>ETag</c> and <c>Cache-Control</c> on the open-data exports (<c>/exports/…</c>), and <c>304 Not Modified</c> when the
/// client's <c>If-None-Match</c> names the same content. The tag is a digest of the answer itself: the same on every
/// replica, and changed by any change of the data, with nothing to keep in step. The answer is held in memory up to
/// <see cref="MaxTaggedBytes"/>; a larger one (an export of a very large directory) is streamed untagged.
/// </summary>
public static class ConditionalExports
{
    public const int MaxTaggedBytes = 32 * 1024 * 1024;

    /// <summary>Aggregators poll: a few minutes of freshness, then a revalidation that costs nothing on the wire when nothing changed.</summary>
    public const string CacheControl = "public, max-age=300";

    public static IApplicationBuilder UseConditionalExports(this IApplicationBuilder app) =>
        app.UseWhen(
            http => (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.Request.Path.StartsWithSegments("/exports", StringComparison.Ordinal),
            branch => branch.Use(TagAsync));

    private static async Task TagAsync(HttpContext http, RequestDelegate next)
    {
        var response = http.Response;
        var original = response.Body;
        await using var buffer = new BoundedBufferStream(original, MaxTaggedBytes);
        response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            response.Body = original;
        }

        if (buffer.Overflowed)
        {
            await buffer.FlushAsync(http.RequestAborted);
            return;
        }

        var body = buffer.Buffered;
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var tag = EntityTags.Of(body.Span);
            response.Headers.ETag = tag.ToString();
            if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
            {
                response.Headers.CacheControl = CacheControl;
            }

            if (EntityTags.Matches(http.Request.Headers.IfNoneMatch, tag))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                response.ContentLength = null;
                return;
            }
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await original.WriteAsync(body, http.RequestAborted);
        }
    }

    /// <summary>Keeps what is written up to a size; past it, sends what it kept and lets the rest through.</summary>
    private sealed class BoundedBufferStream(Stream inner, int limit) : Stream
    {
        private readonly MemoryStream _buffer = new();

        public bool Overflowed { get; private set; }

        public ReadOnlyMemory<byte> Buffered => _buffer.GetBuffer().AsMemory(0, (int)_buffer.Length);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!Overflowed && _buffer.Length + buffer.Length > limit)
            {
                Overflowed = true;
                await inner.WriteAsync(Buffered, cancellationToken);
                _buffer.SetLength(0);
            }

            if (Overflowed)
            {
                await inner.WriteAsync(buffer, cancellationToken);
            }
            else
            {
                _buffer.Write(buffer.Span);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Overflowed ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _buffer.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
