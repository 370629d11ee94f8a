using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Geo.Geodesy;

namespace ScoranInclusion.Import.Tests.Merge;

/// <summary>What a row of the built list is, as the builder made it: the truth the measurement is checked against.</summary>
internal enum BuiltRowKind
{
    /// <summary>A place of the directory, renamed and moved the way the field writes it: must be merged into <see cref="BuiltRow.SameAs"/>.</summary>
    SamePlace,

    /// <summary>A France services the directory does not have, in a commune where it has other places: must be created.</summary>
    New,

    /// <summary>A France services at the very address of another kind of place (a médiathèque, a town hall): must not be merged.</summary>
    SameAddressOtherPlace,

    /// <summary>A second France services in a commune that has one, at another address 40–250 m away: must not be merged.</summary>
    SecondInCommune,
}

/// <param name="SameAs">The directory's ids of the place (several when the directory lists one place twice at one point).</param>
internal sealed record BuiltRow(string IdFs, BuiltRowKind Kind, IReadOnlySet<string> SameAs, string Name, string NameInDirectory);

internal sealed record BuiltList(string Csv, IReadOnlyList<BuiltRow> Rows);

/// <summary>
/// Builds a file of the <c>france-services</c> format from the directory's own places (the
/// seed, <c>geodata/lieux-mednum-bfc.csv</c>): every place with the dispositif France Services,
/// renamed the ways the field does (MSAP, MFS, « Maison France services », « Maison de services
/// au public », « France services de X »), its address abbreviated or re-cased, its point moved
/// by up to 30 m, a few without coordinates (placed at their commune's point by the import);
/// plus France services the directory does not have and look-alike traps. Deterministic (one
/// seeded random), so that the figures of Merge/README.md can be measured again.
/// </summary>
internal static partial class FranceServicesListBuilder
{
    private static readonly string[] _header =
    [
        "id_fs", "insee_dep", "lib_fs", "adresse", "complement_adresse", "insee_com", "code_postal", "lib_com",
        "latitude", "longitude", "mail", "telephone", "h_lundi", "h_mardi", "h_mercredi", "h_jeudi", "h_vendredi",
        "h_samedi", "commentaire", "itinerance", "format_fs", "groupe", "labellisation",
    ];

