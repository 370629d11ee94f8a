using System.Globalization;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Lmn;
using ScoranInclusion.Import.MedNumBfc;

namespace ScoranInclusion.GeodataBuilder;

/// <summary>Size and vertex count of one layer, before (source file) and after (written file).</summary>
internal sealed record LayerStats(string File, string SourceFile, long SourceBytes, int SourceVertices, long Bytes, int Vertices, int Features);

/// <summary>What the MedNum BFC conversion produced, for the README and the checks.</summary>
internal sealed record PlacesReport(
    IReadOnlyList<MedNumBfcConversion> Conversions,
    IReadOnlyList<ImportRow> ReRead);

/// <summary>The whole build: read, convert, write, check, document.</summary>
internal static class GeodataBuild
{
    public const string CommunesCsv = "communes.csv";
    public const string AnciennesCsv = "communes-anciennes.csv";
    public const string CommunesGeoJson = "communes.geojson";
    public const string EpcisGeoJson = "epcis.geojson";
    public const string DepartementsGeoJson = "departements.geojson";
    public const string RegionGeoJson = "region.geojson";
    public const string PlacesCsv = "lieux-mednum-bfc.csv";
    public const string Readme = "README.md";

    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Run(BuilderOptions options, TextWriter log)
    {
        log.WriteLine($"sources : {options.SourceDirectory}");
        var source = SourceData.Load(options.SourceDirectory);
        Directory.CreateDirectory(options.OutputDirectory);
        string Out(string name) => Path.Combine(options.OutputDirectory, name);

        WriteText(Out(CommunesCsv), CommunesCsvText(source.Communes));
        WriteText(Out(AnciennesCsv), AnciennesCsvText(source.Anciennes));
        log.WriteLine($"{CommunesCsv} : {source.Communes.Count} communes ; {AnciennesCsv} : {source.Anciennes.Count} codes");

        var layers = TerritoryLayers.Build(source);
        var stats = WriteLayers(source, layers, options.SourceDirectory, Out);
        log.WriteLine($"couverture source : {layers.InvalidSourceCoverageElements} commune(s) invalide(s) ; géométries réparées : {layers.RepairedGeometries} ; points représentatifs hors du polygone simplifié : {layers.CommunesWhosePointLeftThePolygon.Count}");
        foreach (var s in stats)
        {
            log.WriteLine($"{s.File} : {s.Features} entités, {s.Vertices} sommets, {s.Bytes} octets (source {s.SourceVertices} sommets, {s.SourceBytes} octets)");
        }

        var basemap = BasemapBuild.Run(source, layers, options.OutputDirectory);
        log.WriteLine($"{BasemapBuild.File} : {basemap.Tiles} tuiles ({basemap.Contents} contenus distincts), {basemap.Bytes} octets");

        var communes = CommuneDirectory.From(source.Communes.Select(c => c.ToCommune()), source.Anciennes);
        var locator = new CommuneLocator(communes, source.CommuneGeometries);
        var places = ConvertPlaces(source.MedNumPath, locator, Out(PlacesCsv));
        log.WriteLine($"{PlacesCsv} : {places.ReRead.Count} lieux sur {places.Conversions.Count} lignes source");

        var addresses = AddressFixture.Build(places.ReRead.Where(r => r.Site is not null).Select(r => r.Site!));
        WriteText(Out(AddressFixture.File), addresses.Text);
        log.WriteLine($"{AddressFixture.File} : {addresses.Rows} adresses de {addresses.Places} lieux");

        WriteText(Out(Readme), ReadmeText.Build(source, layers, stats, places, addresses.Rows, basemap));
        return $"geodata écrit dans {options.OutputDirectory}";
    }

