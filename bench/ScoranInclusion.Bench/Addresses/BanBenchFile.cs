using System.Globalization;
using System.Text;

namespace ScoranInclusion.Bench.Addresses;

/// <summary>One generated street of the bench file, kept to build the queries.</summary>
internal sealed record BenchStreet(string Voie, string CodePostal, string Commune, int Numbers);

/// <summary>
/// A Base Adresse Nationale file of N rows generated at bench time (never committed): the region's
/// communes (geodata/) with streets in proportion to their population, street names drawn from common
/// French ones, numbers 1..k with some bis/ter, about 4 % lieux-dits (numero 99999). Deterministic.
/// </summary>
internal static class BanBenchFile
{
    private static readonly string[] Types = ["Rue", "Rue", "Rue", "Rue", "Avenue", "Boulevard", "Chemin", "Impasse", "Place", "Allée", "Route", "Route", "Chemin", "Rue", "Faubourg", "Quai"];

    private static readonly string[] Names =
    [
        "de la Gare", "de l'Église", "du Moulin", "des Écoles", "Victor Hugo", "Jean Jaurès", "du Général de Gaulle", "de la Mairie",
        "Pasteur", "des Vignes", "du Château", "de la Fontaine", "Saint-Martin", "Saint-Nicolas", "Sainte-Anne", "des Tilleuls",
        "du Stade", "de la République", "Gambetta", "Jules Ferry", "de la Liberté", "des Lilas", "du Lavoir", "de la Croix",
        "des Prés", "du Pont", "de Bourgogne", "de Franche-Comté", "Carnot", "Voltaire", "Émile Zola", "Anatole France",
        "du 8 Mai 1945", "du 11 Novembre", "des Fleurs", "des Champs", "du Bois", "de la Forêt", "des Acacias", "des Peupliers",
        "de l'Arquebuse", "de la Préfecture", "Chabot-Charny", "Berbisey", "des Forges", "de la Poste", "du Marché", "des Jardins",
        "du Centre", "de la Chapelle", "de la Côte", "du Lac", "des Sources", "du Parc", "Denfert-Rochereau", "Lamartine",
    ];

    public static (List<BenchStreet> Streets, long Bytes) Write(string path, int rows, IReadOnlyList<Domain.Territories.Commune> communes)
    {
        var random = new Random(21_2026);
        var streets = new List<BenchStreet>();
        var total = communes.Sum(c => (long)Math.Max(50, c.Population ?? 50));
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles\n");
        var written = 0;
        var line = new StringBuilder(256);
        for (var ci = 0; ci < communes.Count && written < rows; ci++)
        {
            var commune = communes[ci];
            var share = ci == communes.Count - 1
                ? rows - written
                : (int)Math.Round(rows * (double)Math.Max(50, commune.Population ?? 50) / total);
            share = Math.Min(share, rows - written);
            var cp = commune.CodesPostaux.Count > 0 ? commune.CodesPostaux[0] : commune.CodeInsee;
            var used = new HashSet<string>(StringComparer.Ordinal);
            var left = share;
            var s = 0;
            while (left > 0)
            {
                string voie;
                var lieuDit = random.Next(25) == 0;
                do
                {
                    voie = lieuDit
                        ? "Les " + Names[random.Next(Names.Length)].Split(' ')[^1] + (used.Count > 40 ? " " + (s + 1).ToString(CultureInfo.InvariantCulture) : "")
                        : Types[random.Next(Types.Length)] + " " + Names[random.Next(Names.Length)] + (used.Count > 300 ? " " + (s + 1).ToString(CultureInfo.InvariantCulture) : "");
                }
                while (!used.Add(voie));

                var count = lieuDit ? 1 : Math.Min(left, 1 + random.Next(40));
                var lat = commune.Location.Latitude + ((random.NextDouble() - 0.5) * 0.03);
                var lon = commune.Location.Longitude + ((random.NextDouble() - 0.5) * 0.04);
                for (var n = 1; n <= count; n++)
                {
                    var rep = !lieuDit && random.Next(30) == 0 ? (random.Next(3) == 0 ? "ter" : "bis") : "";
                    line.Clear()
                        .Append(commune.CodeInsee).Append("_b").Append(s.ToString(CultureInfo.InvariantCulture)).Append('_').Append(n.ToString(CultureInfo.InvariantCulture)).Append(";;")
                        .Append(lieuDit ? "99999" : n.ToString(CultureInfo.InvariantCulture)).Append(';').Append(rep).Append(';')
                        .Append(voie).Append(';').Append(cp).Append(';').Append(commune.CodeInsee).Append(';').Append(commune.Nom).Append(";;;;;")
                        .Append((lon + (n * 0.00005)).ToString("0.######", CultureInfo.InvariantCulture)).Append(';')
                        .Append((lat + (n * 0.00003)).ToString("0.######", CultureInfo.InvariantCulture))
                        .Append(";entrée;;;;;commune;commune;;\n");
                    writer.Write(line);
                }

                streets.Add(new BenchStreet(voie, cp, commune.Nom, lieuDit ? 0 : count));
                left -= count;
                written += count;
                s++;
            }
        }

        writer.Flush();
        return (streets, writer.BaseStream.Length);
    }
}
