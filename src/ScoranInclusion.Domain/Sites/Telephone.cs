namespace ScoranInclusion.Domain.Sites;

/// <summary>The standard's telephone format: international, no spaces (+33XXXXXXXXX).</summary>
public static class Telephone
{
    /// <summary>Turns a French national or international number ("03 80 48 84 14", "+33 3 80…") into the standard's form.</summary>
    public static bool TryNormalize(string input, out string normalized) => throw new NotImplementedException("filled by the domain work");
}
