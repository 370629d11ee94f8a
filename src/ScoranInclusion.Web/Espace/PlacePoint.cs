using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Pipeline;
using static ScoranInclusion.Web.Espace.EspaceHtml;
using static ScoranInclusion.Web.Html;

namespace ScoranInclusion.Web.Espace;

/// <summary>A point found for an address, and what it is (« le point de la commune de Dijon »).</summary>
/// <param name="Approximate">True for a commune's point: the mediator should still move the marker to the door.</param>
public sealed record AddressPoint(GeoPoint Point, string Description, bool Approximate);

/// <summary>
/// Where an address is. Several may be registered: they are asked by ascending <see cref="Priority"/>, the first answer
/// wins: the local address index (<see cref="AddressIndexPointSource"/>, the BAN) first, then the commune's point
/// (<see cref="CommunePointSource"/>, last resort).
/// </summary>
public interface IAddressPointSource
{
    int Priority { get; }

    Task<AddressPoint?> FindAsync(Adresse adresse, CancellationToken cancellationToken);
}

/// <summary>The commune's representative point, the commune found as the import finds it (<see cref="SiteLocator"/>).</summary>
public sealed class CommunePointSource(CommuneDirectory communes) : IAddressPointSource
{
    public int Priority => 1000;

    public Task<AddressPoint?> FindAsync(Adresse adresse, CancellationToken cancellationToken)
    {
        var located = new SiteLocator(communes).Locate(adresse, null);
        return Task.FromResult(located.Commune is { } commune
            ? new AddressPoint(commune.Location, $"le point de la commune {commune.Nom} ({commune.CodeInsee})", Approximate: true)
            : null);
    }
}

/// <summary>
/// Placing the point on the edit and propose pages: the map (<c>web/src/carte-lieu.js</c>: the commune's outline, no
/// third-party tiles, a marker moved by dragging or by the arrow keys) over the latitude and longitude fields, which are
/// its text alternative and work without JavaScript; « Prendre le point de l'adresse »; and, before saving, the import's
/// check (<see cref="SiteLocator"/>, <see cref="ImportPipelineOptions.FarFromCommuneMeters"/>): a point far from its
/// commune is flagged, saved only once the mediator confirms it.
/// </summary>
internal static class PlacePoint
{
    private const string FromAddressField = "position.adresse";
    private const string ConfirmField = "position.confirmee";

    public static string? Label(string name) => name.StartsWith("position.", StringComparison.Ordinal) ? "Position" : null;

    private static Adresse AddressOf(IReadOnlyDictionary<string, string> values) => new()
    {
        Voie = values.GetValueOrDefault("adresse.voie")?.Trim() ?? "",
        CodePostal = values.GetValueOrDefault("adresse.codePostal")?.Trim() ?? "",
        Commune = values.GetValueOrDefault("adresse.commune")?.Trim() ?? "",
        CodeInsee = values.GetValueOrDefault("adresse.codeInsee")?.Trim() is { Length: > 0 } code ? code : null,
    };

