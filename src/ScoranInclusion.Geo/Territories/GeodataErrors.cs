namespace ScoranInclusion.Geo.Territories;

/// <summary>Errors in the geodata files, which are checked at start-up: they name the file and line.</summary>
internal static class GeodataErrors
{
    public static InvalidDataException Malformed(string sourceName, int line, string message, Exception? innerException = null) =>
        new($"{sourceName}, line {line}: {message}.", innerException);
}
