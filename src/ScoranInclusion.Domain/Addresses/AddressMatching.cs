namespace ScoranInclusion.Domain.Addresses;

/// <summary>What an answer of the address index is: a numbered address, a street (or a number not in the file), a lieu-dit.</summary>
public enum AddressKind
{
    HouseNumber,
    Street,
    Locality,
}

/// <summary>A street (or lieu-dit) of the index: the name, its commune, the mean point of its addresses.</summary>
public sealed record AddressStreet(
    long Id, string Voie, string CodePostal, string CodeInsee, string Commune, string? AncienneCommune, GeoPoint Location, bool IsLocality);

/// <summary>A numbered address of a street.</summary>
public sealed record AddressNumber(long StreetId, int Numero, string? Rep, GeoPoint Location);

/// <summary>One answer: a street with its score, and the numbered address when the text gave a number found in the file.</summary>
public sealed record AddressMatch(AddressStreet Street, AddressNumber? Number, double Score)
{
    public AddressKind Kind => Number is not null ? AddressKind.HouseNumber
        : Street.IsLocality ? AddressKind.Locality
        : AddressKind.Street;

    public GeoPoint Location => Number?.Location ?? Street.Location;

    /// <summary>« 21 bis » or null.</summary>
    public string? NumeroText => Number is null ? null : Number.Rep is { } rep ? $"{Number.Numero} {rep}" : Number.Numero.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>As the BAN writes it: « 21 Rue de l'Arquebuse 71400 Autun ».</summary>
    public string Label => (NumeroText is { } n ? n + " " : "") + Street.Voie + " " + Street.CodePostal + " " + Street.Commune;
}

/// <summary>
/// The ranking of the index's candidates, in code and not in SQL so that SQLite and PostgreSQL give
/// the same answers: every searched word must match a word of the street, its commune or its postal
/// code; the score is the mean quality of those matches (a whole word 1, the beginning of a word
/// less), weighted by how much of the street's name was typed, so that « rue de la gare » comes before
/// « rue de la gare prolongée ». Ties: the nearer to <c>near</c>, then the label.
/// </summary>
public static class AddressMatching
{
    /// <summary>The candidate's score in [0, 1], or null when a searched word matches nothing of it.</summary>
    public static double? Score(AddressQuery query, AddressStreet street)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(street);
        if (query.Words.Count == 0 || (query.PostalCode is { } cp && cp != street.CodePostal))
        {
            return null;
        }

        var voie = AddressWords.Indexed(street.Voie).ToList();
        var place = AddressWords.Indexed(street.Commune).Concat(AddressWords.Indexed(street.AncienneCommune)).Append(street.CodePostal).ToList();
        var matchedVoie = new bool[voie.Count];
        var total = 0.0;
        foreach (var word in query.Words)
        {
            var best = 0.0;
            for (var i = 0; i < voie.Count; i++)
            {
                var m = word.Match(voie[i]);
                if (m > 0)
                {
                    matchedVoie[i] = true;
                    best = Math.Max(best, m);
                }
            }

            foreach (var w in place)
            {
                best = Math.Max(best, word.Match(w));
            }

            if (best == 0)
            {
                return null;
            }

            total += best;
        }

        var coverage = voie.Count == 0 ? 1.0 : matchedVoie.Count(m => m) / (double)voie.Count;
        return Math.Round((0.8 * total / query.Words.Count) + (0.2 * coverage), 4);
    }

    /// <summary>The candidates scored and ranked, at most <paramref name="first"/>.</summary>
    public static List<(AddressStreet Street, double Score)> Rank(AddressQuery query, IEnumerable<AddressStreet> candidates, int first, GeoPoint? near, Func<GeoPoint, GeoPoint, double> distance)
    {
        ArgumentNullException.ThrowIfNull(distance);
        return candidates
            .Select(c => (Street: c, Score: Score(query, c)))
            .Where(c => c.Score is not null)
            .Select(c => (c.Street, Score: c.Score!.Value))
            .OrderByDescending(c => c.Score)
            .ThenBy(c => near is { } p ? distance(p, c.Street.Location) : 0)
            .ThenBy(c => c.Street.Voie, StringComparer.Ordinal)
            .ThenBy(c => c.Street.CodeInsee, StringComparer.Ordinal)
            .ThenBy(c => c.Street.Id)
            .Take(first)
            .ToList();
    }

    /// <summary>
    /// The numbered address the query asks for among a street's addresses with that number: the same
    /// repetition index, else the plain number, else the first one (« 21 » finds « 21 bis » when it is the only 21).
    /// </summary>
    public static AddressNumber? PickNumber(AddressQuery query, IEnumerable<AddressNumber> sameNumber)
    {
        ArgumentNullException.ThrowIfNull(query);
        var list = sameNumber.Where(n => n.Numero == query.Numero).OrderBy(n => n.Rep ?? "", StringComparer.Ordinal).ToList();
        return list.FirstOrDefault(n => AddressWords.Repetition(n.Rep) == query.Rep)
            ?? list.FirstOrDefault(n => n.Rep is null)
            ?? list.FirstOrDefault();
    }

    /// <summary>The score of an answer once its number is known: a number asked for but not in the file gives the street, a little lower.</summary>
    public static double WithNumber(AddressQuery query, double score, AddressNumber? number) =>
        query.Numero is null || number is not null ? score : Math.Round(score * 0.95, 4);
}
