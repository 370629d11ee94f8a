using System.ComponentModel;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Export;
using ScoranInclusion.GraphQL;
using ScoranInclusion.Server.Health;
using ScoranInclusion.Server.Security;
using ScoranInclusion.Server.Telemetry;
using ScoranInclusion.Web;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// The configuration checked before anything starts (server and command-line verbs). The rules are the options
/// classes' own (one per module, validated next to the class); this class only asks every one of them and turns what
/// they cannot say themselves (a value the binder could not even convert: « beaucoup » for a number) into the same
/// French sentence that names the key and the value, so that an operator fixes it without reading code. The server
/// prints them on stderr and exits with <see cref="ExitCode"/>; no stack trace.
/// </summary>
public static class ConfigurationChecks
{
    /// <summary>The exit code of a refused configuration (that of the verbs' usage errors; systemd's unit does not restart on it).</summary>
    public const int ExitCode = 2;

    /// <summary>How the configuration binder's message starts when a value does not convert to its property's type.</summary>
    private const string ConversionFailure = "Failed to convert configuration value";

    /// <summary>
    /// Every module's options, bound and checked, including those of the modules a verb does not run (GraphQL, pages,
    /// security, health, telemetry): a verb refuses what the server would refuse. Each module's AddX registers its own
    /// options too; registering them twice is the same as once.
    /// </summary>
    public static IServiceCollection AddScoranConfigurationChecks(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddScoranGraphQLOptions();
        services.AddScoranWebOptions();
        services.AddScoranExports();
        services.AddScoranSecurityOptions();
        services.AddScoranTelemetryOptions();
        services.AddScoranHealthOptions();
        // Read when asked, after every registration of the host.
        services.TryAddSingleton(new BoundOptions(services));
        return services;
    }

