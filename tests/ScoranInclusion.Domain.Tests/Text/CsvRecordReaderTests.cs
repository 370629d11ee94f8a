using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Tests.Text;

public class CsvRecordReaderTests
{
    [Fact]
    public void Reads_quotes_doubled_quotes_and_line_breaks_with_their_line_numbers()
    {
        var csv = "a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n\n3,,\n";
        var records = CsvRecordReader.Read(new StringReader(csv)).ToList();

        Assert.Equal(4, records.Count);
        Assert.Equal(["1", "x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["2", "two\nlines", "z"], records[2].Fields);
        Assert.Equal(["3", "", ""], records[3].Fields);
        Assert.Equal([1, 2, 3, 4], records.Select(r => r.RowNumber));
        Assert.Equal([1, 2, 3, 6], records.Select(r => r.LineNumber));
    }

    [Fact]
    public void Skips_a_byte_order_mark_and_reads_a_last_line_without_line_end()
    {
        var records = CsvRecordReader.Read(new StringReader("\uFEFFid,nom\r1,x")).ToList();

        Assert.Equal(["id", "nom"], records[0].Fields);
        Assert.Equal(["1", "x"], records[1].Fields);
        Assert.Equal(2, records[1].LineNumber);
    }

    [Fact]
    public void Keeps_an_empty_quoted_field_as_a_record()
    {
        var records = CsvRecordReader.Read(new StringReader("a\n\"\"\n")).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal([""], records[1].Fields);
    }

    [Fact]
    public void Reads_another_separator()
    {
        var records = CsvRecordReader.ReadStrict(new StringReader("a;b,c\n\"x;y\";z,w;\n"), ';').ToList();

        Assert.Equal(["a", "b,c"], records[0].Fields);
        Assert.Equal(["x;y", "z,w", ""], records[1].Fields);
    }

    [Fact]
    public void Skips_blank_lines_after_CR_LF_or_CRLF_line_ends_and_counts_them()
    {
        var records = CsvRecordReader.ReadStrict(new StringReader("\r\n\nh\r\r\n1,\"a\r\nb\"\n\r2")).ToList();

        Assert.Equal([["h"], ["1", "a\r\nb"], ["2"]], records.Select(r => r.Fields));
        Assert.Equal([3, 5, 8], records.Select(r => r.LineNumber));
        Assert.Equal([1, 2, 3], records.Select(r => r.RowNumber));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\r\n\r")]
    [InlineData("\uFEFF")]
    public void Reads_no_record_from_blank_input(string csv)
    {
        Assert.Empty(CsvRecordReader.Read(new StringReader(csv)));
        Assert.Empty(CsvRecordReader.ReadStrict(new StringReader(csv)));
    }

    [Fact]
    public void Strict_reading_gives_the_same_records_for_well_formed_input()
    {
        var csv = "\uFEFFa,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\n\n3,,\n\"\"\n , \t";

        Assert.Equal(
            CsvRecordReader.Read(new StringReader(csv)).Select(r => (r.RowNumber, r.LineNumber, string.Join('|', r.Fields))),
            CsvRecordReader.ReadStrict(new StringReader(csv)).Select(r => (r.RowNumber, r.LineNumber, string.Join('|', r.Fields))));
    }

    [Theory]
    [InlineData("a,b\n1,\"x\",y\"z\n", 2, "a quote inside an unquoted field")]
    [InlineData("a,b\n1,\"x\"y\n", 2, "a closing quote must end the field")]
    [InlineData("a,b\n1,\"x\ny\" z\n", 3, "a closing quote must end the field")]
    [InlineData("a,b\n1,\"\"\"\"x\n", 2, "a closing quote must end the field")]
    [InlineData("a,b\n1,\"x\ny,z\n", 2, "a quoted field is not closed")]
    [InlineData("a,b\n\n\"", 3, "a quoted field is not closed")]
    public void Strict_reading_rejects_malformed_quotes_with_their_line(string csv, int line, string reason)
    {
        var records = CsvRecordReader.ReadStrict(new StringReader(csv));

        var error = Assert.Throws<CsvFormatException>(() => records.ToList());

        Assert.Equal(line, error.LineNumber);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"line {line}: {reason}", error.Message);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Strict_reading_yields_the_records_before_an_error()
    {
        using var records = CsvRecordReader.ReadStrict(new StringReader("a\n1\n\"2")).GetEnumerator();

        Assert.True(records.MoveNext());
        Assert.True(records.MoveNext());
        Assert.Equal(["1"], records.Current.Fields);
        Assert.Throws<CsvFormatException>(() => records.MoveNext());
    }

    [Fact]
    public void Lenient_reading_keeps_malformed_quotes_as_written()
    {
        var records = CsvRecordReader.Read(new StringReader("1,\"x\"y,a\"b\"\n2,\"open\nto the end")).ToList();

        Assert.Equal(["1", "xy", "a\"b\""], records[0].Fields);
        Assert.Equal(["2", "open\nto the end"], records[1].Fields);
        Assert.Equal(2, records[1].LineNumber);
    }

    [Fact]
    public void Lenient_reading_names_the_line_of_a_quote_left_open()
    {
        var records = CsvRecordReader.Read(new StringReader("a,b\n1,x\n2,\"open\nto the end")).ToList();

        Assert.Null(records[1].UnclosedQuoteLine);
        Assert.Equal(3, records[2].UnclosedQuoteLine);
    }

    [Theory]
    [InlineData("id,nom;x\n", ',')]
    [InlineData("id;nom;\"a,b,c\"\n1,2,3,4\n", ';')]
    [InlineData("id\tnom\n", '\t')]
    [InlineData("id\n", ',')]
    [InlineData("\uFEFFa;b,c;d", ';')]
    public void A_separator_left_open_is_chosen_from_the_header_line(string csv, char separator)
    {
        var reader = CsvRecordReader.Open(new StringReader(csv), new CsvReadOptions { Separator = null });

        Assert.Equal(separator, reader.Separator);
        Assert.Equal(csv.Split('\n')[0].TrimStart('\uFEFF').Split(separator).Length, reader.Records().First().FieldCount);
    }

    [Fact]
    public void Bounded_reading_cuts_long_cells_and_wide_records_but_counts_every_cell()
    {
        var csv = "a,b,c,d\n" + new string('x', 50) + ",\"" + new string('y', 50) + "\",3,4\n";
        var options = new CsvReadOptions { MaxFieldChars = 10, MaxFields = 3 };

        var records = CsvRecordReader.Open(new StringReader(csv), options).Records().ToList();

        Assert.Equal([new string('x', 10), new string('y', 10), "3"], records[1].Fields);
        Assert.Equal(4, records[1].FieldCount);
        Assert.Equal(2, records[1].LineNumber);
    }

    [Fact]
    public void Records_span_buffer_boundaries_unchanged()
    {
        var value = new string('v', 70_000);
        var csv = $"a,b\r\n\"{value}\"\"\r\nz\",{value}\r\n2,3";

        var records = CsvRecordReader.ReadStrict(new StringReader(csv)).ToList();

        Assert.Equal([value + "\"\r\nz", value], records[1].Fields);
        Assert.Equal([1, 2, 4], records.Select(r => r.LineNumber));
    }

    [Fact]
    public void A_null_reader_is_rejected_at_the_call()
    {
        Assert.Throws<ArgumentNullException>(() => CsvRecordReader.Read(null!));
        Assert.Throws<ArgumentNullException>(() => CsvRecordReader.ReadStrict(null!));
        Assert.Throws<ArgumentNullException>(() => CsvRecordReader.Open(null!, CsvReadOptions.Default));
    }
}