    public static BuiltList Build(IReadOnlyList<Site> directory, int seed = 2026)
    {
        var random = new Random(seed);
        var lines = new List<string[]>();
        var rows = new List<BuiltRow>();
        var franceServices = directory
            .Where(s => s.DispositifProgrammesNationaux.Contains(DispositifProgrammeNational.FranceServices) && s.Location is not null)
            .ToList();

        // The directory lists a few places twice at one point (Arnay-le-Duc, Sainte-Croix-en-Bresse):
        // one row for the pair, and a merge into either is right.
        var groups = new List<List<Site>>();
        foreach (var site in franceServices)
        {
            var group = groups.FirstOrDefault(g => g[0].Adresse.CodeInsee == site.Adresse.CodeInsee
                && Geodesic.DistanceMeters(g[0].Location!.Value, site.Location!.Value) < 15);
            if (group is null)
            {
                groups.Add([site]);
            }
            else
            {
                group.Add(site);
            }
        }

        for (var i = 0; i < groups.Count; i++)
        {
            var place = groups[i][0];
            var name = Rename(place, i);
            // One row in twelve has no coordinates: the import puts it at its commune's point.
            GeoPoint? point = i % 12 == 5 ? null : Jitter(place.Location!.Value, random.NextDouble() * 30, random);
            var id = $"fs-{i + 1:000}";
            // One row in nine writes its postcode and commune after the street, as mail merges do.
            var street = Abbreviate(place.Adresse.Voie, i) + (i % 9 == 7 ? $", {place.Adresse.CodePostal} {place.Adresse.Commune}" : "");
            lines.Add(Line(id, place, name, street, point, i));
            rows.Add(new BuiltRow(id, BuiltRowKind.SamePlace, groups[i].Select(s => s.Id).ToHashSet(StringComparer.Ordinal), name, place.Nom));
        }

        var withFranceServices = franceServices.Select(s => s.Adresse.CodeInsee).ToHashSet(StringComparer.Ordinal);
        var others = directory
            .Where(s => s.Location is not null && !s.DispositifProgrammesNationaux.Contains(DispositifProgrammeNational.FranceServices)
                && s.Adresse.CodeInsee is not null && !withFranceServices.Contains(s.Adresse.CodeInsee))
            .OrderBy(s => s.Id, StringComparer.Ordinal)
            .ToList();

        // France services at the very address and point of a médiathèque, a library, a town hall
        // or a CCAS of a commune without one: a different desk, with its own hours and phone.
        var hosts = others.Where(s => HostKind().IsMatch(s.Nom) && HouseNumber().IsMatch(s.Adresse.Voie))
            .GroupBy(s => s.Adresse.CodeInsee).Select(g => g.First()).Take(6).ToList();
        foreach (var host in hosts)
        {
            var id = $"fs-{lines.Count + 1:000}";
            var name = $"France services de {host.Adresse.Commune}";
            lines.Add(Line(id, host, name, host.Adresse.Voie, Jitter(host.Location!.Value, random.NextDouble() * 8, random), lines.Count));
            rows.Add(new BuiltRow(id, BuiltRowKind.SameAddressOtherPlace, new HashSet<string>(), name, host.Nom));
        }

        // New France services 80–250 m from another place of a commune the directory has no France services in.
        var neighbours = others.Where(s => !hosts.Contains(s)).GroupBy(s => s.Adresse.CodeInsee).Select(g => g.First()).ToList();
        foreach (var neighbour in neighbours.Where((_, k) => k % 4 == 1).Take(24))
        {
            var id = $"fs-{lines.Count + 1:000}";
            var name = lines.Count % 2 == 0 ? $"France services de {neighbour.Adresse.Commune}" : $"Maison France services {neighbour.Adresse.Commune}";
            var street = $"{1 + random.Next(40)} rue de la Fontaine";
            lines.Add(Line(id, neighbour, name, street, Jitter(neighbour.Location!.Value, 80 + (random.NextDouble() * 170), random), lines.Count));
            rows.Add(new BuiltRow(id, BuiltRowKind.New, new HashSet<string>(), name, neighbour.Nom));
        }

        // A second France services in towns that have one: another street, 40–250 m away, and a
        // name that is just as generic as the first's renamed one.
        foreach (var first in groups.Select(g => g[0]).Where(s => s.Adresse.Commune is "Besançon" or "Montbéliard" or "Baume-les-Dames" or "Donzy" or "Gray" or "Tonnerre"))
        {
            var id = $"fs-{lines.Count + 1:000}";
            var name = $"France services {first.Adresse.Commune} centre";
            lines.Add(Line(id, first, name, $"{2 + random.Next(30)} place du Marché",
                Jitter(first.Location!.Value, 40 + (random.NextDouble() * 210), random), lines.Count));
            rows.Add(new BuiltRow(id, BuiltRowKind.SecondInCommune, new HashSet<string>(), name, first.Nom));
        }

        var csv = new StringBuilder();
        csv.Append(string.Join(';', _header)).Append('\n');
        foreach (var line in lines)
        {
            csv.Append(string.Join(';', line.Select(Quote))).Append('\n');
        }

        return new BuiltList(csv.ToString(), rows);
    }