    private static double? Number(string? text) =>
        double.TryParse((text ?? "").Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static string Text(double value) => value.ToString("0.0#####", CultureInfo.InvariantCulture);

    /// <summary>
    /// Before a save: takes the address's point when asked (the position fields then hold it), else checks a changed
    /// point against its commune. Returns the errors that stop the save (the point far from its commune, not confirmed).
    /// </summary>
    public static async Task<Dictionary<string, string>> ApplyAsync(HttpContext http, IFormCollection form, Dictionary<string, string> submitted,
        IReadOnlyDictionary<string, string>? original)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var adresse = AddressOf(submitted);
        if (form[FromAddressField].ToString().Length > 0)
        {
            foreach (var source in http.RequestServices.GetServices<IAddressPointSource>().OrderBy(s => s.Priority))
            {
                if (await source.FindAsync(adresse, http.RequestAborted) is { } found)
                {
                    submitted["location.latitude"] = Text(found.Point.Latitude);
                    submitted["location.longitude"] = Text(found.Point.Longitude);
                    return errors;
                }
            }

            errors[FromAddressField] = "aucun point n'est connu pour cette adresse : vérifiez le code postal et la commune, ou donnez la latitude et la longitude.";
            return errors;
        }

        string Same(IReadOnlyDictionary<string, string>? values, string name) => (values?.GetValueOrDefault(name) ?? "").Trim().Replace(',', '.');
        var moved = new[] { "location.latitude", "location.longitude", "adresse.codePostal", "adresse.commune", "adresse.codeInsee" }
            .Any(n => Same(submitted, n) != Same(original, n));
        if (!moved || form[ConfirmField].ToString().Length > 0
            || Number(submitted.GetValueOrDefault("location.latitude")) is not { } latitude || Number(submitted.GetValueOrDefault("location.longitude")) is not { } longitude)
        {
            return errors;
        }

        var communes = http.RequestServices.GetService<CommuneDirectory>();
        var limit = http.RequestServices.GetService<IOptions<ImportPipelineOptions>>()?.Value.FarFromCommuneMeters ?? new ImportPipelineOptions().FarFromCommuneMeters;
        var located = new SiteLocator(communes).Locate(adresse, new GeoPoint(latitude, longitude));
        if (located.DistanceFromCommuneMeters > limit)
        {
            errors[ConfirmField] = string.Create(French,
                $"le point est à {located.DistanceFromCommuneMeters / 1000:0.0} km de la commune {located.Commune!.Nom} ({located.Commune.CodeInsee}) : hors de la commune ? ")
                + "(coordonnées inversées ou fausses, mauvaise commune). Corrigez la position, ou cochez « Je confirme cette position » et enregistrez de nouveau.";
        }

        return errors;
    }

    /// <summary>Under the latitude and longitude fields: « Prendre le point de l'adresse », the confirmation when asked, the map.</summary>
    public static string Render(HttpContext http, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors)
    {
        var b = new StringBuilder();
        b.Append(CheckBox(FromAddressField, "Prendre le point de l'adresse", isChecked: false, errors.GetValueOrDefault(FromAddressField),
            "À l'enregistrement, la position devient celle de l'adresse (faute de mieux, le point de la commune : approximatif). "
            + "Déplacez ensuite le marqueur jusqu'à l'entrée du lieu.", "case-position"));
        if (errors.GetValueOrDefault(ConfirmField) is { } far)
        {
            b.Append(CheckBox(ConfirmField, "Je confirme cette position", isChecked: false, far, extraClass: "case-position"));
        }

        var communes = http.RequestServices.GetService<CommuneDirectory>();
        var commune = new SiteLocator(communes).Locate(AddressOf(values), null).Commune;
        var latitude = Number(values.GetValueOrDefault("location.latitude")) ?? commune?.Location.Latitude;
        var longitude = Number(values.GetValueOrDefault("location.longitude")) ?? commune?.Location.Longitude;
        b.Append("<div id=\"carte-lieu\" class=\"carte-lieu\" role=\"region\" aria-label=\"Carte de la position du lieu\" aria-describedby=\"carte-lieu-aide\"");
        if (commune is not null)
        {
            b.Append(" data-insee=\"").Append(E(commune.CodeInsee)).Append("\" data-commune=\"").Append(E(commune.Nom)).Append('"');
        }

        if (latitude is { } lat && longitude is { } lon)
        {
            b.Append(" data-latitude=\"").Append(Text(lat)).Append("\" data-longitude=\"").Append(Text(lon)).Append('"');
        }

        b.Append("><p class=\"carte-absente\">La carte a besoin de JavaScript ; la latitude et la longitude ci-dessus donnent la position.</p></div>");
        b.Append("<p class=\"aide\" id=\"carte-lieu-aide\">Le contour est celui de la commune de l'adresse. Déplacez le marqueur à la souris, ou au clavier : ")
            .Append("placez le focus sur le marqueur, puis les flèches le déplacent (avec Maj, par grands pas). La latitude et la longitude suivent.</p>");
        b.Append("<p id=\"carte-lieu-etat\" class=\"visuellement-cache\" role=\"status\"></p>");
        b.Append("<link rel=\"stylesheet\" href=\"/widget/espace-carte.css\"><script src=\"/widget/espace-carte.js\" defer></script>");
        return b.ToString();
    }
}
