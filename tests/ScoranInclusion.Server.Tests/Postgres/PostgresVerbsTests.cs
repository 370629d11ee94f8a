using ScoranInclusion.Server.Tests.Cli;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Postgres;

/// <summary>
/// Seeding, <c>import</c> and <c>export</c> on PostgreSQL give the same bytes as on SQLite; a bad
/// connection string is refused with a message that names the key.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresVerbsTests : IDisposable
{
    private readonly CliRunner _cli = new();
    private readonly List<string> _databases = [];

    public void Dispose()
    {
        foreach (var database in _databases)
        {
            PostgresTestDatabase.Drop(database);
        }

        _cli.Dispose();
    }

    [Fact]
    public async Task Seeded_exports_are_byte_identical_and_an_import_round_trips()
    {
        var seeded = NewDatabase();
        var empty = NewDatabase();
        foreach (var format in new[] { "lmn-csv", "lmn-json", "geojson" })
        {
            await ExpectAsync(0, ["export", "--format", format, "--out", _cli.PathOf($"sqlite.{format}"), .. Sqlite("sqlite.db", seed: true)]);
            await ExpectAsync(0, ["export", "--format", format, "--out", _cli.PathOf($"postgres.{format}"), .. Postgres(seeded, seed: true)]);
            Assert.Equal(await File.ReadAllBytesAsync(_cli.PathOf($"sqlite.{format}")), await File.ReadAllBytesAsync(_cli.PathOf($"postgres.{format}")));
        }

        var import = await ExpectAsync(0, ["import", _cli.PathOf("sqlite.lmn-csv"), .. Postgres(empty, seed: false)]);
        Assert.Contains("Rejetées : 0", import.Out, StringComparison.Ordinal);
        await ExpectAsync(0, ["export", "--format", "lmn-csv", "--out", _cli.PathOf("again.csv"), .. Postgres(empty, seed: false)]);
        Assert.Equal(await File.ReadAllBytesAsync(_cli.PathOf("sqlite.lmn-csv")), await File.ReadAllBytesAsync(_cli.PathOf("again.csv")));
    }

    [Theory]
    [InlineData("Hots=127.0.0.1;Database=scoran", "ConnectionStrings:Scoran n'est pas une chaîne de connexion PostgreSQL valide")]
    [InlineData("", "Storage:Provider=Postgres demande ConnectionStrings:Scoran")]
    public async Task A_bad_connection_string_is_refused_with_the_key_to_fix(string connectionString, string message)
    {
        var result = await CliRunner.RunRawAsync(["export", "--format", "lmn-csv", "--Storage:Provider=Postgres", $"--ConnectionStrings:Scoran={connectionString}", $"--Geodata:Directory={RepoPaths.Geodata}"]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    private string NewDatabase()
    {
        var database = PostgresTestDatabase.Create();
        _databases.Add(database);
        return database;
    }

    private string[] Sqlite(string file, bool seed) =>
        [$"--ConnectionStrings:Scoran=Data Source={_cli.PathOf(file)}", $"--Geodata:Directory={RepoPaths.Geodata}", $"--Storage:SeedOnStart={seed}"];

    private static string[] Postgres(string connectionString, bool seed) =>
        ["--Storage:Provider=Postgres", $"--ConnectionStrings:Scoran={connectionString}", $"--Geodata:Directory={RepoPaths.Geodata}", $"--Storage:SeedOnStart={seed}"];

    private async Task<CliResult> ExpectAsync(int code, string[] args)
    {
        var result = await CliRunner.RunRawAsync(args);
        Assert.True(result.ExitCode == code, $"{string.Join(' ', args)} → {result}");
        return result;
    }
}
