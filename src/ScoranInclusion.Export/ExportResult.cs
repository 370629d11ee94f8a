namespace ScoranInclusion.Export;

/// <param name="Written">Places written to the file.</param>
/// <param name="WithoutCoordinates">Places left out because they have no coordinates (GeoJSON only; 0 otherwise).</param>
public sealed record ExportResult(int Written, int WithoutCoordinates);
