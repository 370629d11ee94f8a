using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using ScoranInclusion.Server.Startup;
using ScoranInclusion.Server.Tests.Support;

namespace ScoranInclusion.Server.Tests.Operations;

/// <summary>docs/deploiement.md stays true: every key of its table is read by the server, every setting is in the table, the unit file is valid.</summary>
public sealed partial class DeploymentGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deploiement.md"));

    /// <summary>The options classes bound from a section, by section.</summary>
    private static readonly (string Section, Type Options)[] Bound =
    [
        ("Storage", typeof(ScoranInclusion.Storage.StorageOptions)),
        ("Auth", typeof(ScoranInclusion.Workflows.Accounts.AccountOptions)),
        ("Geodata", typeof(ScoranInclusion.Geo.Territories.GeodataOptions)),
        ("GraphQL", typeof(ScoranInclusion.GraphQL.ScoranGraphQLOptions)),
        ("RateLimiting", typeof(ScoranInclusion.Server.Security.RateLimitingOptions)),
        ("Cors", typeof(ScoranInclusion.Server.Security.CorsOptions)),
        ("ForwardedHeaders", typeof(ScoranInclusion.Server.Security.TrustedProxyOptions)),
        ("Exports", typeof(ScoranInclusion.Export.ExportOptions)),
        ("Web", typeof(ScoranInclusion.Web.WebOptions)),
        ("Basemap", typeof(ScoranInclusion.Web.Basemap.BasemapOptions)),
        ("Import", typeof(ScoranInclusion.Import.Pipeline.ImportPipelineOptions)),
        ("Offers", typeof(ScoranInclusion.Workflows.Offers.OfferOptions)),
        ("Telemetry", typeof(ScoranInclusion.Server.Telemetry.TelemetryOptions)),
        ("Health", typeof(ScoranInclusion.Server.Health.HealthOptions)),
        ("Moderation", typeof(ScoranInclusion.Workflows.Moderation.ModerationOptions)),
        ("Moderation:Digest", typeof(ScoranInclusion.Workflows.Moderation.ModerationDigestOptions)),
        ("Email", typeof(ScoranInclusion.Workflows.Mail.MailOptions)),
        ("Email:Smtp", typeof(ScoranInclusion.Workflows.Mail.SmtpSettings)),
        ("Sync", typeof(ScoranInclusion.Import.Sync.SyncOptions)),
        // Sources:<name>:… is written Sources__NOM__… in the table.
        ("Sources:NOM", typeof(ScoranInclusion.Import.Sync.SourceOptions)),
        ("Freshness", typeof(ScoranInclusion.Search.FreshnessOptions)),
        ("Reminders", typeof(ScoranInclusion.Workflows.Reminders.ReminderOptions)),
    ];

    /// <summary>Keys read outside an options class (ASP.NET Core's own, the connection string).</summary>
    private static readonly string[] OtherKeys =
    [
        "ASPNETCORE_URLS", "ConnectionStrings:Scoran", "Logging:Console:FormatterName", "Logging:LogLevel:Default",
    ];

    [Fact]
    public void Every_key_of_the_table_is_read_by_the_server_and_every_setting_is_in_the_table()
    {
        var table = TableKeys();
        var bound = Bound
            .SelectMany(b => b.Options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && (p.PropertyType.IsValueType || p.PropertyType == typeof(string) || p.PropertyType.IsArray || Nullable.GetUnderlyingType(p.PropertyType) is not null))
                .Select(p => $"{b.Section}:{p.Name}"))
            .ToHashSet(StringComparer.Ordinal);
        var known = bound.Concat(OtherKeys).ToHashSet(StringComparer.Ordinal);

        Assert.True(table.Count > 40, "table introuvable");
        var unknown = table.Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "clés du tableau que le serveur ne lit pas : " + string.Join(", ", unknown));
        var missing = bound.Concat(OtherKeys).Where(k => !table.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "clés absentes du tableau : " + string.Join(", ", missing));
    }

    [Fact]
    public void The_systemd_unit_runs_the_published_server_with_settings_the_server_accepts()
    {
        var unit = IniBlocks().Single(b => b.Contains("[Service]", StringComparison.Ordinal));
        var lines = unit.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string Value(string name) => lines.Single(l => l.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

        Assert.EndsWith("/ScoranInclusion.Server.dll", Value("ExecStart"), StringComparison.Ordinal);
        Assert.Equal("SIGTERM", Value("KillSignal"));
        Assert.Equal("on-failure", Value("Restart"));
        Assert.Equal(ConfigurationChecks.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture), Value("RestartPreventExitStatus"));
        foreach (var hardening in new[] { "NoNewPrivileges=true", "ProtectSystem=strict", "PrivateTmp=true" })
        {
            Assert.Contains(hardening, lines);
        }

        var environment = lines.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(l => l["Environment=".Length..])
            .ToDictionary(e => e[..e.IndexOf('=', StringComparison.Ordinal)].Replace("__", ":", StringComparison.Ordinal), e => e[(e.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var table = TableKeys();
        var undocumented = environment.Keys.Where(k => !table.Contains(Regex.Replace(k, @":\d+$", ""))).ToList();
        Assert.True(undocumented.Count == 0, "variables du service absentes du tableau : " + string.Join(", ", undocumented));

        // The database is in the only writable folder.
        var database = environment["ConnectionStrings:Scoran"]["Data Source=".Length..];
        Assert.Equal(Value("ReadWritePaths"), Path.GetDirectoryName(database));
        Assert.Equal(Value("WorkingDirectory"), Path.GetDirectoryName(database));

        // The server accepts these values (with a database folder and the geodata of this machine).
        var settings = new Dictionary<string, string?>(environment.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))
        {
            ["ConnectionStrings:Scoran"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "scoran.db"),
            ["Geodata:Directory"] = RepoPaths.Geodata,
        };
        Assert.Empty(ConfigurationChecks.Problems(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    /// <summary>The keys of « Toutes les clés », in configuration form (<c>Section:Key</c>, lists without their index).</summary>
    private static HashSet<string> TableKeys()
    {
        var section = Guide[Guide.IndexOf("### Toutes les clés", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        return TableRow().Matches(section)
            .Select(m => Regex.Replace(m.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal), @":0$", ""))
            .ToHashSet(StringComparer.Ordinal);
    }

    private static IEnumerable<string> IniBlocks() =>
        Regex.Matches(Guide, "```ini\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^\| `([A-Za-z_]+(?:__[A-Za-z0-9_.]+)*)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
