using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;

namespace ScoranInclusion.Workflows;

public static class WorkflowsServiceCollectionExtensions
{
    /// <summary>
    /// The business workflows above the stores: offers and reservations, accounts, editing, moderation.
    /// Password hashing (<see cref="IPasswordHashing"/>) is the host's: it needs a web framework.
    /// </summary>
    public static IServiceCollection AddScoranWorkflows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OfferOptions>().BindConfiguration(OfferOptions.Section)
            .Validate(o => o.MaxSessionsPerOffer >= 1 && o.MaxSessionsPerPlace >= 1, "Offers:MaxSessionsPerOffer et Offers:MaxSessionsPerPlace doivent être au moins 1.")
            .ValidateOnStart();
        services.AddScoped(p => new OfferStore(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<IOptions<OfferOptions>>().Value));
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section)
            .Validate(o => o.TokenLifetime > TimeSpan.Zero && o.InvitationLifetime > TimeSpan.Zero, "Auth:TokenLifetime et Auth:InvitationLifetime doivent être positifs.")
            .Validate(o => o.MinPasswordLength is >= 8 and <= 128, "Auth:MinPasswordLength doit être compris entre 8 et 128.")
            .Validate(o => o.MaxFailedLogins >= 1 && o.LockoutDuration > TimeSpan.Zero, "Auth:MaxFailedLogins et Auth:LockoutDuration doivent être positifs.")
            .ValidateOnStart();
        // One throttle for the process.
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<AccountService>();
        services.AddScoped<PlaceScopes>();
        services.AddScoped(p => new SiteEditor(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ISearchPublication>()));
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section)
            .Validate(o => o.ContactRetentionDays >= 1, "Moderation:ContactRetentionDays doit être d'au moins 1 jour.")
            .ValidateOnStart();
        services.AddScoped(p => new ModerationQueue(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ISearchPublication>()));
        return services;
    }
}
