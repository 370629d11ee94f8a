using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Geo.Territories;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>A row of communes-bfc.csv.</summary>
internal sealed record SourceCommune(
    string CodeInsee,
    string Nom,
    IReadOnlyList<string> CodesPostaux,
    string CodeDepartement,
    string EpciSiren,
    string EpciNom,
    string Population,
    double Latitude,
    double Longitude)
{
    public Commune ToCommune() =>
        new(CodeInsee, Nom, CodesPostaux, CodeDepartement, EpciSiren, EpciNom,
            int.TryParse(Population, NumberStyles.None, CultureInfo.InvariantCulture, out var population) ? population : null,
            new GeoPoint(Latitude, Longitude));
}

/// <summary>A named polygon of a source GeoJSON layer.</summary>
internal sealed record SourceArea(string Code, string Nom, Geometry Geometry);

/// <summary>Everything read from geodata-src, checked on the way in.</summary>
internal sealed record SourceData(
    IReadOnlyList<SourceCommune> Communes,
    IReadOnlyList<AncienneCommune> Anciennes,
    IReadOnlyDictionary<string, Geometry> CommuneGeometries,
    IReadOnlyList<SourceArea> Departements,
    SourceArea Region,
    string MedNumPath)
{
    public const string CommunesCsv = "communes-bfc.csv";
    public const string AnciennesCsv = "communes-anciennes-bfc.csv";
    public const string CommunesGeoJson = "communes-bfc.geojson";
    public const string DepartementsGeoJson = "departements-bfc.geojson";
    public const string RegionGeoJson = "region-bfc.geojson";
    public const string MedNumCsv = "mediation/mednum-bfc-lieux.csv";

    public static SourceData Load(string directory)
    {
        var communes = ReadCommunes(Path.Combine(directory, CommunesCsv));
        var anciennes = ReadAnciennes(Path.Combine(directory, AnciennesCsv));
        var geometries = ReadFeatures(Path.Combine(directory, CommunesGeoJson), "insee", "name")
            .ToDictionary(a => a.Code, a => a.Geometry, StringComparer.Ordinal);

        var missing = communes.Where(c => !geometries.ContainsKey(c.CodeInsee)).Select(c => c.CodeInsee).ToList();
        if (missing.Count > 0 || geometries.Count != communes.Count)
        {
            throw new InvalidDataException(
                $"{CommunesGeoJson} et {CommunesCsv} ne décrivent pas les mêmes communes ({geometries.Count} polygones, {communes.Count} lignes ; sans polygone : {string.Join(", ", missing.Take(10))}).");
        }

        var departements = ReadFeatures(Path.Combine(directory, DepartementsGeoJson), "code", "nom");
        var region = ReadFeatures(Path.Combine(directory, RegionGeoJson), "code", "nom").Single();
        var mednum = Path.Combine(directory, MedNumCsv);
        if (!File.Exists(mednum))
        {
            throw new FileNotFoundException($"fichier source absent : {mednum}");
        }

        return new SourceData(communes, anciennes, geometries, departements, region, mednum);
    }

    private static List<SourceCommune> ReadCommunes(string path)
    {
        var communes = new List<SourceCommune>();
        foreach (var row in ReadCsv(path, ["insee", "name", "postal_codes", "departement", "epci_siren", "epci_name", "population", "lat", "lon"]))
        {
            communes.Add(new SourceCommune(
                row["insee"],
                row["name"],
                row["postal_codes"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                row["departement"],
                row["epci_siren"],
                row["epci_name"],
                row["population"],
                double.Parse(row["lat"], NumberStyles.Float, CultureInfo.InvariantCulture),
                double.Parse(row["lon"], NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return communes.OrderBy(c => c.CodeInsee, StringComparer.Ordinal).ToList();
    }

    private static List<AncienneCommune> ReadAnciennes(string path) =>
        ReadCsv(path, ["old_code", "old_name", "type", "insee"])
            .Select(row => new AncienneCommune(row["old_code"], row["old_name"].Length == 0 ? null : row["old_name"], row["type"], row["insee"]))
            .ToList();

    /// <summary>Rows as dictionaries (cells not trimmed: names keep their exact spelling, double spaces included).</summary>
    private static IEnumerable<Dictionary<string, string>> ReadCsv(string path, string[] required)
    {
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        string[]? header = null;
        var rows = new List<Dictionary<string, string>>();
        foreach (var record in CsvRecordReader.Read(reader))
        {
            if (header is null)
            {
                header = [.. record.Fields];
                var missing = required.Except(header, StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    throw new InvalidDataException($"{path} : colonne(s) absente(s) : {string.Join(", ", missing)}.");
                }

                continue;
            }

            if (record.Fields.Count != header.Length)
            {
                throw new InvalidDataException($"{path}, ligne {record.LineNumber} : {record.Fields.Count} champs au lieu de {header.Length}.");
            }

            rows.Add(header.Zip(record.Fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>The features of a GeoJSON file (a FeatureCollection or a single Feature).</summary>
    private static List<SourceArea> ReadFeatures(string path, string codeProperty, string nameProperty)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var json = File.ReadAllText(path);
        using var document = JsonDocument.Parse(json);
        var isCollection = document.RootElement.GetProperty("type").GetString() == "FeatureCollection";
        var features = isCollection
            ? JsonSerializer.Deserialize<FeatureCollection>(json, options)!.ToList()
            : [JsonSerializer.Deserialize<IFeature>(json, options)!];

        return features
            .Select(f => new SourceArea(
                System.Convert.ToString(f.Attributes[codeProperty], CultureInfo.InvariantCulture)!,
                System.Convert.ToString(f.Attributes[nameProperty], CultureInfo.InvariantCulture)!,
                f.Geometry))
            .ToList();
    }
}