    private static PlacesReport ConvertPlaces(string mednumPath, CommuneLocator locator, string outputPath)
    {
        List<MedNumBfcConversion> conversions;
        using (var reader = new StreamReader(mednumPath, _utf8, detectEncodingFromByteOrderMarks: true))
        {
            conversions = new MedNumBfcConverter(locator).Convert(reader).ToList();
        }

        var sites = conversions.Where(c => c.Row.Site is not null).Select(c => c.Row.Site!).ToList();
        using (var writer = new StreamWriter(outputPath, false, _utf8))
        {
            LmnCsvWriter.WriteAll(writer, sites);
        }

        // The server seeds its database from this file through LmnCsvReader: whatever it would
        // reject or have to correct must be caught here, not at first start in production.
        // date_maj is checked against a fixed day so that the check itself is reproducible.
        List<ImportRow> reread;
        using (var stream = File.OpenRead(outputPath))
        {
            reread = LmnCsvReader.Read(stream, today: new DateOnly(2026, 1, 1)).ToList();
        }

        var problems = reread
            .SelectMany(r => r.Issues.Where(i => i.Severity is ValidationSeverity.Error or ValidationSeverity.Correction)
                .Select(i => $"ligne {r.RowNumber} ({r.Id}) : {i.Field} « {i.Value} » : {i.Message}"))
            .ToList();
        if (reread.Count != sites.Count || reread.Exists(r => r.Site is null) || problems.Count > 0)
        {
            throw new BuildFailedException(
                $"{PlacesCsv} ne se relit pas proprement ({reread.Count} lignes relues pour {sites.Count} écrites, {reread.Count(r => r.Site is null)} rejetées) :\n"
                + string.Join('\n', problems.Take(50)));
        }

        return new PlacesReport(conversions, reread);
    }

    private static List<LayerStats> WriteLayers(SourceData source, TerritoryLayers layers, string sourceDirectory, Func<string, string> output)
    {
        var stats = new List<LayerStats>();
        void Write(string file, string sourceFile, int sourceVertices, IReadOnlyList<OutputFeature> features)
        {
            var path = output(file);
            WriteText(path, GeoJsonText.FeatureCollection(features));
            stats.Add(new LayerStats(
                file,
                sourceFile,
                new FileInfo(Path.Combine(sourceDirectory, sourceFile)).Length,
                sourceVertices,
                new FileInfo(path).Length,
                TerritoryLayers.Vertices(features.Select(f => f.Geometry)),
                features.Count));
        }

        Write(CommunesGeoJson, SourceData.CommunesGeoJson, TerritoryLayers.Vertices(source.CommuneGeometries.Values),
            layers.Communes.Select(x => new OutputFeature(
                [("code_insee", x.Commune.CodeInsee), ("nom", x.Commune.Nom), ("code_departement", x.Commune.CodeDepartement), ("epci_siren", x.Commune.EpciSiren)],
                x.Geometry)).ToList());
        Write(EpcisGeoJson, SourceData.CommunesGeoJson, TerritoryLayers.Vertices(source.CommuneGeometries.Values),
            layers.Epcis.Select(x => new OutputFeature([("siren", x.Siren), ("nom", x.Nom)], x.Geometry)).ToList());
        Write(DepartementsGeoJson, SourceData.DepartementsGeoJson, TerritoryLayers.Vertices(source.Departements.Select(d => d.Geometry)),
            layers.Departements.Select(x => new OutputFeature([("code", x.Code), ("nom", x.Nom)], x.Geometry)).ToList());
        Write(RegionGeoJson, SourceData.RegionGeoJson, source.Region.Geometry.NumPoints,
            [new OutputFeature([("code", layers.Region.Code), ("nom", layers.Region.Nom)], layers.Region.Geometry)]);
        return stats;
    }

    private static string CommunesCsvText(IReadOnlyList<SourceCommune> communes)
    {
        var sb = new StringBuilder("code_insee,nom,codes_postaux,code_departement,epci_siren,epci_nom,population,latitude,longitude\n");
        foreach (var c in communes)
        {
            AppendRow(sb,
                c.CodeInsee, c.Nom, string.Join('|', c.CodesPostaux), c.CodeDepartement, c.EpciSiren, c.EpciNom, c.Population,
                c.Latitude.ToString("F5", CultureInfo.InvariantCulture), c.Longitude.ToString("F5", CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    private static string AnciennesCsvText(IReadOnlyList<AncienneCommune> anciennes)
    {
        var sb = new StringBuilder("ancien_code,ancien_nom,type,code_insee\n");
        foreach (var a in anciennes
            .OrderBy(a => a.AncienCode, StringComparer.Ordinal)
            .ThenBy(a => a.Type, StringComparer.Ordinal)
            .ThenBy(a => a.CodeInsee, StringComparer.Ordinal))
        {
            AppendRow(sb, a.AncienCode, a.AncienNom ?? "", a.Type, a.CodeInsee);
        }

        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, params string[] cells)
    {
        sb.AppendJoin(',', cells.Select(LmnCsvWriter.Escape)).Append('\n');
    }

    private static void WriteText(string path, string text) => File.WriteAllText(path, text, _utf8);
}
