using Microsoft.Extensions.DependencyInjection;
using ScoranInclusion.Import.Addresses;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Tests.Addresses;

/// <summary>
/// A server whose address index holds the project's BAN-format fixture (<c>geodata/adresses-lieux-bfc.csv</c>,
/// the places' own addresses), imported by the same service as <c>adresses import</c>.
/// </summary>
public class AddressServerFixture : ServerFixture
{
    public AddressServerFixture()
        : this(StorageProvider.Sqlite)
    {
    }

    protected AddressServerFixture(StorageProvider provider)
        : base(provider)
    {
        using var scope = Factory.Services.CreateScope();
        Import = scope.ServiceProvider.GetRequiredService<AddressImport>()
            .ImportAsync(FixtureFile, progress: null, CancellationToken.None).GetAwaiter().GetResult();
    }

    public static string FixtureFile => Path.Combine(RepoPaths.Geodata, "adresses-lieux-bfc.csv");

    public AddressImportResult Import { get; }
}

public sealed class PostgresAddressServerFixture() : AddressServerFixture(StorageProvider.Postgres);
