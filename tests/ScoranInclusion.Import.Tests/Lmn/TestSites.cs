using System.Collections;
using System.Text;
using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export.Lmn;
using ScoranInclusion.Import.Lmn;

namespace ScoranInclusion.Import.Tests.Lmn;

/// <summary>CSV helpers of the LMN tests (the sites come from <see cref="SiteBuilder"/>).</summary>
internal static class TestSites
{
    public static string Write(params Site[] sites)
    {
        var writer = new StringWriter();
        LmnCsvWriter.WriteAll(writer, sites);
        return writer.ToString();
    }

    public static List<ImportRow> Read(string csv) =>
        LmnCsvReader.Read(new StringReader(csv), today: new DateOnly(2026, 1, 1)).ToList();

    public static List<ImportRow> ReadBytes(byte[] bytes) =>
        LmnCsvReader.Read(new MemoryStream(bytes), today: new DateOnly(2026, 1, 1)).ToList();

    public static byte[] Utf8(string text, bool bom) =>
        [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    /// <summary>Sites are records with list properties, compared by reference: compare each property's content.</summary>
    public static void AssertSame(Site expected, Site actual)
    {
        foreach (var property in typeof(Site).GetProperties())
        {
            var e = property.GetValue(expected);
            var a = property.GetValue(actual);
            if (e is IEnumerable expectedList && e is not string)
            {
                Assert.True(expectedList.Cast<object>().SequenceEqual(((IEnumerable)a!).Cast<object>()), $"{property.Name} differs");
            }
            else
            {
                Assert.True(Equals(e, a), $"{property.Name}: expected {e}, got {a}");
            }
        }
    }
}
