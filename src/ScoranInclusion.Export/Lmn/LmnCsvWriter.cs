using ScoranInclusion.Domain;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Export.Lmn;

/// <summary>
/// Writes sites as the national standard's CSV ("lieux de médiation numérique" v1.0.2):
/// the 32 columns in the standard's order with a header row, comma separated, fields quoted
/// only when they must be (RFC 4180), multiple values joined with <c>|</c>, enumerations as
/// their exact labels, numbers in invariant culture, <c>date_maj</c> as <c>yyyy-MM-dd</c>.
/// Rows are written one at a time, so an export of any size streams.
/// </summary>
/// <remarks>
/// The text is UTF-8 without a byte order mark only if the caller's writer is (e.g.
/// <c>new StreamWriter(path, false, new UTF8Encoding(false))</c>); the standard asks for
/// UTF-8 and a BOM confuses some of its consumers. Lines end with <see cref="NewLine"/>,
/// LF by default so that committed files diff cleanly; RFC 4180's CRLF is one option away.
/// </remarks>
public sealed class LmnCsvWriter
{
    private readonly TextWriter _writer;
    private bool _headerWritten;

    /// <param name="spreadsheetSafe">
    /// Cells a spreadsheet would run as a formula get an apostrophe before them
    /// (<see cref="CsvCell.Neutralize"/>): for people who open the file in a spreadsheet. The
    /// standard's own file (<c>lieux.csv</c>, made to be read by programs and re-imported) keeps
    /// the exact values and leaves this off.
    /// </param>
    public LmnCsvWriter(TextWriter writer, string newLine = "\n", bool spreadsheetSafe = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        NewLine = newLine;
        SpreadsheetSafe = spreadsheetSafe;
    }

    public string NewLine { get; }

    public bool SpreadsheetSafe { get; }

    /// <summary>Writes the header, then every site.</summary>
    public static void WriteAll(TextWriter writer, IEnumerable<Site> sites, string newLine = "\n")
    {
        ArgumentNullException.ThrowIfNull(sites);
        var csv = new LmnCsvWriter(writer, newLine);
        csv.WriteHeader();
        foreach (var site in sites)
        {
            csv.Write(site);
        }
    }

    /// <summary>Writes the header, then every site, flushing as it goes (for HTTP exports).</summary>
    public static async Task WriteAllAsync(TextWriter writer, IAsyncEnumerable<Site> sites, string newLine = "\n", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sites);
        var csv = new LmnCsvWriter(writer, newLine);
        csv.WriteHeader();
        await foreach (var site in sites.WithCancellation(cancellationToken))
        {
            csv.Write(site);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>The header row; written at most once.</summary>
    public void WriteHeader()
    {
        if (_headerWritten)
        {
            return;
        }

        WriteRecord(SiteFields.All);
        _headerWritten = true;
    }

    /// <summary>One row (the header first if it has not been written yet).</summary>
    public void Write(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        WriteHeader();
        WriteRecord(Values(site));
    }

    /// <summary>The 32 cells of a site, in <see cref="SiteFields.All"/> order, as the CSV writes them (unquoted).</summary>
    public static IReadOnlyList<string> Values(Site site) => SiteFields.Values(site);

    /// <summary>A cell as RFC 4180 writes it: quoted (quotes doubled) only if it holds a separator, a quote or a line break.</summary>
    public static string Escape(string value) => CsvCell.Escape(value);

    private void WriteRecord(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            _writer.Write(SpreadsheetSafe ? CsvCell.EscapeForSpreadsheet(cells[i]) : CsvCell.Escape(cells[i]));
        }

        _writer.Write(NewLine);
    }
}
