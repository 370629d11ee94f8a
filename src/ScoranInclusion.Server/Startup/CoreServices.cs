using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScoranInclusion.Geo.Territories;
using ScoranInclusion.Import.Pipeline;
using ScoranInclusion.Search;
using ScoranInclusion.Server.Security;
using ScoranInclusion.Storage;
using ScoranInclusion.Storage.Accounts;
using ScoranInclusion.Workflows;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Server.Startup;

/// <summary>
/// The one composition root of the services that hold and change the data, used by the web host
/// (Program.cs) and by every verb (<see cref="Cli.CliHost"/>): a verb and the server can never be
/// wired differently. What only a listening server has (GraphQL, pages, security, health) is added
/// on top by Program.cs; the options of those modules are bound here too, so that a verb refuses the
/// configuration the server would refuse (<see cref="ConfigurationChecks"/>).
/// </summary>
public static class CoreServices
{
    public static IHostApplicationBuilder AddScoranCore(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddScoranTerritories();
        services.AddScoranStorage();
        services.AddScoranSearch();
        services.AddScoranWorkflows();
        services.AddScoranImport();
        // ASP.NET Core Identity's PBKDF2 behind the workflows' interface; the hasher stays replaceable (the tests count its work).
        services.TryAddSingleton<IPasswordHasher<AccountEntity>, PasswordHasher<AccountEntity>>();
        services.AddSingleton<IPasswordHashing, IdentityPasswordHashing>();
        // MailKit behind the workflows' interface, as the hasher: the outbox decides what and when, the transport how.
        services.TryAddSingleton<IMailTransport, Mail.SmtpMailTransport>();
        // Every module's configuration, checked the same way by the server and the verbs.
        services.AddScoranConfigurationChecks();
        return builder;
    }
}
