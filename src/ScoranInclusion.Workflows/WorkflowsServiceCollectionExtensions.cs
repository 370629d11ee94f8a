using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Search;
using ScoranInclusion.Storage;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Editing;
using ScoranInclusion.Workflows.Mail;
using ScoranInclusion.Workflows.Moderation;
using ScoranInclusion.Workflows.Offers;
using ScoranInclusion.Workflows.Reminders;
using ScoranInclusion.Workflows.Withdrawals;

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
        services.AddOptions<OfferOptions>().BindConfiguration(OfferOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OfferOptions>, OfferOptionsValidation>());
        services.AddScoped(p => new OfferStore(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<IOptions<OfferOptions>>().Value));
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AccountOptions>, AccountOptionsValidation>());
        // One throttle for the process.
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<AccountService>();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidation>());
        // One wake-up signal for the process: the sender (Server) waits on it, the workflows that write mails pull it.
        services.AddSingleton<MailOutboxSignal>();
        services.AddScoped<MailOutbox>();
        // The transport (IMailTransport, MailKit) is the host's, as the password hasher is.
        services.AddScoped<OutboxSender>();
        services.AddScoped<PlaceScopes>();
        services.AddScoped(p => new SiteEditor(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ISearchPublication>(),
            p.GetRequiredService<IOptions<FreshnessOptions>>().Value.StaleAfter));
        services.AddOptions<ModerationOptions>().BindConfiguration(ModerationOptions.Section).ValidateOnStart();
        services.AddSettingRules<ModerationOptions>(ModerationOptions.Section);
        services.AddScoped(p => new WithdrawnPlaces(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ISearchPublication>()));
        services.AddModerationMail();
        services.AddScoped(p => new ModerationQueue(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ISearchPublication>(),
            p.GetRequiredService<ModerationMails>(), p.GetRequiredService<MailOutboxSignal>()));
        services.AddScoranReminders();
        return services;
    }
}
