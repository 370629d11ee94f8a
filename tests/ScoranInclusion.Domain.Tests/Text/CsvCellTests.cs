using ScoranInclusion.Domain.Text;

namespace ScoranInclusion.Domain.Tests.Text;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"Cliquez\")", "\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Cliquez\"\")\"")]
    [InlineData("+SUM(1+1)", "'+SUM(1+1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("-", "'-")]
    [InlineData("--", "'--")]
    [InlineData("+33 3 80", "'+33 3 80")]
    [InlineData("=", "'=")]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_gets_an_apostrophe(string value, string expected)
    {
        Assert.True(CsvCell.IsFormulaLike(value));
        Assert.Equal(expected, CsvCell.EscapeForSpreadsheet(value));
    }

    [Theory]
    [InlineData("-3.5")]
    [InlineData("+33380000000")]
    [InlineData("-0")]
    [InlineData("47.32191")]
    [InlineData("Médiathèque = savoir")]
    [InlineData("a-b")]
    [InlineData("")]
    [InlineData("'=déjà neutralisé")]
    public void Numbers_and_ordinary_text_are_left_as_they_are(string value)
    {
        Assert.False(CsvCell.IsFormulaLike(value));
        Assert.Equal(CsvCell.Escape(value), CsvCell.EscapeForSpreadsheet(value));
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("dit \"x\"", "\"dit \"\"x\"\"\"")]
    [InlineData("ligne\nsuivante", "\"ligne\nsuivante\"")]
    [InlineData("=1+1", "=1+1")]
    public void Escape_alone_is_rfc_4180_and_keeps_exact_values(string value, string expected) =>
        Assert.Equal(expected, CsvCell.Escape(value));
}
