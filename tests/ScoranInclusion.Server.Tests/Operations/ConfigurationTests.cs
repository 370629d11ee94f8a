using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>
/// A bad configuration stops the real server executable before it listens: exit code 2 (3 for a database that
/// does not answer), a French message on stderr that names the key and the value, and no stack trace.
/// </summary>
[Trait("Category", "Process")]
public sealed class ConfigurationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scoran-config-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    public static TheoryData<string[], string[]> BadConfigurations => new()
    {
        { ["--Storage:Provider=Oracle"], ["Storage:Provider = « Oracle »", "valeurs possibles : Sqlite, Postgres"] },
        { ["--ConnectionStrings:Scoran=Data Source=/nulle-part/scoran/base.db"], ["ConnectionStrings:Scoran", "le dossier « /nulle-part/scoran » de la base SQLite n'existe pas"] },
        { ["--ConnectionStrings:Scoran=Host=db.example;Database=scoran"], ["ConnectionStrings:Scoran n'est pas une chaîne de connexion SQLite valide", "Storage:Provider=Postgres"] },
        { ["--Storage:Provider=Postgres", "--ConnectionStrings:Scoran=Hots=127.0.0.1;Database=scoran"], ["ConnectionStrings:Scoran n'est pas une chaîne de connexion PostgreSQL valide"] },
        { ["--Storage:Provider=Postgres", "--ConnectionStrings:Scoran="], ["Storage:Provider=Postgres demande ConnectionStrings:Scoran"] },
        { ["--Geodata:Directory=/nulle-part/geodata"], ["Geodata:Directory = « /nulle-part/geodata » : dossier introuvable"] },
        { ["--RateLimiting:WindowSeconds=-5", "--GraphQL:MaxPageSize=beaucoup"], ["RateLimiting:WindowSeconds = « -5 » : attendu un nombre entier strictement positif", "GraphQL:MaxPageSize = « beaucoup »"] },
        { ["--Auth:TokenLifetime=trente jours"], ["Auth:TokenLifetime = « trente jours » : attendu une durée positive"] },
        { ["--Telemetry:Exporter=zipkin"], ["Telemetry:Exporter = « zipkin »", "Console, Otlp, None"] },
        { ["--Telemetry:Exporter=otlp", "--Telemetry:OtlpEndpoint=collecteur:4317"], ["Telemetry:OtlpEndpoint = « collecteur:4317 »"] },
        { ["--ForwardedHeaders:KnownProxies:0=mon-proxy"], ["ForwardedHeaders:KnownProxies:0 = « mon-proxy » : attendu une adresse IP"] },
        { ["--Freshness:StaleAfter=0", "--Moderation:ContactRetentionDays=90"], ["Freshness:StaleAfter = « 0 » : attendu un nombre entier strictement positif"] },
        { ["--Freshness:StaleAfter=douze"], ["Freshness:StaleAfter = « douze » : attendu un nombre entier strictement positif"] },
        { ["--Freshness:StaleAfter=200"], ["Freshness:StaleAfter = « 200 » : attendu un nombre entre 1 et 120"] },
        { ["--Auth:AdminToken=court"], ["Auth:AdminToken doit comporter au moins 16 caractères."] },
        // A value that does not even convert hides nothing else of its section.
        { ["--Auth:MinPasswordLength=douze", "--Auth:MaxFailedLogins=0"], ["Auth:MinPasswordLength = « douze » : attendu un nombre entier strictement positif", "Auth:MaxFailedLogins = « 0 » : attendu un nombre entier strictement positif"] },
        { ["--ForwardedHeaders:KnownProxies=10.0.0.2,mon-proxy", "--ForwardedHeaders:Enabled=oui"], ["ForwardedHeaders:KnownProxies = « mon-proxy » : attendu une adresse IP", "ForwardedHeaders:Enabled = « oui » : attendu true ou false"] },
    };

    [Theory]
    [MemberData(nameof(BadConfigurations))]
    public async Task The_server_refuses_to_start_and_says_which_key_and_value(string[] settings, string[] expected)
    {
        var (exitCode, output, error) = await ServerProcess.RunAsync(Arguments(settings), _folder, TimeSpan.FromSeconds(90));

        Assert.True(exitCode == ConfigurationChecks.ExitCode, $"code {exitCode}\n{output}\n{error}");
        foreach (var text in expected)
        {
            Assert.Contains(text, error, StringComparison.Ordinal);
        }

        AssertNoStackTrace(output + error);
        // It stopped before creating anything.
        Assert.False(File.Exists(Path.Combine(_folder, "scoran.db")), "la base a été créée");
    }

    [Fact]
    public async Task A_postgres_server_that_does_not_answer_is_said_in_one_message_with_exit_code_3()
    {
        var (exitCode, output, error) = await ServerProcess.RunAsync(
            [.. Arguments([]).Where(a => !a.StartsWith("--ConnectionStrings", StringComparison.Ordinal)),
             "--Storage:Provider=Postgres", "--ConnectionStrings:Scoran=Host=127.0.0.1;Port=1;Database=scoran;Username=scoran;Password=x;Timeout=3"],
            _folder, TimeSpan.FromSeconds(90));

        Assert.True(exitCode == StartupFailures.DatabaseExitCode, $"code {exitCode}\n{output}\n{error}");
        Assert.Contains("La base de données ne répond pas (Storage:Provider = Postgres, ConnectionStrings:Scoran)", error, StringComparison.Ordinal);
        // The password is never repeated.
        Assert.DoesNotContain("Password=x", output + error, StringComparison.Ordinal);
        AssertNoStackTrace(output + error);
    }

    [Fact]
    public async Task The_verbs_share_the_checks()
    {
        var (exitCode, output, error) = await ServerProcess.RunAsync(
            ["export", "--format", "geojson", $"--ConnectionStrings:Scoran=Data Source={Path.Combine(_folder, "cli.db")}",
             $"--Geodata:Directory={RepoPaths.Geodata}", "--Storage:Provider=Oracle", "--RateLimiting:AnonymousPermitLimit=0"],
            _folder, TimeSpan.FromSeconds(90));

        Assert.True(exitCode == 2, $"code {exitCode}\n{output}\n{error}");
        Assert.Contains("erreur de configuration", error, StringComparison.Ordinal);
        Assert.Contains("Storage:Provider = « Oracle »", error, StringComparison.Ordinal);
        Assert.Contains("RateLimiting:AnonymousPermitLimit = « 0 »", error, StringComparison.Ordinal);
        Assert.Empty(output);
        AssertNoStackTrace(error);
    }

    private string[] Arguments(string[] settings)
    {
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Scoran=Data Source={Path.Combine(_folder, "scoran.db")}",
            $"--Geodata:Directory={RepoPaths.Geodata}",
            "--Telemetry:Exporter=none",
        };
        foreach (var setting in settings)
        {
            // The setting under test replaces the default given above for the same key.
            var key = setting[..(setting.IndexOf('=', StringComparison.Ordinal) + 1)];
            args.RemoveAll(a => a.StartsWith(key, StringComparison.Ordinal));
            args.Add(setting);
        }

        return [.. args];
    }

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception:", text, StringComparison.Ordinal);
    }
}
