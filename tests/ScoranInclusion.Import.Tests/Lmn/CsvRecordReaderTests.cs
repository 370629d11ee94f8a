using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Lmn;

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
}
