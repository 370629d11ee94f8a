using ScoranInclusion.Domain.Addresses;

namespace ScoranInclusion.Storage.Addresses;

/// <summary>One valid row of a Base Adresse Nationale file (numero 99999: a lieu-dit without number).</summary>
public sealed record BanAddress(int Numero, string? Rep, string NomVoie, string CodePostal, string CodeInsee, string NomCommune, string? NomAncienneCommune, double Lon, double Lat)
{
    /// <summary>The BAN's number for « no number » (a lieu-dit).</summary>
    public const int NoNumber = 99999;

    /// <summary>The département of the commune: 2 characters, 3 overseas (97x).</summary>
    public string Departement => CodeInsee.StartsWith("97", StringComparison.Ordinal) ? CodeInsee[..3] : CodeInsee[..2];
}

/// <summary>
/// The addresses of one file, grouped by street as they are read, ready to replace their
/// départements in the index. A number is a few dozen bytes: the region's 1.6 million fit in memory.
/// </summary>
public sealed class AddressBatch(string sourceName)
{
    private readonly Dictionary<(string Insee, string CodePostal, string Voie), int> _streetIndex = [];

    public string SourceName { get; } = sourceName;

    public List<BatchStreet> Streets { get; } = [];

    public List<BatchNumber> Numbers { get; } = [];

    /// <summary>The départements met, with their number of addresses (rows).</summary>
    public SortedDictionary<string, int> Departements { get; } = new(StringComparer.Ordinal);

    public void Add(BanAddress row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var key = (row.CodeInsee, row.CodePostal, string.Join(' ', AddressWords.Indexed(row.NomVoie)));
        if (!_streetIndex.TryGetValue(key, out var index))
        {
            index = Streets.Count;
            _streetIndex.Add(key, index);
            Streets.Add(new BatchStreet(row.Departement, row.NomVoie.Trim(), row.CodePostal, row.CodeInsee, row.NomCommune.Trim(),
                string.IsNullOrWhiteSpace(row.NomAncienneCommune) ? null : row.NomAncienneCommune.Trim()));
        }

        var street = Streets[index];
        street.Count++;
        street.SumLon += row.Lon;
        street.SumLat += row.Lat;
        if (row.Numero != BanAddress.NoNumber)
        {
            street.HasNumbers = true;
            Numbers.Add(new BatchNumber(index, row.Numero, AddressWords.Repetition(row.Rep), row.Lon, row.Lat));
        }

        Departements[row.Departement] = Departements.GetValueOrDefault(row.Departement) + 1;
    }
}

/// <summary>A street being gathered: its point is the mean of its addresses'.</summary>
public sealed class BatchStreet(string departement, string voie, string codePostal, string codeInsee, string commune, string? ancienneCommune)
{
    public string Departement { get; } = departement;

    public string Voie { get; } = voie;

    public string CodePostal { get; } = codePostal;

    public string CodeInsee { get; } = codeInsee;

    public string Commune { get; } = commune;

    public string? AncienneCommune { get; } = ancienneCommune;

    public int Count { get; set; }

    public double SumLon { get; set; }

    public double SumLat { get; set; }

    public bool HasNumbers { get; set; }

    public double Lon => Math.Round(SumLon / Count, 7);

    public double Lat => Math.Round(SumLat / Count, 7);

    public string SearchText => AddressWords.SearchText(Voie, Commune, AncienneCommune, CodePostal);
}

/// <summary>A numbered address of <see cref="AddressBatch.Streets"/>[<see cref="StreetIndex"/>].</summary>
public readonly record struct BatchNumber(int StreetIndex, int Numero, string? Rep, double Lon, double Lat);

/// <summary>What <c>adresses status</c> shows for a département.</summary>
public sealed record AddressDepartementStatus(string Departement, string Fichier, DateTimeOffset ImporteLe, int Adresses, int Voies);
