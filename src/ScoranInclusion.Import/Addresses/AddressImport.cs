using ScoranInclusion.Storage.Addresses;

namespace ScoranInclusion.Import.Addresses;

/// <summary>What an address import did with one file.</summary>
public sealed record AddressImportResult(string File, int Rows, int Imported, IReadOnlyList<BanRejection> Rejections, int RejectedCount, IReadOnlyList<string> Departements)
{
    /// <summary>At most this many rejections are kept for the report (the count stays exact).</summary>
    public const int MaxListed = 100;
}

/// <summary>
/// <c>adresses import</c>: one file read as a stream (<see cref="BanCsvReader"/>), its valid rows
/// gathered by street, then its départements replaced in the index in one transaction — importing
/// the same file twice leaves the same index, and a file that cannot be read changes nothing.
/// </summary>
public sealed class AddressImport(AddressIndex index, TimeProvider clock)
{
    public async Task<AddressImportResult> ImportAsync(string path, TextWriter? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        var batch = new AddressBatch(name);
        var rejections = new List<BanRejection>();
        var rejected = 0;
        int rows;
        await using (var stream = BanCsvReader.Open(path))
        {
            try
            {
                rows = BanCsvReader.Read(stream, batch.Add, r =>
                {
                    rejected++;
                    if (rejections.Count < AddressImportResult.MaxListed)
                    {
                        rejections.Add(r);
                    }
                }, read =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.WriteLine($"{name} : {read:N0} lignes lues…".Replace('\u202f', ' '));
                });
            }
            catch (InvalidDataException e)
            {
                throw new BanFileException($"fichier gzip illisible ({e.Message})");
            }
        }

        if (batch.Departements.Count > 0)
        {
            progress?.WriteLine($"{name} : écriture de {batch.Numbers.Count + batch.Streets.Count(s => !s.HasNumbers):N0} adresses ({batch.Streets.Count:N0} voies)…".Replace('\u202f', ' '));
            await index.ReplaceAsync(batch, clock.GetUtcNow(), cancellationToken);
        }

        return new AddressImportResult(name, rows, rows - rejected, rejections, rejected, batch.Departements.Keys.ToList());
    }
}
