using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Storage;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// The configuration checked before anything starts (server and command-line verbs): each problem is
/// one French sentence that names the key and the value, so that an operator fixes it without reading
/// code. The server prints them on stderr and exits with <see cref="ExitCode"/>; no stack trace.
/// </summary>
public static class ConfigurationChecks
{
    /// <summary>The exit code of a refused configuration (that of the verbs' usage errors; systemd's unit does not restart on it).</summary>
    public const int ExitCode = 2;

    private enum Kind
    {
        PositiveInt,
        NonNegativeInt,
        PositiveNumber,
        NonNegativeNumber,
        PositiveDuration,
        Boolean,
    }

    /// <summary>Numbers, durations and switches of the project's sections, checked when present (absent: the default).</summary>
    private static readonly (string Key, Kind Kind)[] Values =
    [
        ("RateLimiting:Enabled", Kind.Boolean),
        ("RateLimiting:AnonymousPermitLimit", Kind.PositiveInt),
        ("RateLimiting:AuthenticatedPermitLimit", Kind.PositiveInt),
        ("RateLimiting:WindowSeconds", Kind.PositiveInt),
        ("RateLimiting:ReportPermitLimit", Kind.PositiveInt),
        ("RateLimiting:ReportWindowSeconds", Kind.PositiveInt),
        ("RateLimiting:LoginPermitLimit", Kind.PositiveInt),
        ("RateLimiting:LoginWindowSeconds", Kind.PositiveInt),
        ("Health:ReadyCacheSeconds", Kind.NonNegativeInt),
        ("Moderation:ContactRetentionDays", Kind.PositiveInt),
        ("GraphQL:MaxPageSize", Kind.PositiveInt),
        ("GraphQL:MaxRadiusKm", Kind.PositiveNumber),
        ("GraphQL:DocumentCacheSize", Kind.NonNegativeInt),
        ("GraphQL:ExposeExceptionDetails", Kind.Boolean),
        ("GraphQL:MaxDepth", Kind.PositiveInt),
        ("GraphQL:MaxComplexity", Kind.PositiveNumber),
        ("GraphQL:IntrospectionImpact", Kind.NonNegativeNumber),
        ("GraphQL:MaxAliases", Kind.NonNegativeInt),
        ("GraphQL:MaxFields", Kind.PositiveInt),
        ("GraphQL:MaxFragmentDepth", Kind.PositiveInt),
        ("GraphQL:MaxNesting", Kind.PositiveInt),
        ("GraphQL:MaxNodes", Kind.PositiveInt),
        ("GraphQL:MaxRequestBytes", Kind.PositiveInt),
        ("Auth:TokenLifetime", Kind.PositiveDuration),
        ("Auth:InvitationLifetime", Kind.PositiveDuration),
        ("Auth:MinPasswordLength", Kind.PositiveInt),
        ("Auth:MaxFailedLogins", Kind.PositiveInt),
        ("Auth:LockoutDuration", Kind.PositiveDuration),
        ("Storage:SeedOnStart", Kind.Boolean),
        ("Storage:SeedExampleOffers", Kind.Boolean),
        ("Import:BatchSize", Kind.PositiveInt),
        ("Import:FarFromCommuneMeters", Kind.PositiveNumber),
        ("Telemetry:MetricsIntervalSeconds", Kind.PositiveInt),
        ("ForwardedHeaders:Enabled", Kind.Boolean),
        ("ForwardedHeaders:ForwardLimit", Kind.PositiveInt),
    ];

    /// <summary>Every problem of <paramref name="configuration"/>, in French; empty when it can start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var provider = CheckEnum<StorageProvider>(configuration, "Storage:Provider", problems);
        CheckConnectionString(configuration, provider ?? StorageProvider.Sqlite, problems);
        CheckGeodata(configuration, problems);
        foreach (var (key, kind) in Values)
        {
            CheckValue(configuration, key, kind, problems);
        }

