using ScoranInclusion.Domain.Text;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Formats;

/// <summary>How every import format reads its CSV with the one <see cref="CsvRecordReader"/>.</summary>
internal static class ImportCsv
{
    /// <summary>
    /// Lenient (every row is reported rather than the file rejected), the separator (<c>,</c>,
    /// <c>;</c> or tab) chosen from the header line, and bounded: a cell keeps one character
    /// more than the parser accepts, so that it sees the value is too long, and a record at most
    /// 10,000 cells. An unclosed quote at the top of a gigabyte file then costs a few kilobytes
    /// and one rejected row, not the process.
    /// </summary>
    public static CsvReadOptions Options { get; } = new()
    {
        Separator = null,
        MaxFieldChars = LmnRecordParser.MaxFieldLength + 1,
        MaxFields = 10_000,
    };

    /// <summary>Starts reading <paramref name="reader"/>; its first block is read now, to choose the separator.</summary>
    public static CsvRecordReader Open(TextReader reader) => CsvRecordReader.Open(reader, Options);
}
