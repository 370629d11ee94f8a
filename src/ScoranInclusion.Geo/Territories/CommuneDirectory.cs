using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Territories;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Geo.Territories;

/// <summary>
/// The communes of the geodata files, looked up by INSEE code (current or former), postal
/// code, a name typed in an autocomplete, or a postal code and town name as addresses write
/// them (<see cref="FindByAddress"/>). Immutable once loaded, so safe to share.
/// </summary>
public sealed partial class CommuneDirectory
{
    /// <summary>The current communes: one row each.</summary>
    public const string CommunesFileName = "communes.csv";

    /// <summary>Former, delegated and associated commune codes, mapped to the current commune.</summary>
    public const string AnciennesFileName = "communes-anciennes.csv";

    private static readonly string[] s_communeColumns =
        ["code_insee", "nom", "codes_postaux", "code_departement", "epci_siren", "epci_nom", "population", "latitude", "longitude"];

    private static readonly string[] s_ancienneColumns = ["ancien_code", "ancien_nom", "type", "code_insee"];

    private static readonly HashSet<string> s_ancienneTypes = new(StringComparer.Ordinal)
    {
        "commune-deleguee",
        "commune-associee",
        "ancien-code",
    };

    private readonly Dictionary<string, Commune> _byFormerCode;
    private readonly Dictionary<string, ReadOnlyCollection<Commune>> _byPostalCode;

    // Every commune by population (descending), then name: a scan in this order yields each
    // rank of a search already sorted, so a keystroke costs at most one pass and no sort. The
    // exact matches come from the dictionaries, which lets the scan stop once it has enough
    // prefix matches.
    private readonly SearchEntry[] _searchOrder;
    private readonly Dictionary<string, SearchEntry> _entryByCode;
    private readonly Dictionary<string, SearchEntry[]> _entriesByKey;
    private readonly Dictionary<string, SearchEntry[]> _entriesByPostalCode;

