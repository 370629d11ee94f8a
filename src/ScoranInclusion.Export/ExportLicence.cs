namespace ScoranInclusion.Export;

/// <summary>
/// The licence of the exported places. The database is built from the MedNum BFC places,
/// under ODbL 1.0 with the attribution « MedNum BFC »; a redistributed extract of it (any
/// export) is a derived database and stays under ODbL (see geodata/README.md).
/// </summary>
/// <remarks>
/// CSV and flat JSON stay exactly the standard's format, with nothing added: the licence
/// travels in the HTTP headers (<c>Link: rel="license"</c>, <c>Attribution</c>) and in the
/// README. GeoJSON carries it in foreign members of the FeatureCollection (RFC 7946 §6.1).
/// </remarks>
public static class ExportLicence
{
    public const string Name = "ODbL-1.0";

    public const string Url = "https://opendatacommons.org/licenses/odbl/1-0/";

    public const string Attribution = "MedNum BFC";

    /// <summary>Where the places come from (the published MedNum BFC dataset).</summary>
    public const string Source = "MedNum BFC (GIP Territoires Numériques BFC), https://github.com/multi-coop/data-bfc-ternum";

    /// <summary>The data standard the properties follow.</summary>
    public const string Schema = "https://schema.data.gouv.fr/LaMednum/standard-mediation-num/";

    /// <summary>The value of the HTTP <c>Link</c> header.</summary>
    public const string LinkHeader = "<" + Url + ">; rel=\"license\"";
}
