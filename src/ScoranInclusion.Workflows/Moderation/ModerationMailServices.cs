using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ScoranInclusion.Domain.Configuration;
using ScoranInclusion.Storage;
using ScoranInclusion.Workflows.Accounts;
using ScoranInclusion.Workflows.Mail;

namespace ScoranInclusion.Workflows.Moderation;

/// <summary>The moderators' daily digest (<c>Moderation:Digest:*</c>), run by the server once a day across replicas.</summary>
public sealed class ModerationDigestOptions
{
    public const string Section = "Moderation:Digest";

    /// <summary>False: no digest is written (the decisions' mails still go).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The hour (Paris time, 0 to 23) from which the day's digest goes out.</summary>
    [Between(0, 23)]
    public int Hour { get; set; } = 7;
}

public static class ModerationMailServices
{
    /// <summary>The moderation's mails (<see cref="ModerationMails"/>) and the digest (<see cref="ModerationDigest"/>).</summary>
    public static IServiceCollection AddModerationMail(this IServiceCollection services)
    {
        services.AddOptions<ModerationDigestOptions>().BindConfiguration(ModerationDigestOptions.Section).ValidateOnStart();
        services.AddSettingRules<ModerationDigestOptions>(ModerationDigestOptions.Section);
        services.TryAddSingleton(p => new ModerationMails(p.GetService<IOptions<MailOptions>>(), p.GetService<IOptions<AccountOptions>>()));
        services.TryAddScoped(p => new ModerationDigest(p.GetRequiredService<ScoranDbContext>(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ModerationMails>()));
        return services;
    }
}