        CheckEnum<Telemetry.TelemetryExporter>(configuration, "Telemetry:Exporter", problems);
        CheckEnum<Telemetry.OtlpProtocol>(configuration, "Telemetry:OtlpProtocol", problems);
        var endpoint = configuration["Telemetry:OtlpEndpoint"];
        if (!string.IsNullOrWhiteSpace(endpoint)
            && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            problems.Add($"Telemetry:OtlpEndpoint = « {endpoint} » : ce n'est pas une adresse http:// ou https:// (par exemple http://127.0.0.1:4317).");
        }

        CheckPasswordLength(configuration, problems);
        CheckAddresses(configuration, "ForwardedHeaders:KnownProxies", network: false, problems);
        CheckAddresses(configuration, "ForwardedHeaders:KnownNetworks", network: true, problems);
        return problems;
    }

    /// <summary>
    /// The server's check after <c>builder.Build()</c>: <see cref="Problems"/>, then the options' own
    /// validation (<c>ValidateOnStart</c>). False, with the messages on <paramref name="stderr"/>, when it must not start.
    /// </summary>
    public static bool Validate(IServiceProvider services, IConfiguration configuration, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(stderr);
        var problems = Problems(configuration);
        if (problems.Count == 0)
        {
            try
            {
                services.GetService<IStartupValidator>()?.Validate();
            }
            catch (OptionsValidationException e)
            {
                problems = [.. e.Failures];
            }
            catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
            {
                problems = [.. e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(i => i.Failures)];
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                problems = [ConversionProblem(e.Message, configuration)];
            }
        }

        if (problems.Count == 0)
        {
            return true;
        }

        stderr.WriteLine("Configuration refusée, le serveur ne démarre pas :");
        foreach (var problem in problems)
        {
            stderr.WriteLine("  - " + problem);
        }

        stderr.WriteLine("Les clés se donnent dans appsettings.json, en variables d'environnement (Section__Cle=valeur) ou en option (--Section:Cle=valeur) ; voir docs/deploiement.md.");
        stderr.Flush();
        return false;
    }

    /// <summary>For the verbs: the same checks, as the <see cref="OptionsValidationException"/> they already report (exit 2).</summary>
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Configuration", typeof(IConfiguration), problems);
        }
    }

    private static string ConversionProblem(string message, IConfiguration configuration)
    {
        // « Failed to convert configuration value 'x' at 'Section:Key' to type '…'. »
        var start = message.IndexOf(" at '", StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 5);
        if (end < 0)
        {
            return "Une valeur de la configuration n'a pas le bon type.";
        }

        start += 4;
        var key = message[(start + 1)..end];
        return $"{key} = « {configuration[key]} » : valeur invalide pour cette clé.";
    }

    private static T? CheckEnum<T>(IConfiguration configuration, string key, List<string> problems)
        where T : struct, Enum
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // A number would bind too (« 7 »): only the names are accepted.
        if (Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed) && !char.IsAsciiDigit(value.Trim()[0]) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        problems.Add($"{key} = « {value} » : valeur inconnue ; valeurs possibles : {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    private static void CheckConnectionString(IConfiguration configuration, StorageProvider provider, List<string> problems)
    {
        const string Key = "ConnectionStrings:" + StorageServiceCollectionExtensions.ConnectionStringName;
        var configured = configuration[Key];
        if (provider != StorageProvider.Sqlite || string.IsNullOrWhiteSpace(configured))
        {
            // PostgreSQL's string is checked by the storage's own validation (ValidateOnStart); without a
            // string, SQLite uses Storage:DefaultSqliteFile and creates its folder.
            return;
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(configured);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            var hint = configured.Contains("Host=", StringComparison.OrdinalIgnoreCase)
                ? " ; pour PostgreSQL, ajoutez Storage:Provider=Postgres"
                : " ; attendu : « Data Source=/chemin/vers/scoran.db »";
            problems.Add($"{Key} n'est pas une chaîne de connexion SQLite valide (Storage:Provider = Sqlite) : {e.Message}{hint}.");
            return;
        }

        var file = builder.DataSource;
        if (string.IsNullOrWhiteSpace(file))
        {
            problems.Add($"{Key} = « {configured} » : aucun fichier (Data Source=…).");
            return;
        }

        if (file == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            problems.Add($"{Key} = « {configured} » : le dossier « {folder} » de la base SQLite n'existe pas ; créez-le (avec le droit d'écriture pour le serveur) ou corrigez le chemin.");
        }
        else if (Directory.Exists(Path.GetFullPath(file)))
        {
            problems.Add($"{Key} = « {configured} » : « {Path.GetFullPath(file)} » est un dossier, pas un fichier de base SQLite.");
        }
    }

    private static void CheckGeodata(IConfiguration configuration, List<string> problems)
    {
        var configured = configuration["Geodata:Directory"];
        var folder = string.IsNullOrWhiteSpace(configured) ? new GeodataOptions().Directory : configured;
        var shown = string.IsNullOrWhiteSpace(configured) ? $"(par défaut) « {folder} »" : $"« {configured} »";
        if (!Directory.Exists(folder))
        {
            problems.Add($"Geodata:Directory = {shown} : dossier introuvable ; indiquez le dossier geodata/ livré avec le serveur.");
            return;
        }

        foreach (var file in new[] { CommuneDirectory.CommunesFileName })
        {
            if (!File.Exists(Path.Combine(folder, file)))
            {
                problems.Add($"Geodata:Directory = {shown} : le fichier {file} manque ; indiquez le dossier geodata/ livré avec le serveur.");
            }
        }
    }

    private static void CheckValue(IConfiguration configuration, string key, Kind kind, List<string> problems)
    {
        var value = configuration[key];
        if (value is null)
        {
            return;
        }

        var text = value.Trim();
        var ok = kind switch
        {
            Kind.PositiveInt => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i > 0,
            Kind.NonNegativeInt => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0,
            Kind.PositiveNumber => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d > 0,
            Kind.NonNegativeNumber => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) && d >= 0,
            Kind.PositiveDuration => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) && t > TimeSpan.Zero,
            Kind.Boolean => bool.TryParse(text, out _),
            _ => true,
        };
        if (!ok)
        {
            var expected = kind switch
            {
                Kind.PositiveInt => "un nombre entier strictement positif",
                Kind.NonNegativeInt => "un nombre entier positif ou nul",
                Kind.PositiveNumber => "un nombre strictement positif (point décimal)",
                Kind.NonNegativeNumber => "un nombre positif ou nul (point décimal)",
                Kind.PositiveDuration => "une durée positive (jours.heures:minutes:secondes, par exemple 30.00:00:00 ou 00:15:00)",
                _ => "true ou false",
            };
            problems.Add($"{key} = « {value} » : attendu {expected}.");
        }
    }

    private static void CheckPasswordLength(IConfiguration configuration, List<string> problems)
    {
        var value = configuration["Auth:MinPasswordLength"];
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length) && length > 0 && length is < 8 or > 128)
        {
            problems.Add($"Auth:MinPasswordLength = « {value} » : attendu un nombre entre 8 et 128.");
        }
    }

    private static void CheckAddresses(IConfiguration configuration, string key, bool network, List<string> problems)
    {
        foreach (var entry in ListValues(configuration, key))
        {
            var ok = network ? IPNetwork.TryParse(entry.Value, out _) : IPAddress.TryParse(entry.Value, out _);
            if (!ok)
            {
                var expected = network ? "un réseau en notation CIDR (10.0.0.0/8, fd00::/8)" : "une adresse IP (10.0.0.2, ::1)";
                problems.Add($"{entry.Key} = « {entry.Value} » : attendu {expected}.");
            }
        }
    }

    /// <summary>A list given as an array (<c>Key:0</c>, <c>Key:1</c>: JSON, <c>Key__0</c>) or as one value separated by commas or spaces.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ListValues(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(key);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            foreach (var item in section.Value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                yield return new(key, item);
            }
        }

        foreach (var child in section.GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(child.Value))
            {
                yield return new(child.Path, child.Value.Trim());
            }
        }
    }
}