    private CommuneDirectory(List<Commune> communes, Dictionary<string, Commune> byFormerCode, IEnumerable<AncienneCommune> anciennes)
    {
        All = Array.AsReadOnly(communes.OrderBy(c => c.CodeInsee, StringComparer.Ordinal).ToArray());
        _byFormerCode = byFormerCode;
        _byDepartement = ByDepartement(All);
        _anciensNoms = AnciensNomsByCommune(anciennes);

        _searchOrder = [.. communes
            .Select(c => (Commune: c, Key: SearchText.Normalize(c.Nom)))
            .OrderByDescending(e => e.Commune.Population ?? -1)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ThenBy(e => e.Commune.CodeInsee, StringComparer.Ordinal)
            .Select((e, order) => new SearchEntry(e.Commune, e.Key, order))];

        _entryByCode = _searchOrder.ToDictionary(e => e.Commune.CodeInsee, StringComparer.Ordinal);
        _entriesByKey = _searchOrder
            .GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _entriesByPostalCode = _searchOrder
            .SelectMany(e => e.Commune.CodesPostaux, (e, codePostal) => (codePostal, e))
            .GroupBy(p => p.codePostal, p => p.e, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        _byPostalCode = _entriesByPostalCode.ToDictionary(
            p => p.Key, p => Array.AsReadOnly(Array.ConvertAll(p.Value, e => e.Commune)), StringComparer.Ordinal);
    }

    /// <summary>Every current commune, by INSEE code.</summary>
    public IReadOnlyList<Commune> All { get; }

    /// <summary>
    /// Reads <see cref="CommunesFileName"/> and <see cref="AnciennesFileName"/> from
    /// <paramref name="geodataDirectory"/>. Malformed input throws an
    /// <see cref="InvalidDataException"/> naming the file and line.
    /// </summary>
    public static CommuneDirectory Load(string geodataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(geodataDirectory);

        var communesPath = RequireFile(geodataDirectory, CommunesFileName);
        var anciennesPath = RequireFile(geodataDirectory, AnciennesFileName);
        using var communes = new StreamReader(communesPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var anciennes = new StreamReader(anciennesPath, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return FromCsv(communes, communesPath, anciennes, anciennesPath);
    }

    /// <summary>Reads the two files' contents (see <see cref="Load"/>); the former codes are optional.</summary>
    public static CommuneDirectory FromCsv(TextReader communes, TextReader? anciennes) =>
        FromCsv(communes, CommunesFileName, anciennes, AnciennesFileName);

    /// <summary>
    /// The commune with this INSEE code, current or former (a current code wins over the same
    /// code used formerly); null when unknown.
    /// </summary>
    public Commune? FindByInsee(string code)
    {
        ArgumentNullException.ThrowIfNull(code);

        var normalized = code.Trim().ToUpperInvariant();
        return _entryByCode.TryGetValue(normalized, out var current) ? current.Commune : _byFormerCode.GetValueOrDefault(normalized);
    }

    /// <summary>The communes served by this postal code, most populated first.</summary>
    public IReadOnlyList<Commune> FindByPostalCode(string codePostal)
    {
        ArgumentNullException.ThrowIfNull(codePostal);

        return _byPostalCode.TryGetValue(codePostal.Trim(), out var communes) ? communes : [];
    }

    /// <summary>
    /// Communes for an autocomplete: by name (ignoring case, accents and punctuation, "st" for
    /// "saint") or, for 1 to 5 digits, by postal code prefix or INSEE code.
    /// </summary>
    /// <remarks>
    /// Order: exact matches, then names (or postal codes) starting with the text, then names with
    /// a later word starting with it; within each, most populated first, then by name.
    /// </remarks>
    public IReadOnlyList<Commune> Search(string text, int first)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(first);

        if (first == 0)
            return [];

        var compact = text.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (compact.Length is >= 1 and <= 5 && compact.All(char.IsAsciiDigit))
        {
            var byCode = compact.Length == 5 ? FindByInsee(compact) : null;
            var exact = _entriesByPostalCode.GetValueOrDefault(compact, []).AsEnumerable();
            if (byCode is not null)
                exact = exact.Append(_entryByCode[byCode.CodeInsee]);
            return Collect(first, exact, e => ReferenceEquals(e.Commune, byCode) ? 0 : RankByPostalCode(e, compact));
        }

        if (IsInseeCode(compact))
        {
            var commune = FindByInsee(compact);
            return commune is null ? [] : [commune];
        }

        var forms = SearchText.QueryForms(text);
        if (forms.Count == 0)
            return [];
        var laterWordForms = forms.Select(f => " " + f).ToArray();
        var exactNames = forms.SelectMany(f => _entriesByKey.GetValueOrDefault(f, []));
        return Collect(first, exactNames, e => RankByName(e.Key, forms, laterWordForms));
    }

    /// <param name="exact">Every entry that <paramref name="rank"/> ranks 0, in any order.</param>
    /// <param name="rank">0 exact, 1 prefix, 2 prefix of a later word, -1 no match.</param>
    private List<Commune> Collect(int first, IEnumerable<SearchEntry> exact, Func<SearchEntry, int> rank)
    {
        var result = exact.DistinctBy(e => e.Order).OrderBy(e => e.Order).Take(first).Select(e => e.Commune).ToList();
        var wanted = first - result.Count;
        if (wanted <= 0)
            return result;

        var prefixes = new List<Commune>();
        var laterWords = new List<Commune>();
        foreach (var entry in _searchOrder)
        {
            switch (rank(entry))
            {
                case 1:
                    prefixes.Add(entry.Commune);
                    break;
                case 2 when laterWords.Count < wanted:
                    laterWords.Add(entry.Commune);
                    break;
            }

            if (prefixes.Count == wanted)
                break;
        }

        result.AddRange(prefixes);
        result.AddRange(laterWords.Take(first - result.Count));
        return result;
    }

    private static int RankByName(string key, IReadOnlyList<string> forms, string[] laterWordForms)
    {
        var best = -1;
        for (var i = 0; i < forms.Count; i++)
        {
            var rank = key == forms[i] ? 0
                : key.StartsWith(forms[i], StringComparison.Ordinal) ? 1
                : key.Contains(laterWordForms[i], StringComparison.Ordinal) ? 2
                : -1;
            if (rank >= 0 && (best < 0 || rank < best))
                best = rank;
        }

        return best;
    }

    private static int RankByPostalCode(SearchEntry entry, string digits)
    {
        var best = -1;
        foreach (var codePostal in entry.Commune.CodesPostaux)
        {
            if (codePostal == digits)
                return 0;
            if (codePostal.StartsWith(digits, StringComparison.Ordinal))
                best = 1;
        }

        return best;
    }

    private static string RequireFile(string directory, string fileName)
    {
        var path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Geodata file not found: {path}.", path);
        return path;
    }

    private static CommuneDirectory FromCsv(TextReader communes, string communesSource, TextReader? anciennes, string anciennesSource)
    {
        ArgumentNullException.ThrowIfNull(communes);

        var list = ReadCommunes(communes, communesSource);
        var byCode = list.ToDictionary(c => c.CodeInsee, StringComparer.Ordinal);
        var formers = new List<AncienneCommune>();
        var byFormerCode = anciennes is null
            ? new Dictionary<string, Commune>(StringComparer.Ordinal)
            : ReadAnciennes(anciennes, anciennesSource, byCode, formers);
        return new CommuneDirectory(list, byFormerCode, formers);
    }

    private static List<Commune> ReadCommunes(TextReader reader, string sourceName)
    {
        using var csv = new CsvFile(reader, sourceName);
        var columns = ReadHeader(csv, s_communeColumns);
        var communes = new List<Commune>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.TryRead(out var fields, out var line))
        {
            var row = new Row(csv.SourceName, line, fields, columns);
            var code = row.Required("code_insee");
            if (!IsInseeCode(code))
                throw row.Error("code_insee", code, "a 5-character INSEE code");
            if (lines.TryGetValue(code, out var firstLine))
                throw GeodataErrors.Malformed(csv.SourceName, line, $"code_insee '{code}' already appears on line {firstLine}");
            lines.Add(code, line);

            var codesPostaux = row.Optional("codes_postaux").Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var codePostal in codesPostaux)
            {
                if (codePostal.Length != 5 || !codePostal.All(char.IsAsciiDigit))
                    throw row.Error("codes_postaux", codePostal, "5-digit postal codes joined with '|'");
            }

            var departement = row.Required("code_departement");
            if (departement is not ("2A" or "2B") && (departement.Length is < 2 or > 3 || !departement.All(char.IsAsciiDigit)))
                throw row.Error("code_departement", departement, "a département code");

            var epciSiren = row.Optional("epci_siren");
            if (epciSiren.Length != 0 && (epciSiren.Length != 9 || !epciSiren.All(char.IsAsciiDigit)))
                throw row.Error("epci_siren", epciSiren, "a 9-digit SIREN or nothing");

            int? population = null;
            var populationText = row.Optional("population");
            if (populationText.Length != 0)
            {
                if (!int.TryParse(populationText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                    throw row.Error("population", populationText, "a whole number or nothing");
                population = value;
            }

            var location = new GeoPoint(row.Coordinate("latitude"), row.Coordinate("longitude"));
            if (!location.IsValid)
                throw GeodataErrors.Malformed(csv.SourceName, line, $"latitude/longitude {location} out of range");

            communes.Add(new Commune(
                code,
                row.Required("nom"),
                Array.AsReadOnly(codesPostaux),
                departement,
                epciSiren,
                row.Optional("epci_nom"),
                population,
                location));
        }

        return communes;
    }

    /// <param name="formers">Receives every row, for the former names that <see cref="FindByAddress"/> matches.</param>
    private static Dictionary<string, Commune> ReadAnciennes(
        TextReader reader, string sourceName, Dictionary<string, Commune> byCode, List<AncienneCommune> formers)
    {
        using var csv = new CsvFile(reader, sourceName);
        var columns = ReadHeader(csv, s_ancienneColumns);
        var byFormerCode = new Dictionary<string, Commune>(StringComparer.Ordinal);
        while (csv.TryRead(out var fields, out var line))
        {
            var row = new Row(csv.SourceName, line, fields, columns);
            var formerCode = row.Required("ancien_code");
            if (!IsInseeCode(formerCode))
                throw row.Error("ancien_code", formerCode, "a 5-character INSEE code");

            var type = row.Required("type");
            if (!s_ancienneTypes.Contains(type))
                throw row.Error("type", type, "one of " + string.Join(", ", s_ancienneTypes));

            var code = row.Required("code_insee");
            if (!byCode.TryGetValue(code, out var commune))
                throw row.Error("code_insee", code, $"a code_insee of {CommunesFileName}");

            var formerName = row.Optional("ancien_nom");
            formers.Add(new AncienneCommune(formerCode, formerName.Length == 0 ? null : formerName, type, code));

            // A code reused by a current commune (21183 is both) keeps pointing at that commune.
            if (byCode.ContainsKey(formerCode))
                continue;

            if (byFormerCode.TryGetValue(formerCode, out var previous) && !ReferenceEquals(previous, commune))
            {
                throw GeodataErrors.Malformed(csv.SourceName, line,
                    $"ancien_code '{formerCode}' is mapped both to {previous.CodeInsee} and to {commune.CodeInsee}");
            }

            byFormerCode[formerCode] = commune;
        }

        return byFormerCode;
    }

    private static Header ReadHeader(CsvFile csv, string[] required)
    {
        if (!csv.TryRead(out var fields, out var line))
            throw GeodataErrors.Malformed(csv.SourceName, 1, "the file is empty, a header was expected");

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
            columns.TryAdd(fields[i].Trim().TrimStart('\uFEFF'), i);

        var missing = required.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length != 0)
        {
            throw GeodataErrors.Malformed(csv.SourceName, line,
                $"the header lacks {string.Join(", ", missing)} (expected {string.Join(",", required)})");
        }

        return new Header(columns, fields.Count);
    }

    private static bool IsInseeCode(string code) =>
        code.Length == 5
        && ((char.IsAsciiDigit(code[0]) && char.IsAsciiDigit(code[1])) || (code[0] == '2' && code[1] is 'A' or 'B'))
        && char.IsAsciiDigit(code[2]) && char.IsAsciiDigit(code[3]) && char.IsAsciiDigit(code[4]);

    /// <param name="Order">The position in <see cref="_searchOrder"/>.</param>
    private readonly record struct SearchEntry(Commune Commune, string Key, int Order);

    /// <summary>Column positions by name, and how many fields every row must have.</summary>
    private sealed record Header(Dictionary<string, int> Columns, int FieldCount);

    /// <summary>
    /// A geodata file read strictly by <see cref="CsvRecordReader.ReadStrict"/>, one record at a
    /// time, its malformed CSV reported like any other error: with the file name and line.
    /// </summary>
    private sealed class CsvFile(TextReader reader, string sourceName) : IDisposable
    {
        private readonly IEnumerator<CsvRecord> _records = CsvRecordReader.ReadStrict(reader).GetEnumerator();

        public string SourceName => sourceName;

        /// <summary>Reads the next record; false at the end of the input.</summary>
        /// <param name="lineNumber">The 1-based line on which the record starts.</param>
        public bool TryRead(out IReadOnlyList<string> fields, out int lineNumber)
        {
            try
            {
                if (_records.MoveNext())
                {
                    fields = _records.Current.Fields;
                    lineNumber = _records.Current.LineNumber;
                    return true;
                }
            }
            catch (CsvFormatException e)
            {
                throw GeodataErrors.Malformed(sourceName, e.LineNumber, e.Reason, e);
            }

            fields = [];
            lineNumber = 0;
            return false;
        }

        public void Dispose() => _records.Dispose();
    }

    /// <summary>One record's fields by column name, with errors that point at the line.</summary>
    private readonly struct Row
    {
        private readonly string _source;
        private readonly int _line;
        private readonly IReadOnlyList<string> _fields;
        private readonly Header _header;

        public Row(string source, int line, IReadOnlyList<string> fields, Header header)
        {
            _source = source;
            _line = line;
            _fields = fields;
            _header = header;
            if (fields.Count != header.FieldCount)
                throw GeodataErrors.Malformed(source, line, $"{fields.Count} fields where the header has {header.FieldCount}");
        }

        public string Optional(string column) => _fields[_header.Columns[column]].Trim();

        public string Required(string column)
        {
            var value = Optional(column);
            return value.Length != 0 ? value : throw GeodataErrors.Malformed(_source, _line, $"{column} is empty");
        }

        public double Coordinate(string column)
        {
            var text = Required(column);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw Error(column, text, "a decimal number with a '.'");
        }

        public InvalidDataException Error(string column, string value, string expected) =>
            GeodataErrors.Malformed(_source, _line, $"{column} '{value}' is not {expected}");
    }
}