    /// <summary>The names the field gives a France services: its old names (MSAP, MFS…) and the new one, sometimes reduced to the commune.</summary>
    public static string Rename(Site place, int variant)
    {
        var rest = Prefix().Replace(place.Nom, "").Trim(' ', '-', '–');
        if (rest.Length == 0)
        {
            rest = place.Adresse.Commune;
        }

        var commune = variant % 5 == 0 ? SaintWord().Replace(place.Adresse.Commune, m => m.Value.StartsWith("Sainte", StringComparison.Ordinal) ? "Ste" : "St") : place.Adresse.Commune;
        return (variant % 7) switch
        {
            0 => $"France services {rest}",
            1 => $"France services de {commune}",
            2 => $"Maison France services {rest}",
            3 => $"Maison de services au public {rest}",
            4 => place.Nom.StartsWith("MSAP", StringComparison.Ordinal) ? $"MFS {rest}" : $"MSAP {rest}",
            5 => $"France Services - {commune}",
            _ => $"Espace France services {rest}",
        };
    }

    /// <summary>Addresses as people type them: abbreviated, capitals, a comma after the number.</summary>
    public static string Abbreviate(string street, int variant) => (variant % 4) switch
    {
        1 => Abbreviations().Replace(street, m => m.Value.ToLowerInvariant() switch
        {
            "avenue" => "av.",
            "boulevard" => "bd",
            "place" => "pl.",
            "rue" => "r.",
            "chemin" => "chem.",
            "route" => "rte",
            "général" => "Gal",
            "saint" => "St",
            "sainte" => "Ste",
            "grande" => "Gde",
            _ => m.Value,
        }),
        2 => street.ToUpperInvariant(),
        3 => LeadingNumber().Replace(street.ToLowerInvariant(), "$1,"),
        _ => street,
    };

    private static string[] Line(string id, Site place, string name, string street, GeoPoint? point, int variant)
    {
        static string Number(double value) => value.ToString("0.000000", CultureInfo.InvariantCulture).Replace('.', ',');
        var hours = (variant % 3) switch
        {
            0 => "09:00 - 12:00 / 13:30 - 17:00",
            1 => "9h-12h et 14h-17h",
            _ => "09h00-12h00",
        };
        return
        [
            id, place.Adresse.CodePostal[..2], name, street, "", place.Adresse.CodeInsee ?? "", place.Adresse.CodePostal, place.Adresse.Commune,
            point is { } p ? Number(p.Latitude) : "", point is { } q ? Number(q.Longitude) : "",
            place.Courriels.Count > 0 ? place.Courriels[0] : "", place.Telephone is { Length: 12 } t ? $"0{t[3]} {t[4..6]} {t[6..8]} {t[8..10]} {t[10..12]}" : "",
            hours, hours, hours, hours, hours, "Fermé", "", variant % 17 == 3 ? "Oui" : "Non", "Fixe", "", "2020-01-01",
        ];
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(";\"\n\r") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>A point <paramref name="meters"/> away from <paramref name="origin"/> in a random direction.</summary>
    private static GeoPoint Jitter(GeoPoint origin, double meters, Random random)
    {
        var bearing = random.NextDouble() * 2 * Math.PI;
        var north = meters * Math.Cos(bearing);
        var east = meters * Math.Sin(bearing);
        return new GeoPoint(
            origin.Latitude + (north / 111_320),
            origin.Longitude + (east / (111_320 * Math.Cos(origin.Latitude * Math.PI / 180))));
    }

    [GeneratedRegex(@"^(MSAP|MFS|France Services|Maison France Services)\b\s*(de la |du |de |d')?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\bSainte?(?=-)", RegexOptions.CultureInvariant)]
    private static partial Regex SaintWord();

    [GeneratedRegex(@"\b(avenue|boulevard|place|rue|chemin|route|général|sainte?|grande)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Abbreviations();

    [GeneratedRegex(@"^([0-9]+( ?bis| ?b)?)(?= )", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^(Médiathèque|Bibliothèque|Mairie|CCAS)", RegexOptions.CultureInvariant)]
    private static partial Regex HostKind();

    [GeneratedRegex(@"^[0-9]+ ", RegexOptions.CultureInvariant)]
    private static partial Regex HouseNumber();
}
