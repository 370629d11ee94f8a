using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using ScoranInclusion.Domain.Text;
using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.Import.Addresses;

/// <summary>A row of a BAN file left out, with where and why (in French, for the report).</summary>
public sealed record BanRejection(int Row, string Field, string Reason);

/// <summary>A BAN file that cannot be read at all (no header, a missing column, not gzip): nothing of it is imported.</summary>
public sealed class BanFileException(string message) : Exception(message);

/// <summary>
/// Reads a Base Adresse Nationale file (<c>adresses-{département}.csv[.gz]</c>: <c>;</c>-separated, UTF-8,
/// a header naming the columns, <c>lon</c>/<c>lat</c> in WGS84) row by row, without holding the file:
/// each valid row is handed to <c>onRow</c>, each invalid one to <c>onRejected</c> with its row number
/// (the header is row 1) and the field at fault. Columns are found by name, so a file with more or
/// fewer optional columns is read the same.
/// </summary>
public static partial class BanCsvReader
{
    /// <summary>The columns the index needs; the BAN has others (id, id_fantoir, x, y, …), ignored.</summary>
    public static readonly IReadOnlyList<string> RequiredColumns = ["numero", "rep", "nom_voie", "code_postal", "code_insee", "nom_commune", "lon", "lat"];

    /// <summary>The longest cell kept: a BAN cell is a street name at most.</summary>
    private const int MaxFieldChars = 400;

    /// <summary>Opens a .csv or .csv.gz file (gzip is told by its first bytes, not its name).</summary>
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var first = file.ReadByte();
        var second = file.ReadByte();
        if (first != 0x1f || second != 0x8b)
        {
            file.Position = 0;
            return file;
        }

        // The gzip trailer's last 4 bytes are the uncompressed size (mod 2^32): a file cut short
        // ends its decompression early without a word from GZipStream, so the size is checked at the end.
        var trailer = new byte[4];
        file.Position = Math.Max(0, file.Length - 4);
        file.ReadExactly(trailer);
        file.Position = 0;
        return new CheckedGzipStream(new GZipStream(file, CompressionMode.Decompress), BitConverter.ToUInt32(trailer));
    }

    /// <summary>A gzip stream that fails at its end when it did not give the size its trailer announces.</summary>
    private sealed class CheckedGzipStream(Stream inner, uint expectedSize) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Check(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Check(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Check(int read)
        {
            _read += read;
            if (read == 0 && (uint)_read != expectedSize)
            {
                throw new InvalidDataException("le fichier compressé est tronqué ou abîmé");
            }

            return read;
        }
    }

    /// <returns>The number of data rows read.</returns>
    public static int Read(Stream stream, Action<BanAddress> onRow, Action<BanRejection> onRejected, Action<int>? onProgress = null)
    {
        ArgumentNullException.ThrowIfNull(onRow);
        ArgumentNullException.ThrowIfNull(onRejected);
        using var text = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        var options = new CsvReadOptions { Separator = ';', MaxFieldChars = MaxFieldChars, MaxFields = 64 };
        Dictionary<string, int>? columns = null;
        var rows = 0;
        foreach (var record in CsvRecordReader.Open(text, options).Records())
        {
            if (columns is null)
            {
                columns = Header(record);
                continue;
            }

            rows++;
            if (onProgress is not null && rows % 100_000 == 0)
            {
                onProgress(rows);
            }

            if (record.Fields.Count == 1 && string.IsNullOrWhiteSpace(record.Fields[0]))
            {
                continue;
            }

            var (row, rejection) = Parse(record, columns);
            if (row is not null)
            {
                onRow(row);
            }
            else
            {
                onRejected(rejection!);
            }
        }

        return columns is null ? throw new BanFileException("fichier vide : la ligne d'en-tête de la Base Adresse Nationale manque.") : rows;
    }

    private static Dictionary<string, int> Header(CsvRecord record)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < record.Fields.Count; i++)
        {
            columns.TryAdd(record.Fields[i].Trim().TrimStart('\uFEFF').ToLowerInvariant(), i);
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new BanFileException(missing.Count == RequiredColumns.Count
                ? "ligne 1 : ce n'est pas un fichier de la Base Adresse Nationale (en-tête attendu : id;id_fantoir;numero;rep;nom_voie;…, séparé par des points-virgules)."
                : $"ligne 1 : colonne(s) manquante(s) : {string.Join(", ", missing)}.");
        }

        return columns;
    }

    private static (BanAddress? Row, BanRejection? Rejection) Parse(CsvRecord record, Dictionary<string, int> columns)
    {
        string Cell(string name) => columns.TryGetValue(name, out var i) && i < record.Fields.Count ? record.Fields[i].Trim() : "";
        BanRejection Reject(string field, string reason) => new(record.RowNumber, field, reason);

        if (record.FieldCount < RequiredColumns.Max(c => columns[c]) + 1)
        {
            return (null, Reject("(ligne)", $"{record.FieldCount} champ(s) seulement"));
        }

        var numeroText = Cell("numero");
        if (!int.TryParse(numeroText, NumberStyles.None, CultureInfo.InvariantCulture, out var numero) || numero > BanAddress.NoNumber)
        {
            return (null, Reject("numero", $"« {Short(numeroText)} » n'est pas un numéro (un entier de 0 à 99999)"));
        }

        var rep = Cell("rep");
        if (rep.Length > 12 || !rep.All(char.IsLetter))
        {
            return (null, Reject("rep", $"« {Short(rep)} » n'est pas un indice de répétition (bis, ter, a…)"));
        }

        var voie = Cell("nom_voie");
        if (WellFormedText.FirstProblem(voie) is not null || TextFolding.Words(voie).Count == 0)
        {
            return (null, Reject("nom_voie", "le nom de la voie est vide ou illisible"));
        }

        var codePostal = Cell("code_postal");
        if (!PostalCode().IsMatch(codePostal))
        {
            return (null, Reject("code_postal", $"« {Short(codePostal)} » n'est pas un code postal (5 chiffres)"));
        }

        var codeInsee = Cell("code_insee").ToUpperInvariant();
        if (!InseeCode().IsMatch(codeInsee))
        {
            return (null, Reject("code_insee", $"« {Short(codeInsee)} » n'est pas un code INSEE de commune"));
        }

        var commune = Cell("nom_commune");
        if (WellFormedText.FirstProblem(commune) is not null || TextFolding.Words(commune).Count == 0)
        {
            return (null, Reject("nom_commune", "le nom de la commune est vide ou illisible"));
        }

        if (!TryCoordinate(Cell("lon"), 180, out var lon))
        {
            return (null, Reject("lon", $"« {Short(Cell("lon"))} » n'est pas une longitude WGS84 (-180 à 180, point décimal)"));
        }

        if (!TryCoordinate(Cell("lat"), 90, out var lat))
        {
            return (null, Reject("lat", $"« {Short(Cell("lat"))} » n'est pas une latitude WGS84 (-90 à 90, point décimal)"));
        }

        var ancienne = Cell("nom_ancienne_commune");
        return (new BanAddress(numero, rep.Length == 0 ? null : rep, voie, codePostal, codeInsee, commune,
            ancienne.Length == 0 || WellFormedText.FirstProblem(ancienne) is not null ? null : ancienne, lon, lat), null);
    }

    private static bool TryCoordinate(string text, double max, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value) && Math.Abs(value) <= max;

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex PostalCode();

    [GeneratedRegex("^([013-9][0-9]|2[AB1-9])[0-9]{3}$")]
    private static partial Regex InseeCode();
}
