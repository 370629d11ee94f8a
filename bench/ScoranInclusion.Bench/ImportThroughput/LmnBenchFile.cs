using System.Text;
using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Bench.ImportThroughput;

/// <summary>What <see cref="LmnBenchFile.Write"/> produced, and what reading it back found.</summary>
internal sealed record GeneratedFile(
    string Path,
    int Rows,
    long Bytes,
    int WithHoraires,
    int WithSeveralServices,
    int WithSomeMultiValuedField,
    int WithSiret,
    int PointsMovedIntoCommune,
    int PointsAtCommunePoint,
    int ReadBackRejected,
    int ReadBackErrors,
    int ReadBackWarnings,
    int ReadBackCorrections,
    int DistinctIds);

/// <summary>
/// A realistic national-standard CSV ("lieux de médiation numérique" v1, as
/// <see cref="LmnCsvWriter"/> writes it) of any size, deterministic for a seed: places from
/// <see cref="SyntheticSites"/> (spread like the population, fields drawn from the real MedNum
/// BFC places), each point checked to fall inside its commune's polygon (so inside the region),
/// at least one service per place (several for many), extra publics and accompaniment forms,
/// opening hours for most, a valid SIRET for some. The file is read back with the project's
/// reader: it must have no rejected row and distinct ids.
/// </summary>
internal static class LmnBenchFile
{
    public const int DefaultSeed = 20261128;

    public static GeneratedFile Write(string path, int rows, int seed = DefaultSeed)
    {
        var communes = BenchData.Communes();
        var byCode = communes.ToDictionary(c => c.CodeInsee, StringComparer.Ordinal);
        var real = BenchData.RealSites();
        var polygons = CommunePolygons(Path.Combine(BenchData.Geodata, "communes.geojson"));
        var hoursPool = real.Select(s => s.Horaires).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var random = new Random(seed ^ 0x5EED);

        int withHoraires = 0, severalServices = 0, multiValued = 0, siret = 0, moved = 0, atCommunePoint = 0;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            var csv = new LmnCsvWriter(writer);
            csv.WriteHeader();
            foreach (var synthetic in new SyntheticSites(communes, real, seed).Generate(rows))
            {
                var commune = byCode[synthetic.Adresse.CodeInsee!];
                var (location, how) = InsideCommune(synthetic.Location!.Value, commune, polygons, random);
                moved += how == Placement.Moved ? 1 : 0;
                atCommunePoint += how == Placement.CommunePoint ? 1 : 0;

                var site = Enrich(synthetic with { Location = location, Adresse = synthetic.Adresse with { CodePostal = PostalCode(commune) } }, random, hoursPool);
                withHoraires += site.Horaires is null ? 0 : 1;
                severalServices += site.Services.Count > 1 ? 1 : 0;
                siret += Pivot.Kind(site.Pivot) == PivotKind.Siret ? 1 : 0;
                multiValued += LmnCsvWriter.Values(site).Any(v => v.Contains('|', StringComparison.Ordinal)) ? 1 : 0;
                csv.Write(site);
            }
        }

