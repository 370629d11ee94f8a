using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>
/// <c>adresses-lieux-bfc.csv</c>: the numbered addresses of the MedNum BFC places (their <c>adresse</c>,
/// postal code, INSEE code, commune and coordinates), written in the Base Adresse Nationale's CSV format
/// so that the tests load a real address index without the network. Places whose address has no
/// leading number, or no coordinates or INSEE code, are left out; the same address twice is written once.
/// </summary>
internal static partial class AddressFixture
{
    public const string File = "adresses-lieux-bfc.csv";

    public const string Header = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";

    public static (string Text, int Rows, int Places) Build(IEnumerable<Site> sites)
    {
        var rows = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var places = 0;
        foreach (var site in sites)
        {
            if (site.Location is not { } point || site.Adresse.CodeInsee is not { } insee || Numbered().Match(site.Adresse.Voie) is not { Success: true } m)
            {
                continue;
            }

            places++;
            var numero = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var rep = m.Groups["rep"].Success ? m.Groups["rep"].Value.ToLowerInvariant() : "";
            var voie = m.Groups["voie"].Value.Trim();
            voie = char.ToUpperInvariant(voie[0]) + voie[1..];
            var key = $"{insee}|{voie.ToLowerInvariant()}|{numero:D5}|{rep}";
            if (rows.ContainsKey(key))
            {
                continue;
            }

            var lon = point.Longitude.ToString("0.######", CultureInfo.InvariantCulture);
            var lat = point.Latitude.ToString("0.######", CultureInfo.InvariantCulture);
            var commune = site.Adresse.Commune;
            var id = $"{insee}_lieux_{numero:D5}" + (rep.Length > 0 ? "_" + rep : "");
            rows.Add(key, string.Join(';',
                id, "", numero.ToString(CultureInfo.InvariantCulture), rep, Cell(voie), site.Adresse.CodePostal, insee, Cell(commune), "", "", "", "",
                lon, lat, "entrée", "", "", Cell(commune.ToUpperInvariant()), Cell(voie.ToUpperInvariant()), "mednum-bfc", "mednum-bfc", "", ""));
        }

        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in rows.Values)
        {
            text.Append(row).Append('\n');
        }

        return (text.ToString(), rows.Count, places);
    }

    /// <summary>A cell of a ;-separated file: quoted when it holds a separator or a quote.</summary>
    private static string Cell(string text) =>
        text.IndexOfAny([';', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"^\s*(?<n>\d{1,4})\s*(?<rep>bis|ter|quater|[a-h](?=\s))?[\s,]+(?<voie>\p{L}.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Numbered();
}
