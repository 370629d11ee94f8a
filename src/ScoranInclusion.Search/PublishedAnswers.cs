using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using ScoranInclusion.Domain.OpeningHours;
using ScoranInclusion.Storage.Changes;

namespace ScoranInclusion.Search;

/// <summary>
/// Large public answers computed once per data publication (the region's coverage: its GraphQL answer and its page),
/// kept as bytes, plain and compressed, with a digest for revalidation. An answer is served again only while nothing
/// it could depend on was written: the search index's version (<see cref="SiteSearchIndex.Version"/>: every place
/// published, removed, loaded) and the commits of this process that touched places, offers or sessions
/// (<see cref="CommittedWrites"/>) are the same as when it was computed, on the same day in Paris, and for at most
/// <see cref="MaxAge"/> (for what time alone changes: a session that has started, a place that became stale).
/// </summary>
/// <remarks>
/// Only where this process owns every write (the SQLite server, once its index is loaded); elsewhere (PostgreSQL,
/// whose replicas must not diverge, a verb) <see cref="Enabled"/> is false and every answer is computed. The stamp is
/// taken before the answer is computed: a write during the computation makes the kept answer a miss at once.
/// </remarks>
public sealed class PublishedAnswers(SiteSearchIndex index, CommittedWrites writes, TimeProvider clock)
{
    /// <summary>How long a kept answer may be served while nothing is written (what only time changes).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    /// <summary>Answers kept at most (a region's coverage is about 550 KB plain, 100 KB compressed).</summary>
    public const int MaxKept = 32;

    private readonly ConcurrentDictionary<string, PublishedAnswer> _kept = new(StringComparer.Ordinal);
    private long _commits;
    private int _listening;

    /// <summary>Whether answers are kept at all (this process holds every place in its loaded index).</summary>
    public bool Enabled => index.IsLoaded;

    /// <summary>What the data is now. Take it before computing an answer, and give it to <see cref="Keep"/>.</summary>
    public PublicationStamp Current
    {
        get
        {
            if (Volatile.Read(ref _listening) == 0 && Interlocked.Exchange(ref _listening, 1) == 0)
            {
                writes.Committed += _ => Interlocked.Increment(ref _commits);
            }

            var now = clock.GetUtcNow();
            return new PublicationStamp(index.Version, Volatile.Read(ref _commits), DateOnly.FromDateTime(ParisTime.ToParis(now).DateTime), now);
        }
    }

    /// <summary>The answer kept under <paramref name="key"/> if it is still true now, else null.</summary>
    public PublishedAnswer? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!Enabled || !_kept.TryGetValue(key, out var answer))
        {
            return null;
        }

        var now = Current;
        return answer.Stamp.SameData(now) && now.At - answer.Stamp.At <= MaxAge ? answer : null;
    }

    /// <summary>Keeps an answer computed from the data as it was at <paramref name="stamp"/> (returned, kept or not).</summary>
    public PublishedAnswer Keep(string key, PublicationStamp stamp, byte[] body, string contentType)
    {
        ArgumentNullException.ThrowIfNull(key);
        var answer = new PublishedAnswer(stamp, body, contentType);
        if (!Enabled)
        {
            return answer;
        }

        if (_kept.Count >= MaxKept && !_kept.ContainsKey(key))
        {
            // Rare (many distinct filters): start again rather than track their use.
            _kept.Clear();
        }

        // A write since the stamp: the answer is served once, never kept.
        if (stamp.SameData(Current))
        {
            _kept[key] = answer;
        }

        return answer;
    }
}

/// <summary>The state of the data an answer was computed from (see <see cref="PublishedAnswers"/>).</summary>
public readonly record struct PublicationStamp(long IndexVersion, long Commits, DateOnly ParisDay, DateTimeOffset At)
{
    public bool SameData(PublicationStamp other) => IndexVersion == other.IndexVersion && Commits == other.Commits && ParisDay == other.ParisDay;
}

/// <summary>One kept answer: its bytes, compressed on first demand (Brotli, gzip), and its entity tag (a digest of the bytes).</summary>
public sealed class PublishedAnswer(PublicationStamp stamp, byte[] body, string contentType)
{
    private readonly Lazy<byte[]> _brotli = new(() => Brotli(body));
    private readonly Lazy<byte[]> _gzip = new(() => Gzip(body));

    public PublicationStamp Stamp { get; } = stamp;

    public byte[] Body { get; } = body;

    public string ContentType { get; } = contentType;

    /// <summary>A weak entity tag: the same bytes give the same tag, whatever the publication (a write elsewhere still answers 304).</summary>
    public string ETag { get; } = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    public byte[] BrotliBody => _brotli.Value;

    public byte[] GzipBody => _gzip.Value;

    private static byte[] Brotli(byte[] bytes)
    {
        // Quality 5: a ratio near gzip -9 in a few milliseconds for the region's 550 KB; done once per publication.
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(bytes.Length)];
        if (!BrotliEncoder.TryCompress(bytes, output, out var written, quality: 5, window: 22))
        {
            throw new InvalidOperationException("Compression Brotli impossible.");
        }

        return output.AsSpan(0, written).ToArray();
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