        return Check(new GeneratedFile(path, rows, new FileInfo(path).Length, withHoraires, severalServices, multiValued, siret, moved, atCommunePoint, 0, 0, 0, 0, 0));
    }

    /// <summary>Reads the file back with the project's reader and counts what it says.</summary>
    private static GeneratedFile Check(GeneratedFile file)
    {
        int read = 0, rejected = 0, errors = 0, warnings = 0, corrections = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using (var stream = File.OpenRead(file.Path))
        {
            foreach (var row in LmnCsvReader.Read(stream))
            {
                read += row.IsFileIssue ? 0 : 1;
                rejected += row.IsRejected ? 1 : 0;
                errors += row.IssuesOf(ValidationSeverity.Error).Count();
                warnings += row.IssuesOf(ValidationSeverity.Warning).Count();
                corrections += row.IssuesOf(ValidationSeverity.Correction).Count();
                if (row.Site is { } site)
                {
                    ids.Add(site.Id);
                }
            }
        }

        var checkedFile = file with
        {
            ReadBackRejected = rejected,
            ReadBackErrors = errors,
            ReadBackWarnings = warnings,
            ReadBackCorrections = corrections,
            DistinctIds = ids.Count,
        };
        if (read != file.Rows || rejected != 0 || errors != 0 || ids.Count != file.Rows)
        {
            throw new InvalidOperationException(
                $"{file.Path} : relu {read} lignes, {rejected} rejetées, {errors} erreurs, {ids.Count} id distincts (attendu {file.Rows} lignes valides aux id distincts).");
        }

        return checkedFile;
    }

    // A postcode of the commune's own département when it has one (SyntheticSites takes the
    // first): a few communes of the Jura are served by a postcode of the Ain only.
    private static string PostalCode(Commune commune) =>
        commune.CodesPostaux.FirstOrDefault(p => p.StartsWith(commune.CodeDepartement, StringComparison.Ordinal)) ?? commune.CodesPostaux[0];

    private static Site Enrich(Site site, Random random, string[] hoursPool)
    {
        // The standard expects at least one service (the validator warns otherwise): about half
        // the places offer several, as the real ones do.
        IReadOnlyList<Service> services = site.Services.Count > 0 ? site.Services : Pick<Service>(random, 1, 1);
        if (random.NextDouble() < 0.45)
        {
            services = [.. services.Union(Pick<Service>(random, 1, 3))];
        }

        var horaires = site.Horaires ?? (random.NextDouble() < 0.5 ? hoursPool[random.Next(hoursPool.Length)] : null);
        var publics = site.PublicsSpecifiquementAdresses.Count > 0 || random.NextDouble() < 0.7
            ? site.PublicsSpecifiquementAdresses
            : Pick<PublicSpecifiquementAdresse>(random, 1, 3);
        var accompagnement = site.ModalitesAccompagnement.Count > 0 || random.NextDouble() < 0.5
            ? site.ModalitesAccompagnement
            : Pick<ModaliteAccompagnement>(random, 1, 3);
        var acces = site.ModalitesAcces.Count > 0 || random.NextDouble() < 0.6
            ? site.ModalitesAcces
            : Pick(random, 1, 2, Enum.GetValues<ModaliteAcces>().Where(m => m != ModaliteAcces.CeLieuNAccueillePasDePublic).ToArray());
        return site with
        {
            Pivot = random.NextDouble() < 0.3 ? Siret(random) : Pivot.Unknown,
            Services = services,
            Horaires = horaires,
            PublicsSpecifiquementAdresses = publics,
            ModalitesAccompagnement = accompagnement,
            ModalitesAcces = acces,
        };
    }

    private static T[] Pick<T>(Random random, int min, int max) where T : struct, Enum => Pick(random, min, max, Enum.GetValues<T>());

    // Distinct values (a repeated value is a warning of the standard), in the enumeration's order.
    private static T[] Pick<T>(Random random, int min, int max, T[] values) where T : struct, Enum
    {
        var count = random.Next(min, max + 1);
        return [.. values.OrderBy(_ => random.Next()).Take(count).Order()];
    }

    // 13 random digits and the Luhn key INSEE uses (not La Poste's SIREN, which has its own rule).
    private static string Siret(Random random)
    {
        Span<int> digits = stackalloc int[14];
        do
        {
            digits[0] = random.Next(1, 10);
            for (var i = 1; i < 13; i++)
            {
                digits[i] = random.Next(10);
            }
        }
        while (digits[..9].SequenceEqual([3, 5, 6, 0, 0, 0, 0, 0, 0]));

        var sum = 0;
        for (var i = 12; i >= 0; i--)
        {
            // From the right, the key being position 0: odd positions are doubled.
            var doubled = (12 - i) % 2 == 0;
            var d = doubled ? digits[i] * 2 : digits[i];
            sum += d > 9 ? d - 9 : d;
        }

        digits[13] = (10 - (sum % 10)) % 10;
        var text = new StringBuilder(14);
        foreach (var d in digits)
        {
            text.Append((char)('0' + d));
        }

        return text.ToString();
    }

    private enum Placement
    {
        AsDrawn,
        Moved,
        CommunePoint,
    }

    // SyntheticSites scatters points about 3 km around the commune's point: near a border (of
    // the commune, or of the region) some land outside. Draw again closer, then fall back on
    // the commune's representative point.
    private static (GeoPoint Point, Placement How) InsideCommune(GeoPoint drawn, Commune commune, Dictionary<string, IPointOnGeometryLocator> polygons, Random random)
    {
        if (!polygons.TryGetValue(commune.CodeInsee, out var polygon) || Inside(polygon, drawn))
        {
            return (drawn, Placement.AsDrawn);
        }

        var spread = 0.5;
        for (var attempt = 0; attempt < 8; attempt++, spread /= 1.6)
        {
            var point = new GeoPoint(
                commune.Location.Latitude + ((random.NextDouble() - 0.5) * 0.05 * spread),
                commune.Location.Longitude + ((random.NextDouble() - 0.5) * 0.07 * spread));
            if (Inside(polygon, point))
            {
                return (point, Placement.Moved);
            }
        }

        return (commune.Location, Placement.CommunePoint);
    }

    private static bool Inside(IPointOnGeometryLocator polygon, GeoPoint point) =>
        polygon.Locate(new Coordinate(point.Longitude, point.Latitude)) == Location.Interior;

    private static Dictionary<string, IPointOnGeometryLocator> CommunePolygons(string path)
    {
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        using var file = File.OpenRead(path);
        var collection = JsonSerializer.Deserialize<FeatureCollection>(file, options)
            ?? throw new InvalidDataException($"{path} : FeatureCollection attendue.");
        var polygons = new Dictionary<string, IPointOnGeometryLocator>(StringComparer.Ordinal);
        foreach (var feature in collection)
        {
            if (feature.Attributes?["code_insee"] is string code && feature.Geometry is { } geometry)
            {
                polygons[code] = new IndexedPointInAreaLocator(geometry);
            }
        }

        return polygons;
    }
}