    /// <summary>Every problem of <paramref name="configuration"/> alone, in French (empty when the server can start with it).</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddConfiguration(configuration);
        builder.AddScoranCore();
        using var host = builder.Build();
        return Problems(host.Services);
    }

    /// <summary>Every problem of the options bound in <paramref name="services"/>, in French; empty when it can start.</summary>
    public static IReadOnlyList<string> Problems(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var configuration = services.GetRequiredService<IConfiguration>();
        var problems = new List<string>();
        foreach (var (type, section) in services.GetRequiredService<BoundOptions>().Types)
        {
            try
            {
                // IOptions<out T>: any options class is an IOptions<object>. Binding, then every validator of the class.
                _ = ((IOptions<object>)services.GetRequiredService(typeof(IOptions<>).MakeGenericType(type))).Value;
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith(ConversionFailure, StringComparison.Ordinal))
            {
                problems.AddRange(ConversionProblems(services, type, section, configuration, e.Message));
            }
        }

        if (problems.Count == 0)
        {
            // Anything else registered with ValidateOnStart (its own messages).
            try
            {
                services.GetService<IStartupValidator>()?.Validate();
            }
            catch (OptionsValidationException e)
            {
                problems.AddRange(e.Failures);
            }
            catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
            {
                problems.AddRange(e.InnerExceptions.OfType<OptionsValidationException>().SelectMany(i => i.Failures));
            }
        }

        return problems;
    }

    /// <summary>
    /// The server's check after <c>builder.Build()</c>, before anything is opened or created. False, with the messages
    /// on <paramref name="stderr"/>, when it must not start.
    /// </summary>
    public static bool Validate(IServiceProvider services, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var problems = Problems(services);
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
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        var problems = Problems(services);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException("Configuration", typeof(IConfiguration), problems);
        }
    }

    /// <summary>
    /// The binder stops at the first value it cannot convert: every value of the section is tried the way it does
    /// (the type's converter, invariant culture) and each one that fails is told with what its property expects. Then
    /// the class is bound again without those values (their defaults instead) and its validators tell what else is
    /// wrong, so that the operator sees every problem at once, as for the other classes.
    /// </summary>
    private static List<string> ConversionProblems(IServiceProvider services, Type type, string section, IConfiguration configuration, string message)
    {
        var problems = new List<string>();
        var unconvertible = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = section + ":" + property.Name;
            var raw = configuration[key];
            var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (raw is null || target == typeof(string) || TypeDescriptor.GetConverter(target) is not { } converter || !converter.CanConvertFrom(typeof(string)))
            {
                continue;
            }

            try
            {
                _ = converter.ConvertFromInvariantString(raw);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
            {
                problems.Add(SettingRules.Problem(key, raw, SettingRules.Explain(property)));
                unconvertible.Add(key);
            }
        }

        // Deeper values (Import:Merge:…) are found one binding at a time: the binder's message names the key.
        var options = Activator.CreateInstance(type)!;
        var validatorType = typeof(IValidateOptions<>).MakeGenericType(type);
        var validate = validatorType.GetMethod(nameof(IValidateOptions<object>.Validate))!;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            // A copy of the section without them (a key set to null would bind as 0, not as the default).
            var withoutThem = new ConfigurationBuilder()
                .AddInMemoryCollection(configuration.GetSection(section).AsEnumerable()
                    .Where(e => e.Value is not null && !unconvertible.Contains(e.Key)))
                .Build();
            try
            {
                withoutThem.GetSection(section).Bind(options);
                foreach (var validator in services.GetServices(validatorType))
                {
                    var result = (ValidateOptionsResult)validate.Invoke(validator, [Options.DefaultName, options])!;
                    if (result.Failed)
                    {
                        problems.AddRange(result.Failures);
                    }
                }

                break;
            }
            // A key not seen yet: told, then left out of the next binding.
            catch (InvalidOperationException e) when (ConvertedKey(e.Message) is { } key && unconvertible.Add(key))
            {
                problems.Add(SettingRules.Problem(key, configuration[key] ?? "",
                    NestedProperty(type, section, key) is { } nested ? SettingRules.Explain(nested) : "valeur invalide pour cette clé"));
                options = Activator.CreateInstance(type)!;
            }
            catch (InvalidOperationException)
            {
                // The same key again, or another failure: what was found is told.
                break;
            }
        }

        if (problems.Count == 0)
        {
            problems.Add(ConvertedKey(message) is { } key
                ? SettingRules.Problem(key, configuration[key] ?? "", "valeur invalide pour cette clé")
                : "Une valeur de la configuration n'a pas le bon type.");
        }

        return problems;
    }

    /// <summary>The property a deeper key names (<c>Email:Smtp:Security</c> in the class bound from <c>Email</c>), or null.</summary>
    private static PropertyInfo? NestedProperty(Type type, string section, string key)
    {
        if (!key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        PropertyInfo? property = null;
        foreach (var name in key[(section.Length + 1)..].Split(':'))
        {
            property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return null;
            }

            type = property.PropertyType;
        }

        return property;
    }

    /// <summary>The key of the binder's « Failed to convert configuration value 'x' at 'Section:Key' to type '…'. », or null for another failure.</summary>
    private static string? ConvertedKey(string message)
    {
        if (!message.StartsWith(ConversionFailure, StringComparison.Ordinal))
        {
            return null;
        }

        var start = message.IndexOf(" at '", StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 5);
        return end < 0 ? null : message[(start + 5)..end];
    }

    /// <summary>
    /// The options classes bound from a section of the configuration (<c>BindConfiguration</c> registers a change
    /// token source for each), with that section (their <c>Section</c> constant): no list to keep up to date.
    /// </summary>
    private sealed class BoundOptions(IServiceCollection services)
    {
        private IReadOnlyList<(Type Type, string Section)>? _types;

        public IReadOnlyList<(Type Type, string Section)> Types => _types ??= [.. services
            .Where(d => d.ServiceType.IsGenericType && d.ServiceType.GetGenericTypeDefinition() == typeof(IOptionsChangeTokenSource<>))
            .Select(d => d.ServiceType.GenericTypeArguments[0])
            .Distinct()
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(t => t.Section is not null && t.Type.Namespace?.StartsWith("ScoranInclusion.", StringComparison.Ordinal) == true)
            .Select(t => (t.Type, t.Section!))];
    }
}
