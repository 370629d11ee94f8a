namespace ScoranInclusion.Web;

/// <summary>Bound from the <c>Web</c> section: the widget's files and what the pages link to.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The built front-end (web/dist), copied next to the server by the build.</summary>
    public string AssetsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "web");

    /// <summary>
    /// A raster tile URL template ({z}/{x}/{y}) for a background map. Empty by default: the map is
    /// drawn from the project's own boundaries and the browser makes no request to a third party.
    /// </summary>
    public string TileUrl { get; set; } = "";

    /// <summary>The attribution the tile provider requires (for OpenStreetMap: « © les contributeurs d'OpenStreetMap »).</summary>
    public string TileAttribution { get; set; } = "";

    /// <summary>Where « Signaler une erreur » leads for places of MedNum BFC (its public update form).</summary>
    public string ReportErrorUrl { get; set; } = "https://www.mednum-bfc.fr/maj-lieu/";
}
