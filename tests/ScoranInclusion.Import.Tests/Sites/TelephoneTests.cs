using ScoranInclusion.Domain.Sites;

namespace ScoranInclusion.Import.Tests.Sites;

public class TelephoneTests
{
    [Theory]
    [InlineData("03 80 48 84 14", "+33380488414")]
    [InlineData("03.80.48.84.14", "+33380488414")]
    [InlineData("03-80-48-84-14", "+33380488414")]
    [InlineData("0380488414", "+33380488414")]
    [InlineData(" 06 12 34 56 78 ", "+33612345678")]
    [InlineData("03\u00a080\u00a048\u00a084\u00a014", "+33380488414")]
    [InlineData("+33 3 80 48 84 14", "+33380488414")]
    [InlineData("+33 (0)3 80 48 84 14", "+33380488414")]
    [InlineData("+33(0)380488414", "+33380488414")]
    [InlineData("+33 0 3 80 48 84 14", "+33380488414")]
    [InlineData("0033 3 80 48 84 14", "+33380488414")]
    [InlineData("+33380488414", "+33380488414")]
    [InlineData("0590 12 34 56", "+590590123456")]
    [InlineData("0594 12 34 56", "+594594123456")]
    [InlineData("0262 12 34 56", "+262262123456")]
    [InlineData("0596 12 34 56", "+596596123456")]
    [InlineData("0269 12 34 56", "+269269123456")]
    [InlineData("0690 12 34 56", "+590690123456")]
    [InlineData("+590 590 12 34 56", "+590590123456")]
    [InlineData("+33 590 12 34 56", "+590590123456")]
    [InlineData("+687 12 34 56", "+687123456")]
    public void Normalizes_french_and_overseas_numbers(string input, string expected)
    {
        Assert.True(Telephone.TryNormalize(input, out var normalized));
        Assert.Equal(expected, normalized);
        Assert.True(StandardPatterns.IsTelephone(normalized));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("36 46")] // a short service number: no international form
    [InlineData("03 80 48 84")]
    [InlineData("03 80 48 84 14 15")]
    [InlineData("00 80 48 84 14")]
    [InlineData("03 80 48 84 14 / 06 12 34 56 78")]
    [InlineData("03 80 48 84 14 poste 12")]
    [InlineData("tél. 03 80 48 84 14")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+33 3 80 48 84")]
    [InlineData("3 80 48 84 14")]
    public void Refuses_anything_else(string input)
    {
        Assert.False(Telephone.TryNormalize(input, out var normalized));
        Assert.Equal("", normalized);
    }
}
