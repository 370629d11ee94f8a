namespace ScoranInclusion.Storage.Sites;

public static class SiteDepartement
{
    /// <summary>The département of a commune's INSEE code (or, without it, of the postcode): 2 characters, 3 overseas.</summary>
    public static string Of(string? codeInsee, string codePostal)
    {
        var code = string.IsNullOrEmpty(codeInsee) ? codePostal ?? "" : codeInsee;
        return code.StartsWith("97", StringComparison.Ordinal) && code.Length >= 3 ? code[..3] : code.Length >= 2 ? code[..2] : code;
    }
}
