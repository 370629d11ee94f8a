using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Geo.Coverage;
using ScoranInclusion.GraphQL.Relay;
using ScoranInclusion.GraphQL.Sites;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Web.Couverture;

/// <summary>
/// The coverage as CSV, like the other exports: UTF-8 without BOM, <c>,</c> between fields, LF line
/// ends, quotes where a field needs them, one header row, one row per commune by INSEE code;
/// made for spreadsheets, so no cell can be read as a formula (<see cref="CsvCell.EscapeForSpreadsheet"/>).
/// </summary>
internal static class CoverageCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    /// <summary>The fixed columns; then one <c>a_moins_de_{km}_km</c> column (1 or 0) per threshold.</summary>
    public static readonly string[] Columns =
        ["code_insee", "nom", "code_departement", "epci_siren", "epci_nom", "population", "latitude", "longitude", "distance_lieu_m", "lieu_id", "lieu_nom"];

    public static string ThresholdColumn(double km) => string.Create(CultureInfo.InvariantCulture, $"a_moins_de_{km}_km");

    public static string Write(CoverageReport report, IReadOnlyDictionary<long, StoredSite> sites)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sites);
        var csv = new StringBuilder(report.Communes.Count * 160);
        csv.AppendJoin(',', Columns.Concat(report.ThresholdsKm.Select(ThresholdColumn))).Append('\n');
        foreach (var row in report.Communes)
        {
            var commune = row.Commune;
            var site = row.NearestKey is { } key && sites.TryGetValue(key, out var s) ? s : null;
            var fields = new List<string>
            {
                commune.CodeInsee,
                commune.Nom,
                commune.CodeDepartement,
                commune.EpciSiren,
                commune.EpciNom.Trim(),
                commune.Population?.ToString(CultureInfo.InvariantCulture) ?? "",
                commune.Location.Latitude.ToString("0.#####", CultureInfo.InvariantCulture),
                commune.Location.Longitude.ToString("0.#####", CultureInfo.InvariantCulture),
                row.DistanceMeters?.ToString("0.0", CultureInfo.InvariantCulture) ?? "",
                row.NearestKey is { } k ? GlobalId.Encode(SiteType.TypeName, k) : "",
                site?.Site.Nom ?? "",
            };
            fields.AddRange(report.ThresholdsKm.Select(km => row.IsWithin(km * 1000) ? "1" : "0"));
            // Opened in spreadsheets by design: names (a place's is written by its mediator) cannot become formulas.
            csv.AppendJoin(',', fields.Select(CsvCell.EscapeForSpreadsheet)).Append('\n');
        }

        return csv.ToString();
    }
}
