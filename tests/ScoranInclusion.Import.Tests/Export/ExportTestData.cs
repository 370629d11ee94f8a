using ScoranInclusion.Domain.Sites;
using ScoranInclusion.Export;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage.Sites;
using ScoranInclusion.Workflows.Editing;

namespace ScoranInclusion.Import.Tests.Exports;

/// <summary>A small commune directory (Dijon and Chenôve in one EPCI, Nevers), sites as async streams, and export helpers.</summary>
internal static class ExportTestData
{
    public const string DijonMetropole = "242100410";

    /// <summary>A former commune code absorbed by Dijon.</summary>
    public const string FormerDijonCode = "21600";

    public static CommuneDirectory Communes { get; } = CommuneDirectory.FromCsv(
        new StringReader("""
            code_insee,nom,codes_postaux,code_departement,epci_siren,epci_nom,population,latitude,longitude
            21166,Chenôve,21300,21,242100410,Dijon Métropole,14000,47.29,5.00
            21231,Dijon,21000,21,242100410,Dijon Métropole,159000,47.32,5.04
            58194,Nevers,58000,58,245804406,CA de Nevers,33000,46.99,3.16
            """),
        new StringReader("""
            ancien_code,ancien_nom,type,code_insee
            21600,Ancienne,commune-deleguee,21231
            """));

    public static async IAsyncEnumerable<Site> Stream(IEnumerable<Site> sites)
    {
        foreach (var site in sites)
        {
            await Task.Yield();
            yield return site;
        }
    }

    public static async Task<(byte[] Bytes, ExportResult Result)> ExportAsync(ExportFormat format, params Site[] sites)
    {
        using var output = new MemoryStream();
        var result = await SiteExportWriter.WriteAsync(output, format, Stream(sites));
        return (output.ToArray(), result);
    }

    public static Site At(Site site, string codeInsee) => site with { Adresse = site.Adresse with { CodeInsee = codeInsee } };

    /// <summary>Stores the sites in this order (so with increasing keys).</summary>
    public static async Task AddAsync(this MigratedDatabase database, params Site[] sites)
    {
        await using var db = database.NewContext();
        foreach (var site in sites)
        {
            var entity = new SiteEntity { Provenance = "test", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, Version = 1 };
            entity.CopyFrom(site);
            db.Sites.Add(entity);
            await db.SaveChangesAsync();
        }
    }
}

/// <summary>A stream that refuses synchronous writes, as an ASP.NET Core response body does, and counts the writes.</summary>
internal sealed class AsyncOnlyStream : MemoryStream
{
    public List<int> Writes { get; } = [];

    public override void Write(byte[] buffer, int offset, int count) =>
        throw new InvalidOperationException("Synchronous writes are not allowed.");

    public override void Write(ReadOnlySpan<byte> buffer) =>
        throw new InvalidOperationException("Synchronous writes are not allowed.");

    public override void Flush() =>
        throw new InvalidOperationException("Synchronous flushes are not allowed.");

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Writes.Add(buffer.Length);
        var bytes = buffer.ToArray();
        base.Write(bytes, 0, bytes.Length);
        return ValueTask.CompletedTask;
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
