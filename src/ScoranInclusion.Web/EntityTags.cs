using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ScoranInclusion.Web;

/// <summary>
/// The validators of answers revalidated by content (boundary files, exports): a weak tag made of a digest of the
/// content (weak: the bytes on the wire differ with the content coding, the content does not; the same on every
/// replica), and whether a request's <c>If-None-Match</c> names it.
/// </summary>
public static class EntityTags
{
    public static EntityTagHeaderValue Of(ReadOnlySpan<byte> content) =>
        new("\"" + Convert.ToHexStringLower(SHA256.HashData(content)[..16]) + "\"", isWeak: true);

    public static bool Matches(StringValues ifNoneMatch, EntityTagHeaderValue tag) =>
        ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(tag, useStrongComparison: false));
}
